import { PDFName } from 'pdf-lib';

import { readForm } from './acro-form';
import type { EncryptionInfo } from './document-security';
import { terminalFields } from './form-fields';
import { widgetPlace } from './existing-field';
import type { Box } from './page-geometry';
import { allPages } from './page-walk';
import { PdfError, pdfErrors } from './pdf-error';
import { openOrRebuild } from './open-for-signing';
import type { PdfReader, OpenOptions } from './pdf-reader';

/** What the engine can tell about a PDF before signing it. */
export interface PdfInfo {
  /** 0 when the file is encrypted and the password (or the empty one) does not open it. */
  pageCount: number;
  encrypted: boolean;
  /** Signature fields that hold a signature. */
  signatureCount: number;
  /** The header version, or the catalog's /Version when that is later. */
  version: string;
  /** How the file is encrypted; absent for a file in the clear. */
  encryption?: EncryptionInfo;
  /** The cross-reference is damaged: signing will rebuild the file rather than append to it. */
  needsRebuild: boolean;
}

/** A signature field as the API offers it: empty ones can be signed by name. */
export interface SignatureFieldInfo {
  name: string;
  signed: boolean;
  /** 1-based page of its widget; absent when no page lists it. */
  page?: number;
  rect?: Box;
}

/**
 * Reads the structure of a PDF; any file that cannot be read as a PDF is INVALID_PDF. The whole
 * page tree is walked, so that a tree that loops is refused here rather than shown to a viewer
 * with pages it never defines. A password that opens the file neither as user nor as owner is
 * ENCRYPTED_PDF; without a password, a file that needs one is reported with no pages.
 */
export function inspectPdf(pdf: Buffer, options: OpenOptions = {}): PdfInfo {
  return readingPdf(() => {
    const reader = openOrRebuild(pdf, options.password);
    const needsRebuild = reader.bytes !== pdf;
    const encryption = reader.encryption;
    if (!reader.canRead) {
      if (options.password !== undefined) throw pdfErrors.wrongPassword();
      const version = reader.headerVersion;
      return {
        pageCount: 0,
        encrypted: true,
        signatureCount: 0,
        version,
        encryption,
        needsRebuild,
      };
    }
    const pageCount = allPages(reader).length;
    const fields = terminalFields(reader, readForm(reader).acroForm);

    return {
      pageCount,
      encrypted: encryption !== undefined,
      signatureCount: fields.filter((field) => field.type === 'Sig' && field.signed).length,
      version: effectiveVersion(reader),
      ...(encryption && { encryption }),
      needsRebuild,
    };
  });
}

/** The document's signature fields, signed or empty, with where their widget is. */
export function listSignatureFields(pdf: Buffer, options: OpenOptions = {}): SignatureFieldInfo[] {
  return readingPdf(() => {
    const reader = openOrRebuild(pdf, options.password);
    if (!reader.canRead) throw pdfErrors.passwordRequired();
    const fields = terminalFields(reader, readForm(reader).acroForm);

    return fields
      .filter((field) => field.type === 'Sig')
      .map((field) => {
        const place = widgetPlace(reader, field);
        const where = place && { page: place.pageNumber, rect: place.rect };

        return { name: field.name, signed: field.signed, ...where };
      });
  });
}

function readingPdf<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof PdfError) throw error;
    throw pdfErrors.badObject('structure', (error as Error).message);
  }
}

function effectiveVersion(reader: PdfReader): string {
  const catalog = reader.dict(reader.catalogRef(), 'document catalog');
  const version = catalog.get(PDFName.of('Version'));
  const catalogVersion = version instanceof PDFName ? version.decodeText() : '';

  return Number(catalogVersion) > Number(reader.headerVersion)
    ? catalogVersion
    : reader.headerVersion;
}
