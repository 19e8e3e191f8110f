import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { User } from '../user/user.entity';

@ObjectType({
  description:
    'A certificate authority other than the platform CA that verification trusts, added by an administrator.',
})
@Entity()
export class TrustAnchor {
  [OptionalProps]?: 'note' | 'addedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** The anchor certificate in DER. */
  @Property({ type: 'blob' })
  der!: Buffer;

  @Field({ description: 'Subject distinguished name of the anchor certificate.' })
  @Property({ length: 1024 })
  subject!: string;

  @Field({ description: 'SHA-256 of the DER certificate, lower-case hex.' })
  @Property({ length: 64, unique: true })
  fingerprintSha256!: string;

  @Field({ description: 'End of the anchor certificate’s validity.' })
  @Property({ type: 'datetime' })
  notAfter!: Date;

  @Field(() => String, { nullable: true, description: 'Why it is trusted, as the admin wrote.' })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @ManyToOne(() => User, { ref: true })
  addedBy!: Ref<User>;

  @Field({ description: 'When it was added.' })
  @Property({ type: 'datetime' })
  addedAt: Date = new Date();
}
