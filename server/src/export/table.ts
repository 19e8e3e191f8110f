/** A value of an exported cell: text, a number, a time, or nothing. */
export type Cell = string | number | Date | null;

/** Rows to export, with their columns in order; the same table is written in every format. */
export interface Table {
  columns: { key: string; header: string }[];
  rows: Record<string, Cell>[];
}
