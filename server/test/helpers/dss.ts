import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';

import { runTool } from './external-tool';

/** The decoded streams of a document's /DSS (ETSI EN 319 142-1 5.4), read with pdf-lib. */
export interface DssContents {
  certs: Buffer[];
  crls: Buffer[];
  ocsps: Buffer[];
}

export async function readDss(pdf: Buffer): Promise<DssContents> {
  const doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false });
  const dss = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
  if (!dss) throw new Error('the catalog has no /DSS');
  const streams = (key: string): Buffer[] => {
    const array = dss.lookupMaybe(PDFName.of(key), PDFArray);

    return (array?.asArray() ?? []).map((ref) => {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) throw new Error(`/DSS /${key} holds a non-stream`);

      return Buffer.from(decodePDFRawStream(stream).decode());
    });
  };

  return { certs: streams('Certs'), crls: streams('CRLs'), ocsps: streams('OCSPs') };
}

/**
 * The DSS holds the platform OCSP responder's answer about the signer (the first of /Certs),
 * which `openssl ocsp` verifies against `caPem` and reads as "good".
 */
export async function expectOcspGoodInDss(pdf: Buffer, caPem: string): Promise<void> {
  const dss = await readDss(pdf);
  expect(dss.ocsps).toHaveLength(1);
  expect(dss.crls.length).toBeGreaterThan(0);
  const signer = new X509Certificate(dss.certs[0]);
  const dir = await mkdtemp(join(tmpdir(), 'dss-'));
  try {
    await writeFile(join(dir, 'ca.pem'), caPem);
    await writeFile(join(dir, 'response.der'), dss.ocsps[0]);
    const files = ['-respin', join(dir, 'response.der'), '-CAfile', join(dir, 'ca.pem')];
    const result = await runTool('openssl', ['ocsp', ...files, '-resp_text']);

    expect(result.stderr).toContain('Response verify OK');
    expect(result.stdout).toContain('Cert Status: good');
    expect(result.stdout).toContain(`Serial Number: ${signer.serialNumber}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
