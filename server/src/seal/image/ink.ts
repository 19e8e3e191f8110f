/** A rectangle of pixels. */
export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * How far from white a pixel must be to count as ink, out of 255. Below PAPER it is paper (with
 * the grain, shadows and JPEG noise of a scan); from SOLID on it is full ink; between, the
 * anti-aliased edge of a stroke fades.
 */
const PAPER = 48;
const SOLID = 128;

/**
 * Makes the paper of a scan transparent in place (RGBA, 4 bytes a pixel), keeping the ink's own
 * colour. This is "colour to alpha" against white: a pixel is read as ink of some colour laid
 * over white with some opacity, and that ink colour is recovered, so a pale edge of a red stroke
 * becomes a translucent red rather than a pinkish grey that would show a halo on a tinted page.
 */
export function clearBackground(pixels: Buffer): void {
  for (let offset = 0; offset < pixels.length; offset += 4) {
    const distance = 255 - Math.min(pixels[offset], pixels[offset + 1], pixels[offset + 2]);
    const coverage = inkCoverage(distance);
    if (coverage === 0) {
      pixels.fill(0, offset, offset + 4);
      continue;
    }
    const opacity = distance / 255;
    for (let channel = offset; channel < offset + 3; channel++) {
      pixels[channel] = clampByte(255 - (255 - pixels[channel]) / opacity);
    }
    pixels[offset + 3] = Math.round(pixels[offset + 3] * coverage);
  }
}

/** The smallest box holding every visible pixel, or null when the image holds no ink. */
export function inkBounds(pixels: Buffer, width: number): PixelBox | null {
  let [left, top, right, bottom] = [Infinity, Infinity, -1, -1];
  for (let offset = 3; offset < pixels.length; offset += 4) {
    if (pixels[offset] === 0) continue;
    const index = (offset - 3) / 4;
    const [x, y] = [index % width, Math.floor(index / width)];
    left = Math.min(left, x);
    right = Math.max(right, x);
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
  }
  if (right < 0) return null;

  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

function inkCoverage(distanceFromWhite: number): number {
  if (distanceFromWhite <= PAPER) return 0;

  return Math.min(1, (distanceFromWhite - PAPER) / (SOLID - PAPER));
}

const clampByte = (value: number): number => Math.max(0, Math.min(255, Math.round(value)));
