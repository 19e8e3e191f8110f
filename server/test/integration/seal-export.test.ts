import ExcelJS from 'exceljs';
import { createSeal, download, downloadBytes, newUser, ok, type SealView } from '../support/api';
import { sql } from '../support/database';

interface ExportView {
  url: string;
  fileName: string;
  expiresAt: string;
  rowCount: number;
}

const EXPORT = `mutation ($input: ExportSealsInput!) {
  exportSeals(input: $input) { url fileName expiresAt rowCount }
}`;

const COLUMNS = [
  'id',
  'name',
  'type',
  'ownerName',
  'status',
  'validFrom',
  'validTo',
  'daysRemaining',
  'certificateSerialNumber',
  'certificateSha256',
  'usageCount',
  'lastUsedAt',
];

/** An owner with a contract seal 合同专用章 and a seal whose owner name reads as a formula. */
async function ownerWithSeals() {
  const owner = await newUser('exporter');
  const contract = await createSeal(owner.token, { keyAlgorithm: 'EC_P256', validDays: 30 });
  const formula = await createSeal(owner.token, {
    keyAlgorithm: 'EC_P256',
    name: '公章',
    type: 'OFFICIAL',
  });
  await sql(`update seal set owner_name = '=HYPERLINK("x")', usage_count = 2 where id = $1`, [
    formula.id,
  ]);

  return { owner, contract, formula };
}

async function exportSeals(token: string, format: string, filter?: object) {
  const { exportSeals } = await ok<{ exportSeals: ExportView }>(
    EXPORT,
    { input: { format, filter } },
    token,
  );

  return { ...exportSeals, bytes: await downloadBytes(exportSeals.url, token) };
}

function expectContract(row: Record<string, unknown>, seal: SealView) {
  expect(row).toMatchObject({
    id: seal.id,
    name: '合同专用章',
    type: 'CONTRACT',
    ownerName: '杭州示例科技有限公司',
    // 30 days of validity: inside the default 30-day expiry warning.
    status: 'EXPIRING',
    certificateSerialNumber: seal.certificate.serialNumber,
    certificateSha256: seal.certificate.fingerprintSha256,
  });
}

describe('exporting seals', () => {
  it('writes CSV with a BOM and CRLF that Excel reads, formulas defused', async () => {
    const { owner, contract, formula } = await ownerWithSeals();

    const exported = await exportSeals(owner.token, 'CSV');
    expect(exported.rowCount).toBe(2);
    expect(exported.fileName).toMatch(/^seals-\d{8}-\d{6}\.csv$/);
    expect([...exported.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = exported.bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    const rows = lines.slice(1).map((line) => line.split(','));
    const byId = new Map(rows.map((cells) => [cells[0], cells]));
    const contractRow = Object.fromEntries(COLUMNS.map((c, i) => [c, byId.get(contract.id)![i]]));
    expectContract(contractRow, contract);
    expect(contractRow.daysRemaining).toBe('30');
    expect(byId.get(formula.id)![3]).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('writes XLSX that exceljs reads back, Chinese text intact', async () => {
    const { owner, contract } = await ownerWithSeals();

    const exported = await exportSeals(owner.token, 'XLSX', { type: 'CONTRACT' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

    expect(exported.rowCount).toBe(1);
    expect(sheet.rowCount).toBe(2);
    expect(values(1)).toEqual(COLUMNS);
    const row = Object.fromEntries(COLUMNS.map((c, i) => [c, values(2)[i]]));
    expectContract(row, contract);
    expect(row.validTo).toEqual(new Date(contract.validTo));
    expect(row.usageCount).toBe(0);
  });

  it('writes JSON with exactly the public columns, and records the export', async () => {
    const { owner, formula } = await ownerWithSeals();

    const exported = await exportSeals(owner.token, 'JSON', { search: '公章' });
    const rows = JSON.parse(exported.bytes.toString('utf8')) as Record<string, unknown>[];

    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0])).toEqual(COLUMNS);
    expect(rows[0]).toMatchObject({ id: formula.id, usageCount: 2, lastUsedAt: null });
    const events = await sql<{ payload: { rowCount: number; format: string } }>(
      `select payload from history_event where actor_id = $1 and action = 'EXPORT_CREATED'`,
      [owner.id],
    );
    expect(events.map((e) => e.payload)).toMatchObject([{ format: 'JSON', rowCount: 1 }]);
  });

  it('puts no key material in any format', async () => {
    const { owner } = await ownerWithSeals();
    const keys = await sql<{ wrapped: Buffer; encrypted: Buffer }>(
      `select k.wrapped_data_key as wrapped, k.encrypted_key as encrypted
         from seal s join wrapped_key k on k.id = s.key_id where s.owner_id = $1`,
      [owner.id],
    );

    for (const format of ['CSV', 'JSON', 'XLSX']) {
      const { bytes } = await exportSeals(owner.token, format);
      expect(bytes.toString('latin1')).not.toMatch(/PRIVATE KEY|BEGIN/);
      for (const key of keys) {
        for (const secret of [key.wrapped, key.encrypted]) {
          expect(bytes.includes(secret.subarray(12, 28))).toBe(false);
          expect(bytes.includes(Buffer.from(secret.toString('base64').slice(0, 24)))).toBe(false);
          expect(bytes.includes(Buffer.from(secret.toString('hex').slice(0, 32)))).toBe(false);
        }
      }
    }
  });

  it('serves the file to its owner only: 401 without a token, 404 to anyone else', async () => {
    const { owner } = await ownerWithSeals();
    const other = await newUser('other');
    const { url } = await exportSeals(owner.token, 'CSV');

    expect((await download(url)).status).toBe(401);
    expect((await download(url, other.token)).status).toBe(404);
    expect((await download(url, owner.token)).status).toBe(200);
    await sql(`update export set expires_at = now() - interval '1 second' where owner_id = $1`, [
      owner.id,
    ]);
    expect((await download(url, owner.token)).status).toBe(404);
  });
});
