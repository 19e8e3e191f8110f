import { drawHandwriting } from './handwriting.layout';
import { drawInvoiceSeal } from './invoice-seal.layout';
import { drawNameSeal } from './name-seal.layout';
import { mmToPt, rasterise } from './rasterise';
import { OFFICIAL_SEAL, SPECIAL_PURPOSE_SEAL, drawRoundSeal } from './round-seal.layout';
import { toSvg, type SealDrawing } from './seal-drawing';
import type { SealImage, SealImageKind, SealImageSpec } from './seal-image.types';

export type { SealImage, SealImageKind, SealImageSpec, SealRaster } from './seal-image.types';
export { InvalidImageError, MAX_IMAGE_BYTES, prepareUploadedImage } from './uploaded-image';
export { MissingGlyphError } from './missing-glyph.error';
export { PNG_DPI } from './rasterise';
export { renderCaption, type CaptionImage } from './caption.layout';

const LAYOUTS: Record<SealImageKind, (spec: SealImageSpec) => SealDrawing> = {
  OFFICIAL: (spec) => drawRoundSeal(spec, OFFICIAL_SEAL),
  CONTRACT: (spec) => drawRoundSeal(spec, SPECIAL_PURPOSE_SEAL),
  FINANCE: (spec) => drawRoundSeal(spec, SPECIAL_PURPOSE_SEAL),
  // A 法定代表人章 is the representative's own square name seal, not a round company seal.
  LEGAL_REPRESENTATIVE: drawNameSeal,
  INVOICE: drawInvoiceSeal,
  PERSONAL: drawNameSeal,
  HANDWRITTEN: drawHandwriting,
};

/**
 * Draws a seal as national conventions shape it and returns it as SVG (text as outlines, so no
 * font is needed to show it) and as a transparent 600 dpi PNG.
 *
 * Throws MissingGlyphError when the seal font cannot draw a character of the spec.
 */
export function renderSealImage(spec: SealImageSpec): SealImage {
  const drawing = LAYOUTS[spec.type](spec);
  const svg = toSvg(drawing);
  const { widthMm, heightMm } = drawing;

  return {
    svg,
    png: rasterise(svg, widthMm),
    widthMm,
    heightMm,
    widthPt: mmToPt(widthMm),
    heightPt: mmToPt(heightMm),
  };
}
