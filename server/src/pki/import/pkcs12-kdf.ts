import { createHash } from 'node:crypto';

/** What a PKCS#12 key derivation produces (RFC 7292 Appendix B.3). */
export const Purpose = { key: 1, iv: 2, mac: 3 } as const;
export type Purpose = (typeof Purpose)[keyof typeof Purpose];

const BLOCK_BYTES: Record<string, number> = { sha1: 64, sha256: 64, sha384: 128, sha512: 128 };

/**
 * The PKCS#12 password as the KDF reads it: big-endian UTF-16 with a two-byte terminator
 * (RFC 7292 Appendix B.1). An empty password has two historical encodings, the terminator alone
 * and no bytes at all, and files in the wild use both; callers try each.
 */
export function passwordEncodings(password: string): Buffer[] {
  const utf16 = Buffer.from(password, 'utf16le').swap16();
  const terminated = Buffer.concat([utf16, Buffer.alloc(2)]);

  return password === '' ? [terminated, Buffer.alloc(0)] : [terminated];
}

/** RFC 7292 Appendix B.2: the iterated-hash derivation used for PKCS#12 MACs and PBE. */
export function pkcs12Kdf(
  hash: string,
  password: Buffer,
  salt: Buffer,
  purpose: Purpose,
  iterations: number,
  length: number,
): Buffer {
  const v = BLOCK_BYTES[hash];
  if (!v) throw new Error(`Unsupported PKCS#12 KDF hash ${hash}`);
  const diversifier = Buffer.alloc(v, purpose);
  let input: Buffer = Buffer.concat([repeatToBlocks(salt, v), repeatToBlocks(password, v)]);
  const output: Buffer[] = [];
  for (let produced = 0; produced < length;) {
    let a = createHash(hash).update(diversifier).update(input).digest();
    for (let i = 1; i < iterations; i++) a = createHash(hash).update(a).digest();
    output.push(a);
    produced += a.length;
    input = addBlock(input, repeatToBlocks(a, v, v), v);
  }

  return Buffer.concat(output).subarray(0, length);
}

/** Repeats `bytes` to fill a multiple of v bytes (or exactly `size` bytes when given). */
function repeatToBlocks(bytes: Buffer, v: number, size?: number): Buffer {
  const total = size ?? v * Math.ceil(bytes.length / v);
  const out = Buffer.alloc(total);
  for (let i = 0; i < total && bytes.length > 0; i++) out[i] = bytes[i % bytes.length];

  return out;
}

/** Step 6C: each v-byte block I_j becomes (I_j + B + 1) mod 2^(8v). */
function addBlock(input: Buffer, b: Buffer, v: number): Buffer {
  const out = Buffer.from(input);
  for (let offset = 0; offset < out.length; offset += v) {
    let carry = 1;
    for (let i = v - 1; i >= 0; i--) {
      const sum = out[offset + i] + b[i] + carry;
      out[offset + i] = sum & 0xff;
      carry = sum >> 8;
    }
  }

  return out;
}
