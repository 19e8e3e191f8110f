import { PDFArray, PDFDict, PDFName, PDFRef } from 'pdf-lib';

import { PdfReader } from '../pdf-reader';
import { readXref } from '../xref-reader';
import { parseCertificates } from './certificate';
import type { Certificate } from './certificate';
import { parseCrls } from './crl';
import type { Crl } from './crl';
import { readDss } from './dss';
import type { Dss } from './dss';
import type { ChangePermission, RevisionView } from './modifications';
import type { VerifyPdfOptions } from './report';
import type { SignedField } from './signature-fields';

/** What every signature of a document is verified against, built once per document. */
export class DocumentContext {
  readonly final: RevisionView;
  readonly dss?: Dss;
  readonly anchors: Certificate[];
  readonly pool: Certificate[];
  readonly crls: Crl[];
  readonly now: Date;
  private readonly revisions = new Map<number, RevisionView | undefined>();
  private readonly password?: string;

  constructor(
    readonly pdf: Buffer,
    readonly reader: PdfReader,
    options: VerifyPdfOptions,
  ) {
    this.final = { reader, xref: readXref(pdf, reader.headerOffset, reader.context) };
    this.dss = safely(() => readDss(reader));
    this.anchors = parseCertificates(options.trustAnchors);
    this.pool = parseCertificates([...(options.intermediates ?? []), ...(this.dss?.certs ?? [])]);
    this.crls = parseCrls([...(options.crls ?? []), ...(this.dss?.crls ?? [])]);
    this.now = options.now ?? new Date();
    this.password = options.password;
  }

  /**
   * The revision that ends at byte `end`, opened from the prefix of the file with the same
   * reader: an incremental update never rewrites earlier bytes, so the prefix is that revision.
   */
  revisionEndingAt(end: number): RevisionView | undefined {
    if (end >= this.pdf.length) return this.final;
    if (!this.revisions.has(end)) {
      this.revisions.set(
        end,
        safely(() => {
          const prefix = this.pdf.subarray(0, end);
          const reader = PdfReader.open(prefix, { password: this.password });

          return { reader, xref: readXref(prefix, reader.headerOffset, reader.context) };
        }),
      );
    }

    return this.revisions.get(end);
  }

  /**
   * The DocMDP permission of a certification signature (ISO 32000-1 12.8.2.2): named by the
   * catalog's /Perms /DocMDP, or by a /Reference entry with /TransformMethod /DocMDP; /P
   * defaults to 2.
   */
  docMdpPermission(field: SignedField): ChangePermission | undefined {
    const catalog = this.reader.dict(this.reader.catalogRef(), 'document catalog');
    const perms = this.reader.resolve(catalog.get(PDFName.of('Perms')));
    const docMdp = perms instanceof PDFDict ? perms.get(PDFName.of('DocMDP')) : undefined;
    const named =
      docMdp instanceof PDFRef && docMdp.objectNumber === field.signatureRef?.objectNumber;
    const params = this.docMdpReference(field.signature);
    if (!named && !params) return undefined;
    const p = params ? this.reader.resolve(params.get(PDFName.of('P'))) : undefined;
    const value = p ? Number(p.toString()) : 2;

    return value === 1 || value === 3 ? value : 2;
  }

  private docMdpReference(signature: PDFDict): PDFDict | undefined {
    const references = this.reader.resolve(signature.get(PDFName.of('Reference')));
    if (!(references instanceof PDFArray)) return undefined;
    for (const item of references.asArray()) {
      const reference = this.reader.resolve(item);
      if (!(reference instanceof PDFDict)) continue;
      if (reference.get(PDFName.of('TransformMethod'))?.toString() !== '/DocMDP') continue;
      const params = this.reader.resolve(reference.get(PDFName.of('TransformParams')));

      return params instanceof PDFDict ? params : PDFDict.withContext(this.reader.context);
    }

    return undefined;
  }
}

/** Runs a read that may fail on a damaged part of a file, yielding `undefined` instead. */
export function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
