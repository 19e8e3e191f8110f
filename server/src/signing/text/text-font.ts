import { Font } from '@pdf-lib/standard-fonts';
import type { IFontNames } from '@pdf-lib/standard-fonts';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import type { PdfReader } from '../pdf-reader';
import { CMap, readCode } from './cmap';
import { cidWidths } from './cid-widths';
import { predefinedEncoding } from './predefined-cmap';
import type { CodeDecoder } from './predefined-cmap';
import { baseEncoding, unicodeOfGlyph } from './simple-encoding';
import type { GlyphNames } from './simple-encoding';
import { streamData } from './stream-data';

/** One glyph a show-text operator paints, with its metrics in thousandths of an em. */
export interface ShownGlyph {
  text: string;
  /** Horizontal advance (w0), or the glyph's width in vertical writing. */
  width: number;
  /** Vertical advance (w1, negative: downwards) in vertical writing. */
  verticalAdvance: number;
  /** A one-byte code 32, to which word spacing applies (ISO 32000-1 9.3.3). */
  isWordSpace: boolean;
}

/** What text extraction needs of a font: how to cut bytes into glyphs, and their extent. */
export interface TextFont {
  vertical: boolean;
  /** Top and bottom of the glyphs above the baseline, in thousandths of an em. */
  ascent: number;
  descent: number;
  decode(bytes: Uint8Array): ShownGlyph[];
}

const DEFAULT_EXTENT = { ascent: 800, descent: -200 };
const STANDARD_ALIASES: Record<string, IFontNames> = {
  Arial: 'Helvetica',
  TimesNewRoman: 'Times-Roman',
  CourierNew: 'Courier',
};
const STANDARD_NAMES = new Set<string>([
  'Courier',
  'Courier-Bold',
  'Courier-Oblique',
  'Courier-BoldOblique',
  'Helvetica',
  'Helvetica-Bold',
  'Helvetica-Oblique',
  'Helvetica-BoldOblique',
  'Times-Roman',
  'Times-Bold',
  'Times-Italic',
  'Times-BoldItalic',
  'Symbol',
  'ZapfDingbats',
]);

/** Reads a font dictionary into the decoder text search uses (ISO 32000-1 9.6, 9.7). */
export function loadTextFont(reader: PdfReader, dict: PDFDict): TextFont {
  const subtype = nameOf(reader.resolve(dict.get(PDFName.of('Subtype'))));
  const toUnicode = cmapOf(reader, dict.get(PDFName.of('ToUnicode')));

  return subtype === 'Type0'
    ? compositeFont(reader, dict, toUnicode)
    : simpleFont(reader, dict, subtype, toUnicode);
}

function simpleFont(
  reader: PdfReader,
  dict: PDFDict,
  subtype: string | undefined,
  toUnicode: CMap | undefined,
): TextFont {
  const fontName = (nameOf(reader.resolve(dict.get(PDFName.of('BaseFont')))) ?? '').replace(
    /^[A-Z]{6}\+/,
    '',
  );
  const standard = standardMetrics(fontName);
  const names = encodingOf(reader, dict, fontName);
  const widthOf = simpleWidths(reader, dict, subtype, standard, names);
  const glyphs = new Array<ShownGlyph | undefined>(256);
  const glyph = (code: number): ShownGlyph => {
    const text = toUnicode?.toUnicode(code, 1) ?? textOfName(names[code]) ?? latin1(code);
    return { text, width: widthOf(code), verticalAdvance: 0, isWordSpace: code === 32 };
  };

  return {
    vertical: false,
    ...extentOf(reader, dict, standard),
    decode: (bytes) => Array.from(bytes, (code) => (glyphs[code] ??= glyph(code))),
  };
}

function compositeFont(reader: PdfReader, dict: PDFDict, toUnicode: CMap | undefined): TextFont {
  const kids = reader.resolve(dict.get(PDFName.of('DescendantFonts')));
  const descendant = reader.resolve(kids instanceof PDFArray ? kids.get(0) : undefined);
  const cidFont = descendant instanceof PDFDict ? descendant : PDFDict.withContext(reader.context);
  const encoding = reader.resolve(dict.get(PDFName.of('Encoding')));
  const decoder: CodeDecoder =
    encoding instanceof PDFRawStream
      ? embeddedEncoding(CMap.parse(streamData(reader, encoding)))
      : predefinedEncoding(nameOf(encoding) ?? 'Identity-H');
  const metrics = cidWidths(reader, cidFont);
  const glyph = (code: number, bytes: number): ShownGlyph => {
    const cid = decoder.cid(code, bytes);
    const text = toUnicode?.toUnicode(code, bytes) ?? decoder.unicode(code, bytes) ?? '\ufffd';
    const { width, verticalAdvance } = metrics(cid);
    return { text, width, verticalAdvance, isWordSpace: bytes === 1 && code === 32 };
  };

  return {
    vertical: decoder.vertical,
    ...extentOf(reader, cidFont, undefined),
    decode: (bytes) => {
      const shown: ShownGlyph[] = [];
      for (let at = 0; at < bytes.length;) {
        const length = decoder.codeLength(bytes, at);
        shown.push(glyph(readCode(bytes, at, length), length));
        at += length;
      }
      return shown;
    },
  };
}

