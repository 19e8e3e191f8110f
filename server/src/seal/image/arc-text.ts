import type { EllipseTrack } from './ellipse-track';
import { advanceOf, type GlyphPlacement } from './glyph-placement';
import { glyphOutline } from './seal-font';

/** A line of text bent along a track, with each character upright to the curve. */
export interface ArcRun {
  text: string;
  track: EllipseTrack;
  /** Em-box height in mm, measured across the track. */
  heightMm: number;
  /** Middle of the run, in degrees clockwise from 12 o'clock. */
  centreDeg: number;
  /** Arc length the run occupies along the track, from the first cell's edge to the last's. */
  lengthMm: number;
  /**
   * `outward`: tops face out and the run reads clockwise (the name over the top of a seal).
   * `inward`: tops face the centre and the run reads anticlockwise, i.e. left to right along the
   * bottom (the seal code).
   */
  facing: 'outward' | 'inward';
  /** Squeeze allowed at most; a short name is not stretched wider than the font draws it. */
  maxWidthScale: number;
}

/** The share of each character's slot its ink may take; the rest is the gap between neighbours. */
const INK_SHARE = 0.9;

/** Places each character at an equal arc-length share of the run, weighted by its advance. */
export function layOutArc(run: ArcRun): GlyphPlacement[] {
  const chars = Array.from(run.text);
  if (chars.length === 0) return [];

  const mmPerEm = run.lengthMm / advanceOf(chars);
  const direction = run.facing === 'outward' ? 1 : -1;
  const startDeg = run.track.angleAfter(run.centreDeg, (-direction * run.lengthMm) / 2);
  const widthScale = fittingWidthScale(run, chars, startDeg, mmPerEm, direction);
  let travelled = 0;

  return chars.map((char) => {
    const advance = glyphOutline(char).advance;
    const angleDeg = run.track.angleAfter(
      startDeg,
      direction * (travelled + advance / 2) * mmPerEm,
    );
    travelled += advance;

    return placeOnTrack(run, char, angleDeg, widthScale);
  });
}

function placeOnTrack(
  run: ArcRun,
  char: string,
  angleDeg: number,
  widthScale: number,
): GlyphPlacement {
  const outward = run.track.outwardRotationAt(angleDeg);

  return {
    char,
    centre: run.track.pointAt(angleDeg),
    heightMm: run.heightMm,
    widthScale,
    rotationDeg: run.facing === 'outward' ? outward : outward + 180,
  };
}

/**
 * Neighbouring characters on a curve are closest at their edge nearer the centre, where the arc
 * is shorter by (1 − κ·h/2). One squeeze for the whole run, chosen for the tightest spot, keeps
 * every character the same shape, as an engraver would cut them.
 */
function fittingWidthScale(
  run: ArcRun,
  chars: readonly string[],
  startDeg: number,
  mmPerEm: number,
  direction: number,
): number {
  const endDeg = run.track.angleAfter(startDeg, direction * run.lengthMm);
  const tightest = Math.max(
    ...sampleAngles(startDeg, endDeg, chars.length + 1).map((a) => run.track.curvatureAt(a)),
  );
  const innerMmPerEm = mmPerEm * (1 - (tightest * run.heightMm) / 2);

  return Math.min(run.maxWidthScale, (innerMmPerEm * INK_SHARE) / run.heightMm);
}

function sampleAngles(fromDeg: number, toDeg: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => fromDeg + ((toDeg - fromDeg) * i) / (count - 1));
}
