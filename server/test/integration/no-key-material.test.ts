import { sql } from '../support/database';
import { createSeal, newUser, signDocument, uploadPdf } from '../support/api';
import { samplePdf } from '../support/sample-pdf';

/**
 * The start of a DER PKCS#8 PrivateKeyInfo (RFC 5208): version 0, the algorithm, then the key
 * as an OCTET STRING (04) — where a certificate's SubjectPublicKeyInfo has a BIT STRING (03).
 */
const PKCS8_PREFIXES = [
  '020100300d06092a864886f70d010101050004', // rsaEncryption
  '020100301306072a8648ce3d020106082a8648ce3d03010704', // EC P-256
  '020100301006072a8648ce3d020106052b8104002204', // EC P-384
];
const PEM_MARKERS = ['PRIVATE KEY-----', 'BEGIN ENCRYPTED'];

describe('the database at rest', () => {
  it('holds no private key in clear in any column of any table', async () => {
    const { token } = await newUser('dump');
    for (const keyAlgorithm of ['RSA_2048', 'EC_P256', 'RSA_4096']) {
      const seal = await createSeal(token, { keyAlgorithm });
      const document = await uploadPdf(token, await samplePdf(1));
      await signDocument(token, {
        documentId: document.id,
        sealId: seal.id,
        placement: { page: 1, x: 200, y: 200 },
        signerName: '张三',
      });
    }
    const tables = await sql<{ name: string }>(
      `select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );

    // Every row as text: bytea shows as \\x… hex, so DER prefixes are searchable as hex.
    const dump: string[] = [];
    for (const { name } of tables) {
      const rows = await sql<{ row: string }>(`select t::text as row from "${name}" t`);
      dump.push(...rows.map((r) => r.row.toLowerCase()));
    }
    const text = dump.join('\n');

    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['wrapped_key', 'seal']));
    for (const marker of PEM_MARKERS) expect(text).not.toContain(marker.toLowerCase());
    for (const prefix of PKCS8_PREFIXES) expect(text).not.toContain(prefix);
  });
});
