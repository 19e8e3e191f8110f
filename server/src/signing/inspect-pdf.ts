import { PDFArray, PDFDict, PDFName } from 'pdf-lib';

import { readForm } from './acro-form';
import { countPages } from './page-tree';
import { PdfError, pdfErrors } from './pdf-error';
import { PdfReader } from './pdf-reader';

/** What the engine can tell about a PDF before signing it. */
export interface PdfInfo {
  pageCount: number;
  encrypted: boolean;
  /** Signature fields that hold a signature. */
  signatureCount: number;
  /** The header version, or the catalog's /Version when that is later. */
  version: string;
}

/** Reads the structure of a PDF; any file that cannot be read as a PDF is INVALID_PDF. */
export function inspectPdf(pdf: Buffer): PdfInfo {
  try {
    const reader = PdfReader.open(pdf);
    if (reader.isEncrypted) {
      return { pageCount: 0, encrypted: true, signatureCount: 0, version: reader.headerVersion };
    }

    return {
      pageCount: countPages(reader),
      encrypted: false,
      signatureCount: countSignatures(reader),
      version: effectiveVersion(reader),
    };
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

/** Counts terminal fields of type /Sig with a value, walking /Fields and /Kids. */
function countSignatures(reader: PdfReader): number {
  const form = readForm(reader);
  if (!form.acroForm) return 0;
  let count = 0;
  const visited = new Set<PDFDict>();
  const walk = (kids: unknown, inheritedType: string | undefined): void => {
    if (!(kids instanceof PDFArray)) return;
    for (const kid of kids.asArray()) {
      const field = reader.resolve(kid);
      if (!(field instanceof PDFDict) || visited.has(field)) continue;
      visited.add(field);
      const type = field.get(PDFName.of('FT'))?.toString() ?? inheritedType;
      if (type === '/Sig' && field.has(PDFName.of('V'))) count++;
      walk(reader.resolve(field.get(PDFName.of('Kids'))), type);
    }
  };
  walk(reader.resolve(form.acroForm.get(PDFName.of('Fields'))), undefined);

  return count;
}