function embeddedEncoding(cmap: CMap): CodeDecoder {
  return {
    vertical: cmap.vertical,
    codeLength: (data, at) => cmap.codeLength(data, at),
    cid: (code, bytes) => cmap.toCid(code, bytes) ?? 0,
    unicode: () => undefined,
  };
}

/** A simple font's glyph names: its base encoding with /Differences applied (9.6.6.1). */
function encodingOf(reader: PdfReader, dict: PDFDict, fontName: string): GlyphNames {
  const encoding = reader.resolve(dict.get(PDFName.of('Encoding')));
  if (!(encoding instanceof PDFDict)) return baseEncoding(nameOf(encoding), fontName);
  const base = nameOf(reader.resolve(encoding.get(PDFName.of('BaseEncoding'))));
  const names = baseEncoding(base, fontName);
  const differences = reader.resolve(encoding.get(PDFName.of('Differences')));
  if (!(differences instanceof PDFArray)) return names;
  let code = 0;
  for (const item of differences.asArray()) {
    const value = reader.resolve(item);
    if (value instanceof PDFNumber) code = value.asNumber();
    else if (value instanceof PDFName && code < 256) names[code++] = value.decodeText();
  }

  return names;
}

type WidthOf = (code: number) => number;

/** /Widths from /FirstChar, else the standard font's metrics, else /MissingWidth (9.6.2.1). */
function simpleWidths(
  reader: PdfReader,
  dict: PDFDict,
  subtype: string | undefined,
  standard: Font | undefined,
  names: GlyphNames,
): WidthOf {
  const widths = reader.resolve(dict.get(PDFName.of('Widths')));
  const first = numberOf(reader.resolve(dict.get(PDFName.of('FirstChar')))) ?? 0;
  const descriptor = reader.resolve(dict.get(PDFName.of('FontDescriptor')));
  const missing =
    (descriptor instanceof PDFDict &&
      numberOf(reader.resolve(descriptor.get(PDFName.of('MissingWidth'))))) ||
    (standard ? 0 : 500);
  // Type 3 widths are in glyph space, which the font matrix maps to text space (9.6.5).
  const scale = subtype === 'Type3' ? type3Scale(reader, dict) : 1;
  const listed = widths instanceof PDFArray ? widths.asArray().map((w) => reader.resolve(w)) : [];

  return (code) => {
    const width = numberOf(listed[code - first]);
    if (width !== undefined) return width * scale;
    const name = names[code];

    return (name !== undefined && (standard?.getWidthOfGlyph(name) ?? undefined)) || missing;
  };
}

function type3Scale(reader: PdfReader, dict: PDFDict): number {
  const matrix = reader.resolve(dict.get(PDFName.of('FontMatrix')));
  const a = matrix instanceof PDFArray ? numberOf(reader.resolve(matrix.get(0))) : undefined;

  return (a ?? 0.001) * 1000;
}

/** The standard 14 fonts need no /Widths (9.6.2.2); common aliases map onto them. */
function standardMetrics(fontName: string): Font | undefined {
  const [family, style] = fontName.split(',');
  const alias = STANDARD_ALIASES[family];
  const name = alias ? standardStyle(alias, style) : fontName;

  return STANDARD_NAMES.has(name) ? Font.load(name as IFontNames) : undefined;
}

function standardStyle(base: IFontNames, style: string | undefined): string {
  if (!style) return base;
  if (base === 'Times-Roman') return `Times-${style === 'BoldItalic' ? 'BoldItalic' : style}`;
  const slant = base === 'Helvetica' || base === 'Courier' ? 'Oblique' : 'Italic';

  return `${base}-${style.replace('Italic', slant)}`;
}

/** Ascent and descent from the font descriptor, within sane bounds; writers get them wrong. */
function extentOf(reader: PdfReader, dict: PDFDict, standard: Font | undefined) {
  if (standard?.Ascender && standard.Descender)
    return { ascent: standard.Ascender, descent: standard.Descender };
  const descriptor = reader.resolve(dict.get(PDFName.of('FontDescriptor')));
  if (!(descriptor instanceof PDFDict)) return DEFAULT_EXTENT;
  const ascent = numberOf(reader.resolve(descriptor.get(PDFName.of('Ascent'))));
  const descent = numberOf(reader.resolve(descriptor.get(PDFName.of('Descent'))));
  if (!ascent || ascent <= 0 || ascent > 2000 || descent === undefined) return DEFAULT_EXTENT;

  return { ascent, descent: -Math.min(Math.abs(descent), 1000) };
}

function cmapOf(reader: PdfReader, value: PDFObject | undefined): CMap | undefined {
  const stream = reader.resolve(value);

  return stream instanceof PDFRawStream ? CMap.parse(streamData(reader, stream)) : undefined;
}

function textOfName(name: string | undefined): string | undefined {
  return name === undefined ? undefined : unicodeOfGlyph(name);
}

function latin1(code: number): string {
  return code < 32 ? '\ufffd' : String.fromCharCode(code);
}

export function nameOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFName ? value.decodeText() : undefined;
}

export function numberOf(value: PDFObject | undefined): number | undefined {
  return value instanceof PDFNumber ? value.asNumber() : undefined;
}
