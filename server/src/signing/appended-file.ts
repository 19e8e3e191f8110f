import { createHash, type Hash } from 'node:crypto';

import { byteRangeAround, embedSignature, patchByteRange } from './byte-range';
import type { ByteRange } from './byte-range';
import type { SignatureReport, SignPdfResult } from './sign-pdf';
import type { SignaturePlaceholder } from './signature-dictionary';

/**
 * A signed file while it is made: the original bytes, left where they are, and the incremental
 * update that will follow them, which holds the signature dictionary and its /Contents hole.
 * Offsets into the update are relative to its start; the byte range is in file offsets.
 */
export class AppendedFile {
  private hole?: { at: number; length: number };

  constructor(
    readonly original: Buffer,
    readonly appended: Buffer,
  ) {}

  get length(): number {
    return this.original.length + this.appended.length;
  }

  /** Fixes /ByteRange around the /Contents of the dictionary written at `dictionaryAt`. */
  reserveHole(dictionaryAt: number, placeholder: SignaturePlaceholder): ByteRange {
    this.hole = { at: dictionaryAt + placeholder.contentsAt, length: placeholder.contentsLength };
    const range = byteRangeAround(
      this.original.length + this.hole.at,
      this.hole.length,
      this.length,
    );
    const rangeAt = dictionaryAt + placeholder.byteRangeAt;
    patchByteRange(this.appended, rangeAt, placeholder.byteRangeWidth, range);

    return range;
  }

  /**
   * SHA-256 of the signed ranges, and the whole file's hash started over the same original
   * bytes (it is still to be fed the update, once the signature is embedded).
   */
  digestRanges(): { digest: Buffer; wholeFile: Hash } {
    const hole = this.holeOrFail();
    const signed = createHash('sha256').update(this.original);
    const wholeFile = signed.copy();
    signed.update(this.appended.subarray(0, hole.at));
    signed.update(this.appended.subarray(hole.at + hole.length));

    return { digest: signed.digest(), wholeFile };
  }

  embed(der: Buffer): void {
    const hole = this.holeOrFail();
    embedSignature(this.appended, hole.at, hole.length, der);
  }

  /** The pieces, with the joined file built only if someone asks for it. */
  result(sha256: string, report: SignatureReport): SignPdfResult {
    const { original, appended } = this;
    let joined: Buffer | undefined;

    return {
      get pdf() {
        joined ??= Buffer.concat([original, appended]);

        return joined;
      },
      original,
      appended,
      sha256,
      report,
    };
  }

  private holeOrFail(): { at: number; length: number } {
    if (!this.hole) throw new Error('reserveHole must come before hashing or embedding');

    return this.hole;
  }
}
