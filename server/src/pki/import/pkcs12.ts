import { createHmac, createPrivateKey, timingSafeEqual, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { childrenOf, fromDer, isContext, oidOf, toDer, valueBytes, type Asn1 } from '../asn1';
import { findLeaf, issuersOf } from './chain-order';
import { badPassword, ImportError, invalidPkcs12 } from './import-error';
import type { ImportedCredentials } from './imported-credentials';
import { decryptWithPassword, integerOf, WrongPasswordError } from './password-based-encryption';
import { passwordEncodings, pkcs12Kdf, Purpose } from './pkcs12-kdf';

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
};

const MAC_HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

interface Bags {
  keys: KeyObject[];
  certificates: X509Certificate[];
}

/**
 * Reads a PKCS#12 file (RFC 7292) holding a signing key and its certificates: the MAC is checked
 * first, so a wrong password is told apart from a damaged file, then every safe bag is read.
 */
export function readPkcs12(der: Buffer, password: string): ImportedCredentials {
  const { authSafe, macData } = parsePfx(der);
  if (macData) verifyMac(macData, authSafe, password);
  const bags = readAuthenticatedSafe(authSafe, password);
  const privateKey = bags.keys[0];
  if (!privateKey) throw invalidPkcs12('it holds no private key');
  if (bags.certificates.length === 0) throw invalidPkcs12('it holds no certificate');
  const leaf = findLeaf(bags.certificates, privateKey);

  return {
    privateKey,
    certificate: leaf.raw,
    chain: issuersOf(leaf, bags.certificates).map((c) => c.raw),
  };
}

/** PFX ::= SEQUENCE { version, authSafe ContentInfo (data), macData OPTIONAL }. */
function parsePfx(der: Buffer): { authSafe: Buffer; macData?: Asn1 } {
  return structural(() => {
    const [, contentInfo, macData] = childrenOf(fromDer(der));
    const [type, content] = childrenOf(contentInfo);
    if (oidOf(type) !== OID.data) throw invalidPkcs12('public-key integrity mode is not supported');

    return { authSafe: octetString(childrenOf(content)[0]), macData };
  });
}

/** MacData: an HMAC over the authSafe octets, keyed by the PKCS#12 KDF (RFC 7292 §5, App. B). */
function verifyMac(macData: Asn1, authSafe: Buffer, password: string): void {
  const { hash, digest, salt, iterations } = structural(() => macParameters(macData));
  const matches = passwordEncodings(password).some((encoded) => {
    const key = pkcs12Kdf(hash, encoded, salt, Purpose.mac, iterations, digest.length);
    const mac = createHmac(hash, key).update(authSafe).digest();

    return mac.length === digest.length && timingSafeEqual(mac, digest);
  });
  if (!matches) throw badPassword();
}

function macParameters(macData: Asn1) {
  const [digestInfo, saltNode, iterationsNode] = childrenOf(macData);
  const [algorithm, digestNode] = childrenOf(digestInfo);
  const hashId = oidOf(childrenOf(algorithm)[0]);
  const hash = MAC_HASHES[hashId];
  if (!hash) throw invalidPkcs12(`MAC algorithm ${hashId} is not supported`);
  const iterations = iterationsNode ? integerOf(iterationsNode) : 1;

  return { hash, digest: valueBytes(digestNode), salt: valueBytes(saltNode), iterations };
}

/** AuthenticatedSafe ::= SEQUENCE OF ContentInfo, each plain data or password-encrypted. */
function readAuthenticatedSafe(authSafe: Buffer, password: string): Bags {
  const bags: Bags = { keys: [], certificates: [] };
  const contentInfos = structural(() => childrenOf(fromDer(authSafe)));
  for (const contentInfo of contentInfos) {
    const safeContents = structural(() => contentOf(contentInfo, password));
    readSafeContents(safeContents, password, bags);
  }

  return bags;
}

function contentOf(contentInfo: Asn1, password: string): Buffer {
  const [type, content] = childrenOf(contentInfo);
  const inner = childrenOf(content)[0];
  if (oidOf(type) === OID.data) return octetString(inner);
  if (oidOf(type) !== OID.encryptedData) throw invalidPkcs12(`content type ${oidOf(type)}`);
  // EncryptedData ::= { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT octets } }
  const [, encryptedContentInfo] = childrenOf(inner);
  const [, algorithm, encrypted] = childrenOf(encryptedContentInfo);
  if (!isContext(encrypted, 0)) throw invalidPkcs12('encrypted content is missing');

  return decryptWithPassword(algorithm, octetString(encrypted), password);
}

/** SafeContents ::= SEQUENCE OF SafeBag { bagId, [0] EXPLICIT bagValue, bagAttributes }. */
function readSafeContents(der: Buffer, password: string, bags: Bags): void {
  for (const bag of structural(() => childrenOf(fromDer(der)))) {
    const [idNode, wrapper] = structural(() => childrenOf(bag));
    const value = structural(() => childrenOf(wrapper)[0]);
    const id = oidOf(idNode);
    if (id === OID.keyBag) bags.keys.push(privateKey(toDer(value)));
    if (id === OID.shroudedKeyBag) bags.keys.push(structural(() => shroudedKey(value, password)));
    if (id === OID.certBag) bags.certificates.push(...certificate(value));
    if (id === OID.safeContentsBag) readSafeContents(toDer(value), password, bags);
  }
}

/** EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm, encryptedData OCTET STRING }. */
function shroudedKey(value: Asn1, password: string): KeyObject {
  const [algorithm, encrypted] = childrenOf(value);

  return privateKey(decryptWithPassword(algorithm, octetString(encrypted), password));
}

/** CertBag ::= SEQUENCE { certId, [0] EXPLICIT certValue }; only X.509 certificates are read. */
function certificate(value: Asn1): X509Certificate[] {
  const [type, wrapper] = childrenOf(value);
  if (oidOf(type) !== OID.x509Certificate) return [];

  return [structural(() => new X509Certificate(octetString(childrenOf(wrapper)[0])))];
}

function privateKey(pkcs8: Buffer): KeyObject {
  return structural(() => createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
}

/** An OCTET STRING's bytes; BER writers may split it into constructed segments. */
function octetString(node: Asn1): Buffer {
  if (typeof node.value === 'string') return valueBytes(node);

  return Buffer.concat(childrenOf(node).map(octetString));
}

/**
 * Runs a parsing or decryption step: bad padding means a wrong password (for files without a
 * MAC), and anything else but our own refusals means the file is malformed.
 */
function structural<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if (error instanceof WrongPasswordError) throw badPassword();
    throw invalidPkcs12(error instanceof Error ? error.message : String(error));
  }
}
