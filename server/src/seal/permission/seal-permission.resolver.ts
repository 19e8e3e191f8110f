import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { PageInput } from '../../common/page.input';
import { User } from '../../user/user.entity';
import { mayActOn, SealAction } from '../seal-access';
import { Seal } from '../seal.entity';
import { GrantSealPermissionInput } from './grant-seal-permission.input';
import { RevokeSealPermissionInput } from './revoke-seal-permission.input';
import { SealPermissionFilter } from './seal-permission-filter.input';
import { SealPermissionPage } from './seal-permission-page.type';
import { SealPermissionStatus } from './seal-permission-status.enum';
import { SealPermission } from './seal-permission.entity';

@Resolver(() => SealPermission)
export class SealPermissionResolver {
  @Authorized()
  @Mutation(() => SealPermission, {
    description:
      'Lets another person sign with a seal for a period, perhaps a limited number of times.',
  })
  grantSealPermission(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: GrantSealPermissionInput,
  ): Promise<SealPermission> {
    return ctx.services.sealPermissions.grant(ctx, input);
  }

  @Authorized()
  @Mutation(() => SealPermission, {
    description: 'Withdraws a grant at once; revoking it again is CONFLICT.',
  })
  revokeSealPermission(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: RevokeSealPermissionInput,
  ): Promise<SealPermission> {
    return ctx.services.sealPermissions.revoke(ctx, input);
  }

  @Authorized()
  @Query(() => SealPermissionPage, {
    description:
      'Grants you may see, newest first: those on seals you may grant (all, for platform admins) and those you hold.',
  })
  sealPermissions(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => SealPermissionFilter, { nullable: true }) filter?: SealPermissionFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ): Promise<SealPermissionPage> {
    return ctx.services.sealPermissions.findMany(ctx, filter ?? {}, page);
  }

  @FieldResolver(() => SealPermissionStatus, {
    description: 'Whether the grant lets its holder sign now.',
  })
  status(@Root() permission: SealPermission): SealPermissionStatus {
    return permission.statusAt(new Date());
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Signatures the grant still allows; null for no limit.',
  })
  usesLeft(@Root() permission: SealPermission): number | null {
    return permission.usesLeft();
  }

  @FieldResolver(() => Seal, {
    nullable: true,
    description:
      'The seal; null for its holder once the grant has ended or been revoked and they may no longer see the seal.',
  })
  async seal(@Root() permission: SealPermission, @Ctx() ctx: RequestContext): Promise<Seal | null> {
    const seal = (await ctx.loaders.seal.load(permission.seal.id))!;

    return (await mayActOn(ctx, seal, SealAction.VIEW)) ? seal : null;
  }

  @FieldResolver(() => User, { description: 'Who may sign with the seal under this grant.' })
  async grantee(@Root() permission: SealPermission, @Ctx() ctx: RequestContext): Promise<User> {
    return (await ctx.loaders.user.load(permission.grantee.id))!;
  }

  @FieldResolver(() => User, { description: 'Who made the grant.' })
  async grantedBy(@Root() permission: SealPermission, @Ctx() ctx: RequestContext): Promise<User> {
    return (await ctx.loaders.user.load(permission.grantedBy.id))!;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who revoked the grant.' })
  async revokedBy(
    @Root() permission: SealPermission,
    @Ctx() ctx: RequestContext,
  ): Promise<User | null> {
    return permission.revokedBy
      ? ((await ctx.loaders.user.load(permission.revokedBy.id)) ?? null)
      : null;
  }
}
