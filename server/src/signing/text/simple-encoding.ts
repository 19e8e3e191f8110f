import { Encodings } from '@pdf-lib/standard-fonts';
import type { EncodingType } from '@pdf-lib/standard-fonts';

/** Glyph names by code (0–255) for a simple font's encoding. */
export type GlyphNames = (string | undefined)[];

const LIGATURES: Record<string, string> = {
  ff: 'ff',
  fi: 'fi',
  fl: 'fl',
  ffi: 'ffi',
  ffl: 'ffl',
};

const unicodeByName = new Map<string, string>();
const tables = {
  WinAnsiEncoding: codeTable(Encodings.WinAnsi),
  Symbol: codeTable(Encodings.Symbol),
  ZapfDingbats: codeTable(Encodings.ZapfDingbats),
};

/**
 * The base encoding's glyph names (ISO 32000-1 Annex D). StandardEncoding and MacRomanEncoding
 * are taken as WinAnsiEncoding, which they equal for the printable ASCII codes that keywords
 * use (StandardEncoding's curly quotes aside); their upper halves differ and are not tabled.
 */
export function baseEncoding(name: string | undefined, fontName: string): GlyphNames {
  if (/Symbol/.test(fontName) && name === undefined) return tables.Symbol;
  if (/ZapfDingbats|Dingbats/.test(fontName) && name === undefined) return tables.ZapfDingbats;
  if (name === 'WinAnsiEncoding' || name === 'MacRomanEncoding') return [...tables.WinAnsiEncoding];
  const standard = tables.WinAnsiEncoding.map((glyph, code) => (code < 128 ? glyph : undefined));
  [standard[0x27], standard[0x60]] = ['quoteright', 'quoteleft'];

  return standard;
}

/** Unicode for a glyph name: the names in the standard encodings, uniXXXX, uXXXX, ligatures. */
export function unicodeOfGlyph(name: string): string | undefined {
  const base = name.split('.')[0];
  const known = unicodeByName.get(base) ?? LIGATURES[base];
  if (known !== undefined) return known;
  const uni = /^uni((?:[0-9A-F]{4})+)$/.exec(base);
  if (uni)
    return uni[1]
      .match(/.{4}/g)!
      .map((hex) => String.fromCharCode(parseInt(hex, 16)))
      .join('');
  const u = /^u([0-9A-F]{4,6})$/.exec(base);
  if (u) return String.fromCodePoint(parseInt(u[1], 16));
  if (base.includes('_')) {
    const parts = base.split('_').map(unicodeOfGlyph);
    if (parts.every((part) => part !== undefined)) return parts.join('');
  }

  return undefined;
}

function codeTable(encoding: EncodingType): GlyphNames {
  const names: GlyphNames = new Array<string | undefined>(256).fill(undefined);
  for (const codePoint of encoding.supportedCodePoints) {
    const { code, name } = encoding.encodeUnicodeCodePoint(codePoint);
    names[code] ??= name;
    if (!unicodeByName.has(name)) unicodeByName.set(name, String.fromCodePoint(codePoint));
  }

  return names;
}
