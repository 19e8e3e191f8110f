import { verifyPdf } from '../../../src/signing/verify';
import { buildPdf } from '../../fixtures/pdf-fixtures';
import { crlOf, pki, rewriteInfo, signChecked } from './verify-helpers';

const trusted = () => ({ trustAnchors: [pki.caDer], crls: [crlOf(pki)] });

describe('verifyPdf and DocMDP', () => {
  it('reports a certification signature with its permission', async () => {
    const certified = await signChecked(buildPdf(), { certify: 'NO_CHANGES' });
    const [signature] = (await verifyPdf(certified, trusted())).signatures;

    expect(signature).toMatchObject({
      kind: 'certification',
      changePermission: 1,
      verdict: 'VALID',
    });
  });

  it('finds a change that P=1 forbids INVALID though an approval signature would allow it', async () => {
    const certified = rewriteInfo(await signChecked(buildPdf(), { certify: 'NO_CHANGES' }));
    const approved = rewriteInfo(await signChecked(buildPdf()));
    const [strict] = (await verifyPdf(certified, trusted())).signatures;
    const [lenient] = (await verifyPdf(approved, trusted())).signatures;

    expect(strict.modifications).toContainEqual(
      expect.objectContaining({ objectNumber: 3, category: 'info', allowed: false }),
    );
    expect(strict.verdict).toBe('INVALID');
    expect(lenient.verdict).toBe('VALID');
  });

  it('keeps a P=2 certification VALID when a later approval signature is added', async () => {
    const certified = await signChecked(buildPdf(), { certify: 'FORM_FILLING' });
    const twice = await signChecked(certified, { placement: { page: 1, x: 400, y: 150 } });
    const report = await verifyPdf(twice, trusted());

    expect(report.signatures.map((s) => [s.kind, s.changePermission, s.verdict])).toEqual([
      ['certification', 2, 'VALID'],
      ['approval', 2, 'VALID'],
    ]);
  });
});
