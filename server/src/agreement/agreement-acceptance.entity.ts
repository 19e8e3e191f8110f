import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { User } from '../user/user.entity';
import { Agreement } from './agreement.entity';

@ObjectType({
  description: "A user's acceptance of one agreement version, with where it came from.",
})
@Entity()
@Unique({ properties: ['user', 'agreement'] })
export class AgreementAcceptance {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => User, { ref: true })
  user!: Ref<User>;

  /** A plain reference, populated by the service, so that GraphQL can read it as it is. */
  @Field(() => Agreement, { description: 'The version accepted.' })
  @ManyToOne(() => Agreement, { index: true })
  agreement!: Agreement;

  @Field({ description: 'When it was accepted.' })
  @Property({ type: 'datetime' })
  acceptedAt: Date = new Date();

  @Field(() => String, { nullable: true, description: 'The IP address it was accepted from.' })
  @Property({ type: 'string', length: 64, nullable: true })
  ipAddress: string | null = null;

  @Field(() => String, { nullable: true, description: 'The User-Agent of the accepting client.' })
  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;
}
