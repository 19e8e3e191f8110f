import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { outputOf, runTool } from './external-tool';
import { findSignatures, type ParsedSignature } from './pdf-signatures';

/** A decrypted copy of an encrypted output, and its signatures matched to the original's. */
export interface DecryptedCopy {
  pdf: Buffer;
  /** The same signature in the copy, found by its /ByteRange (which qpdf copies unchanged). */
  counterpart(signature: ParsedSignature): ParsedSignature | undefined;
}

/**
 * pdf-lib reads an encrypted file's dictionaries but not its encrypted object streams, so the
 * structural checks (CHECKS.md 8–9) of an encrypted output run on a copy that qpdf decrypted.
 * qpdf may renumber objects in the copy, hence the matching by /ByteRange.
 */
export async function decryptedCopy(
  outputFile: string,
  password: string,
  dir: string,
): Promise<DecryptedCopy> {
  const copyFile = join(dir, 'decrypted.pdf');
  const args = ['--decrypt', `--password=${password}`, '--object-streams=disable'];
  const result = await runTool('qpdf', [...args, outputFile, copyFile]);
  if (result.exitCode === 2) throw new Error(`qpdf --decrypt failed: ${outputOf(result)}`);
  const pdf = await readFile(copyFile);
  // qpdf exempts only /Type /Sig dictionaries from decryption, so in the copy a document
  // time-stamp's /Contents (never encrypted, ISO 32000-2 7.6.2) comes out as garbage: the copy
  // serves for structure and widgets, its signature containers are not read.
  const signatures = findSignatures(pdf, { readCms: false });
  const key = (signature: ParsedSignature) => signature.byteRange.join(' ');

  return {
    pdf,
    counterpart: (signature) => signatures.find((other) => key(other) === key(signature)),
  };
}
