import { PDFArray, PDFDict, PDFName, PDFRawStream } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import type { Matrix } from '../page-geometry';
import type { PageNode } from '../page-tree';
import type { PdfReader } from '../pdf-reader';
import { ContentLexer, ContentName } from './content-lexer';
import type { Operand } from './content-lexer';
import { streamData } from './stream-data';
import { IDENTITY, apply, initialState, multiply, translate } from './text-state';
import type { Point, TextGraphicsState } from './text-state';
import { loadTextFont } from './text-font';
import type { ShownGlyph, TextFont } from './text-font';

/**
 * A glyph as painted: its text, and its box in glyph space (left, right, bottom, top, in ems)
 * with the text rendering matrix that maps it to the page's default user space. Corners are
 * worked out only for the glyphs a search matches.
 */
export interface PlacedGlyph {
  text: string;
  matrix: Matrix;
  box: [number, number, number, number];
}

/** The four corners of a glyph's box in default user space. */
export function cornersOf(glyph: PlacedGlyph): Point[] {
  const [left, right, bottom, top] = glyph.box;

  return [
    apply(glyph.matrix, [left, bottom]),
    apply(glyph.matrix, [right, bottom]),
    apply(glyph.matrix, [right, top]),
    apply(glyph.matrix, [left, top]),
  ];
}

/** Forms nest rarely more than a few deep; a deeper chain is a loop or a malicious file. */
const MAX_FORM_DEPTH = 12;

/**
 * Reads what text a page paints and where, following ISO 32000-1 9.4: the text and line
 * matrices, the text state and the CTM, through Form XObjects. Only what positions glyphs is
 * interpreted; paths, colours and images are passed over. Fonts and forms are cached across
 * pages, since documents reuse them.
 */
export class PageTextReader {
  private readonly fonts = new Map<PDFDict, TextFont>();
  private readonly forms = new Map<PDFRawStream, Uint8Array>();

  constructor(private readonly reader: PdfReader) {}

  glyphs(page: PageNode): PlacedGlyph[] {
    const out: PlacedGlyph[] = [];
    const resources = this.reader.resolve(page.attribute('Resources'));
    const content = this.pageContent(page.dict.get(PDFName.of('Contents')));
    this.run(content, asDict(resources), initialState(IDENTITY), out, new Set());

    return out;
  }

  /** Several content streams are one stream split at token boundaries (7.8.2). */
  private pageContent(value: PDFObject | undefined): Uint8Array {
    const resolved = this.reader.resolve(value);
    const streams = resolved instanceof PDFArray ? resolved.asArray() : [resolved];
    const parts = streams
      .map((item) => this.reader.resolve(item))
      .filter((item): item is PDFRawStream => item instanceof PDFRawStream)
      .map((stream) => streamData(this.reader, stream));

    return parts.length === 1 ? parts[0] : Buffer.concat(parts.flatMap((p) => [p, NEWLINE]));
  }

  private run(
    content: Uint8Array,
    resources: PDFDict | undefined,
    start: TextGraphicsState,
    out: PlacedGlyph[],
    forms: Set<PDFRawStream>,
  ): void {
    const run = new ContentRun(this, resources, start, out, forms);
    for (const { operator, operands } of new ContentLexer(content).operations()) {
      run.execute(operator, operands);
    }
  }

  font(resources: PDFDict | undefined, name: string): TextFont | undefined {
    const fonts = asDict(this.reader.resolve(resources?.get(PDFName.of('Font'))));
    const dict = asDict(this.reader.resolve(fonts?.get(PDFName.of(name))));
    if (!dict) return undefined;
    let font = this.fonts.get(dict);
    if (!font) {
      font = loadTextFont(this.reader, dict);
      this.fonts.set(dict, font);
    }

    return font;
  }

  /** Runs a Form XObject (8.10.1) in the current state: its /Matrix, then its own resources. */
  drawForm(
    resources: PDFDict | undefined,
    name: string,
    state: TextGraphicsState,
    out: PlacedGlyph[],
    forms: Set<PDFRawStream>,
  ): void {
    const xobjects = asDict(this.reader.resolve(resources?.get(PDFName.of('XObject'))));
    const form = this.reader.resolve(xobjects?.get(PDFName.of(name)));
    if (!(form instanceof PDFRawStream) || forms.has(form) || forms.size >= MAX_FORM_DEPTH) return;
    if (this.reader.resolve(form.dict.get(PDFName.of('Subtype')))?.toString() !== '/Form') return;
    const matrix = matrixOf(this.reader, form.dict.get(PDFName.of('Matrix')));
    const own = asDict(this.reader.resolve(form.dict.get(PDFName.of('Resources'))));
    const inner = { ...state, ctm: multiply(matrix, state.ctm) };
    forms.add(form);
    this.run(this.formContent(form), own ?? resources, inner, out, forms);
    forms.delete(form);
  }

  private formContent(form: PDFRawStream): Uint8Array {
    let data = this.forms.get(form);
    if (!data) {
      data = streamData(this.reader, form);
      this.forms.set(form, data);
    }

    return data;
  }
}

const NEWLINE = Buffer.from('\n');

/** The interpreter's state while one content stream runs. */
class ContentRun {
  private state: TextGraphicsState;
  private readonly saved: TextGraphicsState[] = [];
  private textMatrix: Matrix = IDENTITY;
  private lineMatrix: Matrix = IDENTITY;

