/**
 * Render checks for outputs the checker's single `seal` box does not describe: several seals,
 * slices of a cross-page seal, a caption. Pages are rendered by poppler at 144 dpi as the
 * checker renders them, and measured in displayed points from the page's top-left corner.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { sealPlacementFailures } from '../helpers/seal-placement';
import {
  newRedPixels,
  renderPageRgba,
  type RgbaImage,
  type SealPlacement,
} from '../helpers/signed-pdf-checks';

const DPI = 144;
const PX_PER_PT = DPI / 72;

/** One page rendered before and after signing. */
export interface PageRenders {
  before: RgbaImage;
  after: RgbaImage;
  /** The displayed page in points. */
  width: number;
  height: number;
}

/** A rectangle in displayed points, top-left origin. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Renders a page of the input and of the signed output. */
export async function renderBeforeAfter(
  input: Buffer,
  output: Buffer,
  page: number,
  password?: string,
): Promise<PageRenders> {
  const dir = await mkdtemp(join(tmpdir(), 'page-ink-'));
  try {
    const files = [join(dir, 'input.pdf'), join(dir, 'output.pdf')];
    await writeFile(files[0], input);
    await writeFile(files[1], output);
    const options = { dpi: DPI, password };
    const [before, after] = await Promise.all(
      files.map((file) => renderPageRgba(file, page, options)),
    );

    return { before, after, width: after.width / PX_PER_PT, height: after.height / PX_PER_PT };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The box of the red ink signing added, within `region` when given. */
export function newRedInk(renders: PageRenders, region?: Box): Box | undefined {
  const [before, after] = cropBoth(renders, region);
  const found = newRedPixels(before, after);

  return found && toPoints(found.box, region);
}

/** The box of the dark, unsaturated ink (text, not seal) signing added, within `region`. */
export function newDarkInk(renders: PageRenders, region?: Box): Box | undefined {
  const [before, after] = cropBoth(renders, region);
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < after.height; y++) {
    for (let x = 0; x < after.width; x++) {
      const pixel = y * after.width + x;
      if (!isDark(after, pixel) || isDark(before, pixel)) continue;
      [left, top] = [Math.min(left, x), Math.min(top, y)];
      [right, bottom] = [Math.max(right, x), Math.max(bottom, y)];
    }
  }
  if (left === Infinity) return undefined;

  return toPoints({ left, top, width: right - left + 1, height: bottom - top + 1 }, region);
}

/**
 * The checker's placement rule (centre within 2 pt, size within 15 %) applied to one of several
 * seals on a page: only the ink inside a margin around where that seal was asked counts.
 */
export function sealFailuresAt(renders: PageRenders, seal: SealPlacement, margin = 20): string[] {
  const region = {
    left: seal.x - seal.width / 2 - margin,
    top: seal.y - seal.height / 2 - margin,
    width: seal.width + 2 * margin,
    height: seal.height + 2 * margin,
  };
  const [before, after] = cropBoth(renders, region);
  const clipped = clampToPage(region, renders);
  const local = { ...seal, x: seal.x - clipped.left, y: seal.y - clipped.top };

  return sealPlacementFailures(before, after, local, PX_PER_PT);
}

function isDark(image: RgbaImage, pixel: number): boolean {
  const [r, g, b] = image.data.subarray(pixel * 4, pixel * 4 + 3);

  return Math.max(r, g, b) < 110 && Math.max(r, g, b) - Math.min(r, g, b) < 40;
}

function cropBoth(renders: PageRenders, region?: Box): [RgbaImage, RgbaImage] {
  if (!region) return [renders.before, renders.after];
  const clipped = clampToPage(region, renders);

  return [crop(renders.before, clipped), crop(renders.after, clipped)];
}

function clampToPage(region: Box, page: { width: number; height: number }): Box {
  const left = Math.max(0, region.left);
  const top = Math.max(0, region.top);
  const right = Math.min(page.width, region.left + region.width);
  const bottom = Math.min(page.height, region.top + region.height);

  return { left, top, width: right - left, height: bottom - top };
}

/** A region of an image, given in points. */
function crop(image: RgbaImage, region: Box): RgbaImage {
  const [left, top] = [Math.round(region.left * PX_PER_PT), Math.round(region.top * PX_PER_PT)];
  const width = Math.min(Math.round(region.width * PX_PER_PT), image.width - left);
  const height = Math.min(Math.round(region.height * PX_PER_PT), image.height - top);
  const data = new Uint8Array(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((top + row) * image.width + left) * 4;
    data.set(image.data.subarray(from, from + width * 4), row * width * 4);
  }

  return { width, height, data };
}

function toPoints(pixels: Box, region?: Box): Box {
  const origin = region ? { left: Math.max(0, region.left), top: Math.max(0, region.top) } : null;
  const offset = origin
    ? { left: Math.round(origin.left * PX_PER_PT), top: Math.round(origin.top * PX_PER_PT) }
    : { left: 0, top: 0 };

  return {
    left: (pixels.left + offset.left) / PX_PER_PT,
    top: (pixels.top + offset.top) / PX_PER_PT,
    width: pixels.width / PX_PER_PT,
    height: pixels.height / PX_PER_PT,
  };
}
