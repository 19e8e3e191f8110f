import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  baseUrl,
  caPem,
  createSeal,
  downloadBytes,
  errorCode,
  newUser,
  ok,
  signDocument,
  uploadPdf,
} from '../support/api';
import { samplePdf } from '../support/sample-pdf';

const VERIFY_DOCUMENT = `query ($input: VerifyDocumentInput!) {
  verifyDocument(input: $input) {
    verdict reasons encrypted revisions
    signatures {
      fieldName subFilter kind page signerName reason location claimedSigningTime timestampTime
      byteRange level changePermission verdict reasons
      signer { subject fingerprintSha256 pem }
      chain { subject issuer serialNumber notBefore notAfter fingerprintSha256 }
      integrity {
        ok digestMatches signatureValid byteRangeStartsAtZero holeIsContents rangesContiguous
        revisionEndsAtEof coversWholeDocument reasons
      }
      timestamp { genTime tsaName imprintMatches signatureValid trusted reasons }
      trust { reachesTrustAnchor validAtValidationTime validNow validationTimeSource reasons }
      revocation { status reasons certificates { subject status } }
      modifications { objectNumber change category allowed }
      seal { id name }
    }
  }
}`;

interface SignatureReport {
  fieldName: string;
  kind: string;
  level: string;
  byteRange: number[];
  verdict: string;
  reasons: string[];
  signerName: string | null;
  signer: { subject: string; fingerprintSha256: string } | null;
  chain: { subject: string; issuer: string; fingerprintSha256: string }[];
  integrity: { ok: boolean; digestMatches: boolean; coversWholeDocument: boolean };
  timestampTime: string | null;
  timestamp: { imprintMatches: boolean; signatureValid: boolean; trusted: boolean } | null;
  trust: { reachesTrustAnchor: boolean; validAtValidationTime: boolean; reasons: string[] } | null;
  revocation: { status: string; certificates: { subject: string; status: string }[] } | null;
  modifications: { category: string; allowed: boolean }[];
  changePermission: number | null;
  seal: { id: string; name: string } | null;
}

interface Report {
  verdict: string;
  reasons: string[];
  encrypted: boolean;
  revisions: number;
  signatures: SignatureReport[];
}

async function verify(token: string, input: Record<string, unknown>): Promise<Report> {
  return (await ok<{ verifyDocument: Report }>(VERIFY_DOCUMENT, { input }, token)).verifyDocument;
}

const signing = (documentId: string, sealId: string, x: number) => ({
  documentId,
  sealId,
  placement: { page: 1, x, y: 600 },
  signerName: '张三',
});

/** A document signed by two of the owner's seals, one after the other. */
async function twiceSigned() {
  const owner = await newUser('owner');
  const contract = await createSeal(owner.token);
  const personal = await createSeal(owner.token, {
    name: '李四',
    type: 'PERSONAL',
    ownerName: '李四',
    keyAlgorithm: 'EC_P256',
  });
  const document = await uploadPdf(owner.token, await samplePdf(1));
  await signDocument(owner.token, signing(document.id, contract.id, 150));
  await signDocument(owner.token, signing(document.id, personal.id, 400));
  const signed = await downloadBytes(document.downloadUrl, owner.token);

  return { owner, seals: [contract, personal], document, signed };
}

