import { registerEnumType } from 'type-graphql';

/** File formats data can be exported in. */
export enum ExportFormat {
  CSV = 'CSV',
  JSON = 'JSON',
  XLSX = 'XLSX',
}

registerEnumType(ExportFormat, {
  name: 'ExportFormat',
  description: 'The file format of an export.',
  valuesConfig: {
    CSV: { description: 'UTF-8 with a byte-order mark and CRLF line ends, as Excel expects.' },
    JSON: { description: 'An array of objects, one per row; times in ISO 8601.' },
    XLSX: { description: 'An Excel workbook with one sheet.' },
  },
});
