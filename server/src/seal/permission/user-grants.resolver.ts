import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { User } from '../../user/user.entity';
import { SealPermission } from './seal-permission.entity';

@Resolver(() => User)
export class UserGrantsResolver {
  @FieldResolver(() => [SealPermission], {
    nullable: true,
    description:
      "Grants the user holds on others' seals, newest first; only for themself and platform admins (else null, with FORBIDDEN).",
  })
  grants(@Root() user: User, @Ctx() ctx: RequestContext): Promise<SealPermission[]> {
    return ctx.services.sealPermissions.heldBy(ctx, user.id);
  }
}
