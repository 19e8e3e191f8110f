/** Where the cross-reference says an object lives (ISO 32000-1 7.5.4 and 7.5.8.3). */
export type XrefEntry =
  | { type: 'free' }
  | { type: 'inFile'; offset: number; generation: number }
  | { type: 'compressed'; streamNumber: number; index: number };

/**
 * One cross-reference section. Entries are looked up on demand rather than collected into a
 * map, so a file with a hundred thousand objects costs nothing for the objects nobody asks for.
 */
export interface XrefSection {
  lookup(objectNumber: number): XrefEntry | undefined;
  /** One past the highest object number the section covers. */
  readonly end: number;
}

/** A run of consecutive object numbers in a section (ISO 32000-1 7.5.4 subsections, /Index). */
export interface Subsection {
  first: number;
  count: number;
}

/** Finds the subsection holding an object number and the entry's index within the section. */
export function locate(subsections: Subsection[], objectNumber: number): number | undefined {
  let before = 0;
  for (const { first, count } of subsections) {
    if (objectNumber >= first && objectNumber < first + count) return before + objectNumber - first;
    before += count;
  }

  return undefined;
}

export function endOf(subsections: Subsection[]): number {
  return subsections.reduce((end, { first, count }) => Math.max(end, first + count), 0);
}
