import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import signpdf from '@signpdf/signpdf';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';

import { signCades, type CadesTestSignerFaults } from '../../helpers/cades-test-signer';
import { appendSignatureField, fillSignature } from '../../helpers/signature-field-update';
import {
  byteRangeFailures,
  expectValidSignedPdf,
  findSignatures,
  runPdfsig,
  signedAttributeFailures,
  signedBytesOf,
  type SealPlacement,
} from '../../helpers/signed-pdf-checks';
import { createTestPki, type TestPki } from '../../helpers/test-pki';

const CORPUS = join(__dirname, '../../../../../shared/corpus');
const SEAL: SealPlacement = { page: 1, x: 400, y: 300, width: 120, height: 80 };

let pki: TestPki;
let input: Buffer;

beforeAll(async () => {
  pki = createTestPki();
  input = await makeInput();
});

/** A one-page A4 document with black text, written by pdf-lib with a classic xref table. */
async function makeInput(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Contract to be sealed', { x: 72, y: 760, size: 18, font, color: rgb(0, 0, 0) });

  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

async function sealWithCades(pdf: Buffer, fieldName = 'Seal1', faults: CadesTestSignerFaults = {}) {
  const prepared = await appendSignatureField(pdf, { fieldName, seal: SEAL });

  return fillSignature(prepared, (signedBytes) => signCades(pki, signedBytes, faults));
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof Error)) throw new Error('expected the checks to reject the file');

  return error.message;
}

