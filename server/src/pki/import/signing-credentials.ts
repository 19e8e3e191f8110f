import { X509Certificate, type KeyObject } from 'node:crypto';
import { spkiOf } from './chain-order';
import { extendedKeyUsageOf, keyUsageOf } from './certificate-extensions';
import {
  certificateExpired,
  certificateNotYetValid,
  keyMismatch,
  keyUsageForbidsSigning,
  unsupportedKey,
} from './import-error';
import type { ImportedCredentials } from './imported-credentials';

const SUPPORTED_CURVES = ['prime256v1', 'secp384r1'];
const MIN_RSA_BITS = 2048;

/**
 * Purposes under which a key may seal documents. emailProtection is what most CAs put in
 * certificates for S/MIME and PDF signing alike; documentSigning is RFC 9336; Adobe's "authentic
 * documents" OID marks AATL certificates; anyExtendedKeyUsage allows every purpose.
 */
const SIGNING_PURPOSES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.36': 'documentSigning',
  '1.2.840.113583.1.1.5': 'Adobe authentic documents',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};

/**
 * Refuses credentials that cannot make a seal valid at `now`: an unsupported key, a key that is
 * not the certificate's, a certificate outside its validity, or one whose usages exclude signing.
 */
export function checkSigningCredentials(credentials: ImportedCredentials, now: Date): void {
  const certificate = new X509Certificate(credentials.certificate);
  checkKeyAlgorithm(credentials.privateKey);
  if (!spkiOf(credentials.privateKey).equals(spkiOf(certificate.publicKey))) throw keyMismatch();
  checkValidity(certificate, now);
  checkUsages(credentials.certificate);
}

function checkKeyAlgorithm(key: KeyObject): void {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  if (type === 'rsa' && (details.modulusLength ?? 0) >= MIN_RSA_BITS) return;
  if (type === 'ec' && SUPPORTED_CURVES.includes(details.namedCurve ?? '')) return;
  const size = type === 'rsa' ? ` ${details.modulusLength} bits` : '';
  const curve = type === 'ec' ? ` on ${details.namedCurve}` : '';
  throw unsupportedKey(`${type ?? 'an unknown key'}${size}${curve}`);
}

function checkValidity(certificate: X509Certificate, now: Date): void {
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  if (now < notBefore) throw certificateNotYetValid(notBefore);
  if (now > notAfter) throw certificateExpired(notAfter);
}

/**
 * keyUsage, when present, must grant digitalSignature or nonRepudiation (RFC 5280 §4.2.1.3);
 * extKeyUsage, when present, must name one of SIGNING_PURPOSES (RFC 5280 §4.2.1.12).
 */
function checkUsages(certificate: Buffer): void {
  const usage = keyUsageOf(certificate);
  if (usage && !usage.digitalSignature && !usage.nonRepudiation) {
    throw keyUsageForbidsSigning('keyUsage grants neither digitalSignature nor nonRepudiation');
  }
  const purposes = extendedKeyUsageOf(certificate);
  if (purposes && !purposes.some((id) => id in SIGNING_PURPOSES)) {
    const allowed = Object.values(SIGNING_PURPOSES).join(', ');
    throw keyUsageForbidsSigning(`extKeyUsage names none of ${allowed}`);
  }
}
