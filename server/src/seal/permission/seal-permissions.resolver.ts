import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { Seal } from '../seal.entity';
import { SealPermission } from './seal-permission.entity';

@Resolver(() => Seal)
export class SealPermissionsResolver {
  @FieldResolver(() => [SealPermission], {
    description:
      'Grants on the seal, newest first: all of them for those who may grant it, else only yours.',
  })
  permissions(@Root() seal: Seal, @Ctx() ctx: RequestContext): Promise<SealPermission[]> {
    return ctx.services.sealPermissions.ofSeal(ctx, seal);
  }
}
