import type { PDFRef } from 'pdf-lib';

import { appendToArray } from './acro-form';
import type { IncrementalUpdate } from './incremental-writer';
import type { Box } from './page-geometry';
import type { PageNode } from './page-tree';
import type { PdfReader } from './pdf-reader';
import { textString } from './text-string';

/** What the visible signature field is made of. */
export interface SignatureFieldParts {
  name: string;
  page: PageNode;
  rect: Box;
  appearanceRef: PDFRef;
  signatureRef: PDFRef;
}

/** Print (bit 3) and Locked (bit 8): the seal prints and cannot be moved (ISO 32000-1 12.5.3). */
const PRINT_AND_LOCKED = 4 + 128;

/**
 * Adds a signature field merged with its widget annotation (ISO 32000-1 12.7.4.5, 12.5.6.19),
 * and lists the widget in the page's /Annots so viewers draw it.
 */
export function addSignatureField(
  update: IncrementalUpdate,
  reader: PdfReader,
  parts: SignatureFieldParts,
): PDFRef {
  const widget = reader.context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: textString(parts.name),
    V: parts.signatureRef,
    Rect: parts.rect,
    F: PRINT_AND_LOCKED,
    P: parts.page.ref,
    AP: { N: parts.appearanceRef },
  });
  const widgetRef = update.add(widget);
  addToPage(update, reader, parts.page, widgetRef);

  return widgetRef;
}

function addToPage(
  update: IncrementalUpdate,
  reader: PdfReader,
  page: PageNode,
  widget: PDFRef,
): void {
  const changed = appendToArray(update, reader, page.dict, 'Annots', widget);
  if (changed === 'dictionary') update.put(page.ref, page.dict);
}

/** One widget annotation of a signature field shown in several places. */
export interface SignatureWidgetParts {
  page: PageNode;
  rect: Box;
  appearanceRef: PDFRef;
}

/**
 * Adds a signature field whose /Kids are several widget annotations, each with its own
 * appearance (ISO 32000-1 12.7.1): one signature shown in several places, as a seal across the
 * edges of several pages is. One widget gives the merged field of `addSignatureField`.
 *
 * Each widget repeats the field's /FT and /V. Widgets without /T are "different representations
 * of the same underlying field" (12.7.3.2), so the values agree with what they inherit; poppler
 * and MuPDF look for the signature on the widget itself and report it unsigned otherwise.
 */
export function addSignatureFieldWithWidgets(
  update: IncrementalUpdate,
  reader: PdfReader,
  parts: Omit<SignatureFieldParts, 'page' | 'rect' | 'appearanceRef'>,
  widgets: SignatureWidgetParts[],
): PDFRef {
  if (widgets.length === 1) return addSignatureField(update, reader, { ...parts, ...widgets[0] });
  const kids = reader.context.obj([]);
  const fieldRef = update.add(
    reader.context.obj({ FT: 'Sig', T: textString(parts.name), V: parts.signatureRef, Kids: kids }),
  );
  for (const widget of widgets) {
    const kid = reader.context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      V: parts.signatureRef,
      Parent: fieldRef,
      Rect: widget.rect,
      F: PRINT_AND_LOCKED,
      P: widget.page.ref,
      AP: { N: widget.appearanceRef },
    });
    const kidRef = update.add(kid);
    kids.push(kidRef);
    addToPage(update, reader, widget.page, kidRef);
  }

  return fieldRef;
}
