import ExcelJS from 'exceljs';
import type { Table } from './table';

/** One sheet, headers in bold and frozen; times as Excel dates, in UTC. */
export async function toXlsx(table: Table, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map(({ key, header }) => ({ key, header, width: widthOf(header) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function widthOf(header: string): number {
  return Math.max(12, header.length + 2);
}
