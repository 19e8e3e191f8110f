/** Shared inputs for the verifier tests: signed fixtures, CRLs, tampering. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PDFRef } from 'pdf-lib';

import { buildCadesDetached, signPdf } from '../../../src/signing';
import { digestRanges } from '../../../src/signing/byte-range';
import type { SignPdfInput } from '../../../src/signing';
import { IncrementalUpdate } from '../../../src/signing/incremental-writer';
import { PdfReader } from '../../../src/signing/pdf-reader';
import { buildPdf } from '../../fixtures/pdf-fixtures';
import { sealPng } from '../../fixtures/seal-png';
import { createTestPki } from '../../fixtures/test-pki';
import type { TestPki } from '../../fixtures/test-pki';
import { expectValidSignedPdf, runPdfsig } from '../../helpers/signed-pdf-checks';
import { buildCrl } from '../../helpers/test-crl';

export const pki = createTestPki('rsa');
const png = sealPng();
const HOUR = 3_600_000;

/** Signs `pdf` one hour ago (inside the test certificate's validity) and checks the output. */
export async function signChecked(pdf: Buffer, extra: Partial<SignPdfInput> = {}): Promise<Buffer> {
  const { pdf: signed } = await signPdf({
    pdf,
    signer: pki.signer,
    appearance: { png, width: 119.06, height: 119.06 },
    placement: { page: 1, x: 150, y: 150 },
    signingTime: new Date(Date.now() - HOUR),
    signerName: 'Test Seal',
    reason: 'Approved',
    location: 'Paris',
    ...extra,
  });
  await expectValidSignedPdf({ input: pdf, output: signed, caPem: pki.caPem });

  return signed;
}

export async function signedFixture(): Promise<Buffer> {
  return signChecked(buildPdf());
}

/** A CRL of the test CA, issued now, listing the given revocations of the signer. */
export function crlOf(authority: TestPki, revokedAt?: Date): Buffer {
  const now = Date.now();

  return buildCrl({
    issuerCertificate: authority.caDer,
    issuerKey: authority.caKey,
    thisUpdate: new Date(now - 60_000),
    nextUpdate: new Date(now + 24 * HOUR),
    revoked: revokedAt ? [{ certificate: authority.signer.certificates[0], date: revokedAt }] : [],
  });
}

export function hoursAgo(hours: number): Date {
  return new Date(Date.now() - hours * HOUR);
}

/** Appends an incremental update that rewrites page 1's content stream (object 11 in fixtures). */
export function rewritePageContent(pdf: Buffer): Buffer {
  const reader = PdfReader.open(pdf);
  const update = new IncrementalUpdate(reader);
  update.put(PDFRef.of(11, 0), reader.context.stream('BT /F1 24 Tf 72 720 Td (Forged) Tj ET'));

  return Buffer.concat([pdf, update.write('forgery').section]);
}

/** Appends an incremental update that rewrites the document information dictionary (object 3). */
export function rewriteInfo(pdf: Buffer): Buffer {
  const reader = PdfReader.open(pdf);
  const update = new IncrementalUpdate(reader);
  update.put(PDFRef.of(3, 0), reader.context.obj({ Producer: 'someone else' }));

  return Buffer.concat([pdf, update.write('info').section]);
}

/**
 * Widens the hole of the (only) signature by `extra` bytes past its ">" and signs the new ranges
 * again, the way an attacker would hide unsigned bytes: the CMS is valid over what the ranges
 * say, so pdfsig reports the signature valid.
 */
export function signWithGap(pdf: Buffer, extra: number): Buffer {
  const text = pdf.toString('latin1');
  const at = text.lastIndexOf('/ByteRange [');
  const close = text.indexOf(']', at);
  const [a, b, c, d] = text
    .slice(at + 12, close)
    .trim()
    .split(/\s+/)
    .map(Number);
  const forged = Buffer.from(pdf);
  const range = `[${a} ${b} ${c + extra} ${d - extra}]`;
  forged.write(range.padEnd(close + 1 - (at + 11), ' '), at + 11, 'latin1');
  const digest = digestRanges(forged, [a, b, c + extra, d - extra]);
  const cms = buildCadesDetached({ digest, signer: pki.signer });
  forged.fill('0', b + 1, c - 1);
  forged.write(cms.toString('hex'), b + 1, 'latin1');

  return forged;
}

/** Runs pdfsig on a buffer and returns its validation lines. */
export async function pdfsigVerdicts(pdf: Buffer): Promise<(string | undefined)[]> {
  const dir = await mkdtemp(join(tmpdir(), 'verify-'));
  try {
    await writeFile(join(dir, 'file.pdf'), pdf);
    const report = await runPdfsig(join(dir, 'file.pdf'));

    return report.entries.map((entry) => entry.validation);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
