import sharp from 'sharp';
import {
  InvalidImageError,
  PNG_DPI,
  prepareUploadedImage,
  type SealRaster,
} from '../../../src/seal/image';
import { BLACK, blankScan, inkScan, SEAL_RED } from '../../fixtures/ink-images';
import { decodePng, pixelAt, type DecodedPng } from './decode-png';

const MM_PER_PT = 25.4 / 72;

function corners(png: DecodedPng): number[][] {
  const [right, bottom] = [png.width - 1, png.height - 1];

  return [
    [0, 0],
    [right, 0],
    [0, bottom],
    [right, bottom],
  ].map(([x, y]) => pixelAt(png, x, y));
}

/** The most opaque pixel of the image, to read the ink's colour. */
function darkestInk(png: DecodedPng): number[] {
  let best = [0, 0, 0, 0];
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const pixel = pixelAt(png, x, y);
      if (pixel[3] > best[3]) best = pixel;
    }
  }

  return best;
}

describe.each(['png', 'jpeg'] as const)('a handwritten signature uploaded as %s', (format) => {
  let image: SealRaster;
  let png: DecodedPng;

  beforeAll(async () => {
    image = await prepareUploadedImage((await inkScan(format)).bytes, 'HANDWRITTEN');
    png = decodePng(image.png);
  });

  it('becomes an RGBA PNG whose paper is transparent', () => {
    expect([png.bitDepth, png.colourType]).toEqual([8, 6]);
    expect(corners(png).every(([, , , alpha]) => alpha === 0)).toBe(true);
  });

  it('keeps the ink opaque and in its colour', () => {
    const [r, g, b, a] = darkestInk(png);

    expect(a).toBe(255);
    expect(Math.max(r, g, b)).toBeLessThan(60);
  });

  it('is cropped to the ink, keeping its 3:1 proportions', () => {
    // The 240 × 80 px mark, with a small margin: nothing of the 400 × 300 page around it.
    expect(image.widthMm / image.heightMm).toBeGreaterThan(2.7);
    expect(image.widthMm / image.heightMm).toBeLessThan(3.1);
  });

  it('is 60 mm wide and gives its natural size in points', () => {
    expect(image.widthMm).toBeCloseTo(60, 6);
    expect(image.widthPt * MM_PER_PT).toBeCloseTo(image.widthMm, 6);
    expect(image.heightPt * MM_PER_PT).toBeCloseTo(image.heightMm, 6);
  });
});

describe('an uploaded seal scan', () => {
  it('keeps the red of the seal ink', async () => {
    const image = await prepareUploadedImage((await inkScan('png', SEAL_RED)).bytes, 'OFFICIAL');
    const [r, g, b, a] = darkestInk(decodePng(image.png));

    expect(a).toBe(255);
    expect([r, g, b]).toEqual(SEAL_RED);
  });

  it('fits the conventional size of its seal type', async () => {
    const image = await prepareUploadedImage((await inkScan('png')).bytes, 'PERSONAL');

    expect(Math.max(image.widthMm, image.heightMm)).toBeCloseTo(20, 6);
  });

  it('stores no more than 600 dpi at its size', async () => {
    const image = await prepareUploadedImage((await inkScan('png', BLACK)).bytes, 'PERSONAL');
    const png = decodePng(image.png);

    expect(png.width).toBeLessThanOrEqual(Math.round((image.widthMm / 25.4) * PNG_DPI));
  });
});

describe('an upload that cannot be a seal image', () => {
  const refusal = (bytes: Buffer) => prepareUploadedImage(bytes, 'HANDWRITTEN');

  it.each(['png', 'jpeg'] as const)('refuses a blank %s page', async (format) => {
    await expect(refusal(await blankScan(format))).rejects.toThrow(/blank/);
  });

  it('refuses bytes that are no image', async () => {
    await expect(refusal(Buffer.from('%PDF-1.7 not an image'))).rejects.toThrow(InvalidImageError);
  });

  it('refuses an image format other than PNG or JPEG', async () => {
    const gif = await sharp({
      create: { width: 10, height: 10, channels: 3, background: '#000000' },
    })
      .gif()
      .toBuffer();

    await expect(refusal(gif)).rejects.toThrow(/expected a PNG or JPEG image, got gif/);
  });

  it('refuses an image too large to decode safely, from its header alone', async () => {
    const huge = await sharp({
      create: { width: 7000, height: 20, channels: 3, background: '#ffffff' },
    })
      .png()
      .toBuffer();

    await expect(refusal(huge)).rejects.toThrow(/at most 6000 px a side/);
  });

  it('refuses more than 5 MB', async () => {
    await expect(refusal(Buffer.alloc(5 * 1024 * 1024 + 1))).rejects.toThrow(/at most 5242880/);
  });
});
