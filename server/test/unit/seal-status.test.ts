import { SealStatus } from '../../src/seal/seal-status.enum';
import { Seal } from '../../src/seal/seal.entity';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00Z');

function seal(fields: Partial<Seal>): Seal {
  return Object.assign(new Seal(), {
    validFrom: new Date(NOW.getTime() - DAY),
    validTo: new Date(NOW.getTime() + 100 * DAY),
    ...fields,
  });
}

describe('Seal.statusAt', () => {
  it('warns of expiry within the window and counts started days', () => {
    const soon = seal({ validTo: new Date(NOW.getTime() + 29.5 * DAY) });

    expect(seal({}).statusAt(NOW, 30)).toBe(SealStatus.ACTIVE);
    expect(soon.statusAt(NOW, 30)).toBe(SealStatus.EXPIRING);
    expect(soon.statusAt(NOW, 0)).toBe(SealStatus.ACTIVE);
    expect(soon.daysRemainingAt(NOW)).toBe(30);
  });

  it('puts REVOKED over EXPIRED over LOCKED over EXPIRING', () => {
    const lockedUntil = new Date(NOW.getTime() + 60_000);
    const expiring = { validTo: new Date(NOW.getTime() + DAY) };
    const expired = { validTo: new Date(NOW.getTime() - 1) };

    expect(seal({ ...expiring, lockedUntil }).statusAt(NOW, 30)).toBe(SealStatus.LOCKED);
    expect(seal({ ...expired, lockedUntil }).statusAt(NOW, 30)).toBe(SealStatus.EXPIRED);
    expect(seal({ ...expired, lockedUntil, revokedAt: NOW }).statusAt(NOW, 30)).toBe(
      SealStatus.REVOKED,
    );
    expect(seal({ lockedUntil: new Date(NOW.getTime() - 1) }).statusAt(NOW, 30)).toBe(
      SealStatus.ACTIVE,
    );
    expect(seal(expired).daysRemainingAt(NOW)).toBe(0);
  });
});
