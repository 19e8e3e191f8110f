import type { Cell, Table } from './table';

const BOM = '\ufeff';
const CRLF = '\r\n';

/**
 * RFC 4180 CSV that Excel opens correctly: UTF-8 with a byte-order mark (without it Excel reads
 * the bytes in the local code page and garbles Chinese text) and CRLF line ends.
 */
export function toCsv(table: Table): Buffer {
  const lines = [
    table.columns.map((column) => quote(column.header)),
    ...table.rows.map((row) => table.columns.map((column) => cell(row[column.key]))),
  ].map((cells) => cells.join(','));

  return Buffer.from(BOM + lines.join(CRLF) + CRLF, 'utf8');
}

function cell(value: Cell): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return String(value);

  return quote(defuse(value));
}

/**
 * CSV injection (OWASP): a spreadsheet runs a cell starting with = + - @ (or tab, CR) as a
 * formula. A leading apostrophe makes it text; only text cells get it, so numbers stay numbers.
 */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
