import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Actor, type RequestContext, requireUser } from '../common/context';
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
import { checkPage, newestFirstPage, type PageInput } from '../common/page.input';
import { requireText } from '../common/text';
import { HistoryAction } from '../history/history-action.enum';
import type { ApplicationOrigin } from '../history/history-payloads';
import type { HistoryService } from '../history/history.service';
import type { CertificateAuthorityService } from '../pki/certificate-authority.service';
import type { RevokedCertificate } from '../pki/crl';
import type { CertificateStatus } from '../pki/ocsp/ocsp-protocol';
import { generateKeys, type KeyPair } from '../pki/key-pairs';
import type { CreateSealInput } from './create-seal.input';
import type { KeyAlgorithm } from './key-algorithm.enum';
import type { UpdateSealInput } from './update-seal.input';
import {
  checkValidDays,
  issueSealCertificate,
  recertifySealNames,
  refuseImportedRenaming,
} from './seal-certificates';
import { hashPin } from './seal-pin.service';
import { refusalOf, SealAction } from './seal-access';
import { SealCertificate } from './seal-certificate.entity';
import { newSealHolder, type SealHolder } from './seal-holder';
import type { SealFilter } from './seal-filter.input';
import { SealImageSource } from './seal-image-source.enum';
import {
  drawImage,
  hasImageUpload,
  newSealImage,
  uploadedImage,
  type ImageUploadInput,
  type SealImageColumns,
} from './seal-images';
import { checkSealNumbers, drawnNumber } from './seal-numbers';
import type { SealPage } from './seal-page.type';
import { SealQuery } from './seal-query';
import { SealStatus } from './seal-status.enum';
import { SealType } from './seal-type.enum';
import { Seal } from './seal.entity';

/** A new seal's input, as createSeal and an application for a new seal give it. */
export type NewSealInput = Pick<
  CreateSealInput,
  | 'name'
  | 'type'
  | 'organizationId'
  | 'ownerName'
  | 'sealCode'
  | 'taxpayerNumber'
  | 'keyAlgorithm'
  | 'validDays'
> &
  ImageUploadInput;

/** The text a seal bears: its name, holder and numbers. */
export type SealText = Pick<Seal, 'name' | 'ownerName' | 'sealCode' | 'taxpayerNumber'>;

/** A new seal checked and drawn, with nothing stored yet. */
export interface CheckedSeal {
  holder: SealHolder;
  spec: SealText & { type: SealType };
  image: SealImageColumns;
}

/** A checked seal with what making it takes: its keeper, PIN hash, key pair and validity. */
export interface NewSeal extends CheckedSeal {
  ownerId: string;
  pinHash: string;
  keys: KeyPair;
  keyAlgorithm: KeyAlgorithm;
  validDays: number;
}

/** A descriptive change without an image: updateSeal's, or an application's. */
export type SealChangeInput = Pick<
  UpdateSealInput,
  'id' | 'name' | 'ownerName' | 'sealCode' | 'taxpayerNumber' | 'redraw'
