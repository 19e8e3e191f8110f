import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';

import { issueCrl } from '../../../src/pki/crl';
import { signPdf } from '../../../src/signing';
import { timestampDocument } from '../../../src/signing/document-timestamp';
import { addValidationData } from '../../../src/signing/validation-data';
import { buildPdf } from '../../fixtures/pdf-fixtures';
import { sealPng } from '../../fixtures/seal-png';
import { createTestPki } from '../../fixtures/test-pki';
import { createTestTsa } from '../../fixtures/tsa-pki';
import { expectValidSignedPdf, findSignatures, runPdfsig } from '../../helpers/signed-pdf-checks';

const pki = createTestPki('rsa');
const tsa = createTestTsa();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();
const stamp = (digest: Buffer) =>
  Promise.resolve(
    tsa.authority.issue({ imprint: { hash: 'sha256', hashedMessage: digest }, certReq: true }),
  );
const crl = issueCrl({
  issuerCertificate: tsa.rootDer,
  issuerKey: tsa.rootKey,
  thisUpdate: new Date(),
  nextUpdate: new Date(Date.now() + 86_400_000),
  crlNumber: 1,
  revoked: [],
});
const validationData = {
  certificates: [...pki.signer.certificates, tsa.tsaDer, tsa.rootDer],
  crls: [crl],
};

async function signedBt(pdf = buildPdf(), fieldName?: string): Promise<Buffer> {
  const { pdf: signed } = await signPdf({
    pdf,
    signer: pki.signer,
    appearance: { png: sealPng(), width: 119.06, height: 119.06 },
    placement: { page: 1, x: 150, y: 150 },
    signingTime: new Date('2025-03-01T10:20:30Z'),
    fieldName,
    timestamp: (value) => stamp(sha256(value)),
  });

  return signed;
}

/** The final /DSS as a reader sees it: decoded stream bytes per category and the VRI keys. */
async function dssOf(pdf: Buffer) {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const dss = doc.catalog.lookup(PDFName.of('DSS'), PDFDict);
  const streams = (key: string) =>
    (dss.lookupMaybe(PDFName.of(key), PDFArray)?.asArray() ?? []).map((ref) =>
      Buffer.from((doc.context.lookup(ref) as PDFRawStream).contents),
    );
  const vri = dss.lookup(PDFName.of('VRI'), PDFDict);

  return {
    certs: streams('Certs'),
    crls: streams('CRLs'),
    vri: new Map(
      vri.entries().map(([key, value]) => [key.decodeText(), doc.context.lookup(value, PDFDict)]),
    ),
  };
}

/** The VRI key of a signature: upper-case hex SHA-1 of its whole /Contents value. */
function vriKey(pdf: Buffer, contentsStart: number, contentsEnd: number): string {
  const hex = pdf.subarray(contentsStart + 1, contentsEnd - 1).toString('latin1');

  return createHash('sha1').update(Buffer.from(hex, 'hex')).digest('hex').toUpperCase();
}

describe('PAdES B-LT: addValidationData', () => {
  it('appends a DSS with the certificates, the CRL and a VRI entry, and the signature stays valid', async () => {
    const bt = await signedBt();
    const lt = addValidationData(bt, validationData);
    const dss = await dssOf(lt);
    const [signature] = findSignatures(lt);

    expect(dss.certs).toHaveLength(4);
    expect(dss.crls).toEqual([crl]);
    expect([...dss.vri.keys()]).toEqual([
      vriKey(lt, signature.contentsStart, signature.contentsEnd),
    ]);
    expect(
      dss.vri
        .get([...dss.vri.keys()][0])!
        .lookup(PDFName.of('Cert'), PDFArray)
        .size(),
    ).toBe(4);
    await expectValidSignedPdf({
      ...{ input: bt, output: lt, newSignatures: 0, endsWithValidationData: true },
      ...{ caPem: pki.caPem, tsaCaPem: tsa.rootPem },
    });
  });

  it('merges with an existing DSS without storing an item twice', async () => {
    const once = addValidationData(await signedBt(), {
      certificates: pki.signer.certificates,
      crls: [],
    });
    const second = await signedBt(once, 'Seal2');
    const twice = addValidationData(second, validationData);
    const dss = await dssOf(twice);

    expect(dss.certs).toHaveLength(4);
    expect(dss.crls).toHaveLength(1);
    expect(dss.vri.size).toBe(2);
    await expectValidSignedPdf({
      ...{ input: second, output: twice, newSignatures: 0, endsWithValidationData: true },
      ...{ caPem: pki.caPem, tsaCaPem: tsa.rootPem },
    });
  });
});

describe('PAdES B-LTA: timestampDocument', () => {
  it('appends a document time-stamp over the whole file, DSS included, that openssl ts verifies', async () => {
    const lt = addValidationData(await signedBt(), validationData);
    const { pdf: lta, report } = await timestampDocument(lt, stamp);

    expect(report.level).toBe('B-LTA');
    expect(report.fieldName).toBe('DocTimeStamp1');
    await expectValidSignedPdf({ input: lt, output: lta, caPem: pki.caPem, tsaCaPem: tsa.rootPem });
  });

  it('is listed by pdfsig as a signature of unknown type (a known quirk)', async () => {
    const { pdf } = await timestampDocument(await signedBt(), stamp);
    const dir = await mkdtemp(join(tmpdir(), 'lta-'));
    try {
      await writeFile(join(dir, 'lta.pdf'), pdf);
      const { entries } = await runPdfsig(join(dir, 'lta.pdf'));

      expect(entries.map((entry) => entry.signatureType)).toEqual([
        'ETSI.CAdES.detached',
        'unknown',
      ]);
      expect(entries[1].totalDocumentSigned).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports B-T for a document time-stamp without a DSS before it', async () => {
    const { report } = await timestampDocument(buildPdf(), stamp);

    expect(report.level).toBe('B-T');
  });

  it('surfaces a TSA failure and returns nothing', async () => {
    const failing = () => Promise.reject(new Error('TSA down'));

    await expect(timestampDocument(buildPdf(), failing)).rejects.toThrow('TSA down');
  });
});
