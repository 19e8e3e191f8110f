import { createHash } from 'node:crypto';

import { PdfError, signPdf } from '../../../src/signing';
import type { SignPdfInput } from '../../../src/signing';
import { buildPdf } from '../../fixtures/pdf-fixtures';
import type { FixtureOptions } from '../../fixtures/pdf-fixtures';
import { sealPng } from '../../fixtures/seal-png';
import { createTestPki } from '../../fixtures/test-pki';
import type { TestKeyType } from '../../fixtures/test-pki';
import { validate } from './local-validators';

const pkis = {
  rsa: createTestPki('rsa'),
  p256: createTestPki('p256'),
  p384: createTestPki('p384'),
};
const png = sealPng();

function input(
  pdf: Buffer,
  keyType: TestKeyType = 'rsa',
  extra: Partial<SignPdfInput> = {},
): SignPdfInput {
  return {
    pdf,
    signer: pkis[keyType].signer,
    appearance: { png, width: 119.06, height: 119.06 },
    placement: { page: 1, x: 150, y: 150 },
    signingTime: new Date('2025-03-01T10:20:30Z'),
    signerName: 'Test Seal',
    reason: 'Approved',
    location: '北京',
    ...extra,
  };
}

const variants: [string, FixtureOptions][] = [
  ['a classic xref table', {}],
  ['an xref stream with object streams', { xref: 'stream', objectStreams: true }],
  ['a hybrid file (/XRefStm)', { xref: 'hybrid', objectStreams: true }],
  [
    'a linearized-like file whose startxref names the first section',
    { linearizedLike: true, pages: [{}, {}] },
  ],
  ['a file with two incremental revisions', { revisions: 2 }],
  [
    'an xref-stream file with incremental revisions',
    { xref: 'stream', objectStreams: true, revisions: 2 },
  ],
  ['a file with bytes before its header', { junkBeforeHeader: 'junk before the header\n' }],
  ['a page inheriting its MediaBox', { inheritMediaBox: true }],
];

describe('signPdf', () => {
  it.each(variants)('signs %s so that pdfsig, qpdf and openssl accept it', async (_, options) => {
    const pdf = buildPdf(options);
    const { pdf: signed, report } = await signPdf(input(pdf));
    const results = validate(signed, report, pkis.rsa.caPem);

    // Bytes before the header are cut off: validators disagree on offsets in such files.
    const start = pdf.indexOf('%PDF-');
    expect(signed.subarray(0, pdf.length - start).equals(pdf.subarray(start))).toBe(true);
    expect(report.rewritten).toBe(start > 0);
    expect(results).toMatchObject({
      pdfsigValid: 1,
      totalDocumentSigned: true,
      qpdfStatus: 0,
      opensslStatus: 0,
    });
  });

  it.each(['p256', 'p384'] as const)('signs with an EC %s key', async (keyType) => {
    const { pdf, report } = await signPdf(input(buildPdf({ xref: 'stream' }), keyType));

    expect(validate(pdf, report, pkis[keyType].caPem)).toMatchObject({
      pdfsigValid: 1,
      opensslStatus: 0,
    });
  });

  it('leaves a hole exactly from "<" to ">" of /Contents and covers the rest of the file', async () => {
    const { pdf, report } = await signPdf(input(buildPdf()));
    const [start, length, holeEnd, rest] = report.byteRange;

    expect([start, holeEnd + rest]).toEqual([0, pdf.length]);
    expect(pdf.subarray(length - '/Contents '.length, length + 1).toString()).toBe('/Contents <');
    expect(String.fromCharCode(pdf[holeEnd - 1])).toBe('>');
    expect(pdf.subarray(length + 1, holeEnd - 1).toString()).toMatch(/^[0-9a-f]+$/);
  });

  it("returns the input untouched and the update apart, with the whole file's SHA-256", async () => {
    const pdf = buildPdf();
    const result = await signPdf(input(pdf));

    expect(result.original).toBe(pdf);
    expect(Buffer.concat([result.original, result.appended]).equals(result.pdf)).toBe(true);
    expect(result.sha256).toBe(createHash('sha256').update(result.pdf).digest('hex'));
  });

  it('writes an xref stream after an xref stream and a table after a table', async () => {
    const afterStream = await appendedSection(buildPdf({ xref: 'stream' }));
    const afterTable = await appendedSection(buildPdf());

    expect(afterStream).toMatch(/\/Type \/XRef/);
    expect(afterStream).not.toMatch(/^xref$/m);
    expect(afterTable).toMatch(/^xref$/m);
    expect(afterTable).not.toMatch(/\/Type \/XRef/);
  });

  it('keeps the first /ID element, sets /Prev and never copies /XRefStm', async () => {
    const pdf = buildPdf({ xref: 'hybrid', objectStreams: true });
    const signed = (await signPdf(input(pdf))).pdf.toString('latin1');
    const trailer = signed.slice(signed.lastIndexOf('trailer'));
    const lastStartxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.toString('latin1'))![1];

    expect(trailer).toMatch(/\/ID \[ <[0-9A-F]{32}> <[0-9A-F]{32}> \]/);
    expect(trailer).toContain(`/Prev ${lastStartxref}`);
    expect(trailer).not.toContain('/XRefStm');
  });

  it('signs a document twice, keeping the first signature valid', async () => {
    const once = await signPdf(input(buildPdf()));
    const twice = await signPdf(input(once.pdf));

    expect(twice.report.fieldName).toBe('Seal2');
    expect(validate(twice.pdf, twice.report, pkis.rsa.caPem)).toMatchObject({
      pdfsigValid: 2,
      qpdfStatus: 0,
    });
  });

  it('names the field after the first free SealN', async () => {
    const { report } = await signPdf(input(buildPdf({ fieldNames: ['Seal1', 'Seal2'] })));

    expect(report.fieldName).toBe('Seal3');
  });

  it('refuses a field name already in the document', async () => {
    const pdf = buildPdf({ fieldNames: ['Approval'] });

    await expect(signPdf(input(pdf, 'rsa', { fieldName: 'Approval' }))).rejects.toMatchObject({
      code: 'DUPLICATE_FIELD',
    });
  });

  it('refuses a page number beyond the document with PAGE_OUT_OF_RANGE', async () => {
    const pdf = buildPdf({ pages: [{}, {}] });
    const placement = { page: 3, x: 100, y: 100 };

    await expect(signPdf(input(pdf, 'rsa', { placement }))).rejects.toMatchObject({
      code: 'PAGE_OUT_OF_RANGE',
    });
  });

  it('refuses a file that is not a PDF with INVALID_PDF', async () => {
    await expect(signPdf(input(Buffer.from('oops\n')))).rejects.toBeInstanceOf(PdfError);
    await expect(signPdf(input(Buffer.from('oops\n')))).rejects.toMatchObject({
      code: 'INVALID_PDF',
    });
  });

  it('refuses a page tree that loops back on itself', async () => {
    const pdf = Buffer.from(
      buildPdf({ pages: [{}, {}] })
        .toString('latin1')
        .replace('/Kids [10 0 R 12 0 R]', '/Kids [10 0 R 2 0 R]'),
      'latin1',
    );

    await expect(
      signPdf(input(pdf, 'rsa', { placement: { page: 2, x: 100, y: 100 } })),
    ).rejects.toMatchObject({
      code: 'INVALID_PDF',
    });
  });
});

/** The bytes the signer appended to the input. */
async function appendedSection(pdf: Buffer): Promise<string> {
  const { pdf: signed } = await signPdf(input(pdf));

  return signed.subarray(pdf.length).toString('latin1');
}
