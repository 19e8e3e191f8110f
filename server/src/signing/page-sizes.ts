import { openForReading } from './open-for-reading';
import { readGeometry } from './page-geometry';
import { countPages, findPage } from './page-tree';

/** A page's size as a reader displays it: the crop box turned by /Rotate, in points. */
export interface DisplayedPageSize {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
}

/** The displayed size of every page, in page order, for placements that depend on it. */
export function pageGeometries(
  pdf: Buffer,
  options: { password?: string } = {},
): DisplayedPageSize[] {
  const reader = openForReading(pdf, options.password);
  const sizes: DisplayedPageSize[] = [];
  for (let page = 1, count = countPages(reader); page <= count; page++) {
    const geometry = readGeometry(reader, findPage(reader, page), page);
    sizes.push({ page, width: geometry.displayedWidth, height: geometry.displayedHeight });
  }

  return sizes;
}
