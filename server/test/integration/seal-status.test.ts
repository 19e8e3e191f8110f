import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import {
  caPem,
  createSeal,
  downloadBytes,
  newUser,
  ok,
  signDocument,
  uploadPdf,
} from '../support/api';
import { sql } from '../support/database';
import { samplePdf } from '../support/sample-pdf';

const SEAL_STATE = `query ($id: ID!) { seal(id: $id) { status daysRemaining lockedUntil } }`;

interface SealState {
  status: string;
  daysRemaining: number;
  lockedUntil: string | null;
}

describe('seal status', () => {
  it('is ACTIVE with the days remaining, EXPIRING within the warning window yet still signing', async () => {
    const { token } = await newUser();
    const active = await createSeal(token, { validDays: 365 });
    const expiring = await createSeal(token, { validDays: 10, name: '财务专用章' });
    const input = await samplePdf(1);
    const document = await uploadPdf(token, input);

    await signDocument(token, {
      documentId: document.id,
      sealId: expiring.id,
      signerName: '张三',
      placement: { page: 1, x: 200, y: 200 },
    });
    const output = await downloadBytes(document.downloadUrl, token);

    expect(active).toMatchObject({ status: 'ACTIVE', daysRemaining: 365, lockedUntil: null });
    expect(expiring).toMatchObject({ status: 'EXPIRING', daysRemaining: 10, lockedUntil: null });
    await expectValidSignedPdf({ input, output, caPem: await caPem() });
  });

  it('ranks REVOKED over EXPIRED over LOCKED over EXPIRING', async () => {
    const { token, id: userId } = await newUser();
    const seal = await createSeal(token, { validDays: 10 });
    const state = async () =>
      (await ok<{ seal: SealState }>(SEAL_STATE, { id: seal.id }, token)).seal;
    const age = (column: string, value: string) =>
      sql(`update seal set ${column} = ${value} where id = $1 and owner_id = $2`, [
        seal.id,
        userId,
      ]);

    await age('locked_until', `now() + interval '5 minutes'`);
    const locked = await state();
    await age('valid_to', `now() - interval '1 day'`);
    const expired = await state();
    await age('revoked_at', 'now()');
    const revoked = await state();

    expect(locked).toMatchObject({ status: 'LOCKED', daysRemaining: 10 });
    expect(locked.lockedUntil).not.toBeNull();
    expect(expired).toMatchObject({ status: 'EXPIRED', daysRemaining: 0 });
    expect(revoked.status).toBe('REVOKED');
  });
});
