import { verifyPdf } from '../../../src/signing/verify';
import { buildPdf } from '../../fixtures/pdf-fixtures';
import { createTestPki } from '../../fixtures/test-pki';
import {
  crlOf,
  hoursAgo,
  pdfsigVerdicts,
  pki,
  rewritePageContent,
  signChecked,
  signedFixture,
  signWithGap,
} from './verify-helpers';

const trusted = () => ({ trustAnchors: [pki.caDer], crls: [crlOf(pki)] });

describe('verifyPdf', () => {
  let signed: Buffer;
  beforeAll(async () => {
    signed = await signedFixture();
  });

  it('finds an engine signature VALID at B-B with its chain, field and page', async () => {
    const report = await verifyPdf(signed, trusted());
    const [signature] = report.signatures;

    expect(report.verdict).toBe('VALID');
    expect(signature).toMatchObject({
      fieldName: 'Seal1',
      subFilter: 'ETSI.CAdES.detached',
      kind: 'approval',
      page: 1,
      signerName: 'Test Seal',
      reason: 'Approved',
      location: 'Paris',
      level: 'B-B',
      verdict: 'VALID',
      modifications: [],
      integrity: { ok: true, coversWholeDocument: true },
      trust: { reachesTrustAnchor: true, keyUsageAllowsSigning: true },
      revocation: { status: 'GOOD' },
    });
    expect(signature.chain.map((cert) => cert.subject)).toEqual([
      'CN=Test Seal',
      'CN=Test Seal Root CA',
    ]);
    expect(signature.chain[1].der.equals(pki.caDer)).toBe(true);
    expect(signature.signer?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps a signature VALID after its seal certificate expired, reporting it no longer valid now', async () => {
    const afterExpiry = new Date(Date.now() + 20 * 366 * 24 * 3_600_000);
    const report = await verifyPdf(signed, { ...trusted(), now: afterExpiry });
    const [signature] = report.signatures;

    expect(signature.verdict).toBe('VALID');
    expect(signature.trust).toMatchObject({ validAtValidationTime: true, validNow: false });
    expect(signature.signer!.notAfter.getTime()).toBeLessThan(afterExpiry.getTime());
  });

  it('finds the signature INVALID when one signed byte is flipped', async () => {
    const tampered = Buffer.from(signed);
    tampered[200] ^= 0x01;
    const [signature] = (await verifyPdf(tampered, trusted())).signatures;

    expect(signature.verdict).toBe('INVALID');
    expect(signature.integrity.digest).toMatchObject({ ok: false });
    expect(signature.integrity.digest.reason).toMatch(/message-digest/);
  });

  it('finds a ByteRange with a gap INVALID even though pdfsig says it is valid', async () => {
    const gapped = signWithGap(signed, 4);
    const [signature] = (await verifyPdf(gapped, trusted())).signatures;

    expect(signature.integrity.digest.ok).toBe(true);
    expect(signature.integrity.holeIsContents).toMatchObject({ ok: false });
    expect(signature.verdict).toBe('INVALID');
    expect(await pdfsigVerdicts(gapped)).toEqual(['Signature is Valid.']);
  });

  it('finds a signature INVALID when a later revision rewrites the page content', async () => {
    const forged = rewritePageContent(signed);
    const [signature] = (await verifyPdf(forged, trusted())).signatures;

    expect(signature.integrity.ok).toBe(true);
    expect(signature.integrity.coversWholeDocument).toBe(false);
    expect(signature.modifications).toContainEqual(
      expect.objectContaining({ objectNumber: 11, category: 'pageContent', allowed: false }),
    );
    expect(signature.verdict).toBe('INVALID');
  });

  it('keeps both signatures VALID when a second signature is appended', async () => {
    const twice = await signChecked(signed, { placement: { page: 1, x: 400, y: 150 } });
    const report = await verifyPdf(twice, trusted());
    const [first, second] = report.signatures;

    expect(report.signatures.map((s) => [s.fieldName, s.verdict])).toEqual([
      ['Seal1', 'VALID'],
      ['Seal2', 'VALID'],
    ]);
    expect(first.integrity.coversWholeDocument).toBe(false);
    expect(first.modifications.length).toBeGreaterThan(0);
    expect(first.modifications.every((change) => change.allowed)).toBe(true);
    expect(first.modifications.map((change) => change.category)).toContain('signature');
    expect(second.integrity.coversWholeDocument).toBe(true);
  });

  it('is INDETERMINATE when the signer chains to an anchor the caller does not trust', async () => {
    const stranger = createTestPki('rsa');
    const report = await verifyPdf(signed, { trustAnchors: [stranger.caDer] });
    const [signature] = report.signatures;

    expect(signature.integrity.ok).toBe(true);
    expect(signature.trust?.reachesTrustAnchor).toBe(false);
    expect(signature.verdict).toBe('INDETERMINATE');
    expect(report.verdict).toBe('INDETERMINATE');
  });

  it('is INDETERMINATE when no CRL tells the revocation status', async () => {
    const [signature] = (await verifyPdf(signed, { trustAnchors: [pki.caDer] })).signatures;

    expect(signature.revocation?.status).toBe('UNKNOWN');
    expect(signature.verdict).toBe('INDETERMINATE');
  });

  it('finds a signer revoked before the signing time REVOKED and the signature INVALID', async () => {
    const crl = crlOf(pki, hoursAgo(2));
    const [signature] = (await verifyPdf(signed, { trustAnchors: [pki.caDer], crls: [crl] }))
      .signatures;

    expect(signature.revocation?.status).toBe('REVOKED');
    expect(signature.verdict).toBe('INVALID');
  });

  it('keeps a signature VALID when its signer was revoked only after signing', async () => {
    const revokedAt = hoursAgo(0.5);
    const crl = crlOf(pki, revokedAt);
    const [signature] = (await verifyPdf(signed, { trustAnchors: [pki.caDer], crls: [crl] }))
      .signatures;

    expect(signature.revocation?.status).toBe('GOOD');
    expect(signature.revocation?.certificates[0].revocationDate?.getTime()).toBe(
      Math.floor(revokedAt.getTime() / 1000) * 1000,
    );
    expect(signature.verdict).toBe('VALID');
  });

  it('ignores a CRL that another CA signed', async () => {
    const stranger = createTestPki('rsa');
    const forged = crlOf({ ...stranger, caDer: pki.caDer }, hoursAgo(2));
    const [signature] = (await verifyPdf(signed, { trustAnchors: [pki.caDer], crls: [forged] }))
      .signatures;

    expect(signature.revocation?.status).toBe('UNKNOWN');
  });

  it('reports a document without signatures as INDETERMINATE', async () => {
    const report = await verifyPdf(buildPdf(), trusted());

    expect(report).toMatchObject({ signatures: [], verdict: 'INDETERMINATE' });
  });
});
