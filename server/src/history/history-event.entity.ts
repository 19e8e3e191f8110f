import { BigIntType, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLJSONObject, GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { HistoryAction } from './history-action.enum';
import type { ChainedContent, JsonValue } from './history-chain';

/**
 * One recorded action, written in the same transaction as the change it records, and never
 * changed after: the database refuses UPDATE, DELETE and TRUNCATE on the table (see the
 * migration that adds the chain). Each event carries its place in the platform's one chain.
 */
@ObjectType({
  description:
    'Something that happened on the platform, who did it and from where; one link of a hash chain that shows any later change.',
})
@Entity()
@Index({ properties: ['sealId', 'sequence'] })
@Index({ properties: ['documentId', 'sequence'] })
@Index({ properties: ['actorId', 'sequence'] })
@Index({ properties: ['action', 'sequence'] })
export class HistoryEvent implements ChainedContent {
  @Field(() => ID, { description: 'The event.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => GraphQLSafeInt, {
    description: 'Place in the chain: 1 for the first event, one more for each after it.',
  })
  @Property({ type: new BigIntType('number'), unique: true })
  sequence!: number;

  @Field(() => HistoryAction, { description: 'What happened.' })
  @Enum({ items: () => HistoryAction })
  action!: HistoryAction;

  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Field(() => ID, { nullable: true, description: 'The seal the event is about.' })
  @Property({ type: 'uuid', nullable: true })
  sealId: string | null = null;

  @Field(() => ID, { nullable: true, description: 'The document the event is about.' })
  @Property({ type: 'uuid', nullable: true })
  documentId: string | null = null;

  @Field(() => GraphQLJSONObject, {
    description: "The action's details, in the fields its HistoryAction value names.",
  })
  @Property({ type: 'json' })
  payload: Record<string, JsonValue> = {};

  @Field(() => String, { nullable: true, description: 'IP address the request came from.' })
  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Field(() => String, { nullable: true, description: "The client's User-Agent header." })
  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'Id of the request (X-Request-Id when the client sent one), as in the logs.',
  })
  @Property({ type: 'string', length: 64, nullable: true })
  requestId: string | null = null;

  @Field({ description: 'When it happened.' })
  @Property({ type: 'datetime', index: true })
  at: Date = new Date();

  @Field({
    description:
      'SHA-256 (hex) of the canonical JSON (RFC 8785) of id, sequence, action, actorId (actor.id), sealId, documentId, payload, ip, userAgent, requestId, at and previousHash.',
  })
  @Property({ type: 'string', length: 64 })
  hash!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The hash of the event before this one; null for the first.',
  })
  @Property({ type: 'string', length: 64, nullable: true })
  previousHash: string | null = null;
}
