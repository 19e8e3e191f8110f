import { readFileSync } from 'node:fs';
import { parse, type Font, type PathCommand } from 'opentype.js';
import { MissingGlyphError } from './missing-glyph.error';

/** Noto Serif SC Bold (OFL): a Song face, the style seal engravers cut for printed seals. */
const FONT_MODULE_PATH = '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf';

/** A glyph in em units, centred on its em box (x across the advance, y on the box's middle). */
export interface GlyphOutline {
  /** Advance width in em: 1 for ideographs, about 0.6 for Latin letters and digits. */
  advance: number;
  /** Outline with y pointing down, as in SVG. */
  commands: PathCommand[];
}

/** The OS/2 table's ideographic em box, in font units. */
interface TypoMetrics {
  sTypoAscender: number;
  sTypoDescender: number;
}

let font: Font | undefined;
const outlines = new Map<string, GlyphOutline>();

/**
 * The outline for one character (a code point, so pass `Array.from(text)` items).
 *
 * Throws MissingGlyphError rather than drawing the font's empty box: a seal with a tofu character
 * would look genuine and be wrong.
 */
export function glyphOutline(char: string): GlyphOutline {
  let outline = outlines.get(char);
  if (!outline) {
    outline = loadOutline(char);
    outlines.set(char, outline);
  }

  return outline;
}

function loadOutline(char: string): GlyphOutline {
  const sealFont = loadedFont();
  const index = sealFont.charToGlyphIndex(char);
  if (index === 0) throw new MissingGlyphError(char);

  const glyph = sealFont.glyphs.get(index);
  const advance = (glyph.advanceWidth ?? sealFont.unitsPerEm) / sealFont.unitsPerEm;
  const path = glyph.getPath(-advance / 2, emBoxMiddle(sealFont), 1);

  return { advance, commands: path.commands };
}

/**
 * Centring on the ideographic em box (typo ascender to descender) rather than on each glyph's ink
 * keeps a mixed run on one line: a comma or a lower-case letter sits where the font puts it
 * instead of floating up to the middle of the line.
 */
function emBoxMiddle(sealFont: Font): number {
  const os2 = sealFont.tables.os2 as unknown as TypoMetrics;

  return (os2.sTypoAscender + os2.sTypoDescender) / 2 / sealFont.unitsPerEm;
}

// The font is 15 MB; parsing it lazily (lowMemory) takes ~100 ms instead of ~400 ms, and it
// happens on the first seal drawn rather than at every start-up.
function loadedFont(): Font {
  font ??= parseFont();

  return font;
}

function parseFont(): Font {
  const bytes = readFileSync(require.resolve(FONT_MODULE_PATH));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

  return parse(buffer, { lowMemory: true });
}
