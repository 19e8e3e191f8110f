import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../common/context';
import { PageInput } from '../common/page.input';
import { Export } from '../export/export.entity';
import { Organization } from '../organization/organization.entity';
import { User } from '../user/user.entity';
import { ChangeSealPinInput } from './change-seal-pin.input';
import { CreateSealInput } from './create-seal.input';
import { DeleteSealInput } from './delete-seal.input';
import { ExportSealsInput } from './export-seals.input';
import { ImportSealInput, ImportSealPemInput } from './import-seal.input';
import { RekeySealInput } from './rekey-seal.input';
import { RenewSealInput } from './renew-seal.input';
import { SealCertificate } from './seal-certificate.entity';
import { SealFilter } from './seal-filter.input';
import { SealPage } from './seal-page.type';
import { SealStatus } from './seal-status.enum';
import { SealUsage } from './seal-usage.type';
import { Seal } from './seal.entity';
import { SealImageSource } from './seal-image-source.enum';
import { UpdateSealInput } from './update-seal.input';
import { SealAction } from './seal-access';

@Resolver(() => Seal)
export class SealResolver {
  @Authorized()
  @Mutation(() => Seal, {
    description: 'Creates a seal with a new key pair, certificate and image.',
  })
  createSeal(@Ctx() ctx: RequestContext, @Arg('input') input: CreateSealInput): Promise<Seal> {
    return ctx.services.seals.create(ctx, input);
  }

  @Authorized()
  @Mutation(() => Seal, {
    description: 'Creates a seal from a PKCS#12 file: key and certificate checked, key wrapped.',
  })
  importSeal(@Ctx() ctx: RequestContext, @Arg('input') input: ImportSealInput): Promise<Seal> {
    return ctx.services.sealImport.importPkcs12(ctx, input);
  }

  @Authorized()
  @Mutation(() => Seal, { description: 'Creates a seal from a PEM certificate chain and key.' })
  importSealPem(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: ImportSealPemInput,
  ): Promise<Seal> {
    return ctx.services.sealImport.importPem(ctx, input);
  }

  @Authorized()
  @Mutation(() => Seal, {
    description:
      "Changes a seal's name, owner, numbers or image; a drawn image is redrawn to match, and a new name or owner gets a new certificate for the same key.",
  })
  updateSeal(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateSealInput): Promise<Seal> {
    return ctx.services.seals.update(ctx, input);
  }

  @Authorized()
  @Mutation(() => Seal, { description: 'Issues a new certificate for the same key.' })
  renewSeal(@Ctx() ctx: RequestContext, @Arg('input') input: RenewSealInput): Promise<Seal> {
    return ctx.services.sealLifecycle.renew(ctx, input);
  }

  @Authorized()
  @Mutation(() => Seal, {
    description:
      'New key pair and certificate; the old certificate is revoked, the old key destroyed.',
  })
  rekeySeal(@Ctx() ctx: RequestContext, @Arg('input') input: RekeySealInput): Promise<Seal> {
    return ctx.services.sealLifecycle.rekey(ctx, input);
  }

  @Authorized()
  @Mutation(() => Seal, {
    description:
      'Deletes a seal irreversibly: certificates revoked, key destroyed; record and history stay.',
  })
  deleteSeal(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteSealInput): Promise<Seal> {
    return ctx.services.sealLifecycle.delete(ctx, input);
  }

  @Authorized()
  @Mutation(() => Export, {
    description: 'Writes your seals matching a filter to a file (no key material) for an hour.',
  })
  exportSeals(@Ctx() ctx: RequestContext, @Arg('input') input: ExportSealsInput): Promise<Export> {
    return ctx.services.sealExport.create(ctx, input);
  }

  @Mutation(() => Seal, {
    description: "Changes a seal's PIN; a wrong current PIN counts towards the lock.",
  })
  changeSealPin(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: ChangeSealPinInput,
  ): Promise<Seal> {
    return ctx.services.sealPins.changePin(ctx, input);
  }

  @Authorized()
  @Query(() => Seal, { description: 'One of your seals.' })
  seal(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Seal> {
    return ctx.services.seals.findOneOrFail(ctx, id, SealAction.VIEW);
  }

  @Authorized()
  @Query(() => SealPage, { description: 'Your seals, newest first, filtered and paged.' })
  seals(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => SealFilter, { nullable: true }) filter?: SealFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ): Promise<SealPage> {
    return ctx.services.seals.findMany(ctx, filter ?? {}, page);
  }

  @Authorized()
  @Query(() => SealUsage, {
    description: 'Signatures one of your seals made from `from` to `to` (at most 366 days).',
  })
  sealUsage(
    @Ctx() ctx: RequestContext,
    @Arg('sealId', () => ID) sealId: string,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
  ): Promise<SealUsage> {
    return ctx.services.sealUsage.findOne(ctx, sealId, from, to);
  }

  @FieldResolver(() => SealStatus, { description: 'Whether the seal can sign now.' })
  status(@Root() seal: Seal, @Ctx() ctx: RequestContext): SealStatus {
    return ctx.services.seals.statusOf(seal);
  }

  @FieldResolver(() => Int, {
    description: 'Days until validTo, a started day counting whole; 0 once expired.',
  })
  daysRemaining(@Root() seal: Seal): number {
    return seal.daysRemainingAt(new Date());
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'While too many wrong PINs lock the seal: when the lock ends.',
  })
  lockedUntil(@Root() seal: Seal): Date | null {
    return seal.lockedAt(new Date());
  }

  @FieldResolver(() => SealCertificate, { description: 'The current certificate.' })
  async certificate(@Root() seal: Seal, @Ctx() ctx: RequestContext): Promise<SealCertificate> {
    const certificate = await ctx.loaders.certificate.load(seal.certificate!.id);

    return certificate!;
  }

  @FieldResolver(() => [SealCertificate], {
    description:
      'Every certificate the seal has had, newest first; old ones verify old signatures.',
  })
  certificates(@Root() seal: Seal, @Ctx() ctx: RequestContext): Promise<SealCertificate[]> {
    return ctx.loaders.certificatesOfSeal.load(seal.id);
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organisation that holds a company seal; null for personal seals.',
  })
  async organization(@Root() seal: Seal, @Ctx() ctx: RequestContext) {
    return seal.organization
      ? ((await ctx.loaders.organization.load(seal.organization.id)) ?? null)
      : null;
  }

  @FieldResolver(() => User, {
    description:
      'The account that keeps the seal: it made it and may sign with it without a grant.',
  })
  async owner(@Root() seal: Seal, @Ctx() ctx: RequestContext): Promise<User> {
    return (await ctx.loaders.user.load(seal.owner.id))!;
  }

  @FieldResolver(() => String, {
    description: 'The seal image as PNG with a transparent background (GET with the bearer token).',
  })
  imageUrl(@Root() seal: Seal, @Ctx() ctx: RequestContext): string {
    return `${ctx.baseUrl}/files/seals/${seal.id}/image.png`;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The drawn seal as SVG (text as outlines, no scripts); null for uploaded images.',
  })
  async imageSvg(@Root() seal: Seal, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (seal.imageSource !== SealImageSource.DRAWN) return null;
    await ctx.em.populate(seal, ['imageSvg']);

    return seal.imageSvg;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Where to GET the SVG with the bearer token; null for uploaded images.',
  })
  imageSvgUrl(@Root() seal: Seal, @Ctx() ctx: RequestContext): string | null {
    if (seal.imageSource !== SealImageSource.DRAWN) return null;

    return `${ctx.baseUrl}/files/seals/${seal.id}/image.svg`;
  }
}
