import type { Table } from '../export/table';
import type { SealCertificate } from './seal-certificate.entity';
import type { Seal } from './seal.entity';

/**
 * What an export says about a seal: its public facts and use, never key material (the key, its
 * wrapping, the PIN) nor the image.
 */
const COLUMNS = [
  { key: 'id', header: 'id' },
  { key: 'name', header: 'name' },
  { key: 'type', header: 'type' },
  { key: 'ownerName', header: 'ownerName' },
  { key: 'status', header: 'status' },
  { key: 'validFrom', header: 'validFrom' },
  { key: 'validTo', header: 'validTo' },
  { key: 'daysRemaining', header: 'daysRemaining' },
  { key: 'certificateSerialNumber', header: 'certificateSerialNumber' },
  { key: 'certificateSha256', header: 'certificateSha256' },
  { key: 'usageCount', header: 'usageCount' },
  { key: 'lastUsedAt', header: 'lastUsedAt' },
];

/** The seals as rows, with their current certificates, as of `now`. */
export function sealTable(
  seals: Seal[],
  certificates: Map<string, SealCertificate>,
  now: Date,
  expiryWarningDays: number,
): Table {
  const rows = seals.map((seal) => {
    const certificate = seal.certificate ? certificates.get(seal.certificate.id) : undefined;

    return {
      id: seal.id,
      name: seal.name,
      type: seal.type,
      ownerName: seal.ownerName,
      status: seal.statusAt(now, expiryWarningDays),
      validFrom: seal.validFrom,
      validTo: seal.validTo,
      daysRemaining: seal.daysRemainingAt(now),
      certificateSerialNumber: certificate?.serialNumber ?? null,
      certificateSha256: certificate?.fingerprintSha256 ?? null,
      usageCount: seal.usageCount,
      lastUsedAt: seal.lastUsedAt,
    };
  });

  return { columns: COLUMNS, rows };
}
