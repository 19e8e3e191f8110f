import { ContentLexer, ContentName } from './content-lexer';
import type { Operand } from './content-lexer';

interface CodeRange {
  bytes: number;
  low: number;
  high: number;
}

interface Mapping<T> {
  low: number;
  high: number;
  bytes: number;
  value: (code: number) => T;
}

/**
 * An embedded CMap, either a ToUnicode map (ISO 32000-1 9.10.3: bfchar, bfrange) or a Type0
 * font's encoding (9.7.5: cidchar, cidrange), with the codespace ranges that say how many bytes
 * each code takes.
 */
export class CMap {
  readonly codespaces: CodeRange[] = [];
  private readonly unicode: Mapping<string>[] = [];
  private readonly cids: Mapping<number>[] = [];
  vertical = false;

  static parse(data: Uint8Array): CMap {
    const cmap = new CMap();
    for (const { operator, operands } of new ContentLexer(data).operations()) {
      cmap.apply(operator, operands);
    }

    return cmap;
  }

  /** The Unicode text of a code, if the map has it. */
  toUnicode(code: number, bytes: number): string | undefined {
    return find(this.unicode, code, bytes);
  }

  toCid(code: number, bytes: number): number | undefined {
    return find(this.cids, code, bytes);
  }

  /** How many bytes the code starting at `at` takes, by the codespace ranges (9.7.6.2). */
  codeLength(data: Uint8Array, at: number): number {
    for (let bytes = 1; bytes <= 4 && at + bytes <= data.length; bytes++) {
      const code = readCode(data, at, bytes);
      if (this.codespaces.some((r) => r.bytes === bytes && code >= r.low && code <= r.high)) {
        return bytes;
      }
    }

    return Math.min(this.codespaces[0]?.bytes ?? 1, data.length - at);
  }

  private apply(operator: string, stack: Operand[]): void {
    const strings = stack.filter((item) => item instanceof Uint8Array || Array.isArray(item));
    if (operator === 'endcodespacerange') this.codespaceRanges(strings);
    if (operator === 'endbfchar') this.pairs(strings, this.unicode, utf16);
    if (operator === 'endbfrange') this.bfRanges(strings);
    if (operator === 'endcidchar') this.cidPairs(stack);
    if (operator === 'endcidrange') this.cidRanges(stack);
    if (operator === 'def' && stack.some((o) => o instanceof ContentName && o.name === 'WMode'))
      this.vertical = stack[stack.length - 1] === 1;
  }

  private codespaceRanges(items: Operand[]): void {
    for (let i = 0; i + 1 < items.length; i += 2) {
      const [low, high] = [items[i], items[i + 1]] as Uint8Array[];
      this.codespaces.push({ bytes: low.length, low: toCode(low), high: toCode(high) });
    }
  }

  private pairs(items: Operand[], into: Mapping<string>[], decode: (b: Uint8Array) => string) {
    for (let i = 0; i + 1 < items.length; i += 2) {
      const [source, target] = [items[i] as Uint8Array, items[i + 1]];
      if (!(target instanceof Uint8Array)) continue;
      const code = toCode(source);
      into.push({ low: code, high: code, bytes: source.length, value: () => decode(target) });
    }
  }

  /** A bfrange maps to consecutive strings (last byte incremented) or to an array of strings. */
  private bfRanges(items: Operand[]): void {
    for (let i = 0; i + 2 < items.length; i += 3) {
      const [low, high, target] = [
        items[i] as Uint8Array,
        items[i + 1] as Uint8Array,
        items[i + 2],
      ];
      const [first, last] = [toCode(low), toCode(high)];
      const value = Array.isArray(target)
        ? (code: number) => {
            const item = target[code - first];
            return item instanceof Uint8Array ? utf16(item) : '';
          }
        : (code: number) => utf16(incremented(target as Uint8Array, code - first));
      this.unicode.push({ low: first, high: last, bytes: low.length, value });
    }
  }

  private cidPairs(stack: Operand[]): void {
    for (let i = 0; i + 1 < stack.length; i += 2) {
      const [source, cid] = [stack[i], stack[i + 1]];
      if (!(source instanceof Uint8Array) || typeof cid !== 'number') continue;
      const code = toCode(source);
      this.cids.push({ low: code, high: code, bytes: source.length, value: () => cid });
    }
  }

  private cidRanges(stack: Operand[]): void {
    for (let i = 0; i + 2 < stack.length; i += 3) {
      const [low, high, cid] = [stack[i], stack[i + 1], stack[i + 2]];
      if (!(low instanceof Uint8Array) || !(high instanceof Uint8Array) || typeof cid !== 'number')
        continue;
      const first = toCode(low);
      this.cids.push({
        low: first,
        high: toCode(high),
        bytes: low.length,
        value: (c) => cid + c - first,
      });
    }
  }
}

/** Reads a big-endian code of `bytes` bytes. */
export function readCode(data: Uint8Array, at: number, bytes: number): number {
  let code = 0;
  for (let i = 0; i < bytes; i++) code = code * 256 + data[at + i];

  return code;
}

function find<T>(mappings: Mapping<T>[], code: number, bytes: number): T | undefined {
  // Later entries win, as a CMap's later definitions override earlier ones.
  for (let i = mappings.length - 1; i >= 0; i--) {
    const m = mappings[i];
    if (m.bytes === bytes && code >= m.low && code <= m.high) return m.value(code);
  }

  return undefined;
}

function toCode(bytes: Uint8Array): number {
  return readCode(bytes, 0, bytes.length);
}

/** ToUnicode targets are UTF-16BE (9.10.3); surrogate pairs give characters beyond the BMP. */
function utf16(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode(readCode(bytes, i, 2));
  if (bytes.length % 2) text += String.fromCharCode(bytes[bytes.length - 1]);

  return text;
}

function incremented(bytes: Uint8Array, by: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  let carry = by;
  for (let i = copy.length - 1; i >= 0 && carry > 0; i--) {
    const sum = copy[i] + carry;
    copy[i] = sum & 0xff;
    carry = sum >> 8;
  }

  return copy;
}
