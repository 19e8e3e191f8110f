import {
  MissingGlyphError,
  PNG_DPI,
  renderSealImage,
  type SealImageKind,
  type SealImageSpec,
} from '../../../src/seal/image';
import { decodePng, pixelAt, PNG_SIGNATURE, type DecodedPng } from './decode-png';

const SPECS: Record<SealImageKind, SealImageSpec> = {
  OFFICIAL: {
    type: 'OFFICIAL',
    ownerName: '杭州某某科技有限公司',
    name: '公章',
    code: '3301060123456',
  },
  CONTRACT: { type: 'CONTRACT', ownerName: '杭州某某科技有限公司', name: '合同专用章' },
  FINANCE: { type: 'FINANCE', ownerName: '杭州某某科技有限公司', name: '财务专用章' },
  LEGAL_REPRESENTATIVE: { type: 'LEGAL_REPRESENTATIVE', ownerName: '王五', name: '法定代表人章' },
  INVOICE: {
    type: 'INVOICE',
    ownerName: '杭州某某科技有限公司',
    name: '发票专用章',
    code: '91330106MA2XXXXX8K',
  },
  PERSONAL: { type: 'PERSONAL', ownerName: '张三', name: '张三' },
  HANDWRITTEN: { type: 'HANDWRITTEN', ownerName: '李四', name: '李四' },
};

const SIZES_MM: Record<SealImageKind, [number, number]> = {
  OFFICIAL: [42, 42],
  CONTRACT: [40, 40],
  FINANCE: [40, 40],
  LEGAL_REPRESENTATIVE: [20, 20],
  INVOICE: [40, 30],
  PERSONAL: [20, 20],
  HANDWRITTEN: [40, 15],
};

const ROUND_KINDS: SealImageKind[] = ['OFFICIAL', 'CONTRACT', 'FINANCE'];

const isSealRed = ([r, g, b, a]: number[]) => a > 200 && r > 200 && g < 80 && b < 80;

const isTransparent = ([, , , a]: number[]) => a === 0;

describe.each(Object.keys(SPECS) as SealImageKind[])('the %s seal image', (kind) => {
  const image = renderSealImage(SPECS[kind]);
  const png = decodePng(image.png);
  const [widthMm, heightMm] = SIZES_MM[kind];

  it('is a 600 dpi RGBA PNG of the seal size', () => {
    expect(image.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.colourType).toBe(6);
    expect(png.bitDepth).toBe(8);
    expect(png.width).toBe(Math.round((widthMm / 25.4) * PNG_DPI));
    expect(Math.abs(png.height - (png.width * heightMm) / widthMm)).toBeLessThanOrEqual(1);
  });

  it('reports its size in millimetres and points', () => {
    expect([image.widthMm, image.heightMm]).toEqual([widthMm, heightMm]);
    expect(image.widthPt).toBeCloseTo((widthMm / 25.4) * 72, 6);
    expect(image.heightPt).toBeCloseTo((heightMm / 25.4) * 72, 6);
  });

  it('leaves its corners transparent', () => {
    const [right, bottom] = [png.width - 1, png.height - 1];
    const corners = [pixelAt(png, 0, 0), pixelAt(png, right, 0), pixelAt(png, 0, bottom)];

    expect([...corners, pixelAt(png, right, bottom)].every(isTransparent)).toBe(true);
  });

  it('is drawn with outlines only, needing no font to display', () => {
    expect(image.svg).toContain('<path');
    expect(image.svg).not.toMatch(/<text|<image|font-family|@font-face/);
    expect(image.svg).toContain(`viewBox="0 0 ${widthMm} ${heightMm}"`);
  });

  it('holds nothing a browser could run or fetch: only svg, g and path elements', () => {
    const elements = Array.from(image.svg.matchAll(/<([a-zA-Z:]+)/g), (match) => match[1]);
    const attributes = Array.from(image.svg.matchAll(/\s([a-zA-Z:-]+)=/g), (match) => match[1]);

    expect(new Set(elements)).toEqual(new Set(['svg', 'g', 'path']));
    expect(attributes.filter((name) => /^on|href/i.test(name))).toEqual([]);
  });
});

describe.each(ROUND_KINDS)('the star of a %s seal', (kind) => {
  const png = decodePng(renderSealImage(SPECS[kind]).png);
  const centre = Math.floor(png.width / 2);
  const starRadiusPx = ((kind === 'OFFICIAL' ? 14 : 13) / 2 / 25.4) * PNG_DPI;

  it('fills the centre with red ink', () => {
    expect(squareAround(png, centre, centre, 10).every(isSealRed)).toBe(true);
  });

  it('points straight up and is open between its lower legs', () => {
    const nearTopPoint = pixelAt(png, centre, Math.round(centre - 0.9 * starRadiusPx));
    const betweenLegs = pixelAt(png, centre, Math.round(centre + 0.7 * starRadiusPx));

    expect(isSealRed(nearTopPoint)).toBe(true);
    expect(isTransparent(betweenLegs)).toBe(true);
  });
});

describe('seal text', () => {
  it('refuses a character the font lacks, naming it, instead of drawing a box', () => {
    const spec: SealImageSpec = {
      type: 'CONTRACT',
      ownerName: '杭州𠀀科技有限公司',
      name: '合同专用章',
    };

    expect(() => renderSealImage(spec)).toThrow(MissingGlyphError);
    expect(() => renderSealImage(spec)).toThrow('"𠀀" (U+20000)');
  });

  it('names the missing character in the error it throws for any field', () => {
    const spec: SealImageSpec = { type: 'PERSONAL', ownerName: '张\uE000', name: '' };

    expect(() => renderSealImage(spec)).toThrow(
      expect.objectContaining({ character: '\uE000' }) as Error,
    );
  });

  it('draws Latin letters and digits in names and codes', () => {
    const image = renderSealImage({
      type: 'OFFICIAL',
      ownerName: 'ABC Technology (Hangzhou) Co., Ltd. 2024',
      name: 'Contract Seal 1',
      code: '3301060123456',
    });

    expect(image.svg.match(/<path/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('draws the same spec to the same image every time', () => {
    expect(renderSealImage(SPECS.HANDWRITTEN).svg).toBe(renderSealImage(SPECS.HANDWRITTEN).svg);
  });
});

function squareAround(png: DecodedPng, x: number, y: number, half: number): number[][] {
  const pixels = [];
  for (let dy = -half; dy <= half; dy++) {
    for (let dx = -half; dx <= half; dx++) pixels.push(pixelAt(png, x + dx, y + dy));
  }

  return pixels;
}
