import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../common/context';
import type { AgreementService } from '../agreement/agreement.service';
import type { SealPolicy } from '../common/config';
import {
  badInput,
  handwritingNeedsImage,
  notFound,
  sealExpired,
  sealLocked,
  sealNotValidYet,
  sealRevoked,
} from '../common/errors';
import { isUuid } from '../common/ids';
import { checkPage, type PageInput } from '../common/page.input';
import { requireText } from '../common/text';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import type { CertificateAuthorityService } from '../pki/certificate-authority.service';
import type { RevokedCertificate } from '../pki/crl';
import type { CertificateStatus } from '../pki/ocsp/ocsp-protocol';
import { generateKeys } from '../pki/key-pairs';
import type { CreateSealInput } from './create-seal.input';
import type { UpdateSealInput } from './update-seal.input';
import { checkValidDays, issueSealCertificate, recertifySealNames } from './seal-certificates';
import { hashPin } from './seal-pin.service';
import { refusalOf, SealAction } from './seal-access';
import { SealCertificate } from './seal-certificate.entity';
import { newSealHolder, type SealHolder } from './seal-holder';
import type { SealFilter } from './seal-filter.input';
import { SealImageSource } from './seal-image-source.enum';
import { drawImage, hasImageUpload, newSealImage, uploadedImage } from './seal-images';
import { checkSealNumbers, drawnNumber } from './seal-numbers';
import type { SealPage } from './seal-page.type';
import { SealQuery } from './seal-query';
import { SealStatus } from './seal-status.enum';
import { SealType } from './seal-type.enum';
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
    const holder = await newSealHolder(ctx, input);
    const spec = validateSeal(input, holder);
    const image = await newSealImage(input, { ...spec, code: drawnNumber(spec) });
    const pinHash = await hashPin('pin', input.pin);
    const keys = await generateKeys(input.keyAlgorithm);
    const now = new Date();

    return ctx.em.transactional((em) => {
      const seal = em.create(Seal, {
        owner: ownerId,
        organization: holder.organization,
        name: spec.name,
        type: input.type,
        ownerName: spec.ownerName,
        sealCode: spec.sealCode,
        taxpayerNumber: spec.taxpayerNumber,
        keyAlgorithm: input.keyAlgorithm,
        // Set from the certificate just below.
        validFrom: now,
        validTo: now,
        key: this.ca.storeKey(em, keys.privateKey, input.keyAlgorithm),
        ...image,
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
          imageSource: seal.imageSource,
          organizationId: holder.organization?.id ?? null,
        },
      });

      return seal;
    });
  }

  /**
   * Descriptive changes: text, numbers and image. A drawn image follows its text; an uploaded
   * one stays until replaced or `redraw` is asked for. A new name or holder is certified anew for
   * the same key (see recertifySealNames); other changes leave the certificate alone.
   */
  async update(ctx: RequestContext, input: UpdateSealInput): Promise<Seal> {
    const found = await this.findOneOrFail(ctx, input.id, SealAction.MANAGE);
    // Checked again under the lock; here so a deleted seal is not sent through image work first.
    if (found.revokedAt) throw sealRevoked(found.name);
    if (input.redraw && hasImageUpload(input)) {
      throw badInput('redraw', 'expected either a new image or a redraw, got both');
    }
    if (input.redraw && found.type === SealType.HANDWRITTEN) throw handwritingNeedsImage();
    const changes = validateChanges(found, input);
    const uploaded = hasImageUpload(input) ? await uploadedImage(input, found.type) : null;

    return ctx.em.transactional(async (em) => {
      const seal = await em.findOneOrFail(Seal, input.id, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
      });
      if (seal.revokedAt) throw sealRevoked(seal.name);
      const changed = changedFields(seal, changes);
      em.assign(seal, changes);
      const renamed = changed.includes('name') || changed.includes('ownerName');
      const certified = renamed ? await recertifySealNames(em, this.ca, seal) : null;
      const image = uploaded ?? this.redrawnImage(seal, input.redraw, changed);
      if (image) {
        em.assign(seal, image);
        changed.push('image');
      }
      this.history.record(em, ctx.actor, HistoryAction.SEAL_UPDATED, {
        sealId: seal.id,
        payload: {
          changed,
          imageSource: seal.imageSource,
          ...(certified && { serialNumber: certified.serialNumber }),
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

  /**
   * A seal the current user may `action`, or NOT_FOUND / FORBIDDEN (for USE, a grant's holder
   * learns why their grant does not let them sign).
   */
  async findOneOrFail(ctx: RequestContext, id: string, action: SealAction): Promise<Seal> {
    requireUser(ctx);
    const seal = isUuid(id) ? await ctx.em.findOne(Seal, id) : null;
    if (!seal) throw notFound('Seal', id);
    const refusal = await refusalOf(ctx, seal, action);
    if (refusal) throw refusal;

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

  /** A new drawing when asked for, or when a drawn seal's text changed; else none. */
  private redrawnImage(seal: Seal, redraw: boolean, changed: string[]) {
    const drawn = seal.imageSource === SealImageSource.DRAWN;
    if (!redraw && !(drawn && changed.length > 0)) return null;

    return drawImage(drawnSpec(seal));
  }

  /** A page of the user's seals matching the filter, newest first, with totals per status. */
  async findMany(
    ctx: RequestContext,
    filter: SealFilter = {},
    page?: PageInput | null,
  ): Promise<SealPage> {
    const { offset, limit } = checkPage(page);
    requireUser(ctx);
    const query = await SealQuery.of(ctx, filter, this.policy.expiryWarningDays);
    const matching = query.matching(ctx.em);
    const totalCount = await matching.clone().getCount();
    const items = await matching
      .orderBy({ createdAt: 'desc', id: 'desc' })
      .offset(offset)
      .limit(limit)
      .getResultList();

    return { items, totalCount, counts: await query.countByStatus(ctx.em) };
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
function validateSeal(input: CreateSealInput, holder: SealHolder) {
  const name = requireText('name', input.name, 1, 12);
  const ownerName = requireText('ownerName', holder.ownerName!, 1, 24);
  // An invoice seal's taxpayer number is, since 2015, the holder's unified social credit code.
  const taxpayerNumber =
    input.taxpayerNumber ??
    (input.type === SealType.INVOICE ? holder.organization?.unifiedSocialCreditCode : null);
  const numbers = checkSealNumbers(input.type, { ...input, taxpayerNumber });
  checkValidDays(input.validDays);

  return { type: input.type, name, ownerName, ...numbers };
}

type SealText = Pick<Seal, 'name' | 'ownerName' | 'sealCode' | 'taxpayerNumber'>;

/** The seal's text after the update, each field checked as on creation. */
function validateChanges(seal: Seal, input: UpdateSealInput): SealText {
  const keep = <T>(value: T | null | undefined, current: T): T => value ?? current;
  if (seal.organization && input.ownerName && input.ownerName.trim() !== seal.ownerName) {
    throw badInput(
      'ownerName',
      `an organisation's seal bears its registered name "${seal.ownerName}"; it is not changed seal by seal`,
    );
  }
  const numbers = checkSealNumbers(seal.type, {
    sealCode: keep(input.sealCode, seal.sealCode),
    taxpayerNumber: keep(input.taxpayerNumber, seal.taxpayerNumber),
  });

  return {
    name: requireText('name', keep(input.name, seal.name), 1, 12),
    ownerName: requireText('ownerName', keep(input.ownerName, seal.ownerName), 1, 24),
    ...numbers,
  };
}

function changedFields(seal: Seal, changes: SealText): string[] {
  return (Object.keys(changes) as (keyof SealText)[]).filter((key) => seal[key] !== changes[key]);
}

const drawnSpec = (seal: Seal) => ({
  type: seal.type,
  name: seal.name,
  ownerName: seal.ownerName,
  code: drawnNumber(seal),
});
