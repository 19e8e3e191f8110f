import type { RequestContext } from '../common/context';
import { badInput, forbidden, notFound } from '../common/errors';
import { isUuid } from '../common/ids';
import { requireText } from '../common/text';
import { KEEPS_SEALS, roleIn } from '../organization/organization-access';
import type { Organization } from '../organization/organization.entity';
import { ORGANIZATION_SEAL_TYPES, SealType } from './seal-type.enum';

/** Who a new seal belongs to, and the name drawn on it. */
export interface SealHolder {
  organization: Organization | null;
  /** The name drawn on the seal; null when an import takes it from its certificate. */
  ownerName: string | null;
}

/** What a new seal's input says of its holder. */
export interface HolderInput {
  type: SealType;
  organizationId?: string | null;
  ownerName?: string | null;
}

/**
 * Company seals belong to an organisation and bear its registered name (the legal
 * representative's for that seal), so that the drawing, the certificate's O= and the register
 * agree; only its ORG_ADMINs and SEAL_KEEPERs make them. Personal seals belong to their maker
 * and bear their name unless another is given.
 */
export async function newSealHolder(ctx: RequestContext, input: HolderInput): Promise<SealHolder> {
  if (!ORGANIZATION_SEAL_TYPES.has(input.type)) return personalHolder(ctx, input);
  const organization = await keptOrganization(ctx, input);
  const registered =
    input.type === SealType.LEGAL_REPRESENTATIVE
      ? organization.legalRepresentative
      : organization.name;
  const given = input.ownerName?.trim();
  if (given && given !== registered) {
    throw badInput(
      'ownerName',
      `expected the organisation's registered ${input.type === SealType.LEGAL_REPRESENTATIVE ? 'legal representative' : 'name'} "${registered}" or nothing, got "${given.slice(0, 32)}"`,
    );
  }

  return { organization, ownerName: registered };
}

/** For imports: the holder, with the drawn name left to the certificate unless given. */
export async function importedSealHolder(
  ctx: RequestContext,
  input: HolderInput,
): Promise<SealHolder> {
  if (!ORGANIZATION_SEAL_TYPES.has(input.type)) {
    refuseOrganization(input);

    return { organization: null, ownerName: input.ownerName ?? null };
  }

  return { organization: await keptOrganization(ctx, input), ownerName: input.ownerName ?? null };
}

async function personalHolder(ctx: RequestContext, input: HolderInput): Promise<SealHolder> {
  refuseOrganization(input);
  const given = input.ownerName?.trim();
  const ownerName = given
    ? requireText('ownerName', given, 1, 24)
    : (await ctx.loaders.user.load(ctx.actor.userId!))!.displayName;

  return { organization: null, ownerName };
}

function refuseOrganization(input: HolderInput): void {
  if (input.organizationId) {
    throw badInput(
      'organizationId',
      `a ${input.type} seal belongs to a person, not to an organisation`,
    );
  }
}

async function keptOrganization(ctx: RequestContext, input: HolderInput): Promise<Organization> {
  const id = input.organizationId;
  if (!id) {
    throw badInput(
      'organizationId',
      `expected the organisation that holds the ${input.type} seal (see createOrganization)`,
    );
  }
  const organization = isUuid(id) ? await ctx.loaders.organization.load(id) : undefined;
  if (!organization) throw notFound('Organization', id);
  const role = await roleIn(ctx, id);
  if (!role || !KEEPS_SEALS.includes(role)) {
    throw forbidden(`the seals of organisation ${id} (ORG_ADMIN or SEAL_KEEPER only)`);
  }

  return organization;
}
