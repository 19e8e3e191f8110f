import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/** A private key as stored: both layers of the envelope, never the key in clear. */
export interface SealedKey {
  masterKeyId: string;
  wrappedDataKey: Buffer;
  encryptedKey: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const CACHE_LIMIT = 1000;

/** Names a master key without revealing it: the first 8 bytes of its SHA-256, hex. */
export function masterKeyIdOf(masterKey: Buffer): string {
  return createHash('sha256').update(masterKey).digest('hex').slice(0, 16);
}

/**
 * Envelope encryption of private keys under a master key (AES-256-GCM at both layers). Each key
 * gets its own data key, so rotating the master key rewraps 32-byte data keys only. New keys are
 * sealed under the current master key; earlier ones in the ring still open keys they wrapped, so
 * that servers keep signing while a rotation is under way. Opened keys are cached as KeyObjects,
 * so a seal's key is unwrapped and parsed once, not on every signature.
 */
export class KeyVault {
  readonly masterKeyId: string;
  private readonly ring = new Map<string, Buffer>();
  private readonly opened = new Map<string, KeyObject>();

  constructor(
    private readonly masterKey: Buffer,
    previousMasterKeys: Buffer[] = [],
  ) {
    for (const key of [masterKey, ...previousMasterKeys]) {
      if (key.length !== 32) throw new Error('A master key must be 32 bytes');
      if (!this.ring.has(masterKeyIdOf(key))) this.ring.set(masterKeyIdOf(key), key);
    }
    this.masterKeyId = masterKeyIdOf(masterKey);
  }

  /** Whether the ring holds the master key with this id. */
  knows(masterKeyId: string): boolean {
    return this.ring.has(masterKeyId);
  }

  /** Encrypts a private key for storage. `keyId` binds the ciphertext to its row. */
  seal(privateKey: KeyObject, keyId: string): SealedKey {
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
    const dataKey = randomBytes(32);
    const sealed = {
      masterKeyId: this.masterKeyId,
      wrappedDataKey: encrypt(this.masterKey, dataKey, keyId),
      encryptedKey: encrypt(dataKey, pkcs8, keyId),
    };
    dataKey.fill(0);
    pkcs8.fill(0);

    return sealed;
  }

  /** Decrypts a stored key, or returns it from the cache. */
  open(sealed: SealedKey, keyId: string): KeyObject {
    const cached = this.opened.get(keyId);
    if (cached) return cached;
    const dataKey = this.unwrapDataKey(sealed, keyId);
    const pkcs8 = decrypt(dataKey, sealed.encryptedKey, keyId);
    const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    dataKey.fill(0);
    pkcs8.fill(0);
    this.remember(keyId, key);

    return key;
  }

  /** The data key wrapped anew under the current master key; the encrypted key is unchanged. */
  rewrap(sealed: SealedKey, keyId: string): SealedKey {
    if (sealed.masterKeyId === this.masterKeyId) return sealed;
    const dataKey = this.unwrapDataKey(sealed, keyId);
    const wrappedDataKey = encrypt(this.masterKey, dataKey, keyId);
    dataKey.fill(0);

    return { ...sealed, masterKeyId: this.masterKeyId, wrappedDataKey };
  }

  /** Drops a key from the cache, e.g. when it is destroyed. */
  forget(keyId: string): void {
    this.opened.delete(keyId);
  }

  private unwrapDataKey(sealed: SealedKey, keyId: string): Buffer {
    const masterKey = this.ring.get(sealed.masterKeyId);
    if (!masterKey) {
      throw new Error(
        `Key ${keyId} is wrapped by master key ${sealed.masterKeyId}, which is neither MASTER_KEY ` +
          `(${this.masterKeyId}) nor in MASTER_KEY_PREVIOUS`,
      );
    }

    return decrypt(masterKey, sealed.wrappedDataKey, keyId);
  }

  private remember(keyId: string, key: KeyObject): void {
    if (this.opened.size >= CACHE_LIMIT) {
      const oldest = this.opened.keys().next().value;
      if (oldest !== undefined) this.opened.delete(oldest);
    }
    this.opened.set(keyId, key);
  }
}

function encrypt(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);

  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function decrypt(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));

  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}
