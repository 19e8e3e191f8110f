import { PDFArray, PDFNumber } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import type { PageNode } from './page-tree';
import { pdfErrors } from './pdf-error';
import type { PdfReader } from './pdf-reader';

/** A rectangle as [llx, lly, urx, ury] in default user space, normalised. */
export type Box = [number, number, number, number];
export type Rotation = 0 | 90 | 180 | 270;
export type Matrix = [number, number, number, number, number, number];

/** What a reader displays of a page: the crop box turned clockwise by /Rotate. */
export interface PageGeometry {
  cropBox: Box;
  rotate: Rotation;
  displayedWidth: number;
  displayedHeight: number;
}

/** The seal's annotation rectangle and the appearance matrix that keeps it upright. */
export interface SealBox {
  rect: Box;
  /** Size of the appearance as displayed, which is its /BBox. */
  width: number;
  height: number;
  matrix: Matrix;
}

/** The request in displayed coordinates: centre from the top-left corner, and a width. */
export interface DisplayedSeal {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Reads the page's effective boxes and rotation, inherited values included. */
export function readGeometry(reader: PdfReader, page: PageNode, pageNumber: number): PageGeometry {
  const mediaBox = readBox(reader, page.attribute('MediaBox'));
  if (!mediaBox) throw pdfErrors.noMediaBox(pageNumber);
  const cropBox = intersect(readBox(reader, page.attribute('CropBox')) ?? mediaBox, mediaBox);
  const rotate = normaliseRotation(reader.resolve(page.attribute('Rotate')));
  const [width, height] = [cropBox[2] - cropBox[0], cropBox[3] - cropBox[1]];
  const quarterTurn = rotate === 90 || rotate === 270;

  return {
    cropBox,
    rotate,
    displayedWidth: quarterTurn ? height : width,
    displayedHeight: quarterTurn ? width : height,
  };
}

/**
 * Places the seal so that it shows upright, centred at the requested displayed point. A seal
 * that would overhang the page is pulled back inside it, because ISO 32000-1 12.5.2 gives no
 * meaning to an annotation outside the crop box and viewers clip it.
 */
export function placeSeal(geometry: PageGeometry, seal: DisplayedSeal): SealBox {
  const { displayedWidth: pageWidth, displayedHeight: pageHeight } = geometry;
  if (seal.width > pageWidth || seal.height > pageHeight) {
    throw pdfErrors.sealTooLarge(seal.width, seal.height, pageWidth, pageHeight);
  }
  if (!(seal.x >= 0 && seal.x <= pageWidth && seal.y >= 0 && seal.y <= pageHeight)) {
    throw pdfErrors.sealOffPage(seal.x, seal.y, pageWidth, pageHeight);
  }
  const x = clamp(seal.x, seal.width / 2, pageWidth - seal.width / 2);
  const y = clamp(seal.y, seal.height / 2, pageHeight - seal.height / 2);
  const [cx, cy] = toUserSpace(geometry, x, y);
  const quarterTurn = geometry.rotate === 90 || geometry.rotate === 270;
  const [w, h] = quarterTurn ? [seal.height, seal.width] : [seal.width, seal.height];
  const rect: Box = [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];

  return {
    rect: rect.map(round) as Box,
    width: seal.width,
    height: seal.height,
    matrix: upright(geometry.rotate),
  };
}

/**
 * Maps a displayed point (from the top-left, y down) to default user space. Viewers turn the
 * crop box clockwise by /Rotate (ISO 32000-1 7.7.3.3), so the inverse turn is applied here.
 */
function toUserSpace(geometry: PageGeometry, x: number, y: number): [number, number] {
  const [llx, lly, urx, ury] = geometry.cropBox;
  switch (geometry.rotate) {
    case 90:
      return [llx + y, lly + x];
    case 180:
      return [urx - x, lly + y];
    case 270:
      return [urx - y, ury - x];
    default:
      return [llx + x, ury - y];
  }
}

/** Maps a point of default user space to the displayed page: the inverse of `toUserSpace`. */
export function toDisplayed(geometry: PageGeometry, x: number, y: number): [number, number] {
  const [llx, lly, urx, ury] = geometry.cropBox;
  switch (geometry.rotate) {
    case 90:
      return [y - lly, x - llx];
    case 180:
      return [urx - x, y - lly];
    case 270:
      return [ury - y, urx - x];
    default:
      return [x - llx, ury - y];
  }
}

/**
 * Turns the appearance counter-clockwise by the page rotation, so that after the viewer turns the
 * page clockwise the seal reads upright. The form's transformed /BBox is then fitted to /Rect
 * (ISO 32000-1 12.5.5), so no translation is needed here.
 */
export function upright(rotate: Rotation): Matrix {
  const radians = (rotate * Math.PI) / 180;
  const [cos, sin] = [Math.round(Math.cos(radians)), Math.round(Math.sin(radians))];

  return [cos, sin, -sin, cos, 0, 0];
}

/** /Rotate must be a multiple of 90; -90, 540 or 990 are seen in the wild and normalised. */
function normaliseRotation(value: PDFObject | undefined): Rotation {
  const degrees = value instanceof PDFNumber ? Math.round(value.asNumber() / 90) * 90 : 0;

  return (((degrees % 360) + 360) % 360) as Rotation;
}

function readBox(reader: PdfReader, value: PDFObject | undefined): Box | undefined {
  const array = reader.resolve(value);
  if (!(array instanceof PDFArray) || array.size() !== 4) return undefined;
  const numbers = array.asArray().map((item) => reader.resolve(item));
  if (!numbers.every((n): n is PDFNumber => n instanceof PDFNumber)) return undefined;
  const [a, b, c, d] = numbers.map((n) => n.asNumber());

  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

/** The crop box is clipped to the media box (ISO 32000-1 14.11.2). */
function intersect(box: Box, bounds: Box): Box {
  const clipped: Box = [
    Math.max(box[0], bounds[0]),
    Math.max(box[1], bounds[1]),
    Math.min(box[2], bounds[2]),
    Math.min(box[3], bounds[3]),
  ];

  return clipped[0] < clipped[2] && clipped[1] < clipped[3] ? clipped : bounds;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
