import { X509Certificate } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import {
  baseUrl,
  caPem,
  createSeal,
  download,
  downloadBytes,
  errorCode,
  graphql,
  newUser,
  ok,
  signDocument,
  signingRefusal,
  uploadPdf,
} from '../support/api';
import { sql } from '../support/database';
import { samplePdf } from '../support/sample-pdf';

const signing = (documentId: string, sealId: string) => ({
  documentId,
  sealId,
  placement: { page: 1, x: 200, y: 200 },
  signerName: 'Zhang San',
});

interface AuthPayload {
  login: { accessToken: string; user: { id: string; username: string } };
}

describe('the running server', () => {
  it('answers /healthz and serves the platform CA at /pki/ca.pem', async () => {
    const health = await fetch(`${baseUrl()}/healthz`);
    const pem = await caPem();
    const certificates =
      pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];

    expect(health.status).toBe(200);
    expect(certificates).toHaveLength(2);
    const [root, issuing] = certificates.map((c) => new X509Certificate(c));
    expect(root.ca).toBe(true);
    expect(issuing.checkIssued(root)).toBe(true);
    expect(issuing.verify(root.publicKey)).toBe(true);
  });

  it('registers and logs in by username, returning a token that works', async () => {
    const user = await newUser('login');
    const login = await ok<AuthPayload>(
      `mutation ($input: LoginInput!) { login(input: $input) { accessToken user { id username } } }`,
      { input: { login: user.username, password: 'correct horse battery' } },
    );
    const me = await ok<{ me: unknown }>(
      `{ me { id username displayName } }`,
      {},
      login.login.accessToken,
    );

    expect(me.me).toMatchObject({ id: user.id, username: user.username, displayName: '张三' });
    const wrong = await errorCode(
      `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`,
      { input: { login: user.username, password: 'wrong password' } },
    );
    expect(wrong).toBe('UNAUTHENTICATED');
  });

  it('refuses a second account with the same username with CONFLICT', async () => {
    const user = await newUser('dup');
    const code = await errorCode(
      `mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }`,
      { input: { username: user.username, password: 'another password', displayName: 'x' } },
    );

    expect(code).toBe('CONFLICT');
  });
});

describe('seals', () => {
  it('issues a certificate from the platform CA for signing only, naming owner and seal', async () => {
    const { token } = await newUser();
    const seal = await createSeal(token, { keyAlgorithm: 'RSA_3072', validDays: 30 });
    const certificate = new X509Certificate(seal.certificate.pem);
    const issuing = new X509Certificate((await caPem()).split(/(?=-----BEGIN)/)[1]);

    // 30 days is inside the default expiry warning window.
    expect(seal).toMatchObject({
      status: 'EXPIRING',
      daysRemaining: 30,
      usageCount: 0,
      keyAlgorithm: 'RSA_3072',
    });
    expect(certificate.verify(issuing.publicKey)).toBe(true);
    expect(certificate.subject).toContain('O=杭州示例科技有限公司');
    expect(certificate.subject).toContain('CN=合同专用章');
    expect(certificate.ca).toBe(false);
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    const days = (Date.parse(seal.validTo) - Date.parse(seal.validFrom)) / 86_400_000;
    expect(days).toBe(30);
    expect(seal.certificate.fingerprintSha256).toBe(
      certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
    );
  });

  it('serves the seal image as a PNG to its owner only', async () => {
    const owner = await newUser();
    const other = await newUser();
    const seal = await createSeal(owner.token, { type: 'OFFICIAL', name: '公章' });
    const image = await download(seal.imageUrl, owner.token);
    const bytes = Buffer.from(await image.arrayBuffer());

    expect(image.headers.get('content-type')).toBe('image/png');
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes[25]).toBe(6); // colour type RGBA: a transparent background
    expect((await download(seal.imageUrl, other.token)).status).toBe(403);
  });

  it('refuses to sign with an expired seal with SEAL_EXPIRED, leaving only the failure record', async () => {
    const { token, id: userId } = await newUser();
    const seal = await createSeal(token, { validDays: 1 });
    const document = await uploadPdf(token, await samplePdf(1));
    await sql(
      `update seal set valid_to = now() - interval '1 day' where id = $1 and owner_id = $2`,
      [seal.id, userId],
    );

    const refused = await signingRefusal(token, signing(document.id, seal.id));
    expect(refused).toBe('SEAL_EXPIRED');
    const after = await ok<{ document: unknown }>(
      `query ($id: ID!) { document(id: $id) { revision signatures { id } } }`,
      { id: document.id },
      token,
    );
    expect(after.document).toEqual({ revision: 1, signatures: [] });
    const revisions = await sql<{ n: number }>(
      `select count(*)::int as n from document_revision where document_id = $1`,
      [document.id],
    );
    expect(revisions[0].n).toBe(1);
    const events = await sql<{ action: string; payload: { code: string } }>(
      `select action, payload from history_event where document_id = $1 order by at`,
      [document.id],
    );
    expect(events.map((e) => e.action)).toEqual(['DOCUMENT_UPLOADED', 'SIGNING_FAILED']);
    expect(events[1].payload.code).toBe('SEAL_EXPIRED');
    const sealAfter = await ok<{ seal: unknown }>(
      `query ($id: ID!) { seal(id: $id) { status usageCount } }`,
      { id: seal.id },
      token,
    );
    expect(sealAfter.seal).toEqual({ status: 'EXPIRED', usageCount: 0 });
  });
});

