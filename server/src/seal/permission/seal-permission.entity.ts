import {
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../common/ids';
import { User } from '../../user/user.entity';
import { Seal } from '../seal.entity';
import { SealPermissionStatus } from './seal-permission-status.enum';

/** Statuses in which a grant still stands: its holder may see the seal. */
const STANDING = [
  SealPermissionStatus.ACTIVE,
  SealPermissionStatus.PENDING,
  SealPermissionStatus.EXHAUSTED,
];

@ObjectType({
  description:
    "A grant of the right to sign with someone else's seal, for a period and perhaps a number of uses.",
})
@Entity()
// Signing looks up the signer's grants on the seal; lists page grants of a seal or a grantee.
@Index({ properties: ['seal', 'grantee'] })
@Index({ properties: ['seal', 'createdAt'] })
@Index({ properties: ['grantee', 'createdAt'] })
// The scheduler's scans: only grants whose start or end is still to be announced.
@Index({
  name: 'seal_permission_start_unannounced_index',
  expression:
    'create index "seal_permission_start_unannounced_index" on "seal_permission" ("valid_from") where "announced_start_at" is null',
})
@Index({
  name: 'seal_permission_end_unannounced_index',
  expression:
    'create index "seal_permission_end_unannounced_index" on "seal_permission" ("valid_to") where "announced_end_at" is null',
})
export class SealPermission {
  [OptionalProps]?:
    | 'maxUses'
    | 'usedCount'
    | 'note'
    | 'revokedAt'
    | 'revokedBy'
    | 'revokeReason'
    | 'announcedStartAt'
    | 'announcedEndAt'
    | 'createdAt';

  @Field(() => ID, { description: 'The grant, as revokeSealPermission names it.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Seal, { ref: true })
  seal!: Ref<Seal>;

  /** Who may sign with the seal under this grant. */
  @ManyToOne(() => User, { ref: true })
  grantee!: Ref<User>;

  @ManyToOne(() => User, { ref: true })
  grantedBy!: Ref<User>;

  @Field({ description: 'From when the grant lets its holder sign.' })
  @Property({ type: 'datetime' })
  validFrom!: Date;

  @Field({ description: 'Until when the grant lets its holder sign (inclusive).' })
  @Property({ type: 'datetime' })
  validTo!: Date;

  @Field(() => Int, {
    nullable: true,
    description: 'How many signatures the grant allows in all; null for no limit.',
  })
  @Property({ type: 'integer', nullable: true })
  maxUses: number | null = null;

  @Field(() => Int, { description: 'Signatures made under this grant.' })
  @Property({ type: 'integer' })
  usedCount = 0;

  @Field(() => String, { nullable: true, description: 'What the grant is for, in words.' })
  @Property({ type: 'string', length: 256, nullable: true })
  note: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the grant was revoked.' })
  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  revokedBy: Ref<User> | null = null;

  @Field(() => String, { nullable: true, description: 'Why the grant was revoked.' })
  @Property({ type: 'string', length: 256, nullable: true })
  revokeReason: string | null = null;

  /**
   * When the start (validFrom) was announced to the seal's watchers; set at once for grants that
   * start when made (their PERMISSION_GRANTED says so) and for revoked ones, which never start.
   */
  @Property({ type: 'datetime', nullable: true, hidden: true })
  announcedStartAt: Date | null = null;

  /** When the end (validTo) was announced; set on revocation, which ends the grant instead. */
  @Property({ type: 'datetime', nullable: true, hidden: true })
  announcedEndAt: Date | null = null;

  @Field({ description: 'When the grant was made.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /**
   * The one definition of a grant's status. The most lasting condition wins:
   * REVOKED > EXPIRED > PENDING > EXHAUSTED > ACTIVE.
   */
  statusAt(now: Date): SealPermissionStatus {
    if (this.revokedAt) return SealPermissionStatus.REVOKED;
    if (now > this.validTo) return SealPermissionStatus.EXPIRED;
    if (now < this.validFrom) return SealPermissionStatus.PENDING;
    if (this.usesLeft() === 0) return SealPermissionStatus.EXHAUSTED;

    return SealPermissionStatus.ACTIVE;
  }

  /** Whether the grant still stands (not revoked, not ended): its holder may see the seal. */
  standsAt(now: Date): boolean {
    return STANDING.includes(this.statusAt(now));
  }

  /** Signatures still allowed; null for no limit. */
  usesLeft(): number | null {
    return this.maxUses === null ? null : Math.max(0, this.maxUses - this.usedCount);
  }
}
