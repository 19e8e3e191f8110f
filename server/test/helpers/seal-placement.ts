import type { RgbaImage } from './page-render';

/** Where a seal should be seen: centre x, y in points from the top-left of the displayed page. */
export interface SealPlacement {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The red pixels that a render has and another lacked, summarised. */
export interface RedPixels {
  count: number;
  centroid: { x: number; y: number };
  box: { left: number; top: number; width: number; height: number };
}

const CENTRE_TOLERANCE_PT = 2;
const SIZE_TOLERANCE = 0.15;

/** Seal ink: strongly red, little green or blue, whatever the anti-aliasing. */
function isRed(image: RgbaImage, pixel: number): boolean {
  const [r, g, b] = image.data.subarray(pixel * 4, pixel * 4 + 3);

  return r > 150 && g < 110 && b < 110;
}

/** Red pixels of `after` that were not red in `before`; undefined when there are none. */
export function newRedPixels(before: RgbaImage, after: RgbaImage): RedPixels | undefined {
  let count = 0;
  let sumX = 0;
  let sumY = 0;
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < after.height; y++) {
    for (let x = 0; x < after.width; x++) {
      const pixel = y * after.width + x;
      if (
        !isRed(after, pixel) ||
        (x < before.width && y < before.height && isRed(before, y * before.width + x))
      ) {
        continue;
      }
      count++;
      sumX += x + 0.5;
      sumY += y + 0.5;
      [left, top, right, bottom] = [
        Math.min(left, x),
        Math.min(top, y),
        Math.max(right, x),
        Math.max(bottom, y),
      ];
    }
  }
  if (count === 0) return undefined;

  return {
    count,
    centroid: { x: sumX / count, y: sumY / count },
    box: { left, top, width: right - left + 1, height: bottom - top + 1 },
  };
}

/** CHECKS.md, seal placement: the new red ink is centred where asked and about as large. */
export function sealPlacementFailures(
  before: RgbaImage,
  after: RgbaImage,
  seal: SealPlacement,
  pixelsPerPoint = 1,
): string[] {
  if (before.width !== after.width || before.height !== after.height) {
    return [
      `page ${seal.page} rendered ${before.width}x${before.height} before signing, ${after.width}x${after.height} after`,
    ];
  }
  const found = newRedPixels(before, after);
  if (!found) return [`no new red pixels on page ${seal.page}: the seal is not visible`];
  const red = inPoints(found, pixelsPerPoint);
  const failures: string[] = [];
  // The centre of the ink's bounding box, not the ink's centroid: a seal's outline (ring, oval,
  // square) is symmetric, while its text is not, and would pull a centroid off-centre.
  const centre = { x: red.box.left + red.box.width / 2, y: red.box.top + red.box.height / 2 };
  const distance = Math.hypot(centre.x - seal.x, centre.y - seal.y);
  if (distance > CENTRE_TOLERANCE_PT) {
    failures.push(
      `seal centred at (${centre.x.toFixed(1)}, ${centre.y.toFixed(1)}), expected (${seal.x}, ${seal.y}): ${distance.toFixed(1)} pt off`,
    );
  }
  if (!near(red.box.width, seal.width) || !near(red.box.height, seal.height)) {
    failures.push(
      `seal ink spans ${red.box.width.toFixed(1)}x${red.box.height.toFixed(1)} pt, expected ${seal.width}x${seal.height} (±${SIZE_TOLERANCE * 100}%)`,
    );
  }

  return failures;
}

function inPoints(red: RedPixels, pixelsPerPoint: number): RedPixels {
  const pt = (pixels: number) => pixels / pixelsPerPoint;
  const { left, top, width, height } = red.box;

  return {
    count: red.count,
    centroid: { x: pt(red.centroid.x), y: pt(red.centroid.y) },
    box: { left: pt(left), top: pt(top), width: pt(width), height: pt(height) },
  };
}

function near(found: number, expected: number): boolean {
  return Math.abs(found - expected) <= expected * SIZE_TOLERANCE;
}
