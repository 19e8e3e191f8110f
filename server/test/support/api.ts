import { randomBytes } from 'node:crypto';
import { organizationFor } from './organizations';

/** A GraphQL response as the server sent it. */
export interface GraphQLResult<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  /** Set by the test server: `sqlStatements`, what the request cost the database. */
  extensions?: { sqlStatements?: number };
}

export const baseUrl = (): string => {
  const url = process.env.ESEAL_TEST_URL;
  if (!url) throw new Error('ESEAL_TEST_URL is not set: run through jest with the global setup');

  return url;
};

/** Posts one operation; returns the whole result, errors included. */
export async function graphql<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResult<T>> {
  const response = await fetch(`${baseUrl()}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });

  return (await response.json()) as GraphQLResult<T>;
}

/** Posts one operation and fails loudly on any error. */
export async function ok<T>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const result = await graphql<T>(query, variables, token);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  }

  return result.data;
}

/** The `extensions.code` of the first error, for asserting refusals. */
export async function errorCode(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<string | undefined> {
  const result = await graphql(query, variables, token);

  return result.errors?.[0]?.extensions?.code;
}

/** The PIN every seal made through these helpers gets, unless the test gives one. */
export const DEFAULT_SEAL_PIN = '123456';

/** The administrator every test server is started with (ADMIN_USERNAME, ADMIN_PASSWORD). */
export const TEST_ADMIN = { username: 'platform-admin', password: 'admin password 1' };

/**
 * A fresh account for one test, so tests never share state. It has accepted the current
 * agreement, as anyone making seals must, unless `acceptAgreement` is false.
 */
export async function newUser(
  prefix = 'user',
  options: { acceptAgreement?: boolean } = {},
): Promise<{ token: string; id: string; username: string }> {
  const username = `${prefix}-${randomBytes(4).toString('hex')}`;
  const data = await ok<{ register: { accessToken: string; user: { id: string } } }>(
    `mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`,
    { input: { username, password: 'correct horse battery', displayName: '张三' } },
  );
  const token = data.register.accessToken;
  if (options.acceptAgreement ?? true) await acceptCurrentAgreement(token);

  return { token, id: data.register.user.id, username };
}

/** Signs in as the test server's administrator. */
export async function adminToken(): Promise<string> {
  const data = await ok<{ login: { accessToken: string } }>(
    `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`,
    { input: { login: TEST_ADMIN.username, password: TEST_ADMIN.password } },
  );

  return data.login.accessToken;
}

/** Accepts whatever agreement is current; returns its version. */
export async function acceptCurrentAgreement(token: string): Promise<number> {
  const { currentAgreement } = await ok<{ currentAgreement: { id: string; version: number } }>(
    `{ currentAgreement { id version } }`,
  );
  await ok(
    `mutation ($input: AcceptAgreementInput!) { acceptAgreement(input: $input) { acceptedAt } }`,
    { input: { agreementId: currentAgreement.id } },
    token,
  );

  return currentAgreement.version;
}

export interface CertificateView {
  serialNumber: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
  pem: string;
}

export interface SealView {
  id: string;
  name: string;
  type: string;
  status: string;
  daysRemaining: number;
  lockedUntil: string | null;
  keyAlgorithm: string;
  validFrom: string;
  validTo: string;
  usageCount: number;
  imageUrl: string;
  certificate: CertificateView;
}

export interface DocumentView {
  id: string;
  title: string;
  fileName: string;
  pageCount: number;
  sizeBytes: number;
  sha256: string;
  downloadUrl: string;
}

export interface SignatureView {
  id: string;
  page: number;
  signedAt: string;
  signerName: string;
  reason: string | null;
  location: string | null;
  fieldName: string;
  document: {
    id: string;
    revision: number;
    sizeBytes: number;
    sha256: string;
    downloadUrl: string;
  };
  seal: { id: string; usageCount: number };
  signer: { id: string };
}

export const SEAL_FIELDS = `id name type status daysRemaining lockedUntil keyAlgorithm validFrom validTo usageCount imageUrl
  certificate { serialNumber subject issuer notBefore notAfter fingerprintSha256 pem }`;

export const CREATE_SEAL = `mutation ($input: CreateSealInput!) {
  createSeal(input: $input) { ${SEAL_FIELDS} }
}`;

/** A contract seal with DEFAULT_SEAL_PIN; `input` overrides any field. */
export function createSealInput(input: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '合同专用章',
    type: 'CONTRACT',
    ownerName: '杭州示例科技有限公司',
    pin: DEFAULT_SEAL_PIN,
    ...input,
  };
}

export async function createSeal(
  token: string,
  input: Record<string, unknown> = {},
): Promise<SealView> {
  const data = await ok<{ createSeal: SealView }>(
    CREATE_SEAL,
    { input: await withOrganization(token, createSealInput(input)) },
    token,
  );

  return data.createSeal;
}

/** Tries to create a seal; the whole result, errors included. */
export async function tryCreateSeal(token: string, input: Record<string, unknown> = {}) {
  const full = await withOrganization(token, createSealInput(input));

  return graphql<{ createSeal: SealView }>(CREATE_SEAL, { input: full }, token);
}

const ORGANIZATION_TYPES = ['OFFICIAL', 'CONTRACT', 'FINANCE', 'INVOICE', 'LEGAL_REPRESENTATIVE'];
const DEFAULT_ORGANIZATION = '杭州示例科技有限公司';

/**
 * Company seals belong to an organisation: unless the input names one (`organizationId`, null
 * included), the seal goes to an organisation of the token's user whose registered name (or, for
 * a legal representative's seal, whose legal representative) is the input's ownerName.
 */
export async function withOrganization(
  token: string,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if ('organizationId' in input || !ORGANIZATION_TYPES.includes(input.type as string)) return input;
  const holder = typeof input.ownerName === 'string' ? input.ownerName : DEFAULT_ORGANIZATION;
  if ([...holder.trim()].length < 1 || [...holder.trim()].length > 12 * 2) return input;
  const organization =
    input.type === 'LEGAL_REPRESENTATIVE'
      ? await organizationFor(token, DEFAULT_ORGANIZATION, holder.slice(0, 12))
      : await organizationFor(token, holder, '王小明');

  return { ...input, organizationId: organization.id };
}

/** Imports a seal from PKCS#12 (`importSeal`) with DEFAULT_SEAL_PIN unless given; whole result. */
export async function importSeal(
  token: string,
  input: Record<string, unknown>,
  fields = 'id name ownerName keyAlgorithm status certificate { issuer }',
) {
  return graphql<{ importSeal: Record<string, unknown> & { id: string } }>(
    `mutation ($input: ImportSealInput!) { importSeal(input: $input) { ${fields} } }`,
    { input: await withOrganization(token, { pin: DEFAULT_SEAL_PIN, ...input }) },
    token,
  );
}

/** Imports a seal from PEM (`importSealPem`) with DEFAULT_SEAL_PIN unless given; whole result. */
export async function importSealPem(
  token: string,
  input: Record<string, unknown>,
  fields = 'id name ownerName keyAlgorithm status certificate { issuer }',
) {
  return graphql<{ importSealPem: Record<string, unknown> & { id: string } }>(
    `mutation ($input: ImportSealPemInput!) { importSealPem(input: $input) { ${fields} } }`,
    { input: await withOrganization(token, { pin: DEFAULT_SEAL_PIN, ...input }) },
    token,
  );
}

export async function uploadPdf(
  token: string,
  pdf: Buffer,
  fileName = 'contract.pdf',
): Promise<DocumentView> {
  const data = await ok<{ uploadDocument: DocumentView }>(
    `mutation ($input: UploadDocumentInput!) {
      uploadDocument(input: $input) { id title fileName pageCount sizeBytes sha256 downloadUrl }
    }`,
    { input: { contentBase64: pdf.toString('base64'), fileName } },
    token,
  );

  return data.uploadDocument;
}

export const SIGN_DOCUMENT = `mutation ($input: SignDocumentInput!) {
  signDocument(input: $input) {
    id page signedAt signerName reason location fieldName
    document { id revision sizeBytes sha256 downloadUrl }
    seal { id usageCount }
    signer { id }
  }
}`;

/** SignDocumentInput with DEFAULT_SEAL_PIN unless the input gives a PIN. */
export function signDocumentInput(input: Record<string, unknown>): Record<string, unknown> {
  return { pin: DEFAULT_SEAL_PIN, ...input };
}

/** Signs and returns the new signature; fails loudly on any error. */
export async function signDocument(
  token: string,
  input: Record<string, unknown>,
  fields?: string,
): Promise<SignatureView> {
  const mutation = fields ? signDocumentMutation(fields) : SIGN_DOCUMENT;
  const data = await ok<{ signDocument: SignatureView }>(
    mutation,
    { input: signDocumentInput(input) },
    token,
  );

  return data.signDocument;
}

/** Tries to sign (DEFAULT_SEAL_PIN unless given); the whole result, errors included. */
export function trySignDocument<T = SignatureView>(
  token: string,
  input: Record<string, unknown>,
  fields?: string,
) {
  const mutation = fields ? signDocumentMutation(fields) : SIGN_DOCUMENT;

  return graphql<{ signDocument: T }>(mutation, { input: signDocumentInput(input) }, token);
}

/** The code a signing is refused with (DEFAULT_SEAL_PIN unless given); undefined on success. */
export async function signingRefusal(
  token: string,
  input: Record<string, unknown>,
): Promise<string | undefined> {
  return (await trySignDocument(token, input)).errors?.[0]?.extensions?.code;
}

function signDocumentMutation(fields: string): string {
  return `mutation ($input: SignDocumentInput!) { signDocument(input: $input) { ${fields} } }`;
}

/** The bytes at a download URL, fetched with the bearer token. */
export async function downloadBytes(url: string, token: string): Promise<Buffer> {
  const response = await download(url, token);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);

  return Buffer.from(await response.arrayBuffer());
}

/** GETs a URL with the bearer token. */
export async function download(url: string, token?: string): Promise<Response> {
  return fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

export async function caPem(): Promise<string> {
  return (await fetch(`${baseUrl()}/pki/ca.pem`)).text();
}
