import { PDFName, PDFRawStream } from 'pdf-lib';
import type { PDFContext, PDFRef } from 'pdf-lib';

import type { IncrementalUpdate } from './incremental-writer';
import type { SealBox } from './page-geometry';
import type { ImageSpot } from './seal-layout';
import { sealImage } from './seal-image';
import type { SealImage } from './seal-image';

/** The images an appearance paints: the seal, and optionally a caption under it. */
export interface AppearanceImages {
  seal: PDFRef;
  caption?: PDFRef;
}

/** Where the images go inside the appearance. */
export interface AppearanceSpots {
  seal: ImageSpot;
  caption?: ImageSpot;
}

/**
 * Adds a PNG as an image XObject. It keeps its transparency through a soft mask (ISO 32000-1
 * 11.6.5.3), so the page shows through around the seal. Every widget of a signature shares it.
 */
export function addImage(update: IncrementalUpdate, context: PDFContext, png: Buffer): PDFRef {
  const image = sealImage(png);

  return update.add(
    imageXObject(context, image, image.alpha && update.add(softMask(context, image))),
  );
}

/**
 * Adds a widget's normal appearance: a form XObject (8.10) over its /BBox that paints the images
 * at their spots. The /BBox clips what lies outside it, which is how a seal slice shows only
 * its part of the image.
 */
export function addWidgetAppearance(
  update: IncrementalUpdate,
  context: PDFContext,
  box: SealBox,
  images: AppearanceImages,
  spots: AppearanceSpots,
): PDFRef {
  // The /BBox clips already (8.10.1); the explicit clip makes a seal slice exact in every viewer.
  const clip = `0 0 ${num(box.width)} ${num(box.height)} re W n`;
  const paint = [clip, drawImage('Seal', spots.seal)];
  const xobjects: Record<string, PDFRef> = { Seal: images.seal };
  if (images.caption && spots.caption) {
    paint.push(drawImage('Caption', spots.caption));
    xobjects.Caption = images.caption;
  }
  const dict = context.obj({
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, box.width, box.height],
    Matrix: box.matrix,
    Resources: { XObject: xobjects },
  });

  return update.add(PDFRawStream.of(dict, Buffer.from(paint.join('\n'), 'latin1')));
}

/** Adds the seal's appearance filling the whole box, for a single whole seal. */
export function addSealAppearance(
  update: IncrementalUpdate,
  context: PDFContext,
  png: Buffer,
  box: SealBox,
): PDFRef {
  const seal = addImage(update, context, png);

  return addWidgetAppearance(update, context, box, { seal }, { seal: fullBox(box) });
}

function fullBox(box: SealBox): ImageSpot {
  return { x: 0, y: 0, width: box.width, height: box.height };
}

/** An image XObject paints the unit square, so the matrix scales it to its spot (8.9.4). */
function drawImage(name: string, spot: ImageSpot): string {
  return `q ${num(spot.width)} 0 0 ${num(spot.height)} ${num(spot.x)} ${num(spot.y)} cm /${name} Do Q`;
}

function imageXObject(
  context: PDFContext,
  image: SealImage,
  mask: PDFRef | undefined,
): PDFRawStream {
  const dict = context.obj({
    Type: 'XObject',
    Subtype: 'Image',
    Width: image.width,
    Height: image.height,
    ColorSpace: 'DeviceRGB',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
  });
  if (mask) dict.set(PDFName.of('SMask'), mask);

  return PDFRawStream.of(dict, image.rgb);
}

function softMask(context: PDFContext, image: SealImage): PDFRawStream {
  const dict = context.obj({
    Type: 'XObject',
    Subtype: 'Image',
    Width: image.width,
    Height: image.height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
  });

  return PDFRawStream.of(dict, image.alpha!);
}

function num(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