describe('expectValidSignedPdf on known-good files', () => {
  it('accepts a PAdES seal appended by an incremental update', async () => {
    const output = await sealWithCades(input);

    const report = await expectValidSignedPdf({ input, output, caPem: pki.caPem, seal: SEAL });

    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({
      fieldName: 'Seal1',
      subFilter: 'ETSI.CAdES.detached',
    });
    expect(report.validatorsSkipped).toEqual([]);
  });

  it('accepts two seals added at once, the first ending at the %%EOF of its revision', async () => {
    const once = await sealWithCades(input, 'Seal1');
    const output = await sealWithCades(once, 'Seal2');

    const report = await expectValidSignedPdf({
      input,
      output,
      caPem: pki.caPem,
      newSignatures: 2,
    });

    const [first, second] = report.signatures;
    expect(first.byteRange[2] + first.byteRange[3]).toBe(once.length);
    expect(second.byteRange[2] + second.byteRange[3]).toBe(output.length);
  });

  it('accepts an adbe.pkcs7.detached signature from @signpdf only with PAdES rules relaxed', async () => {
    const prepared = await appendSignatureField(input, {
      fieldName: 'Seal1',
      seal: SEAL,
      subFilter: 'adbe.pkcs7.detached',
    });
    const signer = new P12Signer(pki.p12, { passphrase: pki.p12Password });
    const output = await signpdf.sign(prepared, signer);

    await expect(
      expectValidSignedPdf({ input, output, caPem: pki.caPem, seal: SEAL, pades: false }),
    ).resolves.toBeDefined();
    const strict = await rejection(expectValidSignedPdf({ input, output, caPem: pki.caPem }));
    expect(strict).toContain('[6 signed attributes] obj');
    expect(strict).toContain('lack signing-certificate-v2');
    expect(strict).toContain('[7 PAdES]');
  });

  it('finds a valid whole-document signature in the @signpdf pdf-lib placeholder flow', async () => {
    const doc = await PDFDocument.load(input);
    pdflibAddPlaceholder({
      pdfDoc: doc,
      reason: 'test',
      contactInfo: '',
      name: 'test',
      location: '',
    });
    const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
    const signer = new P12Signer(pki.p12, { passphrase: pki.p12Password });
    const output = await signpdf.sign(prepared, signer);
    const dir = await mkdtemp(join(tmpdir(), 'signpdf-'));

    try {
      const signatures = findSignatures(output);
      await writeFile(join(dir, 'signed.pdf'), output);
      const pdfsig = await runPdfsig(join(dir, 'signed.pdf'));

      expect(signatures).toHaveLength(1);
      expect(byteRangeFailures(output, signatures)).toEqual([]);
      const rules = { requireSigningCertificate: false, forbidSigningTime: false };
      const signedBytes = signedBytesOf(output, signatures[0]);
      expect(signedAttributeFailures(signatures[0].cmsDer, signedBytes, rules)).toEqual([]);
      expect(pdfsig.entries).toMatchObject([
        { validation: 'Signature is Valid.', totalDocumentSigned: true },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('expectValidSignedPdf on damaged files', () => {
  it('rejects a byte flipped inside the first signed range through pdfsig and openssl', async () => {
    const output = await sealWithCades(input);
    const flipped = Buffer.from(output);
    const producer = flipped.indexOf('/Producer');
    flipped[producer + 20] ^= 0x01;

    const message = await rejection(
      expectValidSignedPdf({ input, output: flipped, caPem: pki.caPem }),
    );

    expect(message).toContain('[4 pdfsig]');
    expect(message).toContain('Digest Mismatch.');
    expect(message).toContain('[5 openssl cms -verify]');
  });

  it('rejects a truncated file', async () => {
    const output = await sealWithCades(input);

    const truncated = output.subarray(0, output.length - 40);
    const message = await rejection(
      expectValidSignedPdf({ input, output: truncated, caPem: pki.caPem }),
    );

    expect(message).toMatch(/\[3 byte ranges\].*ends at \d+, the file at \d+/);
  });

  it('rejects a ByteRange with a gap that pdfsig calls valid', async () => {
    const prepared = await appendSignatureField(input, { fieldName: 'Seal1', seal: SEAL });
    const output = await fillSignature(prepared, (bytes) => signCades(pki, bytes), {
      gapBeforeContents: 4,
    });
    const dir = await mkdtemp(join(tmpdir(), 'gap-'));
    await writeFile(join(dir, 'gap.pdf'), output);
    const pdfsig = await runPdfsig(join(dir, 'gap.pdf')).finally(() =>
      rm(dir, { recursive: true }),
    );

    const message = await rejection(expectValidSignedPdf({ input, output, caPem: pki.caPem }));

    expect(pdfsig.entries[0].validation).toBe('Signature is Valid.');
    expect(message).toMatch(/\[3 byte ranges\].*first range ends at \d+, \/Contents '<' is at/);
  });

  it('rejects signed attributes out of DER order, which openssl and pdfsig accept', async () => {
    const output = await sealWithCades(input, 'Seal1', { unsorted: true });

    const message = await rejection(expectValidSignedPdf({ input, output, caPem: pki.caPem }));

    expect(message).toContain('signed attributes are not in DER order');
    expect(message).not.toContain('[4 pdfsig]');
    expect(message).not.toContain('[5 openssl');
  });

  it('rejects signing-time under ETSI.CAdES.detached', async () => {
    const output = await sealWithCades(input, 'Seal1', { signingTime: new Date() });

    const message = await rejection(expectValidSignedPdf({ input, output, caPem: pki.caPem }));

    expect(message).toContain('signing-time is a signed attribute');
  });

  it('rejects a PAdES signature without signing-certificate-v2, as openssl -cades does', async () => {
    const output = await sealWithCades(input, 'Seal1', { withoutSigningCertificate: true });

    const message = await rejection(expectValidSignedPdf({ input, output, caPem: pki.caPem }));

    expect(message).toContain('lack signing-certificate-v2');
    expect(message).toContain('[5 openssl cms -verify]');
  });

  it('rejects a seal drawn away from where it was asked', async () => {
    const output = await sealWithCades(input);
    const elsewhere = { ...SEAL, x: SEAL.x - 40 };

    const message = await rejection(expectValidSignedPdf({ input, output, seal: elsewhere }));

    expect(message).toMatch(
      /\[10 seal placement\] seal centred at \(400\.0, 300\.0\), expected \(360, 300\)/,
    );
  });

  it('rejects a signature that a CA other than the given one issued', async () => {
    const output = await sealWithCades(input);

    const message = await rejection(
      expectValidSignedPdf({ input, output, caPem: createTestPki().caPem }),
    );

    expect(message).toContain('[5 openssl cms -verify]');
  });
});

describe('expectValidSignedPdf without validators installed', () => {
  const path = process.env.PATH;
  const required = process.env.REQUIRE_VALIDATORS;
  afterEach(() => {
    process.env.PATH = path;
    process.env.REQUIRE_VALIDATORS = required;
  });

  it('skips them with a warning, or refuses when REQUIRE_VALIDATORS=1', async () => {
    const output = await sealWithCades(input);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    process.env.PATH = '/nonexistent';
    process.env.REQUIRE_VALIDATORS = '0';

    const report = await expectValidSignedPdf({ input, output, seal: SEAL });
    process.env.REQUIRE_VALIDATORS = '1';
    const refusal = await rejection(expectValidSignedPdf({ input, output }));
    const warnings = warn.mock.calls.map(([message]) => String(message));
    warn.mockRestore();

    expect(report.validatorsSkipped).toEqual(['qpdf', 'pdfsig', 'mutool', 'openssl', 'pdftoppm']);
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toMatch(/^signed-pdf-checks: qpdf is not installed/);
    expect(refusal).toContain('REQUIRE_VALIDATORS=1 demands every validator');
  });
});

const corpusFile = join(CORPUS, 'pyhanko-minimal-signed-twice-no-sig-type.pdf');
const corpusIt = existsSync(corpusFile) ? it : it.skip;
if (!existsSync(corpusFile)) console.warn(`skipping corpus test: ${corpusFile} is absent`);

describe('findSignatures on the shared corpus', () => {
  corpusIt('parses both signatures of pyhanko-minimal-signed-twice-no-sig-type.pdf', async () => {
    const pdf = await readFile(corpusFile);

    const signatures = findSignatures(pdf);

    expect(signatures.map((signature) => signature.byteRange)).toEqual([
      [0, 1641, 9703, 1054],
      [0, 12236, 20298, 494],
    ]);
    expect(signatures.map((signature) => signature.fieldName)).toEqual(['Sig1', 'Sig2']);
    expect(signatures.map((signature) => signature.subFilter)).toEqual([
      'ETSI.CAdES.detached',
      'ETSI.CAdES.detached',
    ]);
    expect(byteRangeFailures(pdf, signatures)).toEqual([]);
    expect(signatures[0].cmsDer[0]).toBe(0x30);
  });
});
