import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import { pdfErrors } from './pdf-error';
import { describe } from './pdf-reader';
import type { PdfReader } from './pdf-reader';

/** Attributes a page inherits from its ancestors (ISO 32000-1 7.7.3.4, Table 30). */
const INHERITABLE = ['MediaBox', 'CropBox', 'Rotate', 'Resources'] as const;
export type InheritedKey = (typeof INHERITABLE)[number];

/** A page object found through the page tree, with the values it inherits. */
export interface PageNode {
  ref: PDFRef;
  dict: PDFDict;
  /** The page's own value if it has one, else the nearest ancestor's. */
  attribute(key: InheritedKey): PDFObject | undefined;
}

/** The number of pages as the root of the page tree counts them. */
export function countPages(reader: PdfReader): number {
  const count = pagesRoot(reader).dict.get(PDFName.of('Count'));

  return count instanceof PDFNumber ? count.asNumber() : 0;
}

/**
 * Finds page `pageNumber` (1-based) by descending the page tree, skipping whole subtrees by their
 * /Count so that the cost grows with the depth of the tree, not with the number of pages.
 */
export function findPage(reader: PdfReader, pageNumber: number): PageNode {
  const total = countPages(reader);
  if (!Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > total) {
    throw pdfErrors.pageOutOfRange(pageNumber, total);
  }
  const visited = new Set<number>();
  const inherited = new Map<InheritedKey, PDFObject>();
  let node = pagesRoot(reader);
  let remaining = pageNumber;
  for (;;) {
    visit(visited, node.ref);
    inherit(inherited, node.dict);
    const next = descend(reader, node, remaining, visited);
    if (next.isLeaf) return pageNode(next.ref, next.dict, inherited);
    [node, remaining] = [next, next.remaining];
  }
}

interface TreeNode {
  ref: PDFRef;
  dict: PDFDict;
}

interface Step extends TreeNode {
  isLeaf: boolean;
  remaining: number;
}

function pagesRoot(reader: PdfReader): TreeNode {
  const catalog = reader.dict(reader.catalogRef(), 'document catalog');
  const ref = catalog.get(PDFName.of('Pages'));
  if (!(ref instanceof PDFRef))
    throw pdfErrors.wrongType('catalog /Pages', 'a reference', describe(ref));

  return { ref, dict: reader.dict(ref, 'page tree root') };
}

/** Picks the kid that holds the wanted page, counting a leaf as one page and a node by /Count. */
function descend(reader: PdfReader, node: TreeNode, wanted: number, visited: Set<number>): Step {
  const kids = kidsOf(reader, node);
  const direct = directKid(reader, node, kids, wanted);
  if (direct) return direct;
  let remaining = wanted;
  for (const kid of kids) {
    const dict = reader.dict(kid, `kid ${kid.toString()} of page tree node ${node.ref.toString()}`);
    const isLeaf = !isIntermediate(dict);
    const pages = isLeaf ? 1 : countOf(reader, dict);
    if (remaining <= pages) return { ref: kid, dict, isLeaf, remaining };
    visit(visited, kid);
    remaining -= pages;
  }
  throw pdfErrors.pageOutOfRange(wanted, wanted - remaining);
}

/**
 * When a node counts as many pages as it has kids, each kid is normally one page, so the wanted
 * page is read directly instead of parsing every sibling before it. The guess is confirmed on
 * the kid itself; anything unexpected falls back to counting.
 */
function directKid(
  reader: PdfReader,
  node: TreeNode,
  kids: PDFRef[],
  wanted: number,
): Step | undefined {
  if (countOf(reader, node.dict) !== kids.length) return undefined;
  const ref = kids[wanted - 1];
  const dict = reader.resolve(ref);
  if (!(dict instanceof PDFDict)) return undefined;
  const isLeaf = !isIntermediate(dict);
  if (!isLeaf && countOf(reader, dict) !== 1) return undefined;

  return { ref, dict, isLeaf, remaining: 1 };
}

function kidsOf(reader: PdfReader, node: TreeNode): PDFRef[] {
  const kids = reader.resolve(node.dict.get(PDFName.of('Kids')));
  if (!(kids instanceof PDFArray))
    throw pdfErrors.wrongType(`/Kids of ${node.ref.toString()}`, 'an array', describe(kids));

  return kids.asArray().filter((kid): kid is PDFRef => kid instanceof PDFRef);
}

/** A node with /Kids is an intermediate node even when its /Type is missing or wrong. */
function isIntermediate(dict: PDFDict): boolean {
  const type = dict.get(PDFName.of('Type'));
  if (type instanceof PDFName) return type.asString() === '/Pages';

  return dict.has(PDFName.of('Kids'));
}

function countOf(reader: PdfReader, dict: PDFDict): number {
  const count = reader.resolve(dict.get(PDFName.of('Count')));

  return count instanceof PDFNumber ? count.asNumber() : 0;
}

function visit(visited: Set<number>, ref: PDFRef): void {
  if (visited.has(ref.objectNumber)) throw pdfErrors.pageTreeLoop(ref.toString());
  visited.add(ref.objectNumber);
}

function inherit(inherited: Map<InheritedKey, PDFObject>, dict: PDFDict): void {
  for (const key of INHERITABLE) {
    const value = dict.get(PDFName.of(key));
    if (value !== undefined) inherited.set(key, value);
  }
}

function pageNode(ref: PDFRef, dict: PDFDict, inherited: Map<InheritedKey, PDFObject>): PageNode {
  return {
    ref,
    dict,
    attribute: (key) => dict.get(PDFName.of(key)) ?? inherited.get(key),
  };
}
