import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../common/context';
import { User } from '../user/user.entity';
import { OrganizationMember } from './organization-member.entity';
import { Organization } from './organization.entity';

@Resolver(() => OrganizationMember)
export class OrganizationMemberResolver {
  @FieldResolver(() => User, { description: 'The member.' })
  async user(@Root() member: OrganizationMember, @Ctx() ctx: RequestContext): Promise<User> {
    return (await ctx.loaders.user.load(member.user.id))!;
  }

  @FieldResolver(() => Organization, { description: 'The organisation.' })
  async organization(
    @Root() member: OrganizationMember,
    @Ctx() ctx: RequestContext,
  ): Promise<Organization> {
    return (await ctx.loaders.organization.load(member.organization.id))!;
  }
}
