import { buildTextPdf } from '../fixtures/text-pdf';
import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import { mupdfKeywordHits, popplerWordHits } from '../helpers/text-oracle';
import { caPem } from '../support/api';
import {
  newDarkInk,
  newRedInk,
  renderBeforeAfter,
  sealFailuresAt,
  type Box,
} from '../support/page-ink';
import { samplePdf } from '../support/sample-pdf';
import { CONTRACT_SEAL_PT, SigningSession } from '../support/signing-session';
import { withEmptyFields } from '../unit/signing/signing-inputs';

const A4_HEIGHT = 841.89;
const ROUND = { width: CONTRACT_SEAL_PT, height: CONTRACT_SEAL_PT };

/** Two pages, each with one 盖章处 in the embedded CJK font, and Latin text in Helvetica. */
function keywordPdf(): Promise<Buffer> {
  return buildTextPdf(
    [
      {
        content: [
          'BT /F2 12 Tf 72 770 Td (Sales contract, page 1) Tj ET',
          'BT /F2 14 Tf 72 420 Td (Seller) Tj ET',
          'BT /F1 14 Tf 300 200 Td {{甲方盖章处}} Tj ET',
        ].join('\n'),
      },
      { content: 'BT /F1 16 Tf 120 520 Td {{乙方盖章处}} Tj ET' },
    ],
    '甲方乙方盖章处',
  );
}

describe('placing the seal on a keyword', () => {
  it('centres the seal on the first 盖章处 and reports that centre', async () => {
    const session = await SigningSession.start();
    const input = await keywordPdf();
    const documentId = await session.upload(input);
    const [hit] = await mupdfKeywordHits(input, 1, '盖章处');

    const signature = await session.sign(documentId, { placement: { keyword: '盖章处' } });
    const output = await session.bytes(documentId);

    await expectValidSignedPdf({
      input,
      output,
      caPem: await caPem(),
      seal: { page: 1, x: hit.x, y: hit.y, ...ROUND },
    });
    expect(signature).toMatchObject({ page: 1, pages: [1] });
    // Signature.x and y are documented as the centre on the displayed page, from its top-left.
    expect({ x: signature.x, y: signature.y }).toEqual({
      x: within(hit.x, 2),
      y: within(hit.y, 2),
    });
  });

  it('seals every occurrence with occurrence ALL: two images, one signature on pages 1 and 2', async () => {
    const session = await SigningSession.start();
    const input = await keywordPdf();
    const documentId = await session.upload(input);
    const hits = [
      { page: 1, ...(await mupdfKeywordHits(input, 1, '盖章处'))[0] },
      { page: 2, ...(await mupdfKeywordHits(input, 2, '盖章处'))[0] },
    ];

    const signature = await session.sign(documentId, {
      placement: { keyword: '盖章处', occurrence: 'ALL' },
    });
    const output = await session.bytes(documentId);

    const report = await expectValidSignedPdf({ input, output, caPem: await caPem() });
    expect(report.signatures).toHaveLength(1);
    expect(signature.pages).toEqual([1, 2]);
    for (const hit of hits) {
      const renders = await renderBeforeAfter(input, output, hit.page);
      expect(sealFailuresAt(renders, { ...hit, ...ROUND })).toEqual([]);
    }
  });

  it('centres the seal on a Latin word moved by the offsets', async () => {
    const session = await SigningSession.start();
    const input = await keywordPdf();
    const documentId = await session.upload(input);
    const [hit] = await popplerWordHits(input, 'Seller');
    const placement = { keyword: 'Seller', offsetX: 120, offsetY: -30, width: 80 };

    await session.sign(documentId, { placement });
    const output = await session.bytes(documentId);

    const seal = { page: 1, x: hit.x + 120, y: hit.y - 30, width: 80, height: 80 };
    await expectValidSignedPdf({ input, output, caPem: await caPem(), seal });
  });

  it('refuses a keyword the document does not show with KEYWORD_NOT_FOUND, changing nothing', async () => {
    const session = await SigningSession.start();
    const documentId = await session.upload(await keywordPdf());

    const code = await session.refusal(documentId, { placement: { keyword: '骑缝章' } });

    expect(code).toBe('KEYWORD_NOT_FOUND');
    expect(await session.revision(documentId)).toBe(1);
  });
});

describe('several seals in one signature', () => {
  it('draws a seal at each of two coordinates under a single signature', async () => {
    const session = await SigningSession.start();
    const input = await samplePdf(1);
    const documentId = await session.upload(input);
    const seals = [
      { page: 1, x: 160, y: 300, width: 80, height: 80 },
      { page: 1, x: 420, y: 600, width: 80, height: 80 },
    ];

    const signature = await session.sign(documentId, {
      placements: seals.map(({ page, x, y, width }) => ({ page, x, y, width })),
    });
    const output = await session.bytes(documentId);

    const report = await expectValidSignedPdf({ input, output, caPem: await caPem() });
    expect(report.signatures).toHaveLength(1);
    expect(signature).toMatchObject({ page: 1, pages: [1], revision: 2 });
    const renders = await renderBeforeAfter(input, output, 1);
    for (const seal of seals) expect(sealFailuresAt(renders, seal)).toEqual([]);
  });
});

