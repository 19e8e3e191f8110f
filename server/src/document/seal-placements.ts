import { badInput } from '../common/errors';
import {
  crossPagePlacements,
  keywordPlacements,
  pageGeometries,
  type SealPlacement,
} from '../signing';
import type { CrossPageInput, PlacementInput, SignDocumentInput } from './sign-document.input';

/** Seal images one signature may show: enough for any contract, bounded for the server's sake. */
const MAX_SEAL_IMAGES = 100;

/** The seal's natural size in points. */
export interface SealSize {
  width: number;
  height: number;
}

/**
 * Turns the placement inputs of a signing request into the engine's placements: coordinates as
 * given, keywords looked up in the document, a cross-page seal cut into slices. All of them make
 * one signature. None at all is allowed only when signing into an existing field.
 */
export function resolvePlacements(
  pdf: Buffer,
  input: SignDocumentInput,
  seal: SealSize,
): SealPlacement[] {
  const password = input.password ?? undefined;
  const given = [...(input.placement ? [input.placement] : []), ...(input.placements ?? [])];
  if (given.length > MAX_SEAL_IMAGES) {
    throw badInput('placements', `expected at most ${MAX_SEAL_IMAGES}, got ${given.length}`);
  }
  const requested = given.flatMap((placement, index) =>
    resolveOne(pdf, placement, `placements[${index}]`, password),
  );
  const crossPage = input.crossPage ? slices(pdf, input.crossPage, seal, password) : [];
  const all = [...requested, ...crossPage];
  if (all.length === 0 && !input.fieldName) {
    throw badInput('placement', 'expected a placement, placements, crossPage or a fieldName');
  }
  if (all.length > MAX_SEAL_IMAGES) {
    throw badInput(
      'placements',
      `expected at most ${MAX_SEAL_IMAGES} seal images, got ${all.length}`,
    );
  }

  return all;
}

function resolveOne(
  pdf: Buffer,
  placement: PlacementInput,
  field: string,
  password: string | undefined,
): SealPlacement[] {
  const width = checkedWidth(placement.width, field);
  if (placement.keyword !== null && placement.keyword !== undefined) {
    if (placement.page != null || placement.x != null || placement.y != null) {
      throw badInput(field, 'expected either keyword or page, x and y, got both');
    }
    const keyword = placement.keyword.trim();
    if (keyword.length === 0 || keyword.length > 64) {
      throw badInput(`${field}.keyword`, `expected 1–64 characters, got ${keyword.length}`);
    }
    const offsetX = finite(placement.offsetX ?? 0, `${field}.offsetX`);
    const offsetY = finite(placement.offsetY ?? 0, `${field}.offsetY`);
    const occurrence = placement.occurrence ?? 'FIRST';

    return keywordPlacements(pdf, { keyword, occurrence, offsetX, offsetY, width }, { password });
  }
  if (placement.page == null || placement.x == null || placement.y == null) {
    throw badInput(field, 'expected page, x and y, or a keyword');
  }
  const x = finite(placement.x, `${field}.x`);
  const y = finite(placement.y, `${field}.y`);

  return [{ page: placement.page, x, y, width }];
}

function slices(
  pdf: Buffer,
  crossPage: CrossPageInput,
  seal: SealSize,
  password: string | undefined,
): SealPlacement[] {
  const geometries = pageGeometries(pdf, { password });
  const pages = crossPage.pages ?? geometries.map((page) => page.page);
  if (pages.length < 2 || pages.length > MAX_SEAL_IMAGES) {
    throw badInput('crossPage.pages', `expected 2–${MAX_SEAL_IMAGES} pages, got ${pages.length}`);
  }
  if (new Set(pages).size !== pages.length) {
    throw badInput('crossPage.pages', 'expected each page once: a slice per page');
  }
  const width = checkedWidth(crossPage.width, 'crossPage.width') ?? seal.width;
  const height = (width * seal.height) / seal.width;
  const first = geometries.find((page) => page.page === pages[0]);

  return crossPagePlacements({
    pages,
    edge: crossPage.edge,
    verticalPosition: crossPage.verticalPosition ?? (first ? first.height / 2 : height),
    sealWidth: width,
    sealHeight: height,
    pageGeometries: geometries,
  });
}

function checkedWidth(width: number | null | undefined, field: string): number | undefined {
  if (width === null || width === undefined) return undefined;
  if (!(width >= 10 && width <= 600)) throw badInput(field, `expected 10–600 points, got ${width}`);

  return width;
}

function finite(value: number, field: string): number {
  if (!Number.isFinite(value)) throw badInput(field, `expected a finite number, got ${value}`);

  return value;
}
