import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType, UseMiddleware } from 'type-graphql';
import { newId } from '../common/ids';
import { OwnContact } from './own-contact.middleware';
import { UserRole } from './user-role.enum';

@ObjectType({ description: 'A person with an account on the platform.' })
@Entity()
export class User {
  [OptionalProps]?:
    | 'email'
    | 'phone'
    | 'emailVerifiedAt'
    | 'phoneVerifiedAt'
    | 'role'
    | 'createdAt'
    | 'failedLoginAttempts'
    | 'lockedUntil';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Unique login name.' })
  @Property({ unique: true, length: 64 })
  username!: string;

  /** argon2id hash; never leaves the server. */
  @Property({ lazy: true, hidden: true })
  passwordHash!: string;

  @Field({ description: 'Name shown to others, e.g. on signatures.' })
  @Property({ length: 128 })
  displayName!: string;

  @Field(() => String, {
    nullable: true,
    description: 'E-mail address; null unless the account is yours (or you run the platform).',
  })
  @UseMiddleware(OwnContact)
  @Property({ type: 'string', unique: true, nullable: true, length: 254 })
  email: string | null = null;

  @Field(() => String, {
    nullable: true,
    description:
      'Mobile phone number (E.164 or mainland 11 digits); null unless the account is yours (or you run the platform).',
  })
  @UseMiddleware(OwnContact)
  @Property({ type: 'string', unique: true, nullable: true, length: 20 })
  phone: string | null = null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When a verification code sent to the e-mail address proved it; null if never, or if the account is not yours.',
  })
  @UseMiddleware(OwnContact)
  @Property({ type: 'datetime', nullable: true })
  emailVerifiedAt: Date | null = null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When a verification code sent to the phone proved it; null if never, or if the account is not yours.',
  })
  @UseMiddleware(OwnContact)
  @Property({ type: 'datetime', nullable: true })
  phoneVerifiedAt: Date | null = null;

  @Field(() => UserRole, { description: 'Platform-wide role.' })
  @Enum({ items: () => UserRole, default: UserRole.USER })
  role: UserRole = UserRole.USER;

  @Field({ description: 'When the account was created.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Wrong passwords in a row since the last right one or the last lock. */
  @Property({ type: 'integer', hidden: true })
  failedLoginAttempts = 0;

  /** Until when too many wrong passwords keep the account from signing in. */
  @Property({ type: 'datetime', nullable: true, hidden: true })
  lockedUntil: Date | null = null;

  /** The end of the password lock, while one is in force. */
  lockedAt(now: Date): Date | null {
    return this.lockedUntil && this.lockedUntil > now ? this.lockedUntil : null;
  }
}
