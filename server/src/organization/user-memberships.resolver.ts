import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../common/context';
import { User } from '../user/user.entity';
import { isPlatformAdmin, organizationsOf } from './organization-access';
import { OrganizationMember } from './organization-member.entity';

@Resolver(() => User)
export class UserMembershipsResolver {
  @FieldResolver(() => [OrganizationMember], {
    description:
      "The user's organisations and roles; of another user, only the organisations you share.",
  })
  async memberships(@Root() user: User, @Ctx() ctx: RequestContext): Promise<OrganizationMember[]> {
    const memberships = await ctx.loaders.membershipsOfUser.load(user.id);
    if (user.id === ctx.actor.userId || (await isPlatformAdmin(ctx))) return memberships;
    const shared = new Set(await organizationsOf(ctx));

    return memberships.filter((m) => shared.has(m.organization.id));
  }
}
