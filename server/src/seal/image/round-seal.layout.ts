import { advanceOf, outlinePlacements } from './glyph-placement';
import { layOutArc } from './arc-text';
import { EllipseTrack } from './ellipse-track';
import { ellipseRing } from './frames';
import { layOutLine } from './line-text';
import { SEAL_RED, type SealDrawing, type Shape } from './seal-drawing';
import type { SealImageSpec } from './seal-image.types';
import { starPath } from './star';

/** Sizes of a round company seal, all in mm. */
export interface RoundSealStyle {
  diameterMm: number;
  ringMm: number;
  /** Across the star's points. */
  starMm: number;
  ownerHeightMm: number;
  nameHeightMm: number;
  /** How far below the centre the seal name's middle sits. */
  nameDropMm: number;
  codeHeightMm: number;
}

/** 公章: 42 mm, 1.2 mm border, 14 mm star, as the public-security seal rules (GA 241) set out. */
export const OFFICIAL_SEAL: RoundSealStyle = {
  diameterMm: 42,
  ringMm: 1.2,
  starMm: 14,
  ownerHeightMm: 6.6,
  nameHeightMm: 4.6,
  nameDropMm: 10.3,
  codeHeightMm: 2.4,
};

/** 专用章 (contract, finance, legal representative): 40 mm with a 1 mm border. */
export const SPECIAL_PURPOSE_SEAL: RoundSealStyle = {
  diameterMm: 40,
  ringMm: 1,
  starMm: 13,
  ownerHeightMm: 6.3,
  nameHeightMm: 4.4,
  nameDropMm: 9.8,
  codeHeightMm: 2.3,
};

/** Space between the border and the text running inside it. */
const TEXT_CLEARANCE_MM = 0.8;

/** Seal names are cut a little narrower than square, as in most printed seals. */
const NAME_WIDTH_SCALE = 0.85;

/** Code digits: condensed and spaced out so 13 of them span the bottom like a caption. */
const CODE_WIDTH_SCALE = 0.8;
const CODE_TRACKING = 1.4;

/** Draws a round seal: border, star, organisation over the top, seal name and code below. */
export function drawRoundSeal(spec: SealImageSpec, style: RoundSealStyle): SealDrawing {
  const radius = style.diameterMm / 2;
  const centre = { x: radius, y: radius };
  const shapes: Shape[] = [
    ellipseRing(centre, radius, radius, style.ringMm),
    { d: starPath(centre, style.starMm / 2) },
    { d: ownerArc(spec.ownerName, style) },
    { d: nameLine(spec.name, style) },
    { d: codeArc(spec.code ?? '', style) },
  ];

  return { widthMm: style.diameterMm, heightMm: style.diameterMm, ink: SEAL_RED, shapes };
}

/**
 * The organisation reads clockwise from lower left to lower right. Longer names take a wider arc,
 * up to 240°, so a short name is not stretched into scattered characters.
 */
function ownerArc(ownerName: string, style: RoundSealStyle): string {
  const count = Array.from(ownerName).length;
  const heightMm = style.ownerHeightMm * ownerHeightShare(count);
  const track = trackInsideRing(style, heightMm);
  const spanDeg = ownerSpanDeg(count);
  const lengthMm = track.lengthBetween(-spanDeg / 2, spanDeg / 2);
  const run = { text: ownerName, track, heightMm, lengthMm };

  return outlinePlacements(
    layOutArc({ ...run, centreDeg: 0, facing: 'outward', maxWidthScale: 1 }),
  );
}

/**
 * Past 16 characters, squeezing alone would leave slivers, so the characters also get shorter
 * (down to 70 %): a shorter character sits further out, where the arc is longer.
 */
function ownerHeightShare(characterCount: number): number {
  return Math.min(1, Math.max(Math.sqrt(16 / characterCount), 0.7));
}

/** 180° for four characters or fewer, opening by 7° a character to 240° at thirteen. */
function ownerSpanDeg(characterCount: number): number {
  return Math.min(Math.max(150 + 7 * characterCount, 180), 240);
}

function nameLine(name: string, style: RoundSealStyle): string {
  const radius = style.diameterMm / 2;
  const centre = { x: radius, y: radius + style.nameDropMm };
  // Keeps a long seal name clear of the organisation's last characters on either side.
  const maxWidthMm = style.diameterMm * 0.55;
  const run = { text: name, centre, heightMm: style.nameHeightMm, maxWidthMm };

  return outlinePlacements(layOutLine({ ...run, widthScale: NAME_WIDTH_SCALE }));
}

/** The code reads left to right along the bottom, tops towards the star. */
function codeArc(code: string, style: RoundSealStyle): string {
  const track = trackInsideRing(style, style.codeHeightMm);
  const chars = Array.from(code);
  const lengthMm = advanceOf(chars) * style.codeHeightMm * CODE_WIDTH_SCALE * CODE_TRACKING;
  const run = { text: code, track, heightMm: style.codeHeightMm, lengthMm };

  return outlinePlacements(
    layOutArc({ ...run, centreDeg: 180, facing: 'inward', maxWidthScale: CODE_WIDTH_SCALE }),
  );
}

function trackInsideRing(style: RoundSealStyle, textHeightMm: number): EllipseTrack {
  const radius = style.diameterMm / 2;
  const trackRadius = radius - style.ringMm - TEXT_CLEARANCE_MM - textHeightMm / 2;

  return new EllipseTrack({ x: radius, y: radius }, trackRadius, trackRadius);
}