  constructor(
    private readonly texts: PageTextReader,
    private readonly resources: PDFDict | undefined,
    start: TextGraphicsState,
    private readonly out: PlacedGlyph[],
    private readonly forms: Set<PDFRawStream>,
  ) {
    this.state = start;
  }

  execute(operator: string, operands: Operand[]): void {
    switch (operator) {
      case 'q':
        this.saved.push({ ...this.state });
        return;
      case 'Q':
        this.state = this.saved.pop() ?? this.state;
        return;
      case 'cm':
        if (isMatrix(operands)) this.state.ctm = multiply(operands, this.state.ctm);
        return;
      case 'BT':
        this.textMatrix = this.lineMatrix = IDENTITY;
        return;
      case 'Do':
        if (operands[0] instanceof ContentName)
          this.texts.drawForm(this.resources, operands[0].name, this.state, this.out, this.forms);
        return;
      default:
        this.textOperator(operator, operands);
    }
  }

  private textOperator(operator: string, operands: Operand[]): void {
    const state = this.state;
    switch (operator) {
      case 'Tf':
        if (operands[0] instanceof ContentName)
          state.font = this.texts.font(this.resources, operands[0].name);
        state.fontSize = numberAt(operands, 1);
        return;
      case 'Tc':
        state.charSpacing = numberAt(operands, 0);
        return;
      case 'Tw':
        state.wordSpacing = numberAt(operands, 0);
        return;
      case 'Tz':
        state.scale = numberAt(operands, 0, 100) / 100;
        return;
      case 'TL':
        state.leading = numberAt(operands, 0);
        return;
      case 'Ts':
        state.rise = numberAt(operands, 0);
        return;
      default:
        this.positionOrShow(operator, operands);
    }
  }

  private positionOrShow(operator: string, operands: Operand[]): void {
    switch (operator) {
      case 'Td':
        return this.moveLine(numberAt(operands, 0), numberAt(operands, 1));
      case 'TD':
        this.state.leading = -numberAt(operands, 1);
        return this.moveLine(numberAt(operands, 0), numberAt(operands, 1));
      case 'Tm':
        if (isMatrix(operands)) this.textMatrix = this.lineMatrix = operands;
        return;
      case 'T*':
        return this.moveLine(0, -this.state.leading);
      case 'Tj':
        return this.show(operands[0]);
      case 'TJ':
        return this.showArray(operands[0]);
      case "'":
        this.moveLine(0, -this.state.leading);
        return this.show(operands[0]);
      case '"':
        [this.state.wordSpacing, this.state.charSpacing] = [
          numberAt(operands, 0),
          numberAt(operands, 1),
        ];
        this.moveLine(0, -this.state.leading);
        return this.show(operands[2]);
    }
  }

  private moveLine(x: number, y: number): void {
    this.textMatrix = this.lineMatrix = translate(x, y, this.lineMatrix);
  }

  private showArray(items: Operand | undefined): void {
    if (!Array.isArray(items)) return;
    const { font, fontSize, scale } = this.state;
    for (const item of items) {
      if (typeof item !== 'number') this.show(item);
      else if (font?.vertical)
        this.textMatrix = translate(0, (-item / 1000) * fontSize, this.textMatrix);
      else this.textMatrix = translate((-item / 1000) * fontSize * scale, 0, this.textMatrix);
    }
  }

  private show(text: Operand | undefined): void {
    const font = this.state.font;
    if (!(text instanceof Uint8Array) || !font) return;
    for (const glyph of font.decode(text)) this.paint(font, glyph);
  }

  /** Adds the glyph's box and advances the text matrix by its displacement (9.4.4). */
  private paint(font: TextFont, glyph: ShownGlyph): void {
    const { fontSize, scale, rise, charSpacing, wordSpacing, ctm } = this.state;
    const rendering = multiply(
      multiply([fontSize * scale, 0, 0, fontSize, 0, rise], this.textMatrix),
      ctm,
    );
    const spacing = charSpacing + (glyph.isWordSpace ? wordSpacing : 0);
    const em = (value: number) => value / 1000;
    const box: PlacedGlyph['box'] = font.vertical
      ? [-em(glyph.width) / 2, em(glyph.width) / 2, em(glyph.verticalAdvance), 0]
      : [0, em(glyph.width), em(font.descent), em(font.ascent)];
    this.out.push({ text: glyph.text, matrix: rendering, box });
    this.textMatrix = font.vertical
      ? translate(0, em(glyph.verticalAdvance) * fontSize + spacing, this.textMatrix)
      : translate((em(glyph.width) * fontSize + spacing) * scale, 0, this.textMatrix);
  }
}

function numberAt(operands: Operand[], index: number, fallback = 0): number {
  const value = operands[index];

  return typeof value === 'number' ? value : fallback;
}

function isMatrix(operands: Operand[]): operands is Matrix {
  return operands.length === 6 && operands.every((item) => typeof item === 'number');
}

function asDict(value: PDFObject | undefined): PDFDict | undefined {
  return value instanceof PDFDict ? value : undefined;
}

function matrixOf(reader: PdfReader, value: PDFObject | undefined): Matrix {
  const array = reader.resolve(value);
  if (!(array instanceof PDFArray) || array.size() !== 6) return IDENTITY;
  const numbers = array.asArray().map((item) => Number(reader.resolve(item)?.toString()));

  return numbers.every(Number.isFinite) ? (numbers as Matrix) : IDENTITY;
}
