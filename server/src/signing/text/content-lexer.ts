/** A name operand such as /F1, kept apart from strings, which are raw bytes. */
export class ContentName {
  constructor(readonly name: string) {}
}

export type Operand = number | Uint8Array | ContentName | boolean | null | Operand[] | OperandDict;
export interface OperandDict {
  [key: string]: Operand;
}

/** One content-stream operator with the operands before it (ISO 32000-1 7.8.2). */
export interface Operation {
  operator: string;
  operands: Operand[];
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
/** Whitespace and delimiters by byte value, for the tokenizer's inner loops. */
const BOUNDARY = Uint8Array.from({ length: 256 }, (_, b) =>
  WHITESPACE.has(b) || DELIMITERS.has(b) ? 1 : 0,
);
const ESCAPES: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
const END_MARK = Symbol('end');

/**
 * Splits a content stream into operations. It is lenient, as viewers are: an unknown token is
 * an operator, and a malformed string or array ends at the end of the data instead of failing.
 */
export class ContentLexer {
  private at = 0;

  constructor(private readonly data: Uint8Array) {}

  *operations(): Generator<Operation> {
    let operands: Operand[] = [];
    for (;;) {
      const token = this.next();
      if (token === END_MARK) return;
      if (token instanceof Closer) continue;
      if (!(token instanceof Operator)) {
        operands.push(token);
        continue;
      }
      if (token.name === 'BI') this.skipInlineImage();
      else yield { operator: token.name, operands };
      operands = [];
    }
  }

  private next(): Operand | Operator | typeof END_MARK | Closer {
    this.skipWhitespaceAndComments();
    if (this.at >= this.data.length) return END_MARK;
    const byte = this.data[this.at];
    if (byte === 0x28) return this.literalString();
    if (byte === 0x2f) return new ContentName(this.regular(this.at + 1));
    if (byte === 0x5b) return this.array();
    if (byte === 0x5d || byte === 0x7d || byte === 0x29) return this.closer();
    if (byte === 0x3c) return this.data[this.at + 1] === 0x3c ? this.dict() : this.hexString();
    if (byte === 0x3e) return this.closer();

    return this.keywordOrNumber();
  }

  private keywordOrNumber(): Operand | Operator {
    const start = this.at;
    const number = this.number();
    if (number !== undefined) return number;
    const word = this.regular(start);
    if (word === '') {
      this.at++;
      return new Operator('');
    }
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;

    return new Operator(word);
  }

  /** Reads a number in place (7.3.3); content streams are mostly numbers, so this is hot. */
  private number(): number | undefined {
    const data = this.data;
    let at = this.at;
    const sign = data[at] === 0x2d ? -1 : 1;
    if (data[at] === 0x2d || data[at] === 0x2b) at++;
    let value = 0;
    let digits = 0;
    let scale = 0;
    for (; at < data.length; at++) {
      const byte = data[at];
      if (byte >= 0x30 && byte <= 0x39) {
        value = value * 10 + byte - 0x30;
        digits++;
        if (scale) scale *= 10;
      } else if (byte === 0x2e && !scale) scale = 1;
      else break;
    }
    if (digits === 0 || (at < data.length && !isBoundary(data[at]))) return undefined;
    this.at = at;

    return (sign * value) / (scale || 1);
  }

  /** Reads regular characters from `start`; leaves `at` after them. */
  private regular(start: number): string {
    let end = start;
    while (end < this.data.length && !isBoundary(this.data[end])) end++;
    this.at = end;
    let word = '';
    for (let i = start; i < end; i++) word += String.fromCharCode(this.data[i]);

    return word;
  }

  private closer(): Closer {
    this.at += this.data[this.at] === 0x3e && this.data[this.at + 1] === 0x3e ? 2 : 1;

    return CLOSER;
  }

  private array(): Operand[] {
    this.at++;
    const items: Operand[] = [];
    for (;;) {
      const token = this.next();
      if (token === END_MARK || token instanceof Closer) return items;
      if (!(token instanceof Operator)) items.push(token);
    }
  }

  private dict(): OperandDict {
    this.at += 2;
    const entries: Operand[] = [];
    for (;;) {
      const token = this.next();
      if (token === END_MARK || token instanceof Closer) break;
      if (!(token instanceof Operator)) entries.push(token);
    }
    const dict: OperandDict = {};
    for (let i = 0; i + 1 < entries.length; i += 2) {
      const key = entries[i];
      if (key instanceof ContentName) dict[key.name] = entries[i + 1];
    }

    return dict;
  }

  private hexString(): Uint8Array {
    const end = this.data.indexOf(0x3e, this.at);
    const stop = end < 0 ? this.data.length : end;
    let hex = Buffer.from(this.data.subarray(this.at + 1, stop))
      .toString('latin1')
      .replace(/[^0-9a-fA-F]/g, '');
    if (hex.length % 2) hex += '0';
    this.at = stop + 1;

    return Buffer.from(hex, 'hex');
  }

  /** A literal string with balanced parentheses and escapes (ISO 32000-1 7.3.4.2). */
  private literalString(): Uint8Array {
    const out: number[] = [];
    let depth = 0;
    for (this.at++; this.at < this.data.length; this.at++) {
      const byte = this.data[this.at];
      if (byte === 0x5c) {
        this.escape(out);
        continue;
      }
      if (byte === 0x28) depth++;
      if (byte === 0x29 && depth-- === 0) break;
      out.push(byte);
    }
    this.at++;

    return Uint8Array.from(out);
  }

  private escape(out: number[]): void {
    const byte = this.data[++this.at];
    if (byte === 0x0d || byte === 0x0a) {
      if (byte === 0x0d && this.data[this.at + 1] === 0x0a) this.at++;
      return;
    }
    if (byte >= 0x30 && byte <= 0x37) {
      let value = 0;
      let digits = 0;
      while (digits < 3 && this.data[this.at] >= 0x30 && this.data[this.at] <= 0x37) {
        value = value * 8 + this.data[this.at++] - 0x30;
        digits++;
      }
      this.at--;
      out.push(value & 0xff);
      return;
    }
    out.push(ESCAPES[byte] ?? byte);
  }

  /** Inline image data (BI … ID data EI) is binary and may hold anything, so it is skipped. */
  private skipInlineImage(): void {
    for (;;) {
      const token = this.next();
      if (token === END_MARK) return;
      if (token instanceof Operator && token.name === 'ID') break;
    }
    this.at++;
    for (; this.at < this.data.length; this.at++) {
      if (
        this.data[this.at] === 0x45 &&
        this.data[this.at + 1] === 0x49 &&
        WHITESPACE.has(this.data[this.at - 1]) &&
        (this.at + 2 >= this.data.length || isBoundary(this.data[this.at + 2]))
      ) {
        this.at += 2;
        return;
      }
    }
  }

  private skipWhitespaceAndComments(): void {
    while (this.at < this.data.length) {
      const byte = this.data[this.at];
      if (WHITESPACE.has(byte)) this.at++;
      else if (byte === 0x25) {
        while (
          this.at < this.data.length &&
          this.data[this.at] !== 0x0a &&
          this.data[this.at] !== 0x0d
        )
          this.at++;
      } else return;
    }
  }
}

class Operator {
  constructor(readonly name: string) {}
}

class Closer {}
const CLOSER = new Closer();

function isBoundary(byte: number): boolean {
  return BOUNDARY[byte] === 1;
}
