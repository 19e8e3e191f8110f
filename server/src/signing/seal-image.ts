import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PNG } from 'pdf-lib/cjs/utils/png';

/** A PNG decoded into the deflated colour and alpha planes that PDF image XObjects hold. */
export interface SealImage {
  width: number;
  height: number;
  rgb: Buffer;
  alpha?: Buffer;
}

const CACHE_LIMIT = 32;
const cache = new Map<string, SealImage>();

/**
 * Decodes and deflates a seal PNG. A platform signs with the same few seal images over and over,
 * and decoding dominates the cost of a signature, so results are kept by the PNG's hash.
 */
export function sealImage(png: Buffer): SealImage {
  const key = createHash('sha256').update(png).digest('hex');
  let image = cache.get(key);
  if (!image) {
    image = decode(png);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, image);
  }

  return image;
}

function decode(png: Buffer): SealImage {
  const decoded = PNG.load(png);

  return {
    width: decoded.width,
    height: decoded.height,
    rgb: deflateSync(decoded.rgbChannel),
    alpha: decoded.alphaChannel ? deflateSync(decoded.alphaChannel) : undefined,
  };
}
