import { PDFString } from 'pdf-lib';

import { signPdf } from '../../../src/signing';
import { buildPdf } from '../../fixtures/pdf-fixtures';
import { expectValidSignedPdf } from '../../helpers/signed-pdf-checks';
import { failure, pki, SEAL, signingInput, withEmptyFields } from './signing-inputs';

const SECOND = { placement: { page: 1, x: 400, y: 400 } };

describe('certification signatures (DocMDP)', () => {
  it.each([
    ['NO_CHANGES', 1],
    ['FORM_FILLING', 2],
    ['ANNOTATIONS', 3],
  ] as const)('certifies with %s: /Reference DocMDP /P %i and catalog /Perms', async (level, p) => {
    const input = buildPdf();
    const { pdf: output } = await signPdf(signingInput(input, { certify: level }));

    await expectValidSignedPdf({ input, output, caPem: pki.caPem, seal: SEAL });
    const update = output.subarray(input.length).toString('latin1');
    expect(update).toContain(
      `/TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${p} /V /1.2 >>`,
    );
    expect(update).toMatch(/\/Perms <<\s*\/DocMDP \d+ 0 R/);
  });

  it('refuses any signature after a NO_CHANGES certification with DOCUMENT_LOCKED', async () => {
    const certified = await signPdf(signingInput(buildPdf(), { certify: 'NO_CHANGES' }));

    expect(await failure(() => signPdf(signingInput(certified.pdf, SECOND)))).toMatchObject({
      code: 'DOCUMENT_LOCKED',
    });
  });

  it('adds an approval signature after a FORM_FILLING certification', async () => {
    const certified = await signPdf(signingInput(buildPdf(), { certify: 'FORM_FILLING' }));
    const { pdf: output } = await signPdf(signingInput(certified.pdf, SECOND));

    await expectValidSignedPdf({ input: certified.pdf, output, caPem: pki.caPem });
  });

  it('refuses to certify a document that is already signed with BAD_CERTIFICATION', async () => {
    const signed = await signPdf(signingInput(buildPdf()));
    const request = signingInput(signed.pdf, { ...SECOND, certify: 'FORM_FILLING' });

    expect(await failure(() => signPdf(request))).toMatchObject({ code: 'BAD_CERTIFICATION' });
  });

  it('refuses to sign a field locked by a signed field’s /Lock with DOCUMENT_LOCKED', async () => {
    const input = await withEmptyFields(buildPdf(), [
      {
        name: 'Author',
        lock: { Type: 'SigFieldLock', Action: 'Include', Fields: [PDFString.of('Reviewer')] },
      },
      { name: 'Reviewer', rect: [300, 300, 420, 360] },
      { name: 'Witness', rect: [300, 100, 420, 160] },
    ]);
    const author = await signPdf(signingInput(input, { fieldName: 'Author' }));

    expect(
      await failure(() => signPdf(signingInput(author.pdf, { ...SECOND, fieldName: 'Reviewer' }))),
    ).toMatchObject({ code: 'DOCUMENT_LOCKED' });
    const witness = await signPdf(signingInput(author.pdf, { ...SECOND, fieldName: 'Witness' }));
    await expectValidSignedPdf({ input: author.pdf, output: witness.pdf, caPem: pki.caPem });
  });

  it('refuses any signature after a field whose /Lock has /P 1 is signed', async () => {
    const lock = { Type: 'SigFieldLock', Action: 'All', P: 1 };
    const input = await withEmptyFields(buildPdf(), [{ name: 'Final', lock }]);
    const signed = await signPdf(signingInput(input, { fieldName: 'Final' }));

    expect(await failure(() => signPdf(signingInput(signed.pdf, SECOND)))).toMatchObject({
      code: 'DOCUMENT_LOCKED',
    });
  });
});
