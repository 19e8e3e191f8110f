import { randomBytes } from 'node:crypto';

/** A GraphQL response as the server sent it. */
export interface GraphQLResult<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
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

/** A fresh account for one test, so tests never share state. */
export async function newUser(
  prefix = 'user',
): Promise<{ token: string; id: string; username: string }> {
  const username = `${prefix}-${randomBytes(4).toString('hex')}`;
  const data = await ok<{ register: { accessToken: string; user: { id: string } } }>(
    `mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`,
    { input: { username, password: 'correct horse battery', displayName: '张三' } },
  );

  return { token: data.register.accessToken, id: data.register.user.id, username };
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

export const SEAL_FIELDS = `id name type status keyAlgorithm validFrom validTo usageCount imageUrl
  certificate { serialNumber subject issuer notBefore notAfter fingerprintSha256 pem }`;

export async function createSeal(
  token: string,
  input: Record<string, unknown> = {},
): Promise<SealView> {
  const data = await ok<{ createSeal: SealView }>(
    `mutation ($input: CreateSealInput!) { createSeal(input: $input) { ${SEAL_FIELDS} } }`,
    {
      input: { name: '合同专用章', type: 'CONTRACT', ownerName: '杭州示例科技有限公司', ...input },
    },
    token,
  );

  return data.createSeal;
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

/** Signs and returns the new signature; fails loudly on any error. */
export async function signDocument(
  token: string,
  input: Record<string, unknown>,
): Promise<SignatureView> {
  return (await ok<{ signDocument: SignatureView }>(SIGN_DOCUMENT, { input }, token)).signDocument;
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
