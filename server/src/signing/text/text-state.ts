import type { Matrix } from '../page-geometry';
import type { TextFont } from './text-font';

export type Point = [number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** The graphics state that text positions depend on (ISO 32000-1 8.4, 9.3). */
export interface TextGraphicsState {
  ctm: Matrix;
  font?: TextFont;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  /** Horizontal scaling as a fraction (Tz 100 = 1). */
  scale: number;
  leading: number;
  rise: number;
}

export function initialState(ctm: Matrix): TextGraphicsState {
  return { ctm, fontSize: 0, charSpacing: 0, wordSpacing: 0, scale: 1, leading: 0, rise: 0 };
}

/** The product m × n in PDF's row-vector convention: apply m, then n. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

export function translate(x: number, y: number, m: Matrix): Matrix {
  return multiply([1, 0, 0, 1, x, y], m);
}

export function apply(m: Matrix, [x, y]: Point): Point {
  return [x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]];
}
