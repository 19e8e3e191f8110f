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
import { Document } from './document.entity';
import { Signature } from './signature.entity';
import { UploadDocumentInput } from './upload-document.input';

@Resolver(() => Document)
export class DocumentResolver {
  @Authorized()
  @Mutation(() => Document, {
    description: 'Stores a PDF; refuses anything that is not a readable PDF.',
  })
  uploadDocument(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: UploadDocumentInput,
  ): Promise<Document> {
    return ctx.services.documents.upload(ctx, input);
  }

  @Authorized()
  @Query(() => Document, { description: 'One of your documents.' })
  document(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Document> {
    return ctx.services.documents.findOneOrFail(ctx, id);
  }

  @Authorized()
  @Query(() => [Document], { description: 'Your documents, newest first.' })
  documents(@Ctx() ctx: RequestContext): Promise<Document[]> {
    return ctx.services.documents.findMany(ctx);
  }

  @FieldResolver(() => String, {
    description: 'The latest revision (signed, once signed) as PDF (GET with the bearer token).',
  })
  downloadUrl(@Root() document: Document, @Ctx() ctx: RequestContext): string {
    return `${ctx.baseUrl}/files/documents/${document.id}`;
  }

  @FieldResolver(() => [Signature], { description: 'Signatures applied here, oldest first.' })
  signatures(@Root() document: Document, @Ctx() ctx: RequestContext): Promise<Signature[]> {
    return ctx.loaders.signaturesOfDocument.load(document.id);
  }
}
