import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';

import { findText } from '../../../src/signing';
import { runTool } from '../../helpers/external-tool';
import { mupdfKeywordHits, popplerWordHits } from '../../helpers/text-oracle';
import { buildTextPdf } from '../../fixtures/text-pdf';
import type { TextPageSpec } from '../../fixtures/text-pdf';

const CORPUS_DIR =
  process.env.CORPUS_DIR ?? path.resolve(__dirname, '../../../../../shared/corpus');
const CHARACTERS = '请在盖章处签字甲方乙方日期：';

/** Our hit and MuPDF's agree: same centre across the line, within 2 pt along the other axis. */
async function expectHitsWhereMupdfSees(pdf: Buffer, keyword: string): Promise<void> {
  const hits = findText(pdf, keyword);
  const pages = [...new Set(hits.map((hit) => hit.page))];
  const oracle = (
    await Promise.all(pages.map((page) => mupdfKeywordHits(pdf, page, keyword)))
  ).flat();

  expect(hits.length).toBeGreaterThan(0);
  expect(hits).toHaveLength(oracle.length);
  hits.forEach((hit, index) => {
    expect(Math.hypot(hit.x - oracle[index].x, hit.y - oracle[index].y)).toBeLessThan(2);
  });
}

const boxes: [string, Partial<TextPageSpec>][] = [
  ['an unrotated page', {}],
  ['a page rotated 90', { rotate: 90 }],
  ['a page rotated 180', { rotate: 180 }],
  ['a page rotated 270', { rotate: 270 }],
  ['an offset CropBox on a page rotated 90', { rotate: 90, cropBox: [40, 60, 540, 800] }],
];

describe('findText', () => {
  it.each(boxes)('finds Chinese split over several Tj and TJ operators on %s', async (_, box) => {
    const content = [
      'BT /F1 14 Tf 100 700 Td {{请在}} Tj [{{盖}} -120 {{章}}] TJ ET',
      'BT /F1 14 Tf 1 0 0 1 170 700 Tm {{处}} Tj /F2 14 Tf ( ) Tj /F1 14 Tf {{签字}} Tj ET',
      'BT /F1 20 Tf 300 300 Td {{甲方盖章处}} Tj ET',
    ].join('\n');
    const pdf = await buildTextPdf([{ content, ...box }], CHARACTERS);

    expect(findText(pdf, '盖章处')).toHaveLength(2);
    await expectHitsWhereMupdfSees(pdf, '盖章处');
  });

  it('finds Latin text in a standard font, hex-encoded, on pages turned by every /Rotate', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (const rotate of [0, 90, 180, 270]) {
      const page = doc.addPage([612, 792]);
      page.setRotation(degrees(rotate));
      page.drawText('Please sign here: Signature', { x: 80, y: 500, size: 18, font });
    }
    const pdf = Buffer.from(await doc.save());

    const hits = findText(pdf, 'Signature');
    const oracle = await popplerWordHits(pdf, 'Signature');

    expect(hits.map((hit) => hit.page)).toEqual([1, 2, 3, 4]);
    hits.forEach((hit, index) => {
      expect(Math.hypot(hit.x - oracle[index].x, hit.y - oracle[index].y)).toBeLessThan(0.5);
    });
  });

  it('follows the CTM and a Form XObject with its own /Matrix', async () => {
    const pdf = await buildTextPdf(
      [
        {
          content: 'q 2 0 0 2 50 100 cm /Fm1 Do Q',
          form: {
            content: 'BT /F1 12 Tf 3 Tz 40 200 Td 2 Tc {{乙方日期}} Tj ET',
            matrix: [0, 1, -1, 0, 250, 0],
          },
        },
      ],
      CHARACTERS,
    );

    await expectHitsWhereMupdfSees(pdf, '日期');
  });

  it('ignores whitespace, so spaced-out characters match the keyword', async () => {
    const spaced =
      '{{盖}} Tj /F2 14 Tf ( ) Tj /F1 14 Tf {{章}} Tj /F2 14 Tf (  ) Tj /F1 14 Tf {{处}} Tj';
    const content = `BT /F1 14 Tf 100 700 Td ${spaced} ET`;
    const pdf = await buildTextPdf([{ content }], CHARACTERS);

    expect(findText(pdf, '盖章处')).toHaveLength(1);
    expect(findText(pdf, '盖 章 处')).toHaveLength(1);
  });

  it('returns no hits for text the document does not show', async () => {
    const pdf = await buildTextPdf(
      [{ content: 'BT /F1 14 Tf 100 700 Td {{甲方}} Tj ET' }],
      CHARACTERS,
    );

    expect(findText(pdf, '乙方')).toEqual([]);
    expect(findText(pdf, '   ')).toEqual([]);
  });
});

const corpus = existsSync(CORPUS_DIR) ? describe : describe.skip;

corpus('findText on the shared corpus', () => {
  const file = (name: string) => readFileSync(path.join(CORPUS_DIR, name));

  it('finds Japanese in Identity-H fonts inside stamp form XObjects where MuPDF sees it', async () => {
    await expectHitsWhereMupdfSees(file('pyhanko-ja-vert-stamps.pdf'), '縦書き');
  });

  it('finds text on pages turned by every /Rotate where pdftotext -bbox puts it', async () => {
    const name = path.join(CORPUS_DIR, 'qpdf-fxo-red-rotate.pdf');
    const hits = findText(readFileSync(name), 'Page');
    const result = await runTool('pdftotext', ['-bbox', name, '-']);
    const words = [
      ...result.stdout.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">Page</g,
      ),
    ];

    expect(hits).toHaveLength(16);
    hits.forEach((hit, index) => {
      const [xMin, yMin, xMax, yMax] = words[index].slice(1).map(Number);
      expect(Math.abs(hit.x - (xMin + xMax) / 2)).toBeLessThan(0.5);
      expect(Math.abs(hit.y - (yMin + yMax) / 2)).toBeLessThan(0.5);
    });
  });

  it('finds a keyword on the one page of 117 compressed pages that has it', () => {
    const hits = findText(file('pypdfsamples-geotopo-komprimiert.pdf'), 'Vorwort');

    expect(hits.map((hit) => hit.page)).toEqual([2]);
  });
});
