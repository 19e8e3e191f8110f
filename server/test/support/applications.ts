/**
 * Applications for e-seal business in tests: submitting, reviewing, and a company with one member
 * of each role, since who may apply for what depends on the role.
 */
import { adminToken, graphql, newUser, ok, type GraphQLResult } from './api';
import { newOrganization, type OrganizationView } from './organizations';

export type TestUser = Awaited<ReturnType<typeof newUser>>;

export const APPLICATION_FIELDS = `id type status submittedAt reviewedAt reviewNote withdrawnAt
  applicant { id } reviewer { id } organization { id } seal { id } resultSeal { id name status owner { id } organization { id } }
  attachments { id fileName contentType sizeBytes sha256 url }
  form {
    newSeal { name sealType keyAlgorithm validDays ownerName sealCode taxpayerNumber }
    renewSeal { validDays }
    changeSeal { name ownerName sealCode taxpayerNumber redraw changed }
    cancelSeal { reason }
  }`;

export interface ApplicationView {
  id: string;
  type: string;
  status: string;
  reviewedAt: string | null;
  reviewNote: string | null;
  withdrawnAt: string | null;
  applicant: { id: string };
  reviewer: { id: string } | null;
  organization: { id: string } | null;
  seal: { id: string } | null;
  resultSeal: {
    id: string;
    name: string;
    status: string;
    owner: { id: string };
    organization: { id: string } | null;
  } | null;
  attachments: {
    id: string;
    fileName: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    url: string | null;
  }[];
  form: Record<string, Record<string, unknown> | null>;
}

const SUBMIT = `mutation ($input: SubmitApplicationInput!) {
  submitApplication(input: $input) { ${APPLICATION_FIELDS} }
}`;
const REVIEW = `mutation ($input: ReviewApplicationInput!) {
  reviewApplication(input: $input) { ${APPLICATION_FIELDS} }
}`;
export const WITHDRAW = `mutation ($input: WithdrawApplicationInput!) {
  withdrawApplication(input: $input) { ${APPLICATION_FIELDS} }
}`;
export const APPLICATION = `query ($id: ID!) { application(id: $id) { ${APPLICATION_FIELDS} } }`;
export const APPLICATIONS = `query ($filter: ApplicationFilter, $page: PageInput) {
  applications(filter: $filter, page: $page) { totalCount items { id status type applicant { id } } }
}`;

/** A contract seal's form, with the PIN 246810 unless overridden. */
export const newSealForm = (form: Record<string, unknown> = {}) => ({
  newSeal: { name: '合同专用章', sealType: 'CONTRACT', pin: '246810', ...form },
});

/** Submits; the whole result, errors included. */
export function trySubmit(
  token: string,
  input: Record<string, unknown>,
): Promise<GraphQLResult<{ submitApplication: ApplicationView }>> {
  return graphql(SUBMIT, { input }, token);
}

/** Submits and fails loudly on any error. */
export async function submit(token: string, input: Record<string, unknown>) {
  return (await ok<{ submitApplication: ApplicationView }>(SUBMIT, { input }, token))
    .submitApplication;
}

/** Reviews as the platform administrator unless a token is given; the whole result. */
export async function tryReview(input: Record<string, unknown>, token?: string) {
  return graphql<{ reviewApplication: ApplicationView }>(
    REVIEW,
    { input },
    token ?? (await adminToken()),
  );
}

/** Approves as the platform administrator and fails loudly on any error. */
export async function approve(id: string, note?: string): Promise<ApplicationView> {
  const result = await tryReview({ id, decision: 'APPROVE', note });
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  }

  return result.data.reviewApplication;
}

export async function applicationOf(id: string, token: string): Promise<ApplicationView> {
  return (await ok<{ application: ApplicationView }>(APPLICATION, { id }, token)).application;
}

const ADD_MEMBER = `mutation ($input: AddOrganizationMemberInput!) {
  addOrganizationMember(input: $input) { id }
}`;
export const REMOVE_MEMBER = `mutation ($input: RemoveOrganizationMemberInput!) {
  removeOrganizationMember(input: $input) { role }
}`;

export interface Company {
  organization: OrganizationView;
  admin: TestUser;
  keeper: TestUser;
  member: TestUser;
  stranger: TestUser;
}

/** An organisation with an ORG_ADMIN, a SEAL_KEEPER and a MEMBER, and a stranger outside it. */
export async function company(): Promise<Company> {
  const [admin, keeper, member, stranger] = await Promise.all(
    ['org-admin', 'keeper', 'member', 'stranger'].map((prefix) => newUser(prefix)),
  );
  const organization = await newOrganization(admin.token, { name: '温州瓯江贸易有限公司' });
  for (const [user, role] of [
    [keeper, 'SEAL_KEEPER'],
    [member, 'MEMBER'],
  ] as const) {
    await ok(
      ADD_MEMBER,
      { input: { organizationId: organization.id, login: user.username, role } },
      admin.token,
    );
  }

  return { organization, admin, keeper, member, stranger };
}
