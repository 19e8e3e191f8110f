import { advanceOf, outlinePlacements, type GlyphPlacement } from './glyph-placement';
import { layOutLine } from './line-text';
import type { SealDrawing } from './seal-drawing';
import type { SealImageSpec } from './seal-image.types';

/** A signature-sized strip: wide enough for a long name at legible size. */
const WIDTH_MM = 40;
const HEIGHT_MM = 15;
const TEXT_HEIGHT_MM = 11;
/** Leaves room for the slant and the wobble to lean past the line's ends. */
const MARGIN_MM = 3;
const WIDTH_SCALE = 0.9;

/** Blue-black, the ink of the pens documents are signed with in China. */
const PEN_INK = { colour: '#1b2a5c', opacity: 1 };

const SLANT_DEG = 10;

/**
 * Small fixed turns and drops per character (not random, so a name always draws the same image)
 * that break the printed regularity of the font and read as a written line.
 */
const WOBBLE = [
  { rotationDeg: -4, dropMm: 0.3 },
  { rotationDeg: 3, dropMm: -0.4 },
  { rotationDeg: -2, dropMm: 0.1 },
  { rotationDeg: 4, dropMm: -0.2 },
  { rotationDeg: -3, dropMm: 0.4 },
];

/** Draws the owner's name as a stand-in handwritten signature until a real one is uploaded. */
export function drawHandwriting(spec: SealImageSpec): SealDrawing {
  const text = spec.ownerName.trim();
  const maxWidthMm = WIDTH_MM - 2 * MARGIN_MM;
  const run = {
    text,
    centre: { x: WIDTH_MM / 2, y: HEIGHT_MM / 2 },
    heightMm: writingHeight(text, maxWidthMm),
    maxWidthMm,
  };
  const placements = layOutLine({ ...run, widthScale: WIDTH_SCALE }).map(handwrite);

  return {
    widthMm: WIDTH_MM,
    heightMm: HEIGHT_MM,
    ink: PEN_INK,
    shapes: [{ d: outlinePlacements(placements) }],
  };
}

/** People write a long name smaller rather than narrower, so the height gives way first. */
function writingHeight(text: string, maxWidthMm: number): number {
  const advance = advanceOf(Array.from(text));

  return advance === 0
    ? TEXT_HEIGHT_MM
    : Math.min(TEXT_HEIGHT_MM, maxWidthMm / (advance * WIDTH_SCALE));
}

function handwrite(placement: GlyphPlacement, index: number): GlyphPlacement {
  const wobble = WOBBLE[index % WOBBLE.length];
  const centre = { x: placement.centre.x, y: placement.centre.y + wobble.dropMm };

  return { ...placement, centre, rotationDeg: wobble.rotationDeg, skewDeg: SLANT_DEG };
}
