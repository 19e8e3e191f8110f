import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { baseUrl, caPem, errorCode, ok, type SealView } from '../support/api';
import { sql } from '../support/database';
import { samplePdf } from '../support/sample-pdf';
import { SigningSession } from '../support/signing-session';

interface SealCertificates {
  seal: {
    status: string;
    keyAlgorithm: string;
    certificate: { serialNumber: string };
    certificates: {
      serialNumber: string;
      revokedAt: string | null;
      revocationReason: string | null;
    }[];
  };
}

const CERTIFICATES = `query ($id: ID!) { seal(id: $id) {
  status keyAlgorithm certificate { serialNumber }
  certificates { serialNumber revokedAt revocationReason }
} }`;

const certificatesOf = (session: SigningSession, seal: SealView) =>
  ok<SealCertificates>(CERTIFICATES, { id: seal.id }, session.token);

const placement = { placement: { page: 1, x: 200, y: 200 } };

describe('the life of a seal', () => {
  it('renews: a new certificate for the same key, the old one kept unrevoked', async () => {
    const session = await SigningSession.start();
    const documentId = await session.upload(await samplePdf(1));
    await session.sign(documentId, placement);

    const renewed = await ok<{ renewSeal: { validTo: string } }>(
      `mutation ($input: RenewSealInput!) { renewSeal(input: $input) { validTo } }`,
      { input: { id: session.seal.id, validDays: 730 } },
      session.token,
    );
    await session.sign(documentId, { placement: { page: 1, x: 400, y: 200 } });

    const { seal } = await certificatesOf(session, session.seal);
    expect(seal.certificates).toHaveLength(2);
    expect(seal.certificates.every((c) => c.revokedAt === null)).toBe(true);
    expect(seal.certificate.serialNumber).not.toBe(session.seal.certificate.serialNumber);
    expect(Date.parse(renewed.renewSeal.validTo)).toBeGreaterThan(Date.parse(session.seal.validTo));
    const report = await session.verify(documentId);
    expect(report.signatures.map((s) => s.verdict)).toEqual(['VALID', 'VALID']);
  });

  it('re-keys: old certificate revoked as superseded and listed in the CRL, old key erased, old signatures still valid', async () => {
    const session = await SigningSession.start();
    const documentId = await session.upload(await samplePdf(1));
    await session.sign(documentId, placement);
    const oldKey = await keyBytesOf(session.seal.id);

    await ok(
      `mutation ($input: RekeySealInput!) { rekeySeal(input: $input) { id } }`,
      { input: { id: session.seal.id, keyAlgorithm: 'EC_P256' } },
      session.token,
    );

    const { seal } = await certificatesOf(session, session.seal);
    expect(seal.keyAlgorithm).toBe('EC_P256');
    const old = seal.certificates.find(
      (c) => c.serialNumber === session.seal.certificate.serialNumber,
    );
    expect(old).toMatchObject({ revocationReason: 'superseded' });
    expect(await keyBytesOf(session.seal.id, oldKey.keyId)).toEqual({
      keyId: oldKey.keyId,
      present: false,
    });
    expect(await crlText()).toMatch(new RegExp(session.seal.certificate.serialNumber, 'i'));
    const current = await ok<{ seal: { certificate: { pem: string } } }>(
      `query ($id: ID!) { seal(id: $id) { certificate { pem } } }`,
      { id: session.seal.id },
      session.token,
    );
    expect(await crlCheck(session.seal.certificate.pem)).toMatch(/certificate revoked/);
    expect(await crlCheck(current.seal.certificate.pem)).toMatch(/seal\.pem: OK/);
    const report = await session.verify(documentId);
    expect(report.signatures[0].verdict).toBe('VALID');
    await session.sign(documentId, { placement: { page: 1, x: 400, y: 200 } });
    expect((await session.verify(documentId)).signatures.map((s) => s.verdict)).toEqual([
      'VALID',
      'VALID',
    ]);
  });

  it('re-certifies a renamed seal: the new name in a new certificate, the old one revoked, old signatures valid', async () => {
    const session = await SigningSession.start();
    const documentId = await session.upload(await samplePdf(1));
    await session.sign(documentId, placement);

    await ok(
      `mutation ($input: UpdateSealInput!) { updateSeal(input: $input) { id } }`,
      { input: { id: session.seal.id, name: '合同章二' } },
      session.token,
    );
    const renamed = await ok<{ seal: { certificate: { subject: string; pem: string } } }>(
      `query ($id: ID!) { seal(id: $id) { certificate { subject pem } } }`,
      { id: session.seal.id },
      session.token,
    );
    await session.sign(documentId, { placement: { page: 1, x: 400, y: 200 } });

    expect(renamed.seal.certificate.subject).toMatch(/CN=合同章二/);
    expect(renamed.seal.certificate.subject).toMatch(/O=杭州示例科技有限公司/);
    const { seal } = await certificatesOf(session, session.seal);
    expect(
      seal.certificates.find((c) => c.serialNumber === session.seal.certificate.serialNumber),
    ).toMatchObject({ revocationReason: 'affiliationChanged' });
    expect(await crlCheck(session.seal.certificate.pem)).toMatch(/certificate revoked/);
    expect(await crlCheck(renamed.seal.certificate.pem)).toMatch(/seal\.pem: OK/);
    expect((await session.verify(documentId)).signatures.map((s) => s.verdict)).toEqual([
      'VALID',
      'VALID',
    ]);
  });

  it('answers OCSP for its certificates: good while in use, revoked once deleted', async () => {
    const session = await SigningSession.start();
    const status = () => ocspStatus(session.seal.certificate.pem);

    expect(await status()).toMatch(/seal\.pem: good/);
    await ok(
      `mutation ($input: DeleteSealInput!) { deleteSeal(input: $input) { id } }`,
      { input: { id: session.seal.id, confirmName: session.seal.name } },
      session.token,
    );
    expect(await status()).toMatch(/seal\.pem: revoked[\s\S]*cessationOfOperation/);
    expect(await crlCheck(session.seal.certificate.pem)).toMatch(/certificate revoked/);
  });

  it('deletes only when the name is confirmed, then can never sign, renew or re-key again', async () => {
    const session = await SigningSession.start();
    const documentId = await session.upload(await samplePdf(1));
    await session.sign(documentId, placement);
    const remove = (confirmName: string) =>
      errorCode(
        `mutation ($input: DeleteSealInput!) { deleteSeal(input: $input) { status } }`,
        { input: { id: session.seal.id, confirmName } },
        session.token,
      );

    expect(await remove('not its name')).toBe('BAD_USER_INPUT');
    expect(await remove(session.seal.name)).toBeUndefined();

    const { seal } = await certificatesOf(session, session.seal);
    expect(seal.status).toBe('REVOKED');
    expect(seal.certificates[0]).toMatchObject({ revocationReason: 'cessationOfOperation' });
    expect(await session.refusal(documentId, placement)).toBe('SEAL_REVOKED');
    const renew = `mutation ($input: RenewSealInput!) { renewSeal(input: $input) { id } }`;
    expect(await errorCode(renew, { input: { id: session.seal.id } }, session.token)).toBe(
      'SEAL_REVOKED',
    );
    expect(await remove(session.seal.name)).toBe('SEAL_REVOKED');
    expect((await keyBytesOf(session.seal.id)).present).toBe(false);
    expect((await session.verify(documentId)).signatures[0].verdict).toBe('VALID');
    const history = await sql<{ action: string }>(
      `select action from history_event where seal_id = $1 order by at`,
      [session.seal.id],
    );
    expect(history.map((event) => event.action)).toEqual([
      'SEAL_CREATED',
      'DOCUMENT_SIGNED',
      'SEAL_DELETED',
      'SIGNING_FAILED',
    ]);
  });
});

