import { PDFArray, type PDFDict, PDFName, PDFRef } from 'pdf-lib';

import { pdfErrors } from './pdf-error';
import type { PdfReader } from './pdf-reader';

/**
 * Every page of the document in order, found by walking the whole page tree (ISO 32000-1
 * 7.7.3.2). Unlike the descent to one page, this visits every node, so any loop in the tree is
 * found and refused: a viewer that renders such a file shows pages the tree never defines.
 */
export function allPages(reader: PdfReader): PDFRef[] {
  const catalog = reader.dict(reader.catalogRef(), 'document catalog');
  const root = catalog.get(PDFName.of('Pages'));
  if (!(root instanceof PDFRef)) throw pdfErrors.wrongType('catalog /Pages', 'a reference', 'none');
  const pages: PDFRef[] = [];
  const visited = new Set<number>();
  const stack: PDFRef[] = [root];
  while (stack.length > 0) {
    const ref = stack.pop()!;
    if (visited.has(ref.objectNumber)) throw pdfErrors.pageTreeLoop(ref.toString());
    visited.add(ref.objectNumber);
    const node = reader.dict(ref, `page tree node ${ref.toString()}`);
    const kids = reader.resolve(node.get(PDFName.of('Kids')));
    if (isLeaf(node) || !(kids instanceof PDFArray)) pages.push(ref);
    else stack.push(...kidRefs(kids).reverse());
  }

  return pages;
}

function isLeaf(node: PDFDict): boolean {
  const type = node.get(PDFName.of('Type'));

  return type instanceof PDFName ? type.asString() === '/Page' : !node.has(PDFName.of('Kids'));
}

function kidRefs(kids: PDFArray): PDFRef[] {
  return kids.asArray().filter((kid): kid is PDFRef => kid instanceof PDFRef);
}
