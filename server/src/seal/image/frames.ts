import type { Point } from './affine';
import { mm, type Shape } from './seal-drawing';

/** The border of a round or oval seal: a band `widthMm` wide inside the given outer radii. */
export function ellipseRing(centre: Point, rx: number, ry: number, widthMm: number): Shape {
  const d = ellipsePath(centre, rx, ry) + ellipsePath(centre, rx - widthMm, ry - widthMm);

  return { d, evenOdd: true };
}

/** The border of a square seal, with the slightly rounded corners a carved stone leaves. */
export function squareFrame(
  topLeft: Point,
  sizeMm: number,
  widthMm: number,
  cornerMm: number,
): Shape {
  const inner = { x: topLeft.x + widthMm, y: topLeft.y + widthMm };
  const d =
    roundedSquarePath(topLeft, sizeMm, cornerMm) +
    roundedSquarePath(inner, sizeMm - 2 * widthMm, Math.max(cornerMm - widthMm, 0));

  return { d, evenOdd: true };
}

function ellipsePath({ x, y }: Point, rx: number, ry: number): string {
  const arc = `A${mm(rx)} ${mm(ry)} 0 1 1`;

  return `M${mm(x - rx)} ${mm(y)}${arc} ${mm(x + rx)} ${mm(y)}${arc} ${mm(x - rx)} ${mm(y)}Z`;
}

function roundedSquarePath({ x, y }: Point, size: number, r: number): string {
  const arc = `A${mm(r)} ${mm(r)} 0 0 1`;
  const far = size - r;

  return (
    `M${mm(x + r)} ${mm(y)}H${mm(x + far)}${arc} ${mm(x + size)} ${mm(y + r)}` +
    `V${mm(y + far)}${arc} ${mm(x + far)} ${mm(y + size)}` +
    `H${mm(x + r)}${arc} ${mm(x)} ${mm(y + far)}` +
    `V${mm(y + r)}${arc} ${mm(x + r)} ${mm(y)}Z`
  );
}
