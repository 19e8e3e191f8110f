/** The kinds of seal the platform draws; each has its own shape and layout. */
export type SealImageKind =
  | 'OFFICIAL'
  | 'CONTRACT'
  | 'FINANCE'
  | 'INVOICE'
  | 'LEGAL_REPRESENTATIVE'
  | 'PERSONAL'
  | 'HANDWRITTEN';

/** What a seal image shows. */
export interface SealImageSpec {
  type: SealImageKind;
  /** The organisation on company seals; the person on PERSONAL, LEGAL_REPRESENTATIVE and HANDWRITTEN ones. */
  ownerName: string;
  /** The seal's own name, such as 合同专用章, written under the star (or under the code on INVOICE). */
  name: string;
  /** The 13-digit seal code on the lower arc of round seals; the taxpayer code on INVOICE. */
  code?: string;
}

/** A seal image as the signing engine places it: a transparent PNG and its natural size. */
export interface SealRaster {
  png: Buffer;
  widthMm: number;
  heightMm: number;
  widthPt: number;
  heightPt: number;
}

/** A rendered seal: a self-contained vector image (text as outlines) and its 600 dpi raster. */
export interface SealImage extends SealRaster {
  svg: string;
}
