import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../../user/user.entity';
import { SealPermission } from '../permission/seal-permission.entity';
import { Seal } from '../seal.entity';

/** What happened to a seal or a grant on it, as its watchers are told. */
export enum SealEventType {
  PERMISSION_GRANTED = 'PERMISSION_GRANTED',
  PERMISSION_REVOKED = 'PERMISSION_REVOKED',
  PERMISSION_STARTED = 'PERMISSION_STARTED',
  PERMISSION_LAPSED = 'PERMISSION_LAPSED',
  SEAL_USED = 'SEAL_USED',
  SEAL_RENEWED = 'SEAL_RENEWED',
  SEAL_EXPIRING = 'SEAL_EXPIRING',
  SEAL_EXPIRED = 'SEAL_EXPIRED',
  SEAL_LOCKED = 'SEAL_LOCKED',
  SEAL_REVOKED = 'SEAL_REVOKED',
}

registerEnumType(SealEventType, {
  name: 'SealEventType',
  description: 'What happened to a seal, or to a grant on it.',
  valuesConfig: {
    PERMISSION_GRANTED: { description: 'Someone was granted the right to sign with the seal.' },
    PERMISSION_REVOKED: { description: 'A grant was withdrawn.' },
    PERMISSION_STARTED: {
      description: 'A grant made for later reached its validFrom (announced once).',
    },
    PERMISSION_LAPSED: { description: 'A grant reached its validTo (announced once).' },
    SEAL_USED: { description: 'The seal signed a document (usageCount has grown).' },
    SEAL_RENEWED: { description: 'The seal got a new certificate and validity (renewal, re-key).' },
    SEAL_EXPIRING: {
      description: 'The seal entered its expiry warning window (status EXPIRING; announced once).',
    },
    SEAL_EXPIRED: { description: 'The seal reached its validTo (status EXPIRED; announced once).' },
    SEAL_LOCKED: { description: 'Too many wrong PINs locked the seal until lockedUntil.' },
    SEAL_REVOKED: { description: 'The seal was deleted: it can never sign again.' },
  },
});

/** What travels through pub/sub: ids only, resolved afresh for each subscriber. */
export interface SealEventPayload {
  type: SealEventType;
  sealId: string;
  permissionId?: string;
  actorId?: string;
  at: string;
}

@ObjectType({ description: 'A live event about a seal or a grant on it.' })
export class SealEvent {
  @Field(() => SealEventType, { description: 'What happened.' })
  type!: SealEventType;

  @Field({ description: 'When it happened.' })
  at!: Date;

  @Field(() => Seal, { description: 'The seal as it is now.' })
  seal!: Seal;

  @Field(() => SealPermission, {
    nullable: true,
    description:
      'The grant the event is about (for SEAL_USED, the grant signed under); null when none, or when it is not yours and you may not grant the seal.',
  })
  permission!: SealPermission | null;

  @Field(() => User, {
    nullable: true,
    description:
      'Who caused it: granter, revoker, signer, PIN enterer; null for time-based events.',
  })
  actor!: User | null;
}