>;

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
    const checked = await this.checkNew(ctx, input);
    const pinHash = await hashPin('pin', input.pin);
    const keys = await generateKeys(input.keyAlgorithm);
    const { keyAlgorithm, validDays } = input;

    return ctx.em.transactional((em) =>
      this.createChecked(em, ctx.actor, {
        ...checked,
        ownerId,
        pinHash,
        keys,
        keyAlgorithm,
        validDays,
      }),
    );
  }

  /**
   * Everything createSeal checks of the signed-in user and the input — the agreement, who holds
   * the seal, its text, numbers and image — with nothing stored: the seal as it would be made.
   */
  async checkNew(ctx: RequestContext, input: NewSealInput): Promise<CheckedSeal> {
    await this.agreements.requireAccepted(ctx);
    const holder = await newSealHolder(ctx, input);

    return this.describeNew(input, holder);
  }

  /** A new seal's text and image, for a holder already decided and checked. */
  async describeNew(input: NewSealInput, holder: SealHolder): Promise<CheckedSeal> {
    const spec = validateSeal(input, holder);
    const image = await newSealImage(input, { ...spec, code: drawnNumber(spec) });

    return { holder, spec, image };
  }

  /**
   * Makes a checked seal in the caller's transaction: the rights and input were checked before
   * (checkNew), so that createSeal and an approved application make seals the same way.
   */
  createChecked(
    em: EntityManager,
    actor: Actor,
    made: NewSeal,
    origin: ApplicationOrigin = {},
  ): Seal {
    const { holder, spec, image } = made;
    const now = new Date();
    const seal = em.create(Seal, {
      owner: made.ownerId,
      organization: holder.organization,
      name: spec.name,
      type: spec.type,
      ownerName: spec.ownerName,
      sealCode: spec.sealCode,
      taxpayerNumber: spec.taxpayerNumber,
      keyAlgorithm: made.keyAlgorithm,
      // Set from the certificate just below.
      validFrom: now,
      validTo: now,
      key: this.ca.storeKey(em, made.keys.privateKey, made.keyAlgorithm),
      ...image,
      pinHash: made.pinHash,
      createdAt: new Date(),
    });
    const facts = issueSealCertificate(em, this.ca, seal, made.keys.publicKey, made.validDays);
    this.history.record(em, actor, HistoryAction.SEAL_CREATED, {
      sealId: seal.id,
      payload: {
        type: seal.type,
        keyAlgorithm: seal.keyAlgorithm,
        serialNumber: facts.serialNumber,
        imageSource: seal.imageSource,
        organizationId: holder.organization?.id ?? null,
        ...origin,
      },
    });

    return seal;
  }

  /**
   * Descriptive changes: text, numbers and image. A drawn image follows its text; an uploaded
   * one stays until replaced or `redraw` is asked for. A new name or holder is certified anew for
   * the same key (see recertifySealNames); other changes leave the certificate alone.
   */
  async update(ctx: RequestContext, input: UpdateSealInput): Promise<Seal> {
    const found = await this.findOneOrFail(ctx, input.id, SealAction.MANAGE);
    this.checkChanges(found, input);
    const uploaded = hasImageUpload(input) ? await uploadedImage(input, found.type) : null;

    return ctx.em.transactional((em) => this.updateChecked(em, ctx.actor, input, uploaded));
  }

  /** updateSeal's refusals of a change, before any image work; returns the seal's new text. */
  checkChanges(seal: Seal, input: SealChangeInput & ImageUploadInput): SealText {
    // Checked again under the lock; here so a deleted seal is not sent through image work first.
    if (seal.revokedAt) throw sealRevoked(seal.name);
    if (input.redraw && hasImageUpload(input)) {
      throw badInput('redraw', 'expected either a new image or a redraw, got both');
    }
    if (input.redraw && seal.type === SealType.HANDWRITTEN) throw handwritingNeedsImage();

    return validateChanges(seal, input);
  }

  /**
   * The fields a change without an image would change, refused now as updateSeal would refuse
   * it later (an imported seal keeps its names), so that carrying it out cannot fail on its input.
   */
  async checkChangesAhead(em: EntityManager, seal: Seal, input: SealChangeInput) {
    const changed = changedFields(seal, this.checkChanges(seal, input));
    if (changed.includes('name') || changed.includes('ownerName')) {
      refuseImportedRenaming(await em.findOneOrFail(SealCertificate, seal.certificate!.id));
    }

    return changed;
  }

  /**
   * Applies a checked change in the caller's transaction, on the seal row locked; `uploaded` is
   * the new image, already prepared.
   */
  async updateChecked(
    em: EntityManager,
    actor: Actor,
    input: SealChangeInput,
    uploaded: SealImageColumns | null,
    origin: ApplicationOrigin = {},
  ): Promise<Seal> {
    const seal = await em.findOneOrFail(Seal, input.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    if (seal.revokedAt) throw sealRevoked(seal.name);
    const changes = validateChanges(seal, input);
    const changed = changedFields(seal, changes);
    em.assign(seal, changes);
    const renamed = changed.includes('name') || changed.includes('ownerName');
    const certified = renamed ? await recertifySealNames(em, this.ca, seal) : null;
    const image = uploaded ?? this.redrawnImage(seal, input.redraw, changed);
    if (image) {
      em.assign(seal, image);
      changed.push('image');
    }
    this.history.record(em, actor, HistoryAction.SEAL_UPDATED, {
      sealId: seal.id,
      payload: {
        changed,
        imageSource: seal.imageSource,
        ...(certified && { serialNumber: certified.serialNumber }),
        ...origin,
      },
    });

    return seal;
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
    const checked = checkPage(page, 'seals');
    requireUser(ctx);
    const query = await SealQuery.of(ctx, filter, this.policy.expiryWarningDays);
    const found = await newestFirstPage(query.matching(ctx.em), checked, 'seals');

    return { ...found, counts: await query.countByStatus(ctx.em) };
  }
}

/**
 * Lengths a seal can carry legibly: the name sits in one line under the star, the owner along
 * the upper arc (about 24 characters at most before they crowd).
 */
function validateSeal(input: NewSealInput, holder: SealHolder) {
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

/** The seal's text after the update, each field checked as on creation. */
function validateChanges(seal: Seal, input: SealChangeInput): SealText {
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
