import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { User } from '../user/user.entity';

@ObjectType({
  description: 'A company or other body that holds seals: 公章, contract, finance, invoice seals.',
})
@Entity()
export class Organization {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Registered name, as drawn on its seals and certified in them.' })
  @Property({ length: 64 })
  name!: string;

  @Field({ description: 'The 18-character unified social credit code (GB 32100).' })
  @Property({ length: 18, unique: true })
  unifiedSocialCreditCode!: string;

  @Field({ description: 'The legal representative (法定代表人), drawn on that seal.' })
  @Property({ length: 32 })
  legalRepresentative!: string;

  @ManyToOne(() => User, { ref: true })
  createdBy!: Ref<User>;

  @Field({ description: 'When the organisation was registered on the platform.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
