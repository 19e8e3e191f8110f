import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../common/context';
import { SealPermission } from '../seal/permission/seal-permission.entity';
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

  @FieldResolver(() => Seal)
  async seal(@Root() signature: Signature, @Ctx() ctx: RequestContext): Promise<Seal> {
    return (await ctx.loaders.seal.load(signature.seal.id))!;
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
