import { toCsv } from './csv';
import { ExportFormat } from './export-format.enum';
import type { Table } from './table';
import { toXlsx } from './xlsx';

/** A table written as a file. */
export interface ExportedFile {
  content: Buffer;
  contentType: string;
  extension: string;
}

/** Writes the table in the format asked for; `title` names the XLSX sheet. */
export async function writeTable(
  table: Table,
  format: ExportFormat,
  title: string,
): Promise<ExportedFile> {
  switch (format) {
    case ExportFormat.CSV:
      return { content: toCsv(table), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
    case ExportFormat.JSON:
      return {
        content: Buffer.from(JSON.stringify(table.rows, null, 2) + '\n', 'utf8'),
        contentType: 'application/json; charset=utf-8',
        extension: 'json',
      };
    case ExportFormat.XLSX:
      return {
        content: await toXlsx(table, title),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        extension: 'xlsx',
      };
  }
}