describe('verifying signatures through the API', () => {
  it('finds both platform signatures VALID: intact, anchored, not revoked, named by their seal', async () => {
    const { owner, seals, document, signed } = await twiceSigned();
    const [root, issuing] = await platformCaFingerprints();

    const report = await verify(owner.token, { documentId: document.id });

    expect(report).toMatchObject({ encrypted: false, revisions: 3 });
    expect(report.signatures).toHaveLength(2);
    report.signatures.forEach((signature, index) => {
      expect(signature).toMatchObject({
        kind: 'APPROVAL',
        level: 'B_T',
        signerName: '张三',
        changePermission: null,
        seal: { id: seals[index].id, name: seals[index].name },
        signer: { fingerprintSha256: seals[index].certificate.fingerprintSha256 },
        integrity: { ok: true, digestMatches: true, coversWholeDocument: index === 1 },
        timestamp: { imprintMatches: true, signatureValid: true, trusted: true, reasons: [] },
        trust: {
          reachesTrustAnchor: true,
          validAtValidationTime: true,
          validationTimeSource: 'TIMESTAMP',
          reasons: [],
        },
      });
      expect(signature.timestampTime).toEqual(expect.any(String));
      expect(signature.chain.map((c) => c.fingerprintSha256)).toEqual([
        seals[index].certificate.fingerprintSha256,
        issuing,
        root,
      ]);
      expect(signature.revocation!.certificates).toEqual([
        { subject: signature.chain[0].subject, status: 'GOOD' },
        // The root's own CRL answers for the issuing CA.
        { subject: signature.chain[1].subject, status: 'GOOD' },
      ]);
      expect(signature.modifications.every((m) => m.allowed)).toBe(true);
      expect(signature).toMatchObject({ verdict: 'VALID', reasons: [] });
    });
    expect(report.signatures[1].byteRange[2] + report.signatures[1].byteRange[3]).toBe(
      signed.length,
    );
    expect(report.verdict).toBe('VALID');
  });

  it('finds a byte changed inside the first signed range INVALID, and stores no upload', async () => {
    const { owner, signed } = await twiceSigned();
    const [first] = (await verify(owner.token, base64(signed))).signatures;
    const before = await documentIds(owner.token);

    const report = await verify(owner.token, base64(flipInFirstRange(signed, first.byteRange)));

    expect(report.verdict).toBe('INVALID');
    expect(report.signatures.map((s) => s.verdict)).toEqual(['INVALID', 'INVALID']);
    expect(report.signatures[0].integrity).toMatchObject({ ok: false, digestMatches: false });
    expect(report.reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/message-digest .* differs from the digest/)]),
    );
    expect(await documentIds(owner.token)).toEqual(before);
  });

  it("refuses another user's document with FORBIDDEN but verifies its bytes without naming the seal", async () => {
    const { document, signed } = await twiceSigned();
    const stranger = await newUser('stranger');

    const refused = await errorCode(
      VERIFY_DOCUMENT,
      { input: { documentId: document.id } },
      stranger.token,
    );
    const report = await verify(stranger.token, base64(signed));

    expect(refused).toBe('FORBIDDEN');
    expect(report.signatures).toHaveLength(2);
    expect(report.signatures.map((s) => s.seal)).toEqual([null, null]);
    expect(report.signatures.every((s) => s.integrity.ok && s.trust!.reachesTrustAnchor)).toBe(
      true,
    );
  });

  it('verifies a multipart upload like a stored document', async () => {
    const { owner, seals, signed } = await twiceSigned();

    const report = await verifyMultipart(owner.token, signed);

    expect(report.signatures.map((s) => s.seal?.id)).toEqual(seals.map((s) => s.id));
    expect(report.signatures.every((s) => s.integrity.ok)).toBe(true);
  });

  it('refuses what is not a PDF with INVALID_PDF, and anonymous callers with UNAUTHENTICATED', async () => {
    const { token } = await newUser();
    const garbage = { contentBase64: Buffer.from('this is not a PDF at all').toString('base64') };

    expect(await errorCode(VERIFY_DOCUMENT, { input: garbage }, token)).toBe('INVALID_PDF');
    expect(await errorCode(VERIFY_DOCUMENT, { input: garbage })).toBe('UNAUTHENTICATED');
  });

  it('refuses no source, or more than one, with BAD_USER_INPUT', async () => {
    const { token } = await newUser();
    const pdf = (await samplePdf(1)).toString('base64');
    const unknownDocument = { documentId: '00000000-0000-4000-8000-000000000000' };

    expect(await errorCode(VERIFY_DOCUMENT, { input: {} }, token)).toBe('BAD_USER_INPUT');
    expect(
      await errorCode(
        VERIFY_DOCUMENT,
        { input: { ...unknownDocument, contentBase64: pdf } },
        token,
      ),
    ).toBe('BAD_USER_INPUT');
    expect(await errorCode(VERIFY_DOCUMENT, { input: unknownDocument }, token)).toBe('NOT_FOUND');
  });

  it('reports an unsigned PDF INDETERMINATE with no signatures', async () => {
    const { token } = await newUser();

    const report = await verify(token, base64(await samplePdf(1)));

    expect(report).toMatchObject({ verdict: 'INDETERMINATE', signatures: [] });
    expect(report.reasons).toEqual(['the document has no signatures']);
  });
});

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');
const FOREIGN = path.join(CORPUS, 'pyhanko-minimal-signed-twice-no-sig-type.pdf');

describe('verifying signatures made elsewhere', () => {
  const run = existsSync(FOREIGN) ? it : it.skip;
  if (!existsSync(FOREIGN)) {
    console.warn(`skipping foreign signatures: ${FOREIGN} is missing (shared corpus not present)`);
  }

  run(
    'finds pyHanko signatures intact but INDETERMINATE: their chain reaches no platform anchor',
    async () => {
      const { token } = await newUser();

      const report = await verify(token, base64(await readFile(FOREIGN)));

      expect(report.verdict).toBe('INDETERMINATE');
      expect(report.signatures).toHaveLength(2);
      for (const signature of report.signatures) {
        expect(signature.integrity.ok).toBe(true);
        expect(signature.trust!.reachesTrustAnchor).toBe(false);
        expect(signature.seal).toBeNull();
        expect(signature.verdict).toBe('INDETERMINATE');
        expect(signature.reasons).toEqual(
          expect.arrayContaining([expect.stringMatching(/reaches no trust anchor/)]),
        );
      }
    },
  );
});

/** SHA-256 fingerprints of the platform root and issuing CA, as /pki/ca.pem serves them. */
async function platformCaFingerprints(): Promise<string[]> {
  const pems = (await caPem()).match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g)!;

  return pems.map((pem) => new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase());
}

async function documentIds(token: string): Promise<string[]> {
  const data = await ok<{ documents: { id: string }[] }>(`{ documents { id } }`, {}, token);

  return data.documents.map((document) => document.id);
}

function base64(pdf: Buffer): { contentBase64: string } {
  return { contentBase64: pdf.toString('base64') };
}

/**
 * Changes a digit of the original revision's /ModDate: inside the first signed range, yet harmless
 * to the file's structure, so the PDF still reads and only the digests can tell.
 */
function flipInFirstRange(pdf: Buffer, [start, length]: number[]): Buffer {
  const at = pdf.indexOf('/ModDate (D:') + '/ModDate (D:'.length;
  expect(at).toBeGreaterThan(start);
  expect(at).toBeLessThan(start + length);
  const copy = Buffer.from(pdf);
  copy[at] = copy[at] === 0x31 ? 0x32 : 0x31;

  return copy;
}

async function verifyMultipart(token: string, pdf: Buffer): Promise<Report> {
  const body = new FormData();
  body.append(
    'operations',
    JSON.stringify({ query: VERIFY_DOCUMENT, variables: { input: { file: null } } }),
  );
  body.append('map', JSON.stringify({ 0: ['variables.input.file'] }));
  body.append('0', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'signed.pdf');
  const response = await fetch(`${baseUrl()}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    body,
  });
  const result = (await response.json()) as { data?: { verifyDocument: Report }; errors?: unknown };
  if (!result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);

  return result.data.verifyDocument;
}
