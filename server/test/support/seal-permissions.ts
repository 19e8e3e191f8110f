/**
 * Grants for tests: an organisation with its people and a contract seal, and the requests that
 * grant, revoke and sign under a grant.
 */
import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import {
  caPem,
  createSeal,
  downloadBytes,
  graphql,
  newUser,
  ok,
  signDocumentInput,
  uploadPdf,
} from './api';
import { sql } from './database';
import { newOrganization } from './organizations';
import { samplePdf } from './sample-pdf';

export type TestUser = Awaited<ReturnType<typeof newUser>>;

const ADD_MEMBER = `mutation ($input: AddOrganizationMemberInput!) {
  addOrganizationMember(input: $input) { id }
}`;

export const PERMISSION_FIELDS = `id status validFrom validTo maxUses usedCount usesLeft note
  revokedAt revokeReason createdAt seal { id } grantee { id } grantedBy { id } revokedBy { id }`;

export interface PermissionView {
  id: string;
  status: string;
  validFrom: string;
  validTo: string;
  maxUses: number | null;
  usedCount: number;
  usesLeft: number | null;
  note: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  createdAt: string;
  seal: { id: string } | null;
  grantee: { id: string };
  grantedBy: { id: string };
  revokedBy: { id: string } | null;
}

export const GRANT = `mutation ($input: GrantSealPermissionInput!) {
  grantSealPermission(input: $input) { ${PERMISSION_FIELDS} }
}`;

export const REVOKE = `mutation ($input: RevokeSealPermissionInput!) {
  revokeSealPermission(input: $input) { ${PERMISSION_FIELDS} }
}`;

const DAY_MS = 86_400_000;

/** A time `days` from now, as GraphQL takes it. */
export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

/** An organisation with an ORG_ADMIN, a SEAL_KEEPER who keeps its contract seal, and a MEMBER. */
export async function company() {
  const [admin, keeper, member, other] = await Promise.all(
    ['org-admin', 'keeper', 'member', 'other'].map((prefix) => newUser(prefix)),
  );
  const organization = await newOrganization(admin.token, { name: '宁波港口物流有限公司' });
  for (const [user, role] of [
    [keeper, 'SEAL_KEEPER'],
    [member, 'MEMBER'],
    [other, 'MEMBER'],
  ] as const) {
    await ok(
      ADD_MEMBER,
      { input: { organizationId: organization.id, login: user.username, role } },
      admin.token,
    );
  }
  const seal = await createSeal(keeper.token, {
    organizationId: organization.id,
    ownerName: undefined,
  });

  return { organization, admin, keeper, member, other, seal };
}

/** Grants a seal's use (valid from now for 30 days unless given); fails loudly on errors. */
export async function grant(
  token: string,
  input: Record<string, unknown>,
): Promise<PermissionView> {
  const data = await ok<{ grantSealPermission: PermissionView }>(
    GRANT,
    { input: { validTo: daysFromNow(30), ...input } },
    token,
  );

  return data.grantSealPermission;
}

/** Tries to grant; the whole result, errors included. */
export function tryGrant(token: string, input: Record<string, unknown>) {
  return graphql<{ grantSealPermission: PermissionView }>(
    GRANT,
    { input: { validTo: daysFromNow(30), ...input } },
    token,
  );
}

export async function revoke(token: string, id: string, reason = '项目结束') {
  const data = await ok<{ revokeSealPermission: PermissionView }>(
    REVOKE,
    { input: { id, reason } },
    token,
  );

  return data.revokeSealPermission;
}

/** The bytes of each document newDocument uploaded, to check what its signing appends. */
const uploaded = new Map<string, Buffer>();

/** A fresh document of the user's, to sign. */
export async function newDocument(token: string): Promise<string> {
  const pdf = await samplePdf(1);
  const { id } = await uploadPdf(token, pdf);
  uploaded.set(id, pdf);

  return id;
}

const SIGN = `mutation ($input: SignDocumentInput!) {
  signDocument(input: $input) {
    id width permission { id usedCount } seal { id usageCount type } document { downloadUrl }
  }
}`;

const PLACEMENT = { page: 1, x: 200, y: 200 };
const SQUARE_OR_ROUND = new Set([
  'OFFICIAL',
  'CONTRACT',
  'FINANCE',
  'LEGAL_REPRESENTATIVE',
  'PERSONAL',
]);

export interface GrantedSignature {
  id: string;
  permission: { id: string; usedCount: number } | null;
  width: number;
  seal: { id: string; usageCount: number; type: string };
  document: { downloadUrl: string };
}

/**
 * Signs a fresh document of the user's (or one newDocument made) with the seal; the whole
 * result, errors included. A signing that succeeds is checked by the independent validators.
 */
export async function trySignWith(token: string, sealId: string, documentId?: string) {
  const id = documentId ?? (await newDocument(token));
  const input = signDocumentInput({
    documentId: id,
    sealId,
    signerName: '李四',
    placement: PLACEMENT,
  });
  const result = await graphql<{ signDocument: GrantedSignature }>(SIGN, { input }, token);
  const signed = result.data?.signDocument;
  const before = uploaded.get(id);
  if (signed && before) {
    // Each document newDocument makes is signed once, so its upload is what was signed.
    uploaded.delete(id);
    await expectValidSignedPdf({
      input: before,
      output: await downloadBytes(signed.document.downloadUrl, token),
      caPem: await caPem(),
      // Round and square seals are as high as they are wide.
      seal: SQUARE_OR_ROUND.has(signed.seal.type)
        ? { ...PLACEMENT, width: signed.width, height: signed.width }
        : undefined,
    });
  }

  return result;
}

/** Moves a grant's period, as time would: what the API must never let anyone do. */
export async function ageGrant(id: string, period: { validFrom?: Date; validTo?: Date }) {
  await sql(
    `update seal_permission set valid_from = coalesce($2, valid_from), valid_to = coalesce($3, valid_to) where id = $1`,
    [id, period.validFrom ?? null, period.validTo ?? null],
  );
}
