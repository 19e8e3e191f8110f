import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '../common/ids';
import { User } from '../user/user.entity';

/**
 * One refresh token. Each use replaces it with a new one of the same family (one sign-in and
 * everything refreshed from it); presenting a used one again revokes the family.
 */
@Entity()
export class RefreshToken {
  [OptionalProps]?: 'usedAt' | 'revokedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => User, { index: true })
  user!: User;

  @Property({ type: 'uuid', index: true })
  familyId!: string;

  /** SHA-256 of the token: it is 256 random bits, so a plain hash is as good as a slow one. */
  @Property({ length: 64, unique: true, hidden: true })
  tokenHash!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  /** When it was exchanged for its successor. */
  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;
}
