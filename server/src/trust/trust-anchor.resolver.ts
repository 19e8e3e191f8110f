import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../common/context';
import { TrustAnchor } from './trust-anchor.entity';
import { RemoveTrustAnchorInput, TrustImportedCaInput } from './trust-imported-ca.input';

@Resolver(() => TrustAnchor)
export class TrustAnchorResolver {
  @Authorized('ADMIN')
  @Query(() => [TrustAnchor], {
    description: 'Certificate authorities trusted besides the platform CA (administrators).',
  })
  trustAnchors(@Ctx() ctx: RequestContext): Promise<TrustAnchor[]> {
    return ctx.services.trustAnchors.findMany(ctx.em);
  }

  @Authorized('ADMIN')
  @Mutation(() => TrustAnchor, {
    description:
      "Trusts the CA at the top of an imported seal's chain for verification (administrators).",
  })
  trustImportedCa(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: TrustImportedCaInput,
  ): Promise<TrustAnchor> {
    return ctx.services.trustAnchors.trustImportedCa(ctx, input);
  }

  @Authorized('ADMIN')
  @Mutation(() => TrustAnchor, { description: 'Stops trusting an added CA (administrators).' })
  removeTrustAnchor(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: RemoveTrustAnchorInput,
  ): Promise<TrustAnchor> {
    return ctx.services.trustAnchors.remove(ctx, input);
  }
}
