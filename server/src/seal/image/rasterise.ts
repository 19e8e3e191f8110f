import { Resvg } from '@resvg/resvg-js';

/** Print resolution: a 42 mm seal becomes 992 px, sharp when a PDF viewer zooms in. */
export const PNG_DPI = 600;

const MM_PER_INCH = 25.4;

/** Renders the SVG to an RGBA PNG; what is not ink stays fully transparent. */
export function rasterise(svg: string, widthMm: number): Buffer {
  const widthPx = Math.round((widthMm / MM_PER_INCH) * PNG_DPI);
  // System fonts are never needed (text is outlines) and scanning them costs more than drawing.
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: widthPx },
    font: { loadSystemFonts: false },
  });

  return resvg.render().asPng();
}

export const mmToPt = (valueMm: number): number => (valueMm / MM_PER_INCH) * 72;
