import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';

@ObjectType({
  description:
    'A version of the service agreement (电子印章服务协议) a user accepts before making seals.',
})
@Entity()
export class Agreement {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => Int, { description: 'Version number, 1 and up; each publication adds one.' })
  @Property({ type: 'integer', unique: true })
  version!: number;

  @Field({ description: 'Title, e.g. 电子印章服务协议.' })
  @Property({ length: 128 })
  title!: string;

  @Field({ description: 'The full text, as plain text.' })
  @Property({ type: 'text' })
  body!: string;

  @Field({ description: 'When this version was published.' })
  @Property({ type: 'datetime' })
  publishedAt: Date = new Date();
}
