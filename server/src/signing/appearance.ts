import { PDFName, PDFRawStream } from 'pdf-lib';
import type { PDFContext, PDFRef } from 'pdf-lib';

import type { IncrementalUpdate } from './incremental-writer';
import type { SealBox } from './page-geometry';
import { sealImage } from './seal-image';
import type { SealImage } from './seal-image';

/**
 * Adds the seal's normal appearance: a form XObject (ISO 32000-1 8.10) that paints the PNG over
 * its /BBox. The image keeps its transparency through a soft mask (11.6.5.3), so the page shows
 * through around the seal.
 */
export function addSealAppearance(
  update: IncrementalUpdate,
  context: PDFContext,
  png: Buffer,
  box: SealBox,
): PDFRef {
  const image = sealImage(png);
  const imageRef = update.add(
    imageXObject(context, image, image.alpha && update.add(softMask(context, image))),
  );
  const content = `q ${num(box.width)} 0 0 ${num(box.height)} 0 0 cm /Seal Do Q`;
  const dict = context.obj({
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, box.width, box.height],
    Matrix: box.matrix,
    Resources: { XObject: { Seal: imageRef } },
  });

  return update.add(PDFRawStream.of(dict, Buffer.from(content, 'latin1')));
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
