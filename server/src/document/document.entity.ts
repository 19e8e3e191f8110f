import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { User } from '../user/user.entity';

@ObjectType({ description: 'An uploaded PDF and, once signed, its latest signed revision.' })
@Entity()
export class Document {
  [OptionalProps]?: 'revision' | 'encrypted' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => User, { ref: true, index: true })
  owner!: Ref<User>;

  @Field({ description: 'Human title.' })
  @Property({ length: 256 })
  title!: string;

  @Field({ description: 'File name as uploaded.' })
  @Property({ length: 256 })
  fileName!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  pageCount!: number;

  @Field({ description: 'Whether the PDF is encrypted (signing it may need its password).' })
  @Property({ type: 'boolean', default: false })
  encrypted: boolean = false;

  @Field(() => Int, { description: 'Number of the latest revision; 1 is the upload.' })
  @Property({ type: 'integer' })
  revision = 1;

  @Field(() => Int, { description: 'Size of the latest revision in bytes.' })
  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Field({ description: 'SHA-256 of the latest revision, hex.' })
  @Property({ length: 64 })
  sha256!: string;

  @Field()
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
