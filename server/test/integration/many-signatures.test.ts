import { inkScan } from '../fixtures/ink-images';
import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import { caPem, createSeal, downloadBytes, newUser, signDocument, uploadPdf } from '../support/api';
import { sql } from '../support/database';
import { samplePdf } from '../support/sample-pdf';

const SEALS = [
  { name: '公章', type: 'OFFICIAL', keyAlgorithm: 'RSA_2048' },
  { name: '合同专用章', type: 'CONTRACT', keyAlgorithm: 'RSA_3072' },
  { name: '财务专用章', type: 'FINANCE', keyAlgorithm: 'EC_P256' },
  { name: '王五', type: 'PERSONAL', keyAlgorithm: 'RSA_2048', ownerName: '王五' },
  { name: '赵六', type: 'HANDWRITTEN', keyAlgorithm: 'EC_P256', ownerName: '赵六', scan: true },
];

describe('a document signed in turn with five seals', () => {
  it('validates all five, the last covering the whole file and each earlier one its revision', async () => {
    const { token } = await newUser();
    const input = await samplePdf(1);
    const document = await uploadPdf(token, input);
    const revisions: Buffer[] = [input];

    for (const [index, { scan, ...spec }] of SEALS.entries()) {
      const image = scan ? { imageBase64: (await inkScan('png')).bytes.toString('base64') } : {};
      const seal = await createSeal(token, {
        ownerName: '杭州示例科技有限公司',
        ...spec,
        ...image,
      });
      const placement = { page: 1, x: 80 + index * 105, y: 500, width: 80 };
      await signDocument(token, {
        documentId: document.id,
        sealId: seal.id,
        placement,
        signerName: `签署人${index + 1}`,
      });
      revisions.push(await downloadBytes(document.downloadUrl, token));
    }

    const final = revisions[revisions.length - 1];
    const report = await expectValidSignedPdf({
      input: revisions[revisions.length - 2],
      output: final,
      caPem: await caPem(),
    });
    // pdfsig's verdicts on all five are part of the check above; here, each covers its revision.
    expect(report.signatures).toHaveLength(5);
    for (const [index, signature] of report.signatures.entries()) {
      const [, firstLength, secondStart, secondLength] = signature.byteRange;
      expect(secondStart + secondLength).toBe(revisions[index + 1].length);
      expect(firstLength).toBeLessThan(secondStart);
    }
    await expectRevisionsStoredAsAppends(document.id, revisions);
  });
});

/** Each signed revision holds only the bytes it appended; the upload alone is whole. */
async function expectRevisionsStoredAsAppends(documentId: string, files: Buffer[]): Promise<void> {
  const rows = await sql<{ number: number; whole: boolean; content: Buffer; size_bytes: number }>(
    'select number, whole, content, size_bytes from document_revision where document_id = $1 order by number',
    [documentId],
  );

  expect(rows.map((row) => row.whole)).toEqual([true, false, false, false, false, false]);
  for (const [index, row] of rows.entries()) {
    const previous = index === 0 ? Buffer.alloc(0) : files[index - 1];
    expect(row.size_bytes).toBe(files[index].length);
    expect(Buffer.concat([previous, row.content]).equals(files[index])).toBe(true);
  }
}
