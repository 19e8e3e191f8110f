import { PDFContext, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import { firstIdOf, openSecurity } from './document-security';
import type { DocumentSecurity, EncryptionInfo } from './document-security';
import { decryptObject } from './object-crypto';
import { findObjectHeader, latin1, parseIndirectObjectAt, parseObjectAt } from './object-parser';
import type { ParsedObject } from './object-parser';
import { pdfErrors } from './pdf-error';
import { decodeStream } from './stream-decoder';
import { findHeaderOffset, lookupEntry, readXref } from './xref-reader';
import type { XrefIndex } from './xref-reader';

/** How to open a file: the password of an encrypted one, user or owner. */
export interface OpenOptions {
  password?: string;
}

interface ObjectStream {
  data: Buffer;
  offsets: number[];
}

/**
 * Random access to the objects of a PDF through its cross-reference: only the objects asked for
 * are parsed, each once.
 */
export class PdfReader {
  readonly context = PDFContext.create();
  private readonly objects = new Map<number, PDFObject | undefined>();
  private readonly objectStreams = new Map<number, ObjectStream>();
  private xref!: XrefIndex;
  private security: DocumentSecurity | undefined;
  private encryptNumber: number | undefined;

  private constructor(
    readonly bytes: Buffer,
    readonly headerOffset: number,
  ) {}

  /**
   * Opens a PDF by reading its header and cross-reference chain, and for an encrypted file its
   * encryption dictionary, nothing more.
   */
  static open(bytes: Buffer, options: OpenOptions = {}): PdfReader {
    const reader = new PdfReader(bytes, findHeaderOffset(bytes));
    reader.xref = readXref(bytes, reader.headerOffset, reader.context);
    reader.openEncryption(options.password);

    return reader;
  }

  get trailer(): PDFDict {
    return this.xref.trailer;
  }

  get startxref(): number {
    return this.xref.startxref;
  }

  get xrefKind(): XrefIndex['kind'] {
    return this.xref.kind;
  }

  get nextObjectNumber(): number {
    return this.xref.nextObjectNumber;
  }

  get isEncrypted(): boolean {
    return this.trailer.has(PDFName.of('Encrypt'));
  }

  /** How the file is encrypted, or `undefined` when it is not. */
  get encryption(): EncryptionInfo | undefined {
    return this.security?.info;
  }

  /** The handler that encrypts what an update adds; `undefined` for a file in the clear. */
  get securityHandler(): DocumentSecurity['handler'] {
    return this.security?.handler;
  }

  /** False for an encrypted file that the password (or the empty one) did not open. */
  get canRead(): boolean {
    return !this.security || this.security.handler !== undefined;
  }

  /** The version in the header, overridden by a later catalog /Version (ISO 32000-1 7.2.2). */
  get headerVersion(): string {
    return /^%PDF-(\d+\.\d+)/.exec(latin1(this.bytes, this.headerOffset, 16))?.[1] ?? '';
  }

  /** Generation to use when rewriting an object: objects in object streams have 0. */
  generationOf(ref: PDFRef): number {
    const entry = lookupEntry(this.xref, ref.objectNumber);

    return entry?.type === 'inFile' ? entry.generation : 0;
  }

  /** The object a reference points to; `undefined` for free or missing objects (null per 7.3.10). */
  lookup(ref: PDFRef): PDFObject | undefined {
    if (!this.objects.has(ref.objectNumber)) {
      this.objects.set(ref.objectNumber, this.load(ref.objectNumber));
    }

    return this.objects.get(ref.objectNumber);
  }

  /** Follows a reference if the value is one. */
  resolve(object: PDFObject | undefined): PDFObject | undefined {
    return object instanceof PDFRef ? this.lookup(object) : object;
  }

  /** Resolves a value that must be a dictionary. */
  dict(object: PDFObject | undefined, what: string): PDFDict {
    const value = this.resolve(object);
    if (!(value instanceof PDFDict))
      throw pdfErrors.wrongType(what, 'a dictionary', describe(value));

    return value;
  }

  /** The document catalog named by the trailer's /Root. */
  catalogRef(): PDFRef {
    const root = this.trailer.get(PDFName.of('Root'));
    if (!(root instanceof PDFRef))
      throw pdfErrors.wrongType('trailer /Root', 'a reference', describe(root));

    return root;
  }

  /**
   * The encryption dictionary is read in the clear (ISO 32000-2 7.6.1), before any handler
   * exists; every object read after it is decrypted.
   */
  private openEncryption(password: string | undefined): void {
    const raw = this.trailer.get(PDFName.of('Encrypt'));
    if (raw === undefined) return;
    if (raw instanceof PDFRef) this.encryptNumber = raw.objectNumber;
    const encrypt = this.resolve(raw);
    if (!(encrypt instanceof PDFDict))
      throw pdfErrors.badEncryption('/Encrypt is not a dictionary');
    const documentId = firstIdOf(this.resolve(this.trailer.get(PDFName.of('ID'))));
    this.security = openSecurity(encrypt, documentId, (value) => this.resolve(value), password);
  }

  private load(objectNumber: number): PDFObject | undefined {
    if (this.security && objectNumber !== this.encryptNumber && !this.security.handler) {
      throw pdfErrors.passwordRequired();
    }
    const entry = lookupEntry(this.xref, objectNumber);
    if (entry?.type === 'inFile')
      return this.decrypted(this.loadInFile(objectNumber, entry.offset));
    if (entry?.type === 'compressed') return this.loadCompressed(entry.streamNumber, entry.index);

    return undefined;
  }

  /**
   * Strings and streams of objects stored in the file are encrypted; objects inside an object
   * stream were decrypted with their stream, and the encryption dictionary never is.
   */
  private decrypted(parsed: ParsedObject): PDFObject {
    const handler = this.security?.handler;
    if (!handler || parsed.objectNumber === this.encryptNumber) return parsed.value;

    return decryptObject(parsed.value, handler, parsed, this.context);
  }

  private loadInFile(objectNumber: number, offset: number): ParsedObject {
    if (offset >= this.bytes.length) throw pdfErrors.missingObject(`${objectNumber}`);
    const at = findObjectHeader(this.bytes, offset, objectNumber);
    const parsed = parseIndirectObjectAt(this.bytes, at, this.context);
    if (parsed.objectNumber !== objectNumber) {
      throw pdfErrors.badObject(
        `${objectNumber}`,
        `xref offset holds object ${parsed.objectNumber}`,
      );
    }

    return parsed;
  }

  /** Objects in an object stream (ISO 32000-1 7.5.7): N pairs of numbers, then the objects. */
  private loadCompressed(streamNumber: number, index: number): PDFObject {
    const stream = this.objectStream(streamNumber);
    if (index >= stream.offsets.length)
      throw pdfErrors.badObject(`${streamNumber}`, 'index beyond /N');

    return parseObjectAt(stream.data, stream.offsets[index], this.context);
  }

  private objectStream(streamNumber: number): ObjectStream {
    let stream = this.objectStreams.get(streamNumber);
    if (!stream) {
      stream = this.readObjectStream(streamNumber);
      this.objectStreams.set(streamNumber, stream);
    }

    return stream;
  }

  private readObjectStream(streamNumber: number): ObjectStream {
    const raw = this.lookup(PDFRef.of(streamNumber, 0));
    if (!(raw instanceof PDFRawStream)) {
      throw pdfErrors.wrongType(`object stream ${streamNumber}`, 'a stream', describe(raw));
    }
    const data = decodeStream(raw, (value) => this.resolve(value));
    const count = this.number(raw.dict.get(PDFName.of('N')));
    const first = this.number(raw.dict.get(PDFName.of('First')));
    const numbers = latin1(data, 0, first).trim().split(/\s+/).map(Number);
    const offsets = Array.from({ length: count }, (_, i) => first + numbers[2 * i + 1]);

    return { data, offsets };
  }

  private number(object: PDFObject | undefined): number {
    const value = this.resolve(object);
    if (!(value instanceof PDFNumber))
      throw pdfErrors.wrongType('stream entry', 'a number', describe(value));

    return value.asNumber();
  }
}

/** Names a PDF value for an error message. */
export function describe(value: PDFObject | undefined): string {
  return value === undefined ? 'nothing' : value.constructor.name;
}
