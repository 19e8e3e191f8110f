import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { RequestContext } from '../common/context';
import { Document } from './document.entity';
import { Signature } from './signature.entity';
import { SigningEvent, type SigningEventPayload, SigningEventType } from './signing-event.type';

@Resolver(() => SigningEvent)
export class SigningEventResolver {
  @Authorized()
  @Subscription(() => SigningEvent, {
    description: 'Live events of a document you may read; authenticate with connectionParams.',
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      const documentId = (args as { documentId: string }).documentId;
      // Access is checked once, when subscribing: events carry only ids of this document.
      await ctx.services.documents.findOneOrFail(ctx, documentId);

      return ctx.services.events.subscribe('SIGNING_EVENTS', documentId);
    },
  })
  signingEvents(
    @Root() payload: SigningEventPayload,
    @Arg('documentId', () => ID) _documentId: string,
  ): SigningEventPayload {
    return payload;
  }

  @FieldResolver(() => SigningEventType)
  type(@Root() payload: SigningEventPayload): SigningEventType {
    return payload.type;
  }

  @FieldResolver(() => Date)
  at(@Root() payload: SigningEventPayload): Date {
    return new Date(payload.at);
  }

  @FieldResolver(() => Signature)
  async signature(
    @Root() payload: SigningEventPayload,
    @Ctx() ctx: RequestContext,
  ): Promise<Signature> {
    return (await ctx.loaders.signaturesOfDocument.load(payload.documentId)).find(
      (s) => s.id === payload.signatureId,
    )!;
  }

  @FieldResolver(() => Document)
  async document(
    @Root() payload: SigningEventPayload,
    @Ctx() ctx: RequestContext,
  ): Promise<Document> {
    return (await ctx.loaders.document.load(payload.documentId))!;
  }
}
