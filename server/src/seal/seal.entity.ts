import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { Organization } from '../organization/organization.entity';
import { WrappedKey } from '../pki/wrapped-key.entity';
import { User } from '../user/user.entity';
import { KeyAlgorithm } from './key-algorithm.enum';
import { SealCertificate } from './seal-certificate.entity';
import { SealImageSource } from './seal-image-source.enum';
import { SealStatus } from './seal-status.enum';
import { SealType } from './seal-type.enum';

const DAY_MS = 86_400_000;

@ObjectType({ description: 'An electronic seal: an image, a key pair and its certificate.' })
@Entity()
// Listing pages a user's seals newest first; expiry filters range over valid_to.
@Index({ properties: ['owner', 'createdAt'] })
@Index({ properties: ['owner', 'validTo'] })
@Index({ properties: ['organization', 'createdAt'] })
// The scheduler's scans: only seals whose expiry is still to be announced.
@Index({
  name: 'seal_expiring_unannounced_index',
  expression:
    'create index "seal_expiring_unannounced_index" on "seal" ("valid_to") where "expiring_announced_at" is null',
})
@Index({
  name: 'seal_expired_unannounced_index',
  expression:
    'create index "seal_expired_unannounced_index" on "seal" ("valid_to") where "expired_announced_at" is null',
})
export class Seal {
  [OptionalProps]?:
    | 'usageCount'
    | 'lastUsedAt'
    | 'revokedAt'
    | 'certificate'
    | 'organization'
    | 'failedPinAttempts'
    | 'lockedUntil'
    | 'expiringAnnouncedAt'
    | 'expiredAnnouncedAt'
    | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** The account that keeps the seal: its creator, who may sign with it without a grant. */
  @ManyToOne(() => User, { ref: true, index: true })
  owner!: Ref<User>;

  /** The organisation that holds a company seal; null for personal seals. */
  @ManyToOne(() => Organization, { ref: true, nullable: true })
  organization: Ref<Organization> | null = null;

  @Field({ description: 'Seal name as drawn on the seal, e.g. 合同专用章.' })
  @Property({ length: 64 })
  name!: string;

  @Field(() => SealType)
  @Enum({ items: () => SealType })
  type!: SealType;

  @Field({ description: 'Organisation or person the seal belongs to, as drawn on the seal.' })
  @Property({ length: 128 })
  ownerName!: string;

  @Field(() => KeyAlgorithm)
  @Enum({ items: () => KeyAlgorithm })
  keyAlgorithm!: KeyAlgorithm;

  @Field({ description: 'Start of validity (of the current certificate).' })
  @Property({ type: 'datetime' })
  validFrom!: Date;

  @Field({ description: 'End of validity (of the current certificate).' })
  @Property({ type: 'datetime' })
  validTo!: Date;

  @Field(() => Int, { description: 'How many signatures this seal has made.' })
  @Property({ type: 'integer' })
  usageCount = 0;

  @Field(() => Date, { nullable: true, description: 'When it last signed.' })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  /**
   * argon2id hash of the seal's PIN; never leaves the server. Null only for seals made before
   * PINs existed: they cannot sign until their owner sets one.
   */
  @Property({ type: 'string', lazy: true, hidden: true, nullable: true })
  pinHash!: string | null;

  /** Wrong PINs in a row since the last right one or the last lock. */
  @Property({ type: 'integer', hidden: true })
  failedPinAttempts = 0;

  /** Until when too many wrong PINs keep the seal from signing. */
  @Property({ type: 'datetime', nullable: true })
  lockedUntil: Date | null = null;

  /**
   * When SEAL_EXPIRING and SEAL_EXPIRED were announced for the current validTo; a new validity
   * clears them (see issueSealCertificate), deletion sets them, as a deleted seal never expires.
   */
  @Property({ type: 'datetime', nullable: true, hidden: true })
  expiringAnnouncedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true, hidden: true })
  expiredAnnouncedAt: Date | null = null;

  @ManyToOne(() => WrappedKey, { ref: true })
  key!: Ref<WrappedKey>;

  @ManyToOne(() => SealCertificate, { ref: true, nullable: true })
  certificate: Ref<SealCertificate> | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'The 13-digit seal code on the lower arc of round company seals.',
  })
  @Property({ length: 13, nullable: true })
  sealCode: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'The taxpayer identification number across an invoice seal.',
  })
  @Property({ length: 20, nullable: true })
  taxpayerNumber: string | null = null;

  @Field(() => SealImageSource)
  @Enum({ items: () => SealImageSource, default: SealImageSource.DRAWN })
  imageSource: SealImageSource = SealImageSource.DRAWN;

  /** PNG with transparent background, drawn by the server or uploaded. */
  @Property({ type: 'blob', lazy: true })
  imagePng!: Buffer;

  /** The drawing as SVG; null for uploaded images, which have no vector form. */
  @Property({ type: 'text', lazy: true, nullable: true })
  imageSvg: string | null = null;

  /** Natural size of the seal image in PDF points. */
  @Property({ type: 'double' })
  imageWidthPt!: number;

  @Property({ type: 'double' })
  imageHeightPt!: number;

  @Field({ description: 'When the seal was created.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /**
   * The one definition of a seal's status, derived so that it can never go stale in the
   * database. The most lasting condition wins: REVOKED > EXPIRED > LOCKED > EXPIRING > ACTIVE.
   */
  statusAt(now: Date, expiryWarningDays: number): SealStatus {
    if (this.revokedAt) return SealStatus.REVOKED;
    if (now < this.validFrom || now > this.validTo) return SealStatus.EXPIRED;
    if (this.lockedAt(now)) return SealStatus.LOCKED;
    if (this.validTo.getTime() - now.getTime() <= expiryWarningDays * DAY_MS) {
      return SealStatus.EXPIRING;
    }

    return SealStatus.ACTIVE;
  }

  /** Days left until validTo, a started day counting as one; 0 once expired or revoked. */
  daysRemainingAt(now: Date): number {
    if (this.revokedAt) return 0;

    return Math.max(0, Math.ceil((this.validTo.getTime() - now.getTime()) / DAY_MS));
  }

  /** The end of the PIN lock, while one is in force. */
  lockedAt(now: Date): Date | null {
    return this.lockedUntil && this.lockedUntil > now ? this.lockedUntil : null;
  }
}
