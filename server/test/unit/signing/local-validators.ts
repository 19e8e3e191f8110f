/**
 * Minimal checks of a signed output with the validators installed on the machine (pdfsig, qpdf,
 * openssl), kept local to these tests; the full reusable checker lives in test/helpers.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { SignatureReport } from '../../../src/signing';
import { tempDir } from '../../support/temp-dir';

export interface ValidatorResults {
  pdfsigValid: number;
  totalDocumentSigned: boolean;
  qpdfStatus: number | null;
  opensslStatus: number | null;
  opensslError: string;
}

/** Runs pdfsig, qpdf and openssl cms -verify -cades on a signed file. */
export function validate(pdf: Buffer, report: SignatureReport, caPem: string): ValidatorResults {
  const dir = tempDir('eseal-sign-');
  const file = join(dir, 'signed.pdf');
  writeFileSync(file, pdf);
  writeFileSync(join(dir, 'ca.pem'), caPem);
  writeFileSync(join(dir, 'sig.der'), signatureDer(pdf, report));
  writeFileSync(join(dir, 'ranges.bin'), signedRanges(pdf, report));
  const pdfsig = spawnSync('pdfsig', ['-nocert', file]).stdout.toString();
  const qpdf = spawnSync('qpdf', ['--check', file]);
  const openssl = spawnSync('openssl', [
    ...['cms', '-verify', '-binary', '-inform', 'DER', '-cades', '-purpose', 'any'],
    ...['-in', join(dir, 'sig.der'), '-content', join(dir, 'ranges.bin')],
    ...['-CAfile', join(dir, 'ca.pem'), '-out', join(dir, 'content.out')],
  ]);

  return {
    pdfsigValid: (pdfsig.match(/Signature is Valid\./g) ?? []).length,
    totalDocumentSigned: pdfsig.includes('Total document signed'),
    qpdfStatus: qpdf.status,
    opensslStatus: openssl.status,
    opensslError: openssl.stderr.toString(),
  };
}

/** The DER CMS inside the /Contents hole, without its zero padding (length from the header). */
export function signatureDer(pdf: Buffer, report: SignatureReport): Buffer {
  const [, holeStart, holeEnd] = report.byteRange;
  const bytes = Buffer.from(pdf.subarray(holeStart + 1, holeEnd - 1).toString('latin1'), 'hex');

  return bytes.subarray(0, 4 + bytes.readUInt16BE(2));
}

export function signedRanges(pdf: Buffer, report: SignatureReport): Buffer {
  const [a, b, c, d] = report.byteRange;

  return Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
}
