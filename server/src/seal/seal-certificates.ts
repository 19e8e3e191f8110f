import type { KeyObject } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../common/errors';
import type { CertificateAuthorityService } from '../pki/certificate-authority.service';
import { describeCertificate, type CertificateFacts, type NameAttribute } from '../pki/x509';
import { SealCertificate } from './seal-certificate.entity';
import type { Seal } from './seal.entity';

const DAY_MS = 86_400_000;
const MAX_VALID_DAYS = 3650;

/** Validity asked of a new certificate: whole days, 1–3650. */
export function checkValidDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_VALID_DAYS) {
    throw badInput('validDays', `expected 1–${MAX_VALID_DAYS}, got ${days}`);
  }

  return days;
}

/**
 * Issues the seal a certificate for `publicKey` valid from now for `days` (capped by the CA's own
 * validity), records it, and makes it the seal's current one: creation, renewal and re-keying
 * all end here.
 */
export function issueSealCertificate(
  em: EntityManager,
  ca: CertificateAuthorityService,
  seal: Seal,
  publicKey: KeyObject,
  days: number,
): CertificateFacts {
  const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000);
  const notAfter = new Date(notBefore.getTime() + days * DAY_MS);
  const der = ca.issueSealCertificate({
    subject: sealSubject(seal),
    publicKey,
    notBefore,
    notAfter,
  });
  const facts = describeCertificate(der);
  const certificate = em.create(SealCertificate, { seal, der, ...facts });
  seal.certificate = em.getReference(SealCertificate, certificate.id, { wrapped: true });
  seal.validFrom = facts.notBefore;
  seal.validTo = facts.notAfter;

  return facts;
}

/** Subject naming the holder (O) and the seal (CN), with the seal id as serialNumber. */
function sealSubject(seal: Seal): NameAttribute[] {
  return [
    { shortName: 'C', value: 'CN' },
    { shortName: 'O', value: seal.ownerName },
    { shortName: 'CN', value: seal.name },
    { shortName: 'serialNumber', value: seal.id },
  ];
}
