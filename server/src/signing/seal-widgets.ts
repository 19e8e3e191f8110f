import type { PDFRef } from 'pdf-lib';

import { addImage, addWidgetAppearance } from './appearance';
import type { AppearanceImages } from './appearance';
import type { IncrementalUpdate } from './incremental-writer';
import { placeSeal, readGeometry } from './page-geometry';
import type { SealBox } from './page-geometry';
import { findPage } from './page-tree';
import type { PageNode } from './page-tree';
import { pdfErrors } from './pdf-error';
import type { PdfReader } from './pdf-reader';
import { layoutSeal } from './seal-layout';
import type { SealClip } from './seal-layout';

/** An image and its natural size in PDF points. */
export interface SizedPng {
  /** RGBA PNG with a transparent background. */
  png: Buffer;
  width: number;
  height: number;
}

/** Where one widget of the seal goes, in the page's displayed coordinates. */
export interface WidgetPlacement {
  page: number;
  x: number;
  y: number;
  width?: number;
  clip?: SealClip;
}

/** What the widgets of one signature are drawn from. */
export interface SealWidgetsInput {
  appearance: SizedPng;
  placement?: WidgetPlacement;
  placements?: WidgetPlacement[];
  caption?: SizedPng;
}

/** A widget ready for the signature field: its page, rectangle and appearance. */
export interface SealWidget {
  pageNumber: number;
  page: PageNode;
  box: SealBox;
  appearanceRef: PDFRef;
}

/**
 * Lays out and draws every widget of one signature. The seal and caption images are added once
 * and shared by all the appearances, so a seal across twenty pages costs one image.
 */
export function addSealWidgets(
  update: IncrementalUpdate,
  reader: PdfReader,
  input: SealWidgetsInput,
): SealWidget[] {
  const placements = placementsOf(input);
  const images: AppearanceImages = { seal: addImage(update, reader.context, input.appearance.png) };
  if (input.caption && placements.some((placement) => !placement.clip)) {
    images.caption = addImage(update, reader.context, input.caption.png);
  }

  return placements.map((placement) => addWidget(update, reader, input, placement, images));
}

function placementsOf(input: SealWidgetsInput): WidgetPlacement[] {
  if (input.placement && input.placements) throw pdfErrors.twoPlacementKinds();
  const placements = input.placements ?? (input.placement ? [input.placement] : []);
  if (placements.length === 0) throw pdfErrors.noPlacement();

  return placements;
}

function addWidget(
  update: IncrementalUpdate,
  reader: PdfReader,
  input: SealWidgetsInput,
  placement: WidgetPlacement,
  images: AppearanceImages,
): SealWidget {
  const { appearance, caption } = input;
  const page = findPage(reader, placement.page);
  const sealWidth = placement.width ?? appearance.width;
  const scale = sealWidth / appearance.width;
  const layout = layoutSeal({
    x: placement.x,
    y: placement.y,
    sealWidth,
    sealHeight: appearance.height * scale,
    clip: placement.clip,
    caption: caption && { width: caption.width, height: caption.height, scale },
  });
  const box = placeSeal(readGeometry(reader, page, placement.page), layout.displayed);
  const spots = { seal: layout.seal, caption: layout.caption };
  const appearanceRef = addWidgetAppearance(update, reader.context, box, images, spots);

  return { pageNumber: placement.page, page, box, appearanceRef };
}
