import { SealPermissionStatus } from '../../src/seal/permission/seal-permission-status.enum';
import { SealPermission } from '../../src/seal/permission/seal-permission.entity';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00Z');

function permission(fields: Partial<SealPermission>): SealPermission {
  return Object.assign(new SealPermission(), {
    validFrom: new Date(NOW.getTime() - DAY),
    validTo: new Date(NOW.getTime() + DAY),
    ...fields,
  });
}

describe('SealPermission.statusAt', () => {
  it('lets its holder sign from validFrom to validTo, both included, while uses are left', () => {
    expect(permission({}).statusAt(NOW)).toBe(SealPermissionStatus.ACTIVE);
    expect(permission({ validFrom: NOW }).statusAt(NOW)).toBe(SealPermissionStatus.ACTIVE);
    expect(permission({ validTo: NOW }).statusAt(NOW)).toBe(SealPermissionStatus.ACTIVE);
    expect(permission({ maxUses: 2, usedCount: 1 }).statusAt(NOW)).toBe(
      SealPermissionStatus.ACTIVE,
    );
    expect(permission({ maxUses: 2, usedCount: 1 }).usesLeft()).toBe(1);
    expect(permission({}).usesLeft()).toBeNull();
  });

  it('puts REVOKED over EXPIRED over PENDING over EXHAUSTED', () => {
    const spent = { maxUses: 1, usedCount: 1 };
    const ended = { validTo: new Date(NOW.getTime() - 1) };
    const later = { validFrom: new Date(NOW.getTime() + 1) };

    expect(permission(spent).statusAt(NOW)).toBe(SealPermissionStatus.EXHAUSTED);
    expect(permission({ ...spent, ...later }).statusAt(NOW)).toBe(SealPermissionStatus.PENDING);
    expect(permission({ ...spent, ...ended }).statusAt(NOW)).toBe(SealPermissionStatus.EXPIRED);
    expect(permission({ ...spent, ...ended, revokedAt: NOW }).statusAt(NOW)).toBe(
      SealPermissionStatus.REVOKED,
    );
  });

  it('stands (shows its holder the seal) until it ends or is revoked', () => {
    expect(permission({ maxUses: 1, usedCount: 1 }).standsAt(NOW)).toBe(true);
    expect(permission({ validFrom: new Date(NOW.getTime() + DAY) }).standsAt(NOW)).toBe(true);
    expect(permission({ validTo: new Date(NOW.getTime() - 1) }).standsAt(NOW)).toBe(false);
    expect(permission({ revokedAt: NOW }).standsAt(NOW)).toBe(false);
  });
});
