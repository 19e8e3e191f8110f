import type { FileUpload } from 'graphql-upload-minimal';
import { badInput, handwritingNeedsImage, invalidImage } from '../common/errors';
import { readUpload } from '../document/read-upload';
import {
  InvalidImageError,
  MAX_IMAGE_BYTES,
  MissingGlyphError,
  prepareUploadedImage,
  renderSealImage,
  type SealImageSpec,
  type SealRaster,
} from './image';
import { SealImageSource } from './seal-image-source.enum';
import type { SealType } from './seal-type.enum';
import type { Seal } from './seal.entity';

/** An image given with an input: a multipart upload or base64 text, or neither. */
export interface ImageUploadInput {
  image?: Promise<FileUpload> | null;
  imageBase64?: string | null;
}

/** The image columns of a seal, drawn (with SVG) or uploaded (without). */
export type SealImageColumns = Pick<
  Seal,
  'imagePng' | 'imageSvg' | 'imageWidthPt' | 'imageHeightPt' | 'imageSource'
>;

export const hasImageUpload = (input: ImageUploadInput): boolean =>
  (input.image !== undefined && input.image !== null) || typeof input.imageBase64 === 'string';

/**
 * A new seal's image: the uploaded one when given, else drawn from the seal text. A handwritten
 * signature is the signer's own hand, so it is never drawn: it needs an upload.
 */
export async function newSealImage(
  input: ImageUploadInput,
  spec: SealImageSpec,
): Promise<SealImageColumns> {
  if (hasImageUpload(input)) return uploadedImage(input, spec.type as SealType);
  if (spec.type === 'HANDWRITTEN') throw handwritingNeedsImage();

  return drawImage(spec);
}

/** Draws the seal image; a character the font lacks is the caller's error, naming the field. */
export function drawImage(spec: SealImageSpec): SealImageColumns {
  try {
    const image = renderSealImage(spec);

    return { ...rasterColumns(image, SealImageSource.DRAWN), imageSvg: image.svg };
  } catch (error) {
    if (error instanceof MissingGlyphError) {
      throw badInput(spec.name.includes(error.character) ? 'name' : 'ownerName', error.message);
    }
    throw error;
  }
}

/** Reads the uploaded image and prepares it: paper cleared, cropped to the ink, sized. */
export async function uploadedImage(
  input: ImageUploadInput,
  type: SealType,
): Promise<SealImageColumns> {
  const { content } = await readUpload(
    { file: input.image, contentBase64: input.imageBase64 },
    {
      maxBytes: MAX_IMAGE_BYTES,
      fields: { file: 'image', base64: 'imageBase64' },
      tooLarge: (maxBytes) => invalidImage(`expected at most ${maxBytes} bytes`),
    },
  );
  try {
    const image = await prepareUploadedImage(content, type);

    return { ...rasterColumns(image, SealImageSource.UPLOADED), imageSvg: null };
  } catch (error) {
    if (error instanceof InvalidImageError) throw invalidImage(error.reason);
    throw error;
  }
}

function rasterColumns(image: SealRaster, imageSource: SealImageSource) {
  return {
    imagePng: image.png,
    imageWidthPt: image.widthPt,
    imageHeightPt: image.heightPt,
    imageSource,
  };
}
