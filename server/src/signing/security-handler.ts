import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

import { rc4 } from './rc4';

/** How one class of data (strings or streams) is encrypted (ISO 32000-2 7.6.5, Table 25). */
export type CryptMethod = 'none' | 'rc4' | 'aes128' | 'aes256';

/**
 * Encrypts and decrypts the strings and streams of one document with its file key. Up to
 * AESV2 each object has its own key, derived from the file key and the object's number and
 * generation (Algorithm 1); AESV3 uses the file key itself (7.6.3.3).
 */
export class SecurityHandler {
  constructor(
    private readonly fileKey: Buffer,
    private readonly stringMethod: CryptMethod,
    private readonly streamMethod: CryptMethod,
    /** False when /EncryptMetadata is false: metadata streams stay in the clear. */
    readonly encryptsMetadata = true,
  ) {}

  decryptString(data: Uint8Array, objectNumber: number, generation: number): Buffer {
    return this.decrypt(this.stringMethod, data, objectNumber, generation);
  }

  encryptString(data: Uint8Array, objectNumber: number, generation: number): Buffer {
    return this.encrypt(this.stringMethod, data, objectNumber, generation);
  }

  decryptStream(data: Uint8Array, objectNumber: number, generation: number): Buffer {
    return this.decrypt(this.streamMethod, data, objectNumber, generation);
  }

  encryptStream(data: Uint8Array, objectNumber: number, generation: number): Buffer {
    return this.encrypt(this.streamMethod, data, objectNumber, generation);
  }

  private decrypt(method: CryptMethod, data: Uint8Array, number: number, generation: number) {
    const bytes = Buffer.from(data);
    if (method === 'none') return bytes;
    const key = this.objectKey(method, number, generation);
    if (method === 'rc4') return rc4(key, bytes);

    return aesDecrypt(key, bytes);
  }

  private encrypt(method: CryptMethod, data: Uint8Array, number: number, generation: number) {
    const bytes = Buffer.from(data);
    if (method === 'none') return bytes;
    const key = this.objectKey(method, number, generation);
    if (method === 'rc4') return rc4(key, bytes);

    return aesEncrypt(key, bytes);
  }

  /** Algorithm 1: MD5 of the file key, the low bytes of number and generation, and "sAlT" for AES. */
  private objectKey(method: CryptMethod, number: number, generation: number): Buffer {
    if (method === 'aes256') return this.fileKey;
    const suffix = Buffer.from([
      number & 0xff,
      (number >> 8) & 0xff,
      (number >> 16) & 0xff,
      generation & 0xff,
      (generation >> 8) & 0xff,
    ]);
    const hash = createHash('md5').update(this.fileKey).update(suffix);
    if (method === 'aes128') hash.update('sAlT', 'latin1');

    return hash.digest().subarray(0, Math.min(this.fileKey.length + 5, 16));
  }
}

/** AES-CBC with the 16-byte IV first and PKCS#5 padding (ISO 32000-2 7.6.3.2). */
function aesEncrypt(key: Buffer, data: Buffer): Buffer {
  const iv = randomBytes(16);
  const cipher = createCipheriv(aesName(key), key, iv);

  return Buffer.concat([iv, cipher.update(data), cipher.final()]);
}

/**
 * Decrypts tolerantly: writers leave strings too short for an IV or with broken padding, and
 * readers show what they can rather than fail the file; such data decrypts to what is there.
 */
function aesDecrypt(key: Buffer, data: Buffer): Buffer {
  if (data.length < 32 || data.length % 16 !== 0) return Buffer.alloc(0);
  const decipher = createDecipheriv(aesName(key), key, data.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]);
  const pad = plain[plain.length - 1];

  return pad >= 1 && pad <= 16 ? plain.subarray(0, plain.length - pad) : plain;
}

function aesName(key: Buffer): string {
  return key.length === 32 ? 'aes-256-cbc' : 'aes-128-cbc';
}
