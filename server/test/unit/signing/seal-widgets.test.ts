import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';

import {
  crossPagePlacements,
  findText,
  keywordPlacements,
  pageGeometries,
  signPdf,
} from '../../../src/signing';
import type { SealPlacement, SignPdfInput } from '../../../src/signing';
import { buildPdf } from '../../fixtures/pdf-fixtures';
import type { PageSpec } from '../../fixtures/pdf-fixtures';
import { sealPng } from '../../fixtures/seal-png';
import { solidPng } from '../../fixtures/solid-png';
import { createTestPki } from '../../fixtures/test-pki';
import { buildTextPdf } from '../../fixtures/text-pdf';
import { renderPageRgba } from '../../helpers/page-render';
import type { RgbaImage } from '../../helpers/page-render';
import { newRedPixels } from '../../helpers/seal-placement';
import type { RedPixels } from '../../helpers/seal-placement';
import { expectValidSignedPdf } from '../../helpers/signed-pdf-checks';

const pki = createTestPki('p256');
const SEAL = { png: sealPng(), width: 90, height: 90 };

function input(pdf: Buffer, extra: Partial<SignPdfInput>): SignPdfInput {
  return { pdf, signer: pki.signer, appearance: SEAL, signingTime: new Date(), ...extra };
}

/** Renders pages of the input and of the output, and the new red ink on each. */
async function newInk(
  before: Buffer,
  after: Buffer,
  pages: number[],
  renderer: 'poppler' | 'mupdf' = 'poppler',
): Promise<RedPixels[]> {
  const dir = await mkdtemp(join(tmpdir(), 'seal-widgets-'));
  try {
    await writeFile(join(dir, 'before.pdf'), before);
    await writeFile(join(dir, 'after.pdf'), after);
    const ink: RedPixels[] = [];
    for (const page of pages) {
      const [a, b] = await Promise.all([
        renderPageRgba(join(dir, 'before.pdf'), page, { renderer }),
        renderPageRgba(join(dir, 'after.pdf'), page, { renderer }),
      ]);
      const red = newRedPixels(a, b);
      if (!red) throw new Error(`no new red ink on page ${page}`);
      ink.push(red);
    }

    return ink;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function renderOutput(pdf: Buffer, page: number): Promise<RgbaImage> {
  const dir = await mkdtemp(join(tmpdir(), 'seal-widgets-'));
  try {
    await writeFile(join(dir, 'out.pdf'), pdf);
    return await renderPageRgba(join(dir, 'out.pdf'), page);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function centre(red: RedPixels): { x: number; y: number } {
  return { x: red.box.left + red.box.width / 2, y: red.box.top + red.box.height / 2 };
}

/** Red pixels per column of a render, within a row band, for comparing seal slices. */
function redColumns(image: RgbaImage, left: number, width: number): number[] {
  const columns = new Array<number>(width).fill(0);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * image.width + left + x) * 4;
      const [r, g, b] = image.data.subarray(at, at + 3);
      if (r > 150 && g < 110 && b < 110) columns[x]++;
    }
  }

  return columns;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

describe('a seal over a keyword (关键字盖章)', () => {
  const boxes: [string, { rotate?: number; cropBox?: [number, number, number, number] }][] = [
    ['an unrotated page', {}],
    ['a page rotated 90', { rotate: 90 }],
    ['a page rotated 180', { rotate: 180 }],
    ['a page rotated 270', { rotate: 270 }],
    ['an offset CropBox rotated 270', { rotate: 270, cropBox: [30, 50, 560, 790] }],
  ];

  it.each(boxes)('is centred on the keyword within 2 pt on %s', async (_, box) => {
    const content = 'BT /F1 16 Tf 120 500 Td {{甲方}} Tj 10 0 Td {{盖章处}} Tj ET';
    const pdf = await buildTextPdf([{ content, ...box }], '甲方盖章处');
    const placements = keywordPlacements(pdf, { keyword: '盖章处', occurrence: 'FIRST' });
    const { pdf: signed } = await signPdf(input(pdf, { placements }));
    await expectValidSignedPdf({ input: pdf, output: signed, caPem: pki.caPem });
    const [hit] = findText(pdf, '盖章处');
    // MuPDF draws images where they are; poppler shifts them by a pixel right and down, which
    // alone can put a correctly placed seal 2.1 pt off (see the report).
    const [red] = await newInk(pdf, signed, [1], 'mupdf');

    expect(Math.hypot(centre(red).x - hit.x, centre(red).y - hit.y)).toBeLessThan(2);
    expect(Math.abs(red.box.width - 90)).toBeLessThan(90 * 0.05);
  });

  it('places one widget per occurrence for ALL, offset as asked, and refuses a missing keyword', async () => {
    const content = 'BT /F1 14 Tf 100 700 Td {{盖章处}} Tj 0 -400 Td {{盖章处}} Tj ET';
    const pdf = await buildTextPdf([{ content }, { content }], '盖章处');
    const request = { keyword: '盖章处', occurrence: 'ALL' as const, offsetX: 20, offsetY: -10 };
    const placements = keywordPlacements(pdf, request);
    const { pdf: signed, report } = await signPdf(input(pdf, { placements, appearance: SEAL }));
    await expectValidSignedPdf({ input: pdf, output: signed, caPem: pki.caPem });
    const ink = [...(await newInk(pdf, signed, [1])), ...(await newInk(pdf, signed, [2]))];

    const hits = findText(pdf, '盖章处');

    expect(placements).toHaveLength(4);
    expect(placements[3]).toMatchObject({ page: 2, x: hits[3].x + 20, y: hits[3].y - 10 });
    expect(report.widgets.map((widget) => widget.page)).toEqual([1, 1, 2, 2]);
    expect(ink.every((red) => red.box.height > 80)).toBe(true);
    expect(
      thrown(() => keywordPlacements(pdf, { keyword: '乙方', occurrence: 'FIRST' })),
    ).toMatchObject({ code: 'KEYWORD_NOT_FOUND' });
  });
});

describe('several widgets for one signature', () => {
  it('makes one field whose /Kids are the widgets, sharing one image', async () => {
    const pdf = buildPdf({ pages: [{}, { rotate: 90 }] });
    const placements: SealPlacement[] = [
      { page: 1, x: 150, y: 150 },
      { page: 1, x: 400, y: 600, width: 60 },
      { page: 2, x: 300, y: 200 },
    ];
    const { pdf: signed } = await signPdf(input(pdf, { placements }));
    await expectValidSignedPdf({ input: pdf, output: signed, caPem: pki.caPem });
    const doc = await PDFDocument.load(signed, { updateMetadata: false });
    const fields = doc.catalog
      .lookup(PDFName.of('AcroForm'), PDFDict)
      .lookup(PDFName.of('Fields'), PDFArray);
    const field = fields.lookup(fields.size() - 1, PDFDict);
    const kids = field
      .lookup(PDFName.of('Kids'), PDFArray)
      .asArray()
      .map((kid) => doc.context.lookup(kid, PDFDict));
    const images = new Set(kids.map((kid) => xobjectRefOf(doc, kid)));
    const page1 = await renderOutput(signed, 1);
    const [left, right] = [redColumns(page1, 100, 100), redColumns(page1, 370, 60)];

    expect(kids).toHaveLength(3);
    expect(images.size).toBe(1);
    expect(sum(left)).toBeGreaterThan(0);
    expect(sum(right)).toBeGreaterThan(0);
  });

  it('refuses a clip that is not a slice of the seal with BAD_PLACEMENT', async () => {
    const pdf = buildPdf();
    const placements = [{ page: 1, x: 100, y: 100, clip: { left: 0.6, right: 0.4 } }];

    await expect(signPdf(input(pdf, { placements }))).rejects.toMatchObject({
      code: 'BAD_PLACEMENT',
    });
  });
});

describe('a seal across the page edges (骑缝章)', () => {
  const pages: PageSpec[] = [
    {},
    { rotate: 90 },
    { mediaBox: [0, 0, 420, 600], rotate: 180 },
    { mediaBox: [-10, -20, 642, 832], cropBox: [10, 20, 582, 752], rotate: 270 },
  ];

  it.each(['RIGHT', 'LEFT'] as const)(
    'shows slice i of n flush with the %s edge of each page, which together make the seal',
    async (edge) => {
      const pdf = buildPdf({ pages });
      const sizes = pageGeometries(pdf);
      const numbers = [1, 2, 3, 4];
      const placements = crossPagePlacements({
        pages: numbers,
        edge,
        verticalPosition: 300,
        sealWidth: SEAL.width,
        sealHeight: SEAL.height,
        pageGeometries: sizes,
      });
      const { pdf: signed } = await signPdf(input(pdf, { placements }));
      await expectValidSignedPdf({ input: pdf, output: signed, caPem: pki.caPem });
      const whole = await wholeSealColumns();
      const ink = await newInk(pdf, signed, numbers);

      ink.forEach((red, index) => {
        const pageWidth = sizes[index].width;
        const slice = whole.slice((index * SEAL.width) / 4, ((index + 1) * SEAL.width) / 4);
        const edgeGap =
          edge === 'RIGHT' ? pageWidth - (red.box.left + red.box.width) : red.box.left;
        // The image's own transparent margin on that side of the slice, seen in the whole seal.
        const inked = slice.map((count, column) => (count > 0 ? column : -1)).filter((c) => c >= 0);
        const margin =
          edge === 'RIGHT' ? slice.length - 1 - Math.max(...inked) : Math.min(...inked);
        expect(Math.abs(edgeGap - margin)).toBeLessThanOrEqual(1.5);
        expect(Math.abs(centre(red).y - 300)).toBeLessThan(2);
        expect(red.box.width).toBeLessThanOrEqual(SEAL.width / 4 + 1);
        expect(Math.abs(red.count - sum(slice)) / sum(slice)).toBeLessThan(0.1);
      });
    },
  );
});

describe('a caption under the seal', () => {
  it('is drawn centred under the seal, scaled with it, in the same widget', async () => {
    const pdf = buildPdf({ pages: [{ rotate: 90 }] });
    const caption = { png: solidPng(40, 8, [20, 40, 220]), width: 120, height: 24 };
    const placement = { page: 1, x: 300, y: 200, width: 60 };
    const { pdf: signed, report } = await signPdf(input(pdf, { placement, caption }));
    await expectValidSignedPdf({
      input: pdf,
      output: signed,
      caPem: pki.caPem,
      seal: { page: 1, x: 300, y: 200, width: 60, height: 60 },
    });
    const blue = blueBox(await renderOutput(signed, 1));
    const [llx, lly, urx, ury] = report.rect;

    expect(Math.abs(blue.left + blue.width / 2 - 300)).toBeLessThanOrEqual(1);
    expect(Math.abs(blue.top - 230)).toBeLessThanOrEqual(1);
    expect(Math.abs(blue.width - 80)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(blue.height - 16)).toBeLessThanOrEqual(1.5);
    expect([ury - lly, urx - llx]).toEqual([80, 76]);
  });
});

/** Red pixels per column of the whole seal, drawn alone at its size on a plain page. */
async function wholeSealColumns(): Promise<number[]> {
  const pdf = buildPdf();
  const { pdf: signed } = await signPdf(input(pdf, { placement: { page: 1, x: 200, y: 300 } }));

  return redColumns(await renderOutput(signed, 1), 200 - SEAL.width / 2, SEAL.width);
}

function blueBox(image: RgbaImage): { left: number; top: number; width: number; height: number } {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const at = (y * image.width + x) * 4;
      const [r, g, b] = image.data.subarray(at, at + 3);
      if (b < 180 || r > 100 || g > 100) continue;
      [left, top, right, bottom] = [
        Math.min(left, x),
        Math.min(top, y),
        Math.max(right, x),
        Math.max(bottom, y),
      ];
    }
  }

  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

function xobjectRefOf(doc: PDFDocument, widget: PDFDict): string {
  const ap = widget.lookup(PDFName.of('AP'), PDFDict);
  const form = doc.context.lookup(ap.get(PDFName.of('N'))) as unknown as { dict: PDFDict };
  const resources = form.dict.lookup(PDFName.of('Resources'), PDFDict);

  return String(resources.lookup(PDFName.of('XObject'), PDFDict).get(PDFName.of('Seal')));
}

/** The error a call throws, so its code can be asserted. */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }

  return undefined;
}
