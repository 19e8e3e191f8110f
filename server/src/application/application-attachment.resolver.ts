import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../common/context';
import { mayDownload } from './application-access';
import { ApplicationAttachment } from './application-attachment.entity';

@Resolver(() => ApplicationAttachment)
export class ApplicationAttachmentResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Where to GET the file with the bearer token: for the applicant and platform administrators; null for anyone else.',
  })
  async url(
    @Root() attachment: ApplicationAttachment,
    @Ctx() ctx: RequestContext,
  ): Promise<string | null> {
    const application = await ctx.loaders.application.load(attachment.application.id);
    if (!application || !(await mayDownload(ctx, application))) return null;

    return `${ctx.baseUrl}/files/application-attachments/${attachment.id}`;
  }
}
