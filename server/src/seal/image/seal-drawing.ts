/** One filled outline; rings and frames need even-odd so their middle stays empty. */
export interface Shape {
  d: string;
  evenOdd?: boolean;
}

/** Seal ink: the red of 印泥, or the blue-black of a pen for handwritten signatures. */
export interface Ink {
  colour: string;
  /** Whole-image opacity, so overlapping shapes do not darken where they cross. */
  opacity: number;
}

/** A seal as vector shapes on a page of the seal's size, in millimetres. */
export interface SealDrawing {
  widthMm: number;
  heightMm: number;
  ink: Ink;
  shapes: Shape[];
}

export const SEAL_RED: Ink = { colour: '#e60012', opacity: 0.92 };

/** Formats a coordinate with 3 decimals (1 µm), dropping trailing zeros. */
export const mm = (value: number): string => String(Number(value.toFixed(3)));

/** A standalone SVG: no fonts, no external references, sized in millimetres. */
export function toSvg(drawing: SealDrawing): string {
  const { widthMm, heightMm, ink } = drawing;
  const paths = drawing.shapes
    .filter((shape) => shape.d !== '')
    .map(toPathElement)
    .join('');

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${mm(widthMm)}mm" height="${mm(heightMm)}mm" ` +
    `viewBox="0 0 ${mm(widthMm)} ${mm(heightMm)}">` +
    `<g fill="${ink.colour}" opacity="${ink.opacity}">${paths}</g></svg>`
  );
}

function toPathElement(shape: Shape): string {
  const rule = shape.evenOdd ? ' fill-rule="evenodd"' : '';

  return `<path d="${shape.d}"${rule}/>`;
}
