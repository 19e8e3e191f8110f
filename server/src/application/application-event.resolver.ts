import { pipe, filter } from '@graphql-yoga/subscription';
import { Authorized, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../common/context';
import { isPlatformAdmin } from '../organization/organization-access';
import {
  ApplicationEvent,
  type ApplicationEventPayload,
  ApplicationEventType,
  hears,
} from './application-event.type';
import { Application } from './application.entity';

@Resolver(() => ApplicationEvent)
export class ApplicationEventResolver {
  @Authorized()
  @Subscription(() => ApplicationEvent, {
    description:
      'Live events of applications: platform administrators hear of submissions and withdrawals, applicants of decisions on theirs. Authenticate with connectionParams.',
    subscribe: async ({ context }) => {
      const ctx = context as RequestContext;
      // Who listens is settled once, when subscribing, as for signingEvents.
      const listener = { userId: ctx.actor.userId!, platformAdmin: await isPlatformAdmin(ctx) };

      return pipe(
        ctx.services.events.subscribe('APPLICATION_EVENTS'),
        filter((payload: ApplicationEventPayload) => hears(payload, listener)),
      );
    },
  })
  applicationEvents(@Root() payload: ApplicationEventPayload): ApplicationEventPayload {
    return payload;
  }

  @FieldResolver(() => ApplicationEventType)
  type(@Root() payload: ApplicationEventPayload): ApplicationEventType {
    return payload.type;
  }

  @FieldResolver(() => Date)
  at(@Root() payload: ApplicationEventPayload): Date {
    return new Date(payload.at);
  }

  /**
   * Read afresh: a subscription's context lives as long as it does, and its identity map
   * would otherwise show the application as it was at the first event.
   */
  @FieldResolver(() => Application)
  async application(
    @Root() payload: ApplicationEventPayload,
    @Ctx() ctx: RequestContext,
  ): Promise<Application> {
    return ctx.em.fork().findOneOrFail(Application, payload.applicationId);
  }
}