describe('a cross-page seal (骑缝章)', () => {
  it('shows a slice flush with the right edge of each of three pages, at one height', async () => {
    const session = await SigningSession.start();
    const input = await samplePdf(3);
    const documentId = await session.upload(input);

    const signature = await session.sign(documentId, { crossPage: { edge: 'RIGHT' } });
    const output = await session.bytes(documentId);

    const report = await expectValidSignedPdf({ input, output, caPem: await caPem() });
    expect(report.signatures).toHaveLength(1);
    expect(signature.pages).toEqual([1, 2, 3]);
    for (const page of [1, 2, 3]) {
      const renders = await renderBeforeAfter(input, output, page);
      const ink = newRedInk(renders);
      expect(ink).toBeDefined();
      expect(renders.width - (ink!.left + ink!.width)).toBeLessThan(1);
      expect(ink!.width).toBeLessThan(CONTRACT_SEAL_PT / 3 + 2);
      // Every slice is centred at mid-page, the default height, so the fanned pages line up.
      expect(Math.abs(ink!.top + ink!.height / 2 - A4_HEIGHT / 2)).toBeLessThan(2);
    }
  });
});

describe('a caption under the seal', () => {
  it('draws the signer and date by default, and the given text in one line instead', async () => {
    const session = await SigningSession.start();
    const input = await samplePdf(1);
    const documentId = await session.upload(input);
    const byDefault = { page: 1, x: 160, y: 300, ...ROUND };
    const given = { page: 1, x: 420, y: 600, ...ROUND };

    await session.sign(documentId, { placement: at(byDefault), caption: {} });
    const first = await session.bytes(documentId);
    await session.sign(documentId, { placement: at(given), caption: { text: '采购部 王五' } });
    const second = await session.bytes(documentId);

    await expectValidSignedPdf({ input, output: first, caPem: await caPem(), seal: byDefault });
    await expectValidSignedPdf({ input: first, output: second, caPem: await caPem() });
    const renders = await renderBeforeAfter(input, second, 1);
    const [twoLines, oneLine] = [byDefault, given].map((seal) => {
      expect(sealFailuresAt(renders, seal)).toEqual([]);
      expect(newDarkInk(renders, sealBox(seal))).toBeUndefined();
      const caption = newDarkInk(renders, under(seal));
      expect(caption).toBeDefined();
      expect(Math.abs(caption!.left + caption!.width / 2 - seal.x)).toBeLessThan(3);

      return caption!;
    });
    // Caption lines are 4.4 mm (12.5 pt) apart: the default has two, the given text one.
    expect(twoLines.height).toBeGreaterThan(14);
    expect(oneLine.height).toBeLessThan(12.5);
  });
});

describe('signing an existing empty signature field', () => {
  it('fills Sig1 in its own rectangle when no placement is given, reports its centre, refuses it again with FIELD_NOT_EMPTY', async () => {
    const session = await SigningSession.start();
    // The field's /Rect is [300 500 420 560]: the round seal fits its 60 pt height, centred.
    const input = await withEmptyFields(await samplePdf(1), [{ name: 'Sig1' }]);
    const documentId = await session.upload(input);
    const seal = { page: 1, x: 360, y: A4_HEIGHT - 530, width: 60, height: 60 };

    const signature = await session.sign(documentId, { fieldName: 'Sig1' });
    const output = await session.bytes(documentId);
    const again = await session.refusal(documentId, { fieldName: 'Sig1' });

    await expectValidSignedPdf({ input, output, caPem: await caPem(), seal });
    expect(signature).toMatchObject({ fieldName: 'Sig1', page: 1, width: 60 });
    expect(again).toBe('FIELD_NOT_EMPTY');
    expect(await session.revision(documentId)).toBe(2);
    // Signature.x and y are documented as the centre on the displayed page, from its top-left.
    expect({ x: signature.x, y: signature.y }).toEqual({
      x: within(360, 0.5),
      y: within(seal.y, 0.5),
    });
  });
});

/** Matches a number within `tolerance` of `value` (closeTo passes when |Δ| < 10^-digits / 2). */
function within(value: number, tolerance: number): unknown {
  return expect.closeTo(value, -Math.log10(2 * tolerance)) as unknown;
}

function at({ page, x, y }: { page: number; x: number; y: number }) {
  return { page, x, y };
}

function sealBox(seal: { x: number; y: number; width: number; height: number }): Box {
  return {
    left: seal.x - seal.width / 2,
    top: seal.y - seal.height / 2,
    width: seal.width,
    height: seal.height,
  };
}

/** The band under a seal where its caption goes. */
function under(seal: { x: number; y: number; width: number; height: number }): Box {
  return {
    left: seal.x - seal.width,
    top: seal.y + seal.height / 2,
    width: 2 * seal.width,
    height: 40,
  };
}
