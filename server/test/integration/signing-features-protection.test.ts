import { X509Certificate } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { decryptedCopy } from '../helpers/decrypted-copy';
import { expectOcspGoodInDss } from '../helpers/dss';
import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import { caPem } from '../support/api';
import { samplePdf } from '../support/sample-pdf';
import { SigningSession } from '../support/signing-session';
import { tempDir } from '../support/temp-dir';
import { qpdfEncrypt } from '../unit/signing/signing-inputs';

const FIRST = { page: 1, x: 150, y: 300, width: 80 };
const SECOND = { page: 1, x: 400, y: 300, width: 80 };

/** A session with a one-page document it has signed once with `options`. */
async function signedOnce(options: Record<string, unknown>) {
  const session = await SigningSession.start();
  const input = await samplePdf(1);
  const documentId = await session.upload(input);
  const signature = await session.sign(documentId, { placement: FIRST, ...options });

  return { session, documentId, input, signature, output: await session.bytes(documentId) };
}

describe('certification (DocMDP)', () => {
  it('locks a document certified NO_CHANGES: a second signing is DOCUMENT_LOCKED at revision 2', async () => {
    const { session, documentId, input, output } = await signedOnce({ certify: 'NO_CHANGES' });

    const refused = await session.refusal(documentId, { placement: SECOND });

    await expectValidSignedPdf({ input, output, caPem: await caPem() });
    expect(refused).toBe('DOCUMENT_LOCKED');
    expect(await session.revision(documentId)).toBe(2);
    const report = await session.verify(documentId);
    expect(report.signatures).toMatchObject([{ kind: 'CERTIFICATION', changePermission: 1 }]);
  });

  it('takes an approval signature after FORM_FILLING, both signatures valid', async () => {
    const { session, documentId, input, output } = await signedOnce({ certify: 'FORM_FILLING' });

    const approval = await session.sign(documentId, { placement: SECOND });
    const twice = await session.bytes(documentId);

    await expectValidSignedPdf({ input, output, caPem: await caPem() });
    const report = await expectValidSignedPdf({
      input: output,
      output: twice,
      caPem: await caPem(),
    });
    expect(report.signatures).toHaveLength(2);
    expect(approval.revision).toBe(3);
    const verified = await session.verify(documentId);
    expect(verified.signatures).toMatchObject([
      { kind: 'CERTIFICATION', changePermission: 2, verdict: 'VALID' },
      { kind: 'APPROVAL', verdict: 'VALID' },
    ]);
    expect(verified.signatures[0].modifications.every((change) => change.allowed)).toBe(true);
  });

  it('refuses to certify a document that is already signed with BAD_CERTIFICATION', async () => {
    const { session, documentId } = await signedOnce({});

    const refused = await session.refusal(documentId, {
      placement: SECOND,
      certify: 'ANNOTATIONS',
    });

    expect(refused).toBe('BAD_CERTIFICATION');
    expect(await session.revision(documentId)).toBe(2);
  });
});

describe('encrypted PDFs', () => {
  it('uploads and signs an AES-256 file with an empty user password, no password given', async () => {
    const session = await SigningSession.start();
    const input = qpdfEncrypt(await samplePdf(1), '', 'owner secret', '256');

    const upload = await session.uploadEncrypted(input);
    const signature = await session.sign(upload.document!.id, { placement: FIRST });
    const output = await session.bytes(upload.document!.id);

    expect(upload.document).toMatchObject({ encrypted: true });
    expect(signature.document.encrypted).toBe(true);
    await expectValidSignedPdf({
      input,
      output,
      caPem: await caPem(),
      password: '',
      seal: { ...FIRST, height: 80 },
    });
  });

  it('needs the user password to upload and again to sign, refusing without it with ENCRYPTED_PDF', async () => {
    const session = await SigningSession.start();
    const password = 'user secret';
    const input = qpdfEncrypt(await samplePdf(1), password, 'owner secret', '256');

    const withoutPassword = await session.uploadEncrypted(input);
    const storedAfterRefusal = await session.documentIds();
    const upload = await session.uploadEncrypted(input, password);
    const documentId = upload.document!.id;
    const unsigned = await session.refusal(documentId, { placement: FIRST });
    const signature = await session.sign(documentId, { placement: FIRST, password });
    const output = await session.bytes(documentId);

    expect(withoutPassword).toEqual({ document: undefined, code: 'ENCRYPTED_PDF' });
    expect(storedAfterRefusal).toEqual([]);
    expect(upload.document!.encrypted).toBe(true);
    expect(unsigned).toBe('ENCRYPTED_PDF');
    expect(signature.revision).toBe(2);
    await expectValidSignedPdf({
      input,
      output,
      caPem: await caPem(),
      password,
      seal: { ...FIRST, height: 80 },
    });
  });

  it('reaches B-LTA in an encrypted file: DSS and document time-stamp encrypted like the rest', async () => {
    const session = await SigningSession.start();
    const password = 'user secret';
    const input = qpdfEncrypt(await samplePdf(1), password, 'owner secret', '256');
    const upload = await session.uploadEncrypted(input, password);
    const documentId = upload.document!.id;

    const signature = await session.sign(documentId, {
      placement: FIRST,
      password,
      level: 'B_LTA',
    });
    const output = await session.bytes(documentId);

    expect(signature.level).toBe('B_LTA');
    await expectValidSignedPdf({
      input,
      output,
      caPem: await caPem(),
      password,
      newSignatures: 2,
      seal: { ...FIRST, height: 80 },
    });
    // The DSS streams hold DER in binary; encrypted, the chain's bytes appear nowhere in clear.
    const issuingCa = new X509Certificate((await caPem()).split(/(?=-----BEGIN)/)[1]).raw;
    expect(output.subarray(input.length).includes(issuingCa)).toBe(false);
    const dir = tempDir('encrypted-lta-');
    await writeFile(join(dir, 'signed.pdf'), output);
    const copy = await decryptedCopy(join(dir, 'signed.pdf'), password, dir);
    await expectOcspGoodInDss(copy.pdf, await caPem());
  });
});
