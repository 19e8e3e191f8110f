import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { signPdf } from '../../../src/signing';
import { placeSeal } from '../../../src/signing/page-geometry';
import type { PageGeometry } from '../../../src/signing/page-geometry';
import { buildPdf } from '../../fixtures/pdf-fixtures';
import type { PageSpec } from '../../fixtures/pdf-fixtures';
import { sealPng } from '../../fixtures/seal-png';
import { createTestPki } from '../../fixtures/test-pki';
import { tempDir } from '../../support/temp-dir';

const pki = createTestPki('p256');

describe('placeSeal', () => {
  const page = (rotate: PageGeometry['rotate']): PageGeometry => {
    const quarter = rotate === 90 || rotate === 270;

    return {
      cropBox: [10, 20, 610, 820],
      rotate,
      displayedWidth: quarter ? 800 : 600,
      displayedHeight: quarter ? 600 : 800,
    };
  };
  const seal = { x: 100, y: 50, width: 40, height: 20 };

  it.each([
    [0, [90, 760, 130, 780]],
    [90, [50, 100, 70, 140]],
    [180, [490, 60, 530, 80]],
    [270, [550, 700, 570, 740]],
  ] as const)('maps a displayed centre to default user space under /Rotate %i', (rotate, rect) => {
    expect(placeSeal(page(rotate), seal).rect).toEqual(rect);
  });

  it('pulls a seal that overhangs the page edge back inside the crop box', () => {
    expect(placeSeal(page(0), { ...seal, x: 5, y: 795 }).rect).toEqual([10, 20, 50, 40]);
  });

  it('refuses a centre off the page and a seal larger than the page with BAD_PLACEMENT', () => {
    expect(thrown(() => placeSeal(page(0), { ...seal, x: -1 }))).toMatchObject({
      code: 'BAD_PLACEMENT',
    });
    expect(thrown(() => placeSeal(page(0), { ...seal, width: 700 }))).toMatchObject({
      code: 'BAD_PLACEMENT',
    });
  });
});

describe('the seal as a reader displays it', () => {
  const boxes = { mediaBox: [-10, -20, 642, 832], cropBox: [10, 20, 582, 752] };

  it.each<[string, PageSpec]>([
    ['an unrotated page', {}],
    ['a page rotated 90', { rotate: 90 }],
    ['a page rotated 180', { rotate: 180 }],
    ['a page rotated 270', { rotate: 270 }],
    ['a page rotated -90', { rotate: -90 }],
    ['a page rotated 990', { rotate: 990 }],
    ['an offset MediaBox and CropBox', boxes],
    ['a rotated page with an offset CropBox', { ...boxes, rotate: 90 }],
  ])('is upright and centred at the requested point on %s', async (_, spec) => {
    const { pdf } = await signPdf({
      pdf: buildPdf({ pages: [spec] }),
      signer: pki.signer,
      appearance: { png: sealPng(), width: 60, height: 60 },
      placement: { page: 1, x: 150, y: 200 },
      signingTime: new Date(),
    });
    const red = redPixels(render(pdf));
    const cx = mean(red.map((p) => p[0]));
    const [minY, maxY] = [Math.min(...red.map((p) => p[1])), Math.max(...red.map((p) => p[1]))];

    expect(Math.abs((minY + maxY) / 2 - 200)).toBeLessThan(2);
    expect(Math.abs(cx - 150)).toBeLessThan(2);
    // The bar sits in the top half of the image, so an upright seal has more red above centre.
    const above = red.filter((p) => p[1] < 200).length;
    expect(above / red.length).toBeGreaterThan(0.55);
  });
});

/** Renders page 1 at 72 dpi (1 px per point) as a binary PPM. */
function render(pdf: Buffer): { width: number; height: number; pixels: Buffer } {
  const dir = tempDir('eseal-render-');
  writeFileSync(join(dir, 'in.pdf'), pdf);
  spawnSync('pdftoppm', [
    '-cropbox',
    '-r',
    '72',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    join(dir, 'in.pdf'),
    join(dir, 'page'),
  ]);
  const ppm = readFileSync(join(dir, 'page.ppm'));
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;

  return {
    width: Number(header[1]),
    height: Number(header[2]),
    pixels: ppm.subarray(header[0].length),
  };
}

function redPixels(image: { width: number; height: number; pixels: Buffer }): [number, number][] {
  const found: [number, number][] = [];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const at = 3 * (y * image.width + x);
      const [r, g, b] = [image.pixels[at], image.pixels[at + 1], image.pixels[at + 2]];
      if (r > 150 && g < 100 && b < 100) found.push([x + 0.5, y + 0.5]);
    }
  }

  return found;
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
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
