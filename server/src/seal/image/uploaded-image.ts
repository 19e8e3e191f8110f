import sharp from 'sharp';
import { clearBackground, inkBounds, type PixelBox } from './ink';
import { mmToPt, PNG_DPI } from './rasterise';
import type { SealImageKind, SealRaster } from './seal-image.types';

/** An upload that cannot become a seal image; callers turn it into a user error. */
export class InvalidImageError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidImageError';
  }
}

/** Scans and photos of seals and signatures are far smaller than this. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_SIDE_PX = 6000;
const MAX_PIXELS = 24_000_000;

/**
 * The box an uploaded image is fitted into, in mm: the conventional size of the seal, so that an
 * uploaded 公章 stamps as large as a drawn one; a signature may be as wide as a pen writes it.
 */
const BOX_MM: Record<SealImageKind, [number, number]> = {
  OFFICIAL: [42, 42],
  CONTRACT: [40, 40],
  FINANCE: [40, 40],
  INVOICE: [40, 30],
  LEGAL_REPRESENTATIVE: [20, 20],
  PERSONAL: [20, 20],
  HANDWRITTEN: [60, 30],
};

/** A little paper around the ink, so anti-aliased edges are not cut off. */
const MARGIN_SHARE = 0.02;

const PX_PER_MM = PNG_DPI / 25.4;

/**
 * Turns an uploaded PNG or JPEG (a scanned seal, a photographed signature) into a seal image:
 * paper made transparent, ink kept in its colour, cropped to the ink and sized to the seal's
 * conventional box. Throws InvalidImageError for anything else.
 */
export async function prepareUploadedImage(
  bytes: Buffer,
  kind: SealImageKind,
): Promise<SealRaster> {
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new InvalidImageError(`expected at most ${MAX_IMAGE_BYTES} bytes, got ${bytes.length}`);
  }
  await checkHeader(bytes);
  const { pixels, width, height } = await decodeRgba(bytes);
  clearBackground(pixels);
  const ink = inkBounds(pixels, width);
  if (!ink) throw new InvalidImageError('expected ink on the image, got a blank page');

  return encodeCropped(pixels, { width, height }, withMargin(ink, width, height), BOX_MM[kind]);
}

/** Reads only the header, so a decompression bomb is refused before it is decoded. */
async function checkHeader(bytes: Buffer): Promise<void> {
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch {
    throw new InvalidImageError('expected a PNG or JPEG image, got unreadable bytes');
  }
  if (metadata.format !== 'png' && metadata.format !== 'jpeg') {
    throw new InvalidImageError(`expected a PNG or JPEG image, got ${metadata.format}`);
  }
  const { width = 0, height = 0 } = metadata;
  if (width > MAX_SIDE_PX || height > MAX_SIDE_PX || width * height > MAX_PIXELS) {
    throw new InvalidImageError(
      `expected at most ${MAX_SIDE_PX} px a side and ${MAX_PIXELS} px in all, got ${width}×${height}`,
    );
  }
}

/** 8-bit sRGB with alpha, upright (a phone photo's EXIF orientation applied). */
async function decodeRgba(bytes: Buffer) {
  try {
    const { data, info } = await sharp(bytes, { failOn: 'error', limitInputPixels: MAX_PIXELS })
      .autoOrient()
      .toColourspace('srgb')
      .ensureAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });

    return { pixels: data, width: info.width, height: info.height };
  } catch {
    throw new InvalidImageError('expected a PNG or JPEG image, got a damaged one');
  }
}

function withMargin(box: PixelBox, width: number, height: number): PixelBox {
  const margin = Math.max(2, Math.round(Math.max(box.width, box.height) * MARGIN_SHARE));
  const left = Math.max(0, box.left - margin);
  const top = Math.max(0, box.top - margin);

  return {
    left,
    top,
    width: Math.min(width, box.left + box.width + margin) - left,
    height: Math.min(height, box.top + box.height + margin) - top,
  };
}

/**
 * Fits the ink into the box, keeping its proportions, and never stores more than PNG_DPI at that
 * size: a 4000 px photo of a 20 mm seal would only make every signed PDF heavier.
 */
async function encodeCropped(
  pixels: Buffer,
  size: { width: number; height: number },
  crop: PixelBox,
  [boxWidthMm, boxHeightMm]: [number, number],
): Promise<SealRaster> {
  const mmPerPx = Math.min(boxWidthMm / crop.width, boxHeightMm / crop.height);
  const widthMm = crop.width * mmPerPx;
  const heightMm = crop.height * mmPerPx;
  const maxWidthPx = Math.round(widthMm * PX_PER_MM);
  const png = await sharp(pixels, { raw: { ...size, channels: 4 } })
    .extract(crop)
    .resize({ width: Math.min(crop.width, maxWidthPx), kernel: 'lanczos3' })
    .png({ compressionLevel: 9, palette: false })
    .toBuffer();

  return { png, widthMm, heightMm, widthPt: mmToPt(widthMm), heightPt: mmToPt(heightMm) };
}
