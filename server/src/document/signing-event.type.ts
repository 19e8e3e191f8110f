import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Document } from './document.entity';
import { Signature } from './signature.entity';

export enum SigningEventType {
  DOCUMENT_SIGNED = 'DOCUMENT_SIGNED',
}

registerEnumType(SigningEventType, { name: 'SigningEventType', description: 'What happened.' });

/** What travels through pub/sub: ids only, resolved afresh for each subscriber. */
export interface SigningEventPayload {
  type: SigningEventType;
  documentId: string;
  signatureId: string;
  at: string;
}

@ObjectType({ description: 'A live event about a document being signed.' })
export class SigningEvent {
  @Field(() => SigningEventType)
  type!: SigningEventType;

  @Field(() => Signature)
  signature!: Signature;

  @Field(() => Document)
  document!: Document;

  @Field()
  at!: Date;
}
