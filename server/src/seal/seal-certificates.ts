import { X509Certificate, type KeyObject } from 'node:crypto';
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
  validity: number | { until: Date },
): CertificateFacts {
  const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000);
  const notAfter =
    typeof validity === 'number'
      ? new Date(notBefore.getTime() + validity * DAY_MS)
      : validity.until;
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
  if (seal.validTo.getTime() !== facts.notAfter.getTime()) {
    // A new end of validity is announced anew when it nears and when it passes.
    seal.expiringAnnouncedAt = null;
    seal.expiredAnnouncedAt = null;
  }
  seal.validTo = facts.notAfter;

  return facts;
}

/**
 * After the seal's name or holder changed: the current certificate, which names the old ones, is
 * revoked as affiliationChanged (RFC 5280 5.3.1), and the same key is certified under the new
 * names until the same end of validity, so that the drawn seal and the certificate that signs
 * with it never disagree. Signatures made before stay valid: the revocation postdates them.
 * An imported certificate is its own CA's to reissue, so such a seal keeps its names.
 */
export async function recertifySealNames(
  em: EntityManager,
  ca: CertificateAuthorityService,
  seal: Seal,
): Promise<CertificateFacts> {
  const current = await em.findOneOrFail(SealCertificate, seal.certificate!.id);
  refuseImportedRenaming(current);
  current.revokedAt = revocationTime();
  current.revocationReason = 'affiliationChanged';
  const publicKey = new X509Certificate(current.der).publicKey;

  return issueSealCertificate(em, ca, seal, publicKey, { until: seal.validTo });
}

/** An imported certificate is its own CA's to reissue: such a seal keeps its names. */
export function refuseImportedRenaming(current: SealCertificate): void {
  if (current.importedChain) {
    throw badInput(
      'name',
      "an imported seal's certificate names its holder: import a certificate with the new names instead",
    );
  }
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

/**
 * CRLs carry whole seconds: a revocation is dated by the next whole second, so that it is never
 * claimed earlier than it happened, which would turn a signature made a moment before invalid.
 */
export function revocationTime(): Date {
  return new Date(Math.ceil(Date.now() / 1000) * 1000);
}
