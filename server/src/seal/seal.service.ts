import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../common/context';
import type { AgreementService } from '../agreement/agreement.service';
import type { SealPolicy } from '../common/config';
import {
  badInput,
  forbidden,
  notFound,
  sealExpired,
  sealLocked,
  sealNotValidYet,
  sealRevoked,
} from '../common/errors';
import { isUuid } from '../common/ids';
import { requireText } from '../common/text';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import type { CertificateAuthorityService } from '../pki/certificate-authority.service';
import type { RevokedCertificate } from '../pki/crl';
import type { CertificateStatus } from '../pki/ocsp/ocsp-protocol';
import { generateKeys } from '../pki/key-pairs';
import type { CreateSealInput } from './create-seal.input';
import { MissingGlyphError, renderSealImage, type SealImage } from './image';
import { checkValidDays, issueSealCertificate } from './seal-certificates';
import { hashPin } from './seal-pin.service';
import { SealStatus } from './seal-status.enum';
import { SealCertificate } from './seal-certificate.entity';
import { Seal } from './seal.entity';

/** Seals: creation with key, certificate and image; status; lookup with ownership checks. */
export class SealService {
  constructor(
    private readonly ca: CertificateAuthorityService,
    private readonly history: HistoryService,
    private readonly agreements: AgreementService,
    private readonly policy: SealPolicy,
  ) {}

  async create(ctx: RequestContext, input: CreateSealInput): Promise<Seal> {
    const ownerId = requireUser(ctx);
    await this.agreements.requireAccepted(ctx);
    const spec = validateSeal(input);
    const image = drawImage(spec);
    const pinHash = await hashPin('pin', input.pin);
    const keys = await generateKeys(input.keyAlgorithm);
    const now = new Date();

    return ctx.em.transactional((em) => {
      const seal = em.create(Seal, {
        owner: ownerId,
        name: spec.name,
        type: input.type,
        ownerName: spec.ownerName,
        keyAlgorithm: input.keyAlgorithm,
        // Set from the certificate just below.
        validFrom: now,
        validTo: now,
        key: this.ca.storeKey(em, keys.privateKey, input.keyAlgorithm),
        imagePng: image.png,
        imageSvg: image.svg,
        imageWidthPt: image.widthPt,
        imageHeightPt: image.heightPt,
        pinHash,
        createdAt: new Date(),
      });
      const facts = issueSealCertificate(em, this.ca, seal, keys.publicKey, input.validDays);
      this.history.record(em, ctx.actor, HistoryAction.SEAL_CREATED, {
        sealId: seal.id,
        payload: {
          type: seal.type,
          keyAlgorithm: seal.keyAlgorithm,
          serialNumber: facts.serialNumber,
        },
      });

      return seal;
    });
  }

  /** The seal's status now, under the configured expiry warning. */
  statusOf(seal: Seal, now = new Date()): SealStatus {
    return seal.statusAt(now, this.policy.expiryWarningDays);
  }

  /** Refuses a seal that cannot sign now, with the code saying why; EXPIRING ones still sign. */
  checkUsable(seal: Seal, now: Date): void {
    switch (this.statusOf(seal, now)) {
      case SealStatus.REVOKED:
        throw sealRevoked(seal.name);
      case SealStatus.EXPIRED:
        throw now < seal.validFrom
          ? sealNotValidYet(seal.name, seal.validFrom)
          : sealExpired(seal.name, seal.validTo);
      case SealStatus.LOCKED:
        throw sealLocked(seal.name, seal.lockedUntil!);
      default:
    }
  }

  /** A seal the current user may use, or NOT_FOUND / FORBIDDEN. */
  async findOneOrFail(ctx: RequestContext, id: string): Promise<Seal> {
    const userId = requireUser(ctx);
    const seal = isUuid(id) ? await ctx.em.findOne(Seal, id) : null;
    if (!seal) throw notFound('Seal', id);
    if (seal.owner.id !== userId) throw forbidden(`seal ${id}`);

    return seal;
  }

  /** Certificates of revoked seals, as the CRL lists them. */
  async revokedCertificates(em: EntityManager): Promise<RevokedCertificate[]> {
    const revoked = await em.find(SealCertificate, { revokedAt: { $ne: null } });

    return revoked.map((certificate) => ({
      serialNumber: certificate.serialNumber,
      revokedAt: certificate.revokedAt!,
      reason: certificate.revocationReason ?? undefined,
    }));
  }

  /** What OCSP answers for a serial: good, revoked (when and why), or unknown to us. */
  async certificateStatus(em: EntityManager, serialHex: string): Promise<CertificateStatus> {
    const certificate = await em.findOne(SealCertificate, { serialNumber: serialHex });
    if (!certificate) return { status: 'unknown' };
    if (!certificate.revokedAt) return { status: 'good' };

    return {
      status: 'revoked',
      revokedAt: certificate.revokedAt,
      reason: certificate.revocationReason ?? undefined,
    };
  }

  findMany(ctx: RequestContext): Promise<Seal[]> {
    return ctx.em.find(Seal, { owner: requireUser(ctx) }, { orderBy: { createdAt: 'desc' } });
  }
}

export function requireUser(ctx: RequestContext): string {
  if (!ctx.actor.userId) throw new Error('Resolver reached without an authenticated user');

  return ctx.actor.userId;
}

/**
 * Lengths a seal can carry legibly: the name sits in one line under the star, the owner along
 * the upper arc (about 24 characters at most before they crowd).
 */
function validateSeal(input: CreateSealInput) {
  const name = requireText('name', input.name, 1, 12);
  const ownerName = requireText('ownerName', input.ownerName, 1, 24);
  checkValidDays(input.validDays);

  return { type: input.type, name, ownerName };
}

/** Draws the seal image; a character the font lacks is the caller's error, naming the field. */
export function drawImage(spec: Parameters<typeof renderSealImage>[0]): SealImage {
  try {
    return renderSealImage(spec);
  } catch (error) {
    if (error instanceof MissingGlyphError) {
      throw badInput(spec.name.includes(error.character) ? 'name' : 'ownerName', error.message);
    }
    throw error;
  }
}
