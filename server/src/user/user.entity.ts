import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { UserRole } from './user-role.enum';

@ObjectType({ description: 'A person with an account on the platform.' })
@Entity()
export class User {
  [OptionalProps]?: 'email' | 'phone' | 'role' | 'createdAt';

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

  @Field(() => String, { nullable: true, description: 'E-mail address.' })
  @Property({ type: 'string', unique: true, nullable: true, length: 254 })
  email: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'Mobile phone number (E.164 or mainland 11 digits).',
  })
  @Property({ type: 'string', unique: true, nullable: true, length: 20 })
  phone: string | null = null;

  @Field(() => UserRole, { description: 'Platform-wide role.' })
  @Enum({ items: () => UserRole, default: UserRole.USER })
  role: UserRole = UserRole.USER;

  @Field({ description: 'When the account was created.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
