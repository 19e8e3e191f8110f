import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../common/context';
import { SealPermission } from '../seal/permission/seal-permission.entity';
import { mayActOn, SealAction } from '../seal/seal-access';
import { Seal } from '../seal/seal.entity';
import { User } from '../user/user.entity';
import { Document } from './document.entity';
import { SignDocumentInput } from './sign-document.input';
import { Signature } from './signature.entity';

@Resolver(() => Signature)
export class SignatureResolver {
  @Authorized()
  @Mutation(() => Signature, {
    description: 'Signs a document with a seal: a visible seal and a PAdES signature.',
  })
  signDocument(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: SignDocumentInput,
  ): Promise<Signature> {
    return ctx.services.signing.sign(ctx, input);
  }

  @FieldResolver(() => Document)
  async document(@Root() signature: Signature, @Ctx() ctx: RequestContext): Promise<Document> {
    return (await ctx.loaders.document.load(signature.document.id))!;
  }

  @FieldResolver(() => Seal, {
    nullable: true,
    description:
      'The seal that signed; null once you may no longer see it (a revoked grant, a left organisation): `sealId` still names it.',
  })
  async seal(@Root() signature: Signature, @Ctx() ctx: RequestContext): Promise<Seal | null> {
    const seal = await ctx.loaders.seal.load(signature.seal.id);

    return seal && (await mayActOn(ctx, seal, SealAction.VIEW)) ? seal : null;
  }

  @FieldResolver(() => ID, { description: 'The id of the seal that signed.' })
  sealId(@Root() signature: Signature): string {
    return signature.seal.id;
  }

  @FieldResolver(() => SealPermission, {
    nullable: true,
    description: "The grant the signer signed under; null when they signed as the seal's keeper.",
  })
  async permission(
    @Root() signature: Signature,
    @Ctx() ctx: RequestContext,
  ): Promise<SealPermission | null> {
    if (!signature.permission) return null;

    return (await ctx.loaders.permission.load(signature.permission.id)) ?? null;
  }

  @FieldResolver(() => User, { description: 'The account that signed.' })
  async signer(@Root() signature: Signature, @Ctx() ctx: RequestContext): Promise<User> {
    return (await ctx.loaders.user.load(signature.signer.id))!;
  }
}
