import { layOutArc } from './arc-text';
import { EllipseTrack } from './ellipse-track';
import { ellipseRing } from './frames';
import { outlinePlacements } from './glyph-placement';
import { layOutLine } from './line-text';
import { SEAL_RED, type SealDrawing } from './seal-drawing';
import type { SealImageSpec } from './seal-image.types';

/** 发票专用章: a 40 × 30 mm oval with a 1 mm border, as the tax authority prescribes. */
const WIDTH_MM = 40;
const HEIGHT_MM = 30;
const RING_MM = 1;
const TEXT_CLEARANCE_MM = 0.6;

const OWNER_HEIGHT_MM = 4.3;
/** The organisation runs over the top from just below 9 o'clock to just below 3 o'clock. */
const OWNER_SPAN_DEG = 210;

/** The taxpayer number goes straight across the middle, condensed like the printed ones. */
const CODE_HEIGHT_MM = 3.2;
const CODE_WIDTH_SCALE = 0.75;
const CODE_MAX_WIDTH_MM = 24;

const NAME_HEIGHT_MM = 4.4;
const NAME_DROP_MM = 8;
const NAME_WIDTH_SCALE = 0.8;
const NAME_MAX_WIDTH_MM = 20;

const CENTRE = { x: WIDTH_MM / 2, y: HEIGHT_MM / 2 };

/** Draws the invoice seal: organisation along the top, taxpayer number across, name below. */
export function drawInvoiceSeal(spec: SealImageSpec): SealDrawing {
  const shapes = [
    ellipseRing(CENTRE, WIDTH_MM / 2, HEIGHT_MM / 2, RING_MM),
    { d: ownerArc(spec.ownerName) },
    { d: taxpayerLine(spec.code ?? '') },
    { d: nameLine(spec.name) },
  ];

  return { widthMm: WIDTH_MM, heightMm: HEIGHT_MM, ink: SEAL_RED, shapes };
}

function ownerArc(ownerName: string): string {
  const inset = RING_MM + TEXT_CLEARANCE_MM + OWNER_HEIGHT_MM / 2;
  const track = new EllipseTrack(CENTRE, WIDTH_MM / 2 - inset, HEIGHT_MM / 2 - inset);
  const lengthMm = track.lengthBetween(-OWNER_SPAN_DEG / 2, OWNER_SPAN_DEG / 2);
  const run = { text: ownerName, track, heightMm: OWNER_HEIGHT_MM, lengthMm };

  return outlinePlacements(
    layOutArc({ ...run, centreDeg: 0, facing: 'outward', maxWidthScale: 1 }),
  );
}

function taxpayerLine(code: string): string {
  const run = {
    text: code,
    centre: CENTRE,
    heightMm: CODE_HEIGHT_MM,
    maxWidthMm: CODE_MAX_WIDTH_MM,
  };

  return outlinePlacements(
    layOutLine({ ...run, widthScale: CODE_WIDTH_SCALE, letterSpacing: 0.05 }),
  );
}

function nameLine(name: string): string {
  const centre = { x: CENTRE.x, y: CENTRE.y + NAME_DROP_MM };
  const run = { text: name, centre, heightMm: NAME_HEIGHT_MM, maxWidthMm: NAME_MAX_WIDTH_MM };

  return outlinePlacements(layOutLine({ ...run, widthScale: NAME_WIDTH_SCALE }));
}
