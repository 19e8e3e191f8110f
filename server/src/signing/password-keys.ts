import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

import { rc4 } from './rc4';

/** The values of a standard security handler's encryption dictionary (ISO 32000-2 Table 21). */
export interface StandardSecurity {
  revision: number;
  /** File key length in bytes: 5 for revision 2, /Length / 8 up to revision 4, 32 from 5. */
  keyLength: number;
  o: Buffer;
  u: Buffer;
  oe?: Buffer;
  ue?: Buffer;
  /** The permission flags as the signed 32-bit integer stored in /P. */
  permissions: number;
  /** First element of the trailer /ID. */
  documentId: Buffer;
  encryptMetadata: boolean;
}

/** The file key and which password yielded it: the owner's lifts the permission flags. */
export interface Authentication {
  fileKey: Buffer;
  as: 'owner' | 'user';
}

/** Padding string for passwords up to revision 4 (ISO 32000-2 7.6.4.3.2, step a). */
const PADDING = Buffer.from(
  '28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a',
  'hex',
);

/**
 * Tries the password as the owner's, then as the user's. The owner comes first so that a file
 * whose two passwords are equal (or both empty) is opened with full rights.
 */
export function authenticate(
  security: StandardSecurity,
  password: string,
): Authentication | undefined {
  if (security.revision >= 5) return authenticateAes256(security, password);
  const ownerKey = userPasswordFromOwner(security, password);
  const asOwner = checkUserPassword(security, ownerKey);
  if (asOwner) return { fileKey: asOwner, as: 'owner' };
  const asUser = checkUserPassword(security, Buffer.from(password, 'latin1'));

  return asUser ? { fileKey: asUser, as: 'user' } : undefined;
}

/** Algorithm 2: the file key from a (user) password, revisions 2 to 4. */
function fileKeyFor(security: StandardSecurity, password: Buffer): Buffer {
  const permissions = Buffer.alloc(4);
  permissions.writeInt32LE(security.permissions);
  const hash = createHash('md5')
    .update(padded(password))
    .update(security.o.subarray(0, 32))
    .update(permissions)
    .update(security.documentId);
  if (security.revision >= 4 && !security.encryptMetadata) hash.update(Buffer.alloc(4, 0xff));
  let key: Buffer = hash.digest();
  if (security.revision >= 3) {
    for (let i = 0; i < 50; i++) key = md5(key.subarray(0, security.keyLength));
  }

  return key.subarray(0, security.keyLength);
}

/** Algorithms 4 and 5: the key is right when it reproduces /U. */
function checkUserPassword(security: StandardSecurity, password: Buffer): Buffer | undefined {
  const key = fileKeyFor(security, password);
  if (security.revision === 2) {
    return rc4(key, PADDING).equals(security.u.subarray(0, 32)) ? key : undefined;
  }
  let value = rc4(key, md5(Buffer.concat([PADDING, security.documentId])));
  for (let i = 1; i <= 19; i++) value = rc4(xorKey(key, i), value);

  return value.equals(security.u.subarray(0, 16)) ? key : undefined;
}

/** Algorithm 7: the owner password decrypts /O into the user password. */
function userPasswordFromOwner(security: StandardSecurity, password: string): Buffer {
  let hash = md5(padded(Buffer.from(password, 'latin1')));
  if (security.revision >= 3) for (let i = 0; i < 50; i++) hash = md5(hash);
  const key = hash.subarray(0, security.keyLength);
  if (security.revision === 2) return rc4(key, security.o.subarray(0, 32));
  let value = security.o.subarray(0, 32);
  for (let i = 19; i >= 0; i--) value = rc4(xorKey(key, i), value);

  return value;
}

/**
 * Algorithms 2.A, 11 and 12 (revisions 5 and 6): a salted hash of the password checks /O or
 * /U, and another salted hash unwraps /OE or /UE into the file key. Passwords are UTF-8, at most
 * 127 bytes; SASLprep is not applied, so non-ASCII passwords must already be in normal form.
 */
function authenticateAes256(
  security: StandardSecurity,
  password: string,
): Authentication | undefined {
  const secret = Buffer.from(password, 'utf8').subarray(0, 127);
  const { o, u } = security;
  const userData = u.subarray(0, 48);
  if (hashOf(security, secret, o.subarray(32, 40), userData).equals(o.subarray(0, 32))) {
    const key = hashOf(security, secret, o.subarray(40, 48), userData);
    return { fileKey: unwrap(key, security.oe), as: 'owner' };
  }
  if (hashOf(security, secret, u.subarray(32, 40), Buffer.alloc(0)).equals(u.subarray(0, 32))) {
    const key = hashOf(security, secret, u.subarray(40, 48), Buffer.alloc(0));
    return { fileKey: unwrap(key, security.ue), as: 'user' };
  }

  return undefined;
}

function unwrap(key: Buffer, wrapped: Buffer | undefined): Buffer {
  const decipher = createDecipheriv('aes-256-cbc', key, Buffer.alloc(16));
  decipher.setAutoPadding(false);

  return Buffer.concat([
    decipher.update((wrapped ?? Buffer.alloc(32)).subarray(0, 32)),
    decipher.final(),
  ]);
}

/** Revision 5 hashes once with SHA-256; revision 6 runs Algorithm 2.B over it. */
function hashOf(
  security: StandardSecurity,
  password: Buffer,
  salt: Buffer,
  userData: Buffer,
): Buffer {
  const first = createHash('sha256').update(password).update(salt).update(userData).digest();
  if (security.revision === 5) return first;

  return hardenedHash(first, password, userData);
}

/** Algorithm 2.B: at least 64 rounds of AES-128-CBC and SHA-2 chosen by the data. */
function hardenedHash(initial: Buffer, password: Buffer, userData: Buffer): Buffer {
  let key = initial;
  let last = 0;
  for (let round = 0; round < 64 || last > round - 32; round++) {
    const block = Buffer.concat([password, key, userData]);
    const cipher = createCipheriv('aes-128-cbc', key.subarray(0, 16), key.subarray(16, 32));
    cipher.setAutoPadding(false);
    const encrypted = Buffer.concat([
      cipher.update(Buffer.concat(Array(64).fill(block))),
      cipher.final(),
    ]);
    const selector = encrypted.subarray(0, 16).reduce((sum, byte) => sum + byte, 0) % 3;
    key = createHash(['sha256', 'sha384', 'sha512'][selector]).update(encrypted).digest();
    last = encrypted[encrypted.length - 1];
  }

  return key.subarray(0, 32);
}

function padded(password: Buffer): Buffer {
  return Buffer.concat([password.subarray(0, 32), PADDING]).subarray(0, 32);
}

function xorKey(key: Buffer, value: number): Buffer {
  return Buffer.from(key.map((byte) => byte ^ value));
}

function md5(data: Buffer): Buffer {
  return createHash('md5').update(data).digest();
}
