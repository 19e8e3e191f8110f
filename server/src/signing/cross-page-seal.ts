import type { DisplayedPageSize } from './page-sizes';
import { pdfErrors } from './pdf-error';
import type { SealPlacement } from './sign-pdf';

/** A seal across the edges of several pages (骑缝章), in displayed points. */
export interface CrossPageRequest {
  /** 1-based page numbers, in the order their slices make up the seal. */
  pages: number[];
  edge: 'RIGHT' | 'LEFT';
  /** Centre of the seal, in points from the top of each displayed page. */
  verticalPosition: number;
  sealWidth: number;
  sealHeight: number;
  /** Every page's displayed size, as `pageGeometries` returns it. */
  pageGeometries: DisplayedPageSize[];
}

/**
 * One placement per page: page i of n shows the slice [i/n, (i+1)/n] of the seal flush with
 * the chosen edge of the displayed page, all at the same height, so that the pages fanned out
 * show the whole seal. The height is kept inside each page, whatever its size.
 */
export function crossPagePlacements(request: CrossPageRequest): SealPlacement[] {
  const { pages, edge, verticalPosition, sealWidth, sealHeight } = request;
  if (pages.length === 0) throw pdfErrors.noPlacement();
  const sliceWidth = sealWidth / pages.length;

  return pages.map((page, index) => {
    const size = sizeOf(request.pageGeometries, page);
    const x = edge === 'RIGHT' ? size.width - sliceWidth / 2 : sliceWidth / 2;
    const y = Math.min(Math.max(verticalPosition, sealHeight / 2), size.height - sealHeight / 2);
    const clip = { left: index / pages.length, right: (index + 1) / pages.length };

    return { page, x, y, width: sealWidth, clip };
  });
}

function sizeOf(sizes: DisplayedPageSize[], page: number): DisplayedPageSize {
  const size = sizes.find((candidate) => candidate.page === page);
  if (!size) throw pdfErrors.pageOutOfRange(page, sizes.length);

  return size;
}
