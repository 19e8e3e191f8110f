import { pdfErrors } from './pdf-error';
import type { SealPlacement } from './sign-pdf';
import { findText } from './text/find-text';
import type { TextHit } from './text/find-text';

export type KeywordOccurrence = 'FIRST' | 'LAST' | 'ALL';

/** A seal placed over a keyword: its centre at the keyword's centre, moved by the offsets. */
export interface KeywordPlacementRequest {
  keyword: string;
  occurrence: KeywordOccurrence;
  /** Displayed points to the right of the keyword's centre. */
  offsetX?: number;
  /** Displayed points below the keyword's centre. */
  offsetY?: number;
  /** The seal's displayed width; default its natural width. */
  width?: number;
}

/**
 * The placements for a seal over a keyword (关键字盖章), one per chosen occurrence, in page and
 * reading order. A keyword no page shows is KEYWORD_NOT_FOUND.
 */
export function keywordPlacements(
  pdf: Buffer,
  request: KeywordPlacementRequest,
  options: { password?: string } = {},
): SealPlacement[] {
  const hits = findText(pdf, request.keyword, options);
  if (hits.length === 0) throw pdfErrors.keywordNotFound(request.keyword);

  return chosen(hits, request.occurrence).map((hit) => ({
    page: hit.page,
    x: hit.x + (request.offsetX ?? 0),
    y: hit.y + (request.offsetY ?? 0),
    width: request.width,
  }));
}

function chosen(hits: TextHit[], occurrence: KeywordOccurrence): TextHit[] {
  if (occurrence === 'FIRST') return hits.slice(0, 1);
  if (occurrence === 'LAST') return hits.slice(-1);

  return hits;
}
