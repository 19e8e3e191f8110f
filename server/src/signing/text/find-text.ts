import { readGeometry, toDisplayed } from '../page-geometry';
import type { PageGeometry } from '../page-geometry';
import { countPages, findPage } from '../page-tree';
import { openForReading } from '../open-for-reading';
import { PageTextReader, cornersOf } from './page-text';
import type { PlacedGlyph } from './page-text';

/** Where a keyword is shown, in the page's displayed coordinates (points from the top-left). */
export interface TextHit {
  /** 1-based page number. */
  page: number;
  /** Centre of the matched text. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FindTextOptions {
  /** User or owner password of an encrypted PDF. */
  password?: string;
}

/**
 * Finds every occurrence of a keyword in the text the pages paint, in page order and, within a
 * page, in the order the content stream paints it. Whitespace is ignored on both sides and text
 * is compared in Unicode NFKC, so "盖 章 处" in a document matches "盖章处", and CJK compatibility
 * characters (Kangxi radicals that some writers emit for common ideographs) match the ideograph.
 * Hits whose centre lies outside the displayed crop box are left out: no one sees them.
 */
export function findText(pdf: Buffer, keyword: string, options: FindTextOptions = {}): TextHit[] {
  const wanted = normalise(keyword);
  if (wanted === '') return [];
  const reader = openForReading(pdf, options.password);
  const texts = new PageTextReader(reader);
  const hits: TextHit[] = [];
  for (let number = 1, count = countPages(reader); number <= count; number++) {
    const page = findPage(reader, number);
    const geometry = readGeometry(reader, page, number);
    const found = matches(texts.glyphs(page), wanted).map((run) => hitOf(run, geometry, number));
    hits.push(...found.filter((hit) => isVisible(hit, geometry)));
  }

  return hits;
}

const normalised = new Map<string, string>();

function normalise(text: string): string {
  let result = normalised.get(text);
  if (result === undefined) {
    result = text.normalize('NFKC').replace(/\s+/gu, '');
    if (text.length <= 4 && normalised.size < 65536) normalised.set(text, result);
  }

  return result;
}

/** Runs of consecutive glyphs whose text spells the keyword, across operators and lines. */
function matches(glyphs: PlacedGlyph[], wanted: string): PlacedGlyph[][] {
  let text = '';
  const owners: number[] = [];
  glyphs.forEach((glyph, index) => {
    const piece = normalise(glyph.text);
    text += piece;
    for (let i = 0; i < piece.length; i++) owners.push(index);
  });
  const runs: PlacedGlyph[][] = [];
  for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + wanted.length)) {
    runs.push(glyphs.slice(owners[at], owners[at + wanted.length - 1] + 1));
  }

  return runs;
}

/** The displayed bounding box of the run's glyph boxes. */
function hitOf(run: PlacedGlyph[], geometry: PageGeometry, page: number): TextHit {
  const points = run.flatMap((glyph) =>
    cornersOf(glyph).map(([x, y]) => toDisplayed(geometry, x, y)),
  );
  const xs = points.map((point) => point[0]);
  const ys = points.map((point) => point[1]);
  const [left, right, top, bottom] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];

  return {
    page,
    x: round((left + right) / 2),
    y: round((top + bottom) / 2),
    width: round(right - left),
    height: round(bottom - top),
  };
}

function isVisible(hit: TextHit, geometry: PageGeometry): boolean {
  return (
    hit.x >= 0 &&
    hit.x <= geometry.displayedWidth &&
    hit.y >= 0 &&
    hit.y <= geometry.displayedHeight
  );
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
