import { PDFArray, PDFName, PDFNumber } from 'pdf-lib';
import type { PDFObject, PDFRawStream } from 'pdf-lib';

import { pdfErrors } from './pdf-error';
import { decodeStream } from './stream-decoder';
import { endOf, locate } from './xref-entry';
import type { Subsection, XrefEntry, XrefSection } from './xref-entry';

/**
 * The entries of a cross-reference stream (ISO 32000-1 7.5.8.2, 7.5.8.3), decoded on the first
 * lookup and then read row by row.
 */
export class XrefStreamSection implements XrefSection {
  readonly end: number;
  private readonly widths: number[];
  private readonly subsections: Subsection[];
  private data: Buffer | undefined;

  constructor(
    private readonly stream: PDFRawStream,
    private readonly headerOffset: number,
  ) {
    this.widths = numbers(stream.dict.get(PDFName.of('W')));
    if (this.widths.length < 3) throw pdfErrors.badXref(0, 'xref stream /W needs three widths');
    this.subsections = subsectionsOf(stream);
    this.end = endOf(this.subsections);
  }

  lookup(objectNumber: number): XrefEntry | undefined {
    const row = locate(this.subsections, objectNumber);
    const rowLength = this.widths[0] + this.widths[1] + this.widths[2];
    const data = this.decoded();
    if (row === undefined || (row + 1) * rowLength > data.length) return undefined;

    return this.entry(this.readRow(data, row * rowLength));
  }

  private decoded(): Buffer {
    this.data ??= decodeStream(this.stream, (object) => object);

    return this.data;
  }

  /** A type field of width 0 means type 1, an in-file object (Table 17). */
  private readRow(data: Buffer, offset: number): number[] {
    let position = offset;

    return this.widths.map((width, column) => {
      if (width === 0) return column === 0 ? 1 : 0;
      let value = 0;
      for (let i = 0; i < width; i++) value = value * 256 + data[position++];

      return value;
    });
  }

  private entry([type, second, third]: number[]): XrefEntry | undefined {
    if (type === 0) return { type: 'free' };
    if (type === 1)
      return { type: 'inFile', offset: second + this.headerOffset, generation: third };
    if (type === 2) return { type: 'compressed', streamNumber: second, index: third };

    return undefined;
  }
}

function subsectionsOf(stream: PDFRawStream): Subsection[] {
  const index = numbers(stream.dict.get(PDFName.of('Index')));
  const size = stream.dict.get(PDFName.of('Size'));
  if (index.length === 0 && size instanceof PDFNumber)
    return [{ first: 0, count: size.asNumber() }];
  const subsections: Subsection[] = [];
  for (let i = 0; i + 1 < index.length; i += 2)
    subsections.push({ first: index[i], count: index[i + 1] });

  return subsections;
}

function numbers(object: PDFObject | undefined): number[] {
  if (!(object instanceof PDFArray)) return [];

  return object.asArray().map((item) => (item instanceof PDFNumber ? item.asNumber() : 0));
}
