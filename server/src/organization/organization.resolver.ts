import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../common/context';
import { PageInput } from '../common/page.input';
import { Seal } from '../seal/seal.entity';
import { CreateOrganizationInput } from './create-organization.input';
import { OrganizationMember } from './organization-member.entity';
import {
  AddOrganizationMemberInput,
  ChangeOrganizationMemberRoleInput,
  RemoveOrganizationMemberInput,
} from './organization-member.input';
import { OrganizationPage } from './organization-page.type';
import { Organization } from './organization.entity';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Authorized()
  @Mutation(() => Organization, {
    description: 'Registers an organisation; you become its ORG_ADMIN.',
  })
  createOrganization(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: CreateOrganizationInput,
  ): Promise<Organization> {
    return ctx.services.organizations.create(ctx, input);
  }

  @Authorized()
  @Mutation(() => OrganizationMember, { description: 'Adds an account to an organisation.' })
  addOrganizationMember(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: AddOrganizationMemberInput,
  ): Promise<OrganizationMember> {
    return ctx.services.organizations.addMember(ctx, input);
  }

  @Authorized()
  @Mutation(() => OrganizationMember, { description: "Changes a member's role." })
  changeOrganizationMemberRole(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: ChangeOrganizationMemberRoleInput,
  ): Promise<OrganizationMember> {
    return ctx.services.organizations.changeMemberRole(ctx, input);
  }

  @Authorized()
  @Mutation(() => OrganizationMember, {
    description: 'Removes a member from an organisation; returns the membership that ended.',
  })
  removeOrganizationMember(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: RemoveOrganizationMemberInput,
  ): Promise<OrganizationMember> {
    return ctx.services.organizations.removeMember(ctx, input);
  }

  @Authorized()
  @Query(() => Organization, { description: 'An organisation you belong to.' })
  organization(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Organization> {
    return ctx.services.organizations.findOneOrFail(ctx, id);
  }

  @Authorized()
  @Query(() => OrganizationPage, {
    description: 'The organisations you belong to (platform admins: all), by name.',
  })
  organizations(
    @Ctx() ctx: RequestContext,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ): Promise<OrganizationPage> {
    return ctx.services.organizations.findMany(ctx, page);
  }

  @FieldResolver(() => [OrganizationMember], { description: 'Its members, earliest first.' })
  members(@Root() organization: Organization, @Ctx() ctx: RequestContext) {
    return ctx.loaders.membersOfOrganization.load(organization.id);
  }

  @FieldResolver(() => [Seal], { description: 'Its seals, deleted ones included, newest first.' })
  seals(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<Seal[]> {
    return ctx.loaders.sealsOfOrganization.load(organization.id);
  }
}
