import { PDFRef } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import { newTrailer } from './new-trailer';
import { encryptObject } from './object-crypto';
import type { PdfReader } from './pdf-reader';
import { serialize } from './serialize';
import { xrefStream, xrefTable } from './xref-writer';
import type { WrittenObject } from './xref-writer';

/** The appended revision and where each of its objects starts within it. */
export interface WrittenUpdate {
  section: Buffer;
  /** Offset of each object's body (after "N G obj\n") from the start of `section`. */
  bodyOffsets: Map<number, number>;
}

/**
 * Collects new and changed objects and writes them as one incremental update (ISO 32000-1
 * 7.5.6): the original bytes stay untouched and the new section ends with its own xref, of the
 * same kind as the section before it, and a trailer whose /Prev points back.
 */
export class IncrementalUpdate {
  private readonly objects = new Map<number, { ref: PDFRef; body: PDFObject | Buffer }>();
  private nextNumber: number;

  constructor(private readonly reader: PdfReader) {
    this.nextNumber = reader.nextObjectNumber;
  }

  /** Reserves a number for an object whose body is given later with `put`. */
  allocate(): PDFRef {
    return PDFRef.of(this.nextNumber++, 0);
  }

  /** Adds a new object and returns its reference. */
  add(body: PDFObject | Buffer): PDFRef {
    const ref = this.allocate();
    this.put(ref, body);

    return ref;
  }

  /** Sets the body of a reserved object, or a new version of an existing one. */
  put(ref: PDFRef, body: PDFObject | Buffer): void {
    const generation = this.generationFor(ref);
    this.objects.set(ref.objectNumber, { ref: PDFRef.of(ref.objectNumber, generation), body });
  }

  private generationFor(ref: PDFRef): number {
    return ref.objectNumber < this.reader.nextObjectNumber ? this.reader.generationOf(ref) : 0;
  }

  /**
   * The value as it must be written into object `ref` of an encrypted document: strings and
   * stream data encrypted with that object's key (ISO 32000-2 7.6.2). For bodies assembled by
   * hand; `put` applies it to object bodies itself. Unchanged in a document in the clear.
   */
  protect(ref: PDFRef, value: PDFObject): PDFObject {
    const handler = this.reader.securityHandler;
    if (!handler) return value;
    const generation = this.generationFor(ref);

    return encryptObject(
      value,
      handler,
      { objectNumber: ref.objectNumber, generation },
      this.reader.context,
    );
  }

  /** Serialises the objects, the cross-reference section and the trailer. */
  write(seed: string): WrittenUpdate {
    const chunks: Buffer[] = [this.leadingEol()];
    const written: WrittenObject[] = [];
    const bodyOffsets = new Map<number, number>();
    let length = chunks[0].length;
    for (const { ref, body } of this.objects.values()) {
      const header = Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1');
      const bytes = Buffer.isBuffer(body) ? body : serialize(this.protect(ref, body));
      written.push({ ...this.numbers(ref), offset: this.fileOffset(length) });
      bodyOffsets.set(ref.objectNumber, length + header.length);
      chunks.push(header, bytes, Buffer.from('\nendobj\n', 'latin1'));
      length += header.length + bytes.length + 8;
    }
    const xrefOffset = this.fileOffset(length);
    chunks.push(this.xrefSection(written, xrefOffset, seed));
    chunks.push(Buffer.from(`\nstartxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));

    return { section: Buffer.concat(chunks), bodyOffsets };
  }

  private xrefSection(written: WrittenObject[], xrefOffset: number, seed: string): Buffer {
    if (this.reader.xrefKind === 'table') {
      return xrefTable(written, newTrailer(this.reader, this.nextNumber, seed));
    }
    const self = this.allocate();
    const entries = [
      ...written,
      { objectNumber: self.objectNumber, generation: 0, offset: xrefOffset },
    ];

    return xrefStream(
      this.reader.context,
      entries,
      newTrailer(this.reader, this.nextNumber, seed),
      self,
    );
  }

  /** Offsets in the xref count from the %PDF- header, not from the first byte of the file. */
  private fileOffset(sectionOffset: number): number {
    return this.reader.bytes.length + sectionOffset - this.reader.headerOffset;
  }

  private numbers(ref: PDFRef): Omit<WrittenObject, 'offset'> {
    return { objectNumber: ref.objectNumber, generation: ref.generationNumber };
  }

  /** The appended section must start on a new line, after the previous %%EOF. */
  private leadingEol(): Buffer {
    const last = this.reader.bytes[this.reader.bytes.length - 1];

    return Buffer.from(last === 0x0a || last === 0x0d ? '' : '\n', 'latin1');
  }
}
