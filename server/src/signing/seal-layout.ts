import type { DisplayedSeal } from './page-geometry';
import { pdfErrors } from './pdf-error';

/** A vertical slice of the seal, as fractions of its width from its left edge. */
export interface SealClip {
  left: number;
  right: number;
}

/** An image in an appearance: lower-left corner and size, in the appearance's own points. */
export interface ImageSpot {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What one widget shows and where it sits on its page, before the page's rotation. */
export interface SealLayout {
  /** The widget's centre and size on the displayed page. */
  displayed: DisplayedSeal;
  seal: ImageSpot;
  caption?: ImageSpot;
}

/** What is asked of one widget, in displayed points. */
export interface LayoutRequest {
  /** Centre of the seal, or of its visible slice when clipped. */
  x: number;
  y: number;
  sealWidth: number;
  sealHeight: number;
  clip?: SealClip;
  /** The caption's natural size; it is scaled as the seal is. */
  caption?: { width: number; height: number; scale: number };
}

/**
 * Lays out one widget. A clipped seal shows only its slice: the widget is as wide as the slice
 * and the whole image is drawn shifted left, so the appearance's /BBox cuts it (ISO 32000-1
 * 8.10.1) and no image is cut. A caption goes centred under a whole seal, inside the same
 * widget, and the seal stays centred where it was asked; a slice carries no caption.
 */
export function layoutSeal(request: LayoutRequest): SealLayout {
  const { x, y, sealWidth, sealHeight, clip, caption } = request;
  if (clip) return clippedLayout(x, y, sealWidth, sealHeight, checkedClip(clip));
  if (!caption) {
    return {
      displayed: { x, y, width: sealWidth, height: sealHeight },
      seal: { x: 0, y: 0, width: sealWidth, height: sealHeight },
    };
  }
  const [captionWidth, captionHeight] = [
    caption.width * caption.scale,
    caption.height * caption.scale,
  ];
  const width = Math.max(sealWidth, captionWidth);
  const height = sealHeight + captionHeight;

  return {
    displayed: { x, y: y - sealHeight / 2 + height / 2, width, height },
    seal: { x: (width - sealWidth) / 2, y: captionHeight, width: sealWidth, height: sealHeight },
    caption: { x: (width - captionWidth) / 2, y: 0, width: captionWidth, height: captionHeight },
  };
}

function clippedLayout(
  x: number,
  y: number,
  sealWidth: number,
  sealHeight: number,
  clip: SealClip,
): SealLayout {
  const width = sealWidth * (clip.right - clip.left);

  return {
    displayed: { x, y, width, height: sealHeight },
    seal: { x: -clip.left * sealWidth, y: 0, width: sealWidth, height: sealHeight },
  };
}

function checkedClip(clip: SealClip): SealClip {
  const { left, right } = clip;
  const valid = Number.isFinite(left) && Number.isFinite(right) && left >= 0 && right <= 1;
  if (!valid || left >= right) throw pdfErrors.badClip(left, right);

  return clip;
}