describe('uploads', () => {
  it('accepts a multipart upload with the preflight header and refuses it without (CSRF)', async () => {
    const { token } = await newUser();
    const pdf = await samplePdf(3);
    const form = () => {
      const body = new FormData();
      body.append(
        'operations',
        JSON.stringify({
          query: `mutation ($input: UploadDocumentInput!) { uploadDocument(input: $input) { id pageCount sizeBytes fileName title } }`,
          variables: { input: { file: null, title: '采购合同' } },
        }),
      );
      body.append('map', JSON.stringify({ 0: ['variables.input.file'] }));
      body.append(
        '0',
        new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }),
        '采购合同.pdf',
      );

      return body;
    };
    const headers = { authorization: `Bearer ${token}` };

    const refused = await fetch(`${baseUrl()}/graphql`, { method: 'POST', headers, body: form() });
    const accepted = await fetch(`${baseUrl()}/graphql`, {
      method: 'POST',
      headers: { ...headers, 'apollo-require-preflight': 'true' },
      body: form(),
    });
    const result = (await accepted.json()) as { data: { uploadDocument: Record<string, unknown> } };

    expect(refused.status).toBe(400);
    expect(result.data.uploadDocument).toMatchObject({
      pageCount: 3,
      sizeBytes: pdf.length,
      fileName: '采购合同.pdf',
      title: '采购合同',
    });
  });
});

describe('signingEvents subscription', () => {
  it('tells a subscriber of the document when it is signed, and refuses others', async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const seal = await createSeal(owner.token);
    const input = await samplePdf(1);
    const document = await uploadPdf(owner.token, input);
    const client = (token: string) =>
      createClient({
        url: `${baseUrl().replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
      });
    const query = `subscription ($id: ID!) { signingEvents(documentId: $id) { type at signature { id signerName } document { id revision } } }`;
    const ownerClient = client(owner.token);
    const strangerClient = client(stranger.token);
    try {
      const events = ownerClient.iterate({ query, variables: { id: document.id } });
      const refused = strangerClient.iterate({ query, variables: { id: document.id } });
      const next = events.next();
      await new Promise((resolve) => setTimeout(resolve, 300));

      const signature = await signDocument(owner.token, signing(document.id, seal.id));
      const event = (await next).value as { data: { signingEvents: unknown } };

      expect(event.data.signingEvents).toMatchObject({
        type: 'DOCUMENT_SIGNED',
        signature: { id: signature.id, signerName: 'Zhang San' },
        document: { id: document.id, revision: 2 },
      });
      const refusal = (await refused.next()).value as {
        errors?: { extensions: { code: string } }[];
      };
      expect(refusal.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const output = await downloadBytes(document.downloadUrl, owner.token);
      await expectValidSignedPdf({ input, output, caPem: await caPem() });
    } finally {
      await ownerClient.dispose();
      await strangerClient.dispose();
    }
  });
});

const HISTORY_PAGE = `history(first: 100) { edges { node { id sequence action sealId documentId ip userAgent requestId payload at hash previousHash actor { id username displayName memberships { role organization { id name members { role user { id username displayName } } } } } } } }`;

describe('query limits', () => {
  it('lets a page of 100 history events with their actors’ organisations through', async () => {
    const { token } = await newUser();
    const result = await graphql(`{ ${HISTORY_PAGE} }`, {}, token);

    expect(result.errors).toBeUndefined();
  });

  it.each([
    [
      'nested 12 levels',
      `{ me { memberships { organization { members { user { memberships { organization { members { user { memberships { organization { id } } } } } } } } } } } }`,
    ],
    [
      'with 20 aliases',
      `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ')} }`,
    ],
    [
      'costing over 50 000 (two pages of 100 events with their actors’ organisations)',
      `{ a: ${HISTORY_PAGE} b: ${HISTORY_PAGE} }`,
    ],
  ])(
    'refuses an operation %s with QUERY_TOO_COMPLEX and a 400, not an internal error',
    async (_, query) => {
      const { token } = await newUser();
      const response = await fetch(`${baseUrl()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };

      expect(response.status).toBe(400);
      expect(body.errors[0]?.extensions.code).toBe('QUERY_TOO_COMPLEX');
    },
  );
});