/** Whether the seal's (or a given) wrapped key still holds key material. */
async function keyBytesOf(sealId: string, keyId?: string) {
  const [row] = await sql<{ id: string; present: boolean }>(
    `select k.id, (k.encrypted_key is not null and k.wrapped_data_key is not null) as present
       from wrapped_key k where k.id = coalesce($2::uuid, (select key_id from seal where id = $1))`,
    [sealId, keyId ?? null],
  );

  return { keyId: row.id, present: row.present };
}

/** `openssl verify -crl_check` of a seal certificate against the served CRL and CA chain. */
async function crlCheck(sealPem: string): Promise<string> {
  const der = Buffer.from(await (await fetch(`${baseUrl()}/pki/crl`)).arrayBuffer());
  const crlPem = `-----BEGIN X509 CRL-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END X509 CRL-----\n`;
  const dir = mkdtempSync(path.join(tmpdir(), 'crl-check-'));
  const file = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);

    return path.join(dir, name);
  };
  try {
    const args = ['verify', '-crl_check', '-CAfile', file('ca.pem', await caPem())];
    args.push('-CRLfile', file('crl.pem', crlPem), file('seal.pem', sealPem));
    const result = await run('openssl', args).catch(
      (error: { stdout: string; stderr: string }) => error,
    );

    return `${result.stdout}${result.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The issuing CA's CRL as openssl prints it. */
async function crlText(): Promise<string> {
  const der = Buffer.from(await (await fetch(`${baseUrl()}/pki/crl`)).arrayBuffer());
  const dir = mkdtempSync(path.join(tmpdir(), 'crl-'));
  try {
    writeFileSync(path.join(dir, 'crl.der'), der);

    return execFileSync('openssl', [
      'crl',
      '-inform',
      'DER',
      '-noout',
      '-text',
      '-in',
      path.join(dir, 'crl.der'),
    ]).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = promisify(execFile);

/** `openssl ocsp` against the platform responder, for one seal certificate. */
async function ocspStatus(sealPem: string): Promise<string> {
  const [root, issuing] = (await caPem()).split(/(?=-----BEGIN CERTIFICATE-----)/);
  const dir = mkdtempSync(path.join(tmpdir(), 'ocsp-'));
  const file = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);

    return path.join(dir, name);
  };
  try {
    const args = [
      'ocsp',
      '-issuer',
      file('issuing.pem', issuing),
      '-cert',
      file('seal.pem', sealPem),
    ];
    args.push('-CAfile', file('root.pem', root), '-url', `${baseUrl()}/pki/ocsp`);

    // Asynchronously: when jest runs this file in its own process, the server lives there too.
    return (await run('openssl', args)).stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
