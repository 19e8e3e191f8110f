import { listSignatureFields, signPdf } from '../../../src/signing';
import { buildPdf } from '../../fixtures/pdf-fixtures';
import { expectValidSignedPdf, findSignatures } from '../../helpers/signed-pdf-checks';
import { failure, pki, qpdfEncrypt, SEAL, signingInput, withEmptyFields } from './signing-inputs';

describe('signing into an existing signature field', () => {
  it('lists empty and signed signature fields with their page and rectangle', async () => {
    const pdf = await withEmptyFields(buildPdf({ pages: [{}, {}] }), [
      { name: 'Approval', rect: [100, 100, 220, 160] },
      { name: 'Review', page: 2, rect: [50, 60, 170, 120], separateWidget: true },
    ]);
    const signed = await signPdf(signingInput(pdf, { fieldName: 'Approval' }));

    expect(listSignatureFields(signed.pdf)).toEqual([
      { name: 'Approval', signed: true, page: 1, rect: SEAL_RECT },
      { name: 'Review', signed: false, page: 2, rect: [50, 60, 170, 120] },
    ]);
  });

  it('fills the named empty field in place at the requested placement', async () => {
    const input = await withEmptyFields(buildPdf(), [{ name: 'Sig1' }, { name: 'Sig2' }]);
    const { pdf: output, report } = await signPdf(signingInput(input, { fieldName: 'Sig2' }));

    await expectValidSignedPdf({ input, output, caPem: pki.caPem, seal: SEAL });
    expect(report.fieldName).toBe('Sig2');
    expect(listSignatureFields(output).map(({ name, signed }) => [name, signed])).toEqual([
      ['Sig1', false],
      ['Sig2', true],
    ]);
    const [signature] = findSignatures(output);
    expect(signature.fieldObjectNumber).toBe(objectNamed(input, 'Sig2'));
  });

  it('fits the seal, unstretched, into the field’s own rectangle and page when no placement is given', async () => {
    const rect: [number, number, number, number] = [300, 500, 420, 560];
    const input = await withEmptyFields(buildPdf({ pages: [{}, { rotate: 90 }] }), [
      { name: 'Sig1', page: 2, rect, separateWidget: true },
    ]);
    const { pdf: output, report } = await signPdf(
      signingInput(input, { fieldName: 'Sig1', placement: undefined }),
    );

    await expectValidSignedPdf({ input, output, caPem: pki.caPem });
    // The square seal takes the 60 pt of the 120 x 60 rectangle's short side, centred.
    expect(report).toMatchObject({ fieldName: 'Sig1', page: 2, rect: [330, 500, 390, 560] });
  });

  it('moves the widget to the page of the requested placement', async () => {
    const input = await withEmptyFields(buildPdf({ pages: [{}, {}] }), [{ name: 'Sig1', page: 2 }]);
    const { pdf: output } = await signPdf(signingInput(input, { fieldName: 'Sig1' }));

    await expectValidSignedPdf({ input, output, caPem: pki.caPem, seal: SEAL });
    expect(listSignatureFields(output)).toMatchObject([{ name: 'Sig1', signed: true, page: 1 }]);
  });

  it('signs an empty field of an encrypted file', async () => {
    const input = qpdfEncrypt(
      await withEmptyFields(buildPdf(), [{ name: 'Sig1' }]),
      '',
      'o',
      '256',
    );
    const { pdf: output } = await signPdf(signingInput(input, { fieldName: 'Sig1' }));

    await expectValidSignedPdf({ input, output, caPem: pki.caPem, seal: SEAL, password: '' });
    expect(listSignatureFields(output)).toMatchObject([{ name: 'Sig1', signed: true }]);
  });

  it('creates a new field when the name is new', async () => {
    const input = await withEmptyFields(buildPdf(), [{ name: 'Sig1' }]);
    const { pdf: output } = await signPdf(signingInput(input, { fieldName: 'Seal of approval' }));

    await expectValidSignedPdf({ input, output, caPem: pki.caPem, seal: SEAL });
    expect(listSignatureFields(output).map((field) => field.name)).toEqual([
      'Sig1',
      'Seal of approval',
    ]);
  });

  it('refuses a field that is already signed with FIELD_NOT_EMPTY', async () => {
    const input = await withEmptyFields(buildPdf(), [{ name: 'Sig1' }]);
    const signed = await signPdf(signingInput(input, { fieldName: 'Sig1' }));

    expect(
      await failure(() => signPdf(signingInput(signed.pdf, { fieldName: 'Sig1' }))),
    ).toMatchObject({
      code: 'FIELD_NOT_EMPTY',
    });
  });

  it('refuses a field that is not a signature field with DUPLICATE_FIELD', async () => {
    const input = buildPdf({ fieldNames: ['Name'] });

    expect(await failure(() => signPdf(signingInput(input, { fieldName: 'Name' })))).toMatchObject({
      code: 'DUPLICATE_FIELD',
    });
  });

  it('refuses a new field without a placement with BAD_PLACEMENT', async () => {
    const request = signingInput(buildPdf(), { fieldName: 'New', placement: undefined });

    expect(await failure(() => signPdf(request))).toMatchObject({ code: 'BAD_PLACEMENT' });
  });
});

/** The rectangle the default test placement yields on an A4 page. */
const SEAL_RECT = [120, 661.89, 180, 721.89];

/** The number of the object whose /T is the given name, as pdf-lib wrote it. */
function objectNamed(pdf: Buffer, name: string): number {
  const text = pdf.toString('latin1');
  const at = text.indexOf(`/T (${name})`);
  const headers = [...text.slice(0, at).matchAll(/(\d+) 0 obj/g)];

  return Number(headers.at(-1)![1]);
}
