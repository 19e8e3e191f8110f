import type { Point } from './affine';
import { advanceOf, type GlyphPlacement } from './glyph-placement';
import { glyphOutline } from './seal-font';

/** A straight, horizontal line of text centred on a point. */
export interface LineRun {
  text: string;
  centre: Point;
  heightMm: number;
  /** Preferred squeeze; lowered further when the text would overrun `maxWidthMm`. */
  widthScale: number;
  maxWidthMm: number;
  /** Extra space between characters, as a share of the em height. */
  letterSpacing?: number;
}

/** Places characters side by side, squeezing them (never shrinking their height) to fit. */
export function layOutLine(run: LineRun): GlyphPlacement[] {
  const chars = Array.from(run.text);
  if (chars.length === 0) return [];

  const spacingMm = (run.letterSpacing ?? 0) * run.heightMm;
  const widthScale = fittingWidthScale(run, chars, spacingMm);
  const pitchMm = run.heightMm * widthScale;
  const widthMm = advanceOf(chars) * pitchMm + spacingMm * (chars.length - 1);
  let x = run.centre.x - widthMm / 2;

  return chars.map((char) => {
    const advanceMm = glyphOutline(char).advance * pitchMm;
    const centre = { x: x + advanceMm / 2, y: run.centre.y };
    x += advanceMm + spacingMm;

    return { char, centre, heightMm: run.heightMm, widthScale, rotationDeg: 0 };
  });
}

function fittingWidthScale(run: LineRun, chars: readonly string[], spacingMm: number): number {
  const roomForGlyphsMm = run.maxWidthMm - spacingMm * (chars.length - 1);

  return Math.min(run.widthScale, roomForGlyphsMm / (advanceOf(chars) * run.heightMm));
}
