/** A point in millimetres, y growing downwards as in SVG. */
export interface Point {
  x: number;
  y: number;
}

/** An SVG-style affine matrix [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Affine = readonly [number, number, number, number, number, number];

export const radians = (degrees: number): number => (degrees * Math.PI) / 180;

export const degrees = (angle: number): number => (angle * 180) / Math.PI;

export const translate = (x: number, y: number): Affine => [1, 0, 0, 1, x, y];

export const scale = (sx: number, sy: number): Affine => [sx, 0, 0, sy, 0, 0];

/** Clockwise on screen, because y points down. */
export function rotate(angleDegrees: number): Affine {
  const cos = Math.cos(radians(angleDegrees));
  const sin = Math.sin(radians(angleDegrees));

  return [cos, sin, -sin, cos, 0, 0];
}

/** Leans tops to the right for positive angles, like italic type. */
export const skewX = (angleDegrees: number): Affine => [
  1,
  0,
  -Math.tan(radians(angleDegrees)),
  1,
  0,
  0,
];

/** Composes left to right in reading order: `chain(a, b)` applies `a` first, then `b`. */
export function chain(...steps: Affine[]): Affine {
  return steps.reduce((done, next) => multiply(next, done));
}

function multiply([a1, b1, c1, d1, e1, f1]: Affine, [a2, b2, c2, d2, e2, f2]: Affine): Affine {
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

export function apply([a, b, c, d, e, f]: Affine, x: number, y: number): Point {
  return { x: a * x + c * y + e, y: b * x + d * y + f };
}
