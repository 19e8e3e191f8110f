import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../common/context';
import { Export } from './export.entity';

@Resolver(() => Export)
export class ExportResolver {
  @FieldResolver(() => String, {
    description: 'Where to download the file: GET with the bearer token of its owner.',
  })
  url(@Root() exported: Export, @Ctx() ctx: RequestContext): string {
    return `${ctx.baseUrl}/files/exports/${exported.id}`;
  }
}
