import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

import { outputOf, runTool } from './external-tool';

/** A decoded image, four bytes (R, G, B, A) per pixel, rows top to bottom. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Renders one page (1-based) as poppler displays it, widgets included, at 72 dpi so that one
 * pixel is one point measured from the top-left of the displayed (rotated, cropped) page.
 */
export async function renderPageRgba(
  file: string,
  page: number,
  options: { password?: string; dpi?: number; renderer?: 'poppler' | 'mupdf' } = {},
): Promise<RgbaImage> {
  if (options.renderer === 'mupdf') return renderWithMupdf(file, page, options);
  const dir = await mkdtemp(join(tmpdir(), 'render-'));
  try {
    const password = options.password === undefined ? [] : ['-upw', options.password];
    // -cropbox: render what a reader displays (the crop box), not the whole media box.
    const args = [
      '-r',
      String(options.dpi ?? 72),
      '-cropbox',
      '-png',
      '-f',
      String(page),
      '-l',
      String(page),
    ];
    const result = await runTool('pdftoppm', [
      ...args,
      ...password,
      '-singlefile',
      file,
      join(dir, 'page'),
    ]);
    if (result.exitCode !== 0) {
      throw new Error(`pdftoppm could not render page ${page} of ${file}:\n${outputOf(result)}`);
    }

    return decodePng(await readFile(join(dir, 'page.png')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Decodes a non-interlaced 8-bit grey, grey+alpha, RGB or RGBA PNG (what pdftoppm writes). */
export function decodePng(png: Buffer): RgbaImage {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('expected a PNG, got other bytes');
  const header = chunk(png, 'IHDR');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [bitDepth, colorType, , , interlace] = header.subarray(8);
  const channels = CHANNELS[colorType];
  if (bitDepth !== 8 || !channels || interlace !== 0) {
    throw new Error(
      `unsupported PNG: depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`,
    );
  }
  const raw = unfilter(inflateSync(idatOf(png)), width * channels, height, channels);

  return { width, height, data: toRgba(raw, width * height, channels) };
}

function chunks(png: Buffer): Array<{ type: string; data: Buffer }> {
  const found = [];
  for (let offset = 8; offset + 8 <= png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    found.push({ type, data: png.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }

  return found;
}

function chunk(png: Buffer, type: string): Buffer {
  const found = chunks(png).find((candidate) => candidate.type === type);
  if (!found) throw new Error(`PNG has no ${type} chunk`);

  return found.data;
}

function idatOf(png: Buffer): Buffer {
  return Buffer.concat(
    chunks(png)
      .filter((candidate) => candidate.type === 'IDAT')
      .map((c) => c.data),
  );
}

/** Reverses the per-row filters of PNG (ISO/IEC 15948, clause 9). */
function unfilter(data: Buffer, stride: number, height: number, bpp: number): Uint8Array {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    const row = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const at = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= bpp ? out[at + x - bpp] : 0;
      const up = y > 0 ? out[at - stride + x] : 0;
      const upLeft = y > 0 && x >= bpp ? out[at - stride + x - bpp] : 0;
      out[at + x] = (row[x] + predictor(filter, left, up, upLeft)) & 0xff;
    }
  }

  return out;
}

function predictor(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4:
      return paeth(left, up, upLeft);
    default:
      throw new Error(`unknown PNG filter ${filter}`);
  }
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const [dl, du, dul] = [left, up, upLeft].map((value) => Math.abs(estimate - value));
  if (dl <= du && dl <= dul) return left;

  return du <= dul ? up : upLeft;
}

function toRgba(raw: Uint8Array, pixels: number, channels: number): Uint8Array {
  const rgba = new Uint8Array(pixels * 4);
  for (let i = 0; i < pixels; i++) {
    const source = raw.subarray(i * channels, (i + 1) * channels);
    const grey = channels <= 2;
    rgba[i * 4] = source[0];
    rgba[i * 4 + 1] = grey ? source[0] : source[1];
    rgba[i * 4 + 2] = grey ? source[0] : source[2];
    rgba[i * 4 + 3] = channels === 2 ? source[1] : channels === 4 ? source[3] : 255;
  }

  return rgba;
}

/**
 * The same render by MuPDF, whose page bounds are the crop box too. Used where poppler is known
 * to draw something else than the file's appearances (see checkSealPlacement).
 */
async function renderWithMupdf(
  file: string,
  page: number,
  options: { password?: string; dpi?: number },
): Promise<RgbaImage> {
  const dir = await mkdtemp(join(tmpdir(), 'render-'));
  try {
    const output = join(dir, 'page.png');
    const password = options.password === undefined ? [] : ['-p', options.password];
    const args = ['draw', ...password, '-r', String(options.dpi ?? 72), '-o', output, file];
    const result = await runTool('mutool', [...args, String(page)]);
    if (result.exitCode !== 0) {
      throw new Error(`mutool could not render page ${page} of ${file}:\n${outputOf(result)}`);
    }

    return decodePng(await readFile(output));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
