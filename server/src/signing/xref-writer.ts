import { PDFArray, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import type { PDFContext, PDFDict, PDFRef } from 'pdf-lib';

import { serialize } from './serialize';

/** One in-use entry of the new section; offsets are relative to the %PDF- header. */
export interface WrittenObject {
  objectNumber: number;
  generation: number;
  offset: number;
}

/** A classic section (ISO 32000-1 7.5.4): fixed 20-byte entries, then the trailer. */
export function xrefTable(objects: WrittenObject[], trailer: PDFDict): Buffer {
  const lines = ['xref'];
  for (const run of runs(objects)) {
    lines.push(`${run[0].objectNumber} ${run.length}`);
    for (const { offset, generation } of run) {
      lines.push(`${pad(offset, 10)} ${pad(generation, 5)} n\r`);
    }
  }
  lines.push('trailer', '');

  return Buffer.concat([Buffer.from(lines.join('\n'), 'latin1'), serialize(trailer)]);
}

/**
 * A cross-reference stream (ISO 32000-1 7.5.8), which also stands for the trailer. It lists
 * itself, so its own number and offset are part of `objects`. Left unfiltered: it holds a
 * handful of entries, and skipping compression keeps the section readable.
 */
export function xrefStream(
  context: PDFContext,
  objects: WrittenObject[],
  trailer: PDFDict,
  self: PDFRef,
): Buffer {
  const offsetWidth = bytesFor(Math.max(...objects.map((o) => o.offset)));
  const rows = runs(objects).flat();
  const data = Buffer.alloc(rows.length * (3 + offsetWidth));
  rows.forEach((row, i) => {
    const at = i * (3 + offsetWidth);
    data.writeUInt8(1, at);
    data.writeUIntBE(row.offset, at + 1, offsetWidth);
    data.writeUInt16BE(row.generation, at + 1 + offsetWidth);
  });
  trailer.set(PDFName.of('Type'), PDFName.of('XRef'));
  trailer.set(PDFName.of('W'), numbers(context, [1, offsetWidth, 2]));
  trailer.set(
    PDFName.of('Index'),
    numbers(
      context,
      runs(objects).flatMap((r) => [r[0].objectNumber, r.length]),
    ),
  );
  const header = `${self.objectNumber} ${self.generationNumber} obj\n`;

  return Buffer.concat([
    Buffer.from(header, 'latin1'),
    serialize(PDFRawStream.of(trailer, data)),
    Buffer.from('\nendobj\n', 'latin1'),
  ]);
}

/** Groups entries into subsections of consecutive object numbers. */
function runs(objects: WrittenObject[]): WrittenObject[][] {
  const sorted = [...objects].sort((a, b) => a.objectNumber - b.objectNumber);
  const groups: WrittenObject[][] = [];
  for (const object of sorted) {
    const last = groups.at(-1);
    if (last && last[last.length - 1].objectNumber + 1 === object.objectNumber) last.push(object);
    else groups.push([object]);
  }

  return groups;
}

function numbers(context: PDFContext, values: number[]): PDFArray {
  const array = PDFArray.withContext(context);
  values.forEach((value) => array.push(PDFNumber.of(value)));

  return array;
}

function bytesFor(value: number): number {
  let width = 1;
  while (value >= 256 ** width) width++;

  return Math.max(width, 4);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
