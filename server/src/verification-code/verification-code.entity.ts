import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '../common/ids';
import { VerificationChannel } from './verification-channel.enum';
import { VerificationPurpose } from './verification-purpose.enum';

/**
 * One code sent (or, for a password reset of an unknown address, pretended to be sent). The
 * rows are also the rate limiter's memory: how many codes a target or an IP had lately.
 */
@Entity()
@Index({ properties: ['target', 'channel', 'createdAt'] })
@Index({ properties: ['ip', 'createdAt'] })
export class VerificationCode {
  [OptionalProps]?: 'failedAttempts' | 'usedAt' | 'ip';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Enum({ items: () => VerificationChannel })
  channel!: VerificationChannel;

  /** The normalized e-mail address or phone number. */
  @Property({ length: 254 })
  target!: string;

  @Enum({ items: () => VerificationPurpose })
  purpose!: VerificationPurpose;

  /** HMAC-SHA256 of the id and the code, under a key derived from the master key. */
  @Property({ length: 64, hidden: true })
  codeHash!: string;

  /** Wrong codes tried against this one. */
  @Property({ type: 'integer' })
  failedAttempts = 0;

  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;
}
