import { Path, type PathCommand } from 'opentype.js';
import { apply, chain, rotate, scale, skewX, translate, type Affine, type Point } from './affine';
import { glyphOutline } from './seal-font';

/** 0.01 mm is a quarter of a 600 dpi pixel and far finer than any printer places ink. */
const PATH_DECIMALS = 2;

/** Where and how one character is drawn. */
export interface GlyphPlacement {
  char: string;
  /** Centre of the character's em box, in mm. */
  centre: Point;
  /** Height of the em box in mm (the ink of an ideograph is about 94 % of it). */
  heightMm: number;
  /** Horizontal squeeze: seal text is often condensed so long names fit. */
  widthScale: number;
  /** Clockwise turn; 0 is upright. */
  rotationDeg: number;
  skewDeg?: number;
}

/** Width of a text run in em, summing advances. */
export function advanceOf(chars: readonly string[]): number {
  return chars.reduce((sum, char) => sum + glyphOutline(char).advance, 0);
}

/** SVG path data for the placed characters, in absolute mm so the path needs no transform. */
export function outlinePlacements(placements: readonly GlyphPlacement[]): string {
  return placements.map(outlinePlacement).join('');
}

function outlinePlacement(placement: GlyphPlacement): string {
  const { commands } = glyphOutline(placement.char);
  const matrix = placementMatrix(placement);
  const path = new Path();
  path.extend(commands.map((command) => transformCommand(command, matrix)));

  return path.toPathData(PATH_DECIMALS);
}

function placementMatrix(p: GlyphPlacement): Affine {
  return chain(
    scale(p.heightMm * p.widthScale, p.heightMm),
    skewX(p.skewDeg ?? 0),
    rotate(p.rotationDeg),
    translate(p.centre.x, p.centre.y),
  );
}

function transformCommand(command: PathCommand, matrix: Affine): PathCommand {
  switch (command.type) {
    case 'Z':
      return command;
    case 'M':
    case 'L':
      return { type: command.type, ...apply(matrix, command.x, command.y) };
    case 'Q': {
      const { x: x1, y: y1 } = apply(matrix, command.x1, command.y1);

      return { type: 'Q', x1, y1, ...apply(matrix, command.x, command.y) };
    }
    case 'C': {
      const { x: x1, y: y1 } = apply(matrix, command.x1, command.y1);
      const { x: x2, y: y2 } = apply(matrix, command.x2, command.y2);

      return { type: 'C', x1, y1, x2, y2, ...apply(matrix, command.x, command.y) };
    }
  }
}
