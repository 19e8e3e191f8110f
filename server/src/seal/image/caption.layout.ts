import { outlinePlacements } from './glyph-placement';
import { layOutLine } from './line-text';
import { mmToPt, rasterise } from './rasterise';
import { toSvg, type SealDrawing } from './seal-drawing';

/** A caption drawn under a seal, as the engine places it: PNG and its size in points. */
export interface CaptionImage {
  png: Buffer;
  widthPt: number;
  heightPt: number;
}

const LINE_HEIGHT_MM = 3.2;
const LINE_PITCH_MM = 4.4;
const CAPTION_INK = { colour: '#1a1a1a', opacity: 1 };

/**
 * Draws caption lines (signer name, date) centred under each other in dark ink, as outlines, so
 * the PDF needs no font for them. As wide as the seal it goes under.
 */
export function renderCaption(lines: string[], widthMm: number): CaptionImage {
  const drawing = drawCaption(lines, widthMm);

  return {
    png: rasterise(toSvg(drawing), drawing.widthMm),
    widthPt: mmToPt(drawing.widthMm),
    heightPt: mmToPt(drawing.heightMm),
  };
}

function drawCaption(lines: string[], widthMm: number): SealDrawing {
  const heightMm = lines.length * LINE_PITCH_MM;
  const shapes = lines.map((text, index) => ({
    d: outlinePlacements(
      layOutLine({
        text,
        centre: { x: widthMm / 2, y: (index + 0.5) * LINE_PITCH_MM },
        heightMm: LINE_HEIGHT_MM,
        widthScale: 1,
        maxWidthMm: widthMm,
      }),
    ),
  }));

  return { widthMm, heightMm, ink: CAPTION_INK, shapes };
}
