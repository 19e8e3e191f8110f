import { squareFrame } from './frames';
import { outlinePlacements, type GlyphPlacement } from './glyph-placement';
import { layOutLine } from './line-text';
import { glyphOutline } from './seal-font';
import { SEAL_RED, type SealDrawing } from './seal-drawing';
import type { SealImageSpec } from './seal-image.types';

/** 私章: a 20 mm square with a red border and red characters (朱文). */
const SIZE_MM = 20;
const BORDER_MM = 1;
const CORNER_MM = 0.6;
const PADDING_MM = 0.8;
const GUTTER_MM = 0.5;
const INNER_MM = SIZE_MM - 2 * (BORDER_MM + PADDING_MM);
const INNER_START_MM = BORDER_MM + PADDING_MM;

/** Share of the em box an ideograph's ink covers; characters are sized so ink fills a cell. */
const INK_HEIGHT = 0.94;
const INK_WIDTH = 0.96;

const ONLY_HAN = /^\p{Script=Han}+$/u;

/** Draws a square name seal of `spec.ownerName`, the person the seal belongs to. */
export function drawNameSeal(spec: SealImageSpec): SealDrawing {
  const shapes = [
    squareFrame({ x: 0, y: 0 }, SIZE_MM, BORDER_MM, CORNER_MM),
    { d: outlinePlacements(nameSealPlacements(spec.ownerName)) },
  ];

  return { widthMm: SIZE_MM, heightMm: SIZE_MM, ink: SEAL_RED, shapes };
}

/** Where each character of a name seal goes: Chinese names in columns, others in lines. */
export function nameSealPlacements(ownerName: string): GlyphPlacement[] {
  const name = ownerName.trim();

  return ONLY_HAN.test(name) ? gridPlacements(Array.from(sealText(name))) : lineLayout(name);
}

/**
 * Name seals are balanced blocks of four: 张三 becomes 张三之印 and 李小明 becomes 李小明印.
 * Longer names are cut as they are.
 */
export function sealText(name: string): string {
  const length = Array.from(name).length;
  if (length <= 2) return `${name}之印`;
  if (length === 3) return `${name}印`;

  return name;
}

/**
 * Traditional order: columns from right to left, each read top to bottom. When the characters do
 * not divide evenly the right-hand columns hold fewer, each stretched taller, as 李 alone fills
 * the right column of 李之印.
 */
function gridPlacements(chars: readonly string[]): GlyphPlacement[] {
  const columnCounts = columnsFromRight(chars.length);
  const columnWidth = share(INNER_MM, columnCounts.length);

  return columnCounts.flatMap((count, column) => {
    const first = columnCounts.slice(0, column).reduce((sum, earlier) => sum + earlier, 0);
    const x = SIZE_MM - INNER_START_MM - column * (columnWidth + GUTTER_MM) - columnWidth / 2;

    return chars
      .slice(first, first + count)
      .map((char, row) => fillCell(char, x, row, count, columnWidth));
  });
}

function columnsFromRight(count: number): number[] {
  const rows = count <= 4 ? 2 : 3;
  const columns = Math.ceil(count / rows);
  const shortColumns = columns - (count % columns);
  const base = Math.floor(count / columns);

  return Array.from({ length: columns }, (_, i) => (i < shortColumns ? base : base + 1));
}

function fillCell(
  char: string,
  x: number,
  row: number,
  rows: number,
  width: number,
): GlyphPlacement {
  const height = share(INNER_MM, rows);
  const centre = { x, y: INNER_START_MM + row * (height + GUTTER_MM) + height / 2 };
  const heightMm = height / INK_HEIGHT;
  const widthScale = width / (glyphOutline(char).advance * heightMm * INK_WIDTH);

  return { char, centre, heightMm, widthScale, rotationDeg: 0 };
}

/** The length of each of `parts` equal parts of `total`, with gutters between them. */
function share(total: number, parts: number): number {
  return (total - GUTTER_MM * (parts - 1)) / parts;
}

/** Names in Latin letters or digits read in horizontal lines, one word per line (up to three). */
function lineLayout(name: string): GlyphPlacement[] {
  const words = name.split(/\s+/).filter((word) => word !== '');
  const lines = words.length <= 3 ? words : [words.join(' ')];
  const lineHeight = share(INNER_MM, lines.length);

  return lines.flatMap((text, i) => {
    const centre = {
      x: SIZE_MM / 2,
      y: INNER_START_MM + i * (lineHeight + GUTTER_MM) + lineHeight / 2,
    };
    const run = { text, centre, heightMm: lineHeight / INK_HEIGHT, maxWidthMm: INNER_MM };

    return layOutLine({ ...run, widthScale: 1 });
  });
}
