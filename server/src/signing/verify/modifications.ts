import { PDFName, PDFRef } from 'pdf-lib';
import type { PDFDict, PDFObject } from 'pdf-lib';

import type { PdfReader } from '../pdf-reader';
import type { XrefIndex } from '../xref-reader';
import { readDss } from './dss';
import { objectRoles } from './object-roles';
import type { ObjectRole } from './object-roles';
import { arrayItems, changedKeys, dictOf, nameIn, sameValue } from './pdf-values';

/** What kind of change an object underwent, which decides whether it is permitted. */
export type ChangeCategory =
  | 'newObject'
  | 'structure'
  | 'dss'
  | 'documentTimestamp'
  | 'signature'
  | 'formFill'
  | 'info'
  | 'metadata'
  | 'annotationAdded'
  | 'fieldAdded'
  | 'annotationChanged'
  | 'pageContent'
  | 'other';

/** One object added, changed or deleted by a revision after the signature. */
export interface Modification {
  objectNumber: number;
  change: 'added' | 'changed' | 'deleted';
  category: ChangeCategory;
  allowed: boolean;
  detail: string;
}

/** DocMDP permission (ISO 32000-1 12.8.2.2, Table 254), or 'none' for an uncertified document. */
export type ChangePermission = 1 | 2 | 3 | 'none';

/**
 * Which categories each permission admits. P=1 still admits the DSS and document timestamps,
 * which ETSI EN 319 142-1 5.4 (B-LT, B-LTA) adds to certified documents as incremental updates;
 * P=2 adds form filling and signing; P=3 also annotations. An uncertified document admits
 * adding fields and annotations but not changing or removing existing annotations.
 */
const PERMITTED: Record<ChangeCategory, ChangePermission[]> = {
  newObject: [1, 2, 3, 'none'],
  structure: [1, 2, 3, 'none'],
  dss: [1, 2, 3, 'none'],
  documentTimestamp: [1, 2, 3, 'none'],
  signature: [2, 3, 'none'],
  formFill: [2, 3, 'none'],
  info: [2, 3, 'none'],
  metadata: [2, 3, 'none'],
  annotationAdded: [3, 'none'],
  fieldAdded: ['none'],
  annotationChanged: [3],
  pageContent: [],
  other: [],
};

/** A revision opened for comparison: its reader and its cross-reference chain. */
export interface RevisionView {
  reader: PdfReader;
  xref: XrefIndex;
}

/** Lists and judges every object that revisions after `signed` added, changed or deleted. */
export function findModifications(
  signed: RevisionView,
  final: RevisionView,
  permission: ChangePermission,
): Modification[] {
  const roles = objectRoles(signed.reader);
  const dss = readDss(final.reader)?.objectNumbers ?? new Set<number>();
  const judge = new ChangeJudge(signed.reader, final.reader, roles, dss);
  const changes: Modification[] = [];
  if (!sameValue(signed.reader.catalogRef(), final.reader.catalogRef())) {
    changes.push(
      entry(0, 'changed', ['other', 'the trailer names a different catalog'], permission),
    );
  }
  for (const objectNumber of touchedObjects(signed.xref, final.xref)) {
    const verdict = judge.classify(objectNumber);
    if (verdict) changes.push(entry(objectNumber, verdict.change, verdict.why, permission));
  }

  return changes;
}

function entry(
  objectNumber: number,
  change: Modification['change'],
  [category, detail]: Why,
  permission: ChangePermission,
): Modification {
  return {
    objectNumber,
    change,
    category,
    allowed: PERMITTED[category].includes(permission),
    detail,
  };
}

/** Object numbers listed in the sections that the later revisions appended. */
function touchedObjects(signed: XrefIndex, final: XrefIndex): number[] {
  const added = final.sections.slice(
    0,
    Math.max(0, final.sections.length - signed.sections.length),
  );
  const numbers = new Set<number>();
  for (const section of added) {
    for (let n = 1; n < section.end; n++) if (section.lookup(n)) numbers.add(n);
  }

  return [...numbers].sort((a, b) => a - b);
}

type Why = [ChangeCategory, string];

/** Ranks categories from the most to the least permitted, to report the worst of several. */
const STRICTNESS = Object.keys(PERMITTED) as ChangeCategory[];

function worst(whys: Why[]): Why {
  return whys.reduce((a, b) => (STRICTNESS.indexOf(b[0]) > STRICTNESS.indexOf(a[0]) ? b : a));
}

/** Decides the category of each touched object from its role in the signed revision. */
class ChangeJudge {
  constructor(
    private readonly before: PdfReader,
    private readonly after: PdfReader,
    private readonly roles: Map<number, ObjectRole>,
    private readonly dssObjects: Set<number>,
  ) {}

  classify(n: number): { change: Modification['change']; why: Why } | undefined {
    const ref = PDFRef.of(n, 0);
    const old = this.before.lookup(ref);
    const now = this.after.lookup(ref);
    if (old === undefined && now === undefined) return undefined;
    if (old === undefined) return { change: 'added', why: this.added(now!) };
    if (now === undefined) return { change: 'deleted', why: this.deleted(n, old) };
    if (sameValue(old, now)) return undefined;

    return { change: 'changed', why: this.changed(n, old, now) };
  }

  private added(value: PDFObject): Why {
    const dict = dictOf(value);
    if (!dict) return ['newObject', 'new object'];
    if (isStructure(dict)) return ['structure', `new /${nameIn(dict, 'Type')}`];
    const signature = signatureCategory(this.after, dict);
    if (signature)
      return [
        signature,
        `new ${signature === 'signature' ? 'signature' : 'document timestamp'} dictionary`,
      ];
    if (dict.has(PDFName.of('FT')) || nameIn(dict, 'Subtype') === 'Widget')
      return this.newField(value);
    if (nameIn(dict, 'Type') === 'Annot' || nameIn(dict, 'Subtype')) {
      if (dict.has(PDFName.of('Rect')))
        return ['annotationAdded', `new /${nameIn(dict, 'Subtype')} annotation`];
    }

    return ['newObject', 'new object'];
  }

  private deleted(n: number, old: PDFObject): Why {
    const dict = dictOf(old);
    if (dict && isStructure(dict)) return ['structure', 'freed structural stream'];

    return ['other', `object ${n} (${this.roles.get(n) ?? 'unreferenced'}) was deleted`];
  }

  private changed(n: number, old: PDFObject, now: PDFObject): Why {
    const [a, b] = [dictOf(old), dictOf(now)];
    if (a && b && isStructure(a) && isStructure(b))
      return ['structure', 'rewritten structural stream'];
    if (this.isDssObject(n)) return ['dss', 'DSS updated'];
    const role = this.roles.get(n);
    switch (role) {
      case 'fieldsArray':
        return this.listDiff(old, now, 'Fields');
      case 'annotsArray':
        return this.listDiff(old, now, 'Annots');
      case 'info':
        return ['info', 'document information dictionary updated'];
      case 'metadata':
        return ['metadata', 'XMP metadata updated'];
      case 'pageContent':
        return ['pageContent', 'page content or resources rewritten'];
      case 'appearance':
        return ['formFill', 'field appearance stream rewritten'];
      case 'annotation':
        return ['annotationChanged', `annotation changed (${keysOf(a, b)})`];
      default:
        return a && b ? this.changedDict(role, a, b) : ['other', `${role ?? 'object'} changed`];
    }
  }

  private changedDict(role: ObjectRole | undefined, a: PDFDict, b: PDFDict): Why {
    const keys = changedKeys(a, b);
    const each = keys.map((key): Why => this.changedKey(role, key, a, b));

    return each.length ? worst(each) : ['other', 'changed'];
  }

  private changedKey(role: ObjectRole | undefined, key: string, a: PDFDict, b: PDFDict): Why {
    const [old, now] = [a.get(PDFName.of(key)), b.get(PDFName.of(key))];
    if (role === 'catalog') return catalogKey(key, () => this.dictDiff('acroForm', old, now));
    if (role === 'acroForm') {
      if (key === 'Fields') return this.listDiff(old, now, 'Fields');
      if (key === 'SigFlags') return ['signature', 'AcroForm /SigFlags set'];
      if (['DR', 'DA', 'NeedAppearances'].includes(key))
        return ['formFill', `AcroForm /${key} changed`];
    }
    if (role === 'page') {
      if (key === 'Annots') return this.listDiff(old, now, 'Annots');

      return ['pageContent', `page /${key} changed`];
    }
    if (role === 'field') return this.fieldKey(key, b);

    return ['other', `${role ?? 'object'} /${key} changed`];
  }

  private dictDiff(role: ObjectRole, old: PDFObject | undefined, now: PDFObject | undefined): Why {
    const [a, b] = [dictOf(old), dictOf(now)];
    if (old instanceof PDFRef || !a || !b) return ['signature', `/${role} added or replaced`];

    return this.changedDict(role, a, b);
  }

  /** Filling a field or signing an empty signature field touches only its value and looks. */
  private fieldKey(key: string, field: PDFDict): Why {
    const isSig = nameIn(field, 'FT') === 'Sig';
    if (isSig && SIGNING_KEYS.includes(key)) {
      const value = dictOf(this.after.resolve(field.get(PDFName.of('V'))));
      const kind = value ? (signatureCategory(this.after, value) ?? 'signature') : 'signature';

      return [kind, `signature field /${key} set`];
    }
    if (['V', 'AS', 'AP', 'MK', 'Ff'].includes(key)) return ['formFill', `field /${key} changed`];

    return ['annotationChanged', `field or widget /${key} changed`];
  }

  /** An array of fields or annotations: removals are changes, additions judged by what is added. */
  private listDiff(old: PDFObject | undefined, now: PDFObject | undefined, what: string): Why {
    const before = arrayItems(this.before, old);
    const after = arrayItems(this.after, now);
    const kept = (item: PDFObject) => after.some((candidate) => sameValue(candidate, item));
    const removed = before.filter((item) => !kept(item));
    const whys: Why[] = removed.map((item) => [
      'annotationChanged',
      `${describeItem(item)} removed from /${what}`,
    ]);
    const added = after.filter((item) => !before.some((candidate) => sameValue(candidate, item)));
    added.forEach((item) => whys.push(this.newField(item, what)));

    return whys.length ? worst(whys) : ['formFill', `/${what} reordered`];
  }

  /** A field or annotation that a later revision added, as an object or to a list. */
  private newField(item: PDFObject, where?: string): Why {
    const dict = dictOf(this.after.resolve(item));
    const what = describeItem(item);
    const place = where ? ` added to /${where}` : '';
    if (!dict) return ['other', `${what}${place} is not a dictionary`];
    if (isSignatureField(this.after, dict)) {
      const value = dictOf(this.after.resolve(inherited(this.after, dict, 'V')));
      const kind = value ? (signatureCategory(this.after, value) ?? 'signature') : 'signature';

      return [kind, `signature field ${what}${place}`];
    }
    if (dict.has(PDFName.of('FT')) || nameIn(dict, 'Subtype') === 'Widget') {
      return ['fieldAdded', `form field ${what}${place}`];
    }

    return ['annotationAdded', `/${nameIn(dict, 'Subtype')} annotation ${what}${place}`];
  }

  private isDssObject(n: number): boolean {
    return this.dssObjects.has(n);
  }
}

/**
 * Keys a signer sets when it signs an existing empty signature field: the value, the looks, the
 * print/lock flags and the lock and seed-value dictionaries (ISO 32000-1 12.7.4.5, Table 232).
 */
const SIGNING_KEYS = ['V', 'AP', 'AS', 'F', 'MK', 'DA', 'Lock', 'SV'];

function describeItem(item: PDFObject): string {
  return item instanceof PDFRef ? `object ${item.objectNumber}` : 'a direct object';
}

function catalogKey(key: string, acroForm: () => Why): Why {
  if (key === 'DSS') return ['dss', 'catalog /DSS set'];
  if (key === 'Extensions') return ['structure', 'catalog /Extensions set'];
  if (key === 'AcroForm') return acroForm();
  if (key === 'Metadata') return ['metadata', 'catalog /Metadata changed'];

  return ['other', `catalog /${key} changed`];
}

function keysOf(a: PDFDict | undefined, b: PDFDict | undefined): string {
  return a && b
    ? changedKeys(a, b)
        .map((key) => `/${key}`)
        .join(' ')
    : 'replaced';
}

function isStructure(dict: PDFDict): boolean {
  return ['ObjStm', 'XRef'].includes(nameIn(dict, 'Type') ?? '');
}

/** A signature dictionary (ISO 32000-1 Table 252) or a document timestamp (ISO 32000-2 12.8.5). */
function signatureCategory(reader: PdfReader, dict: PDFDict): ChangeCategory | undefined {
  const type = nameIn(dict, 'Type');
  const subFilter = nameIn(dict, 'SubFilter');
  if (type === 'DocTimeStamp' || subFilter === 'ETSI.RFC3161') return 'documentTimestamp';
  if (
    type === 'Sig' ||
    (dict.has(PDFName.of('ByteRange')) && reader.resolve(dict.get(PDFName.of('Contents'))))
  ) {
    return 'signature';
  }

  return undefined;
}

function isSignatureField(reader: PdfReader, dict: PDFDict): boolean {
  const type = inherited(reader, dict, 'FT');

  return type instanceof PDFName && type.decodeText() === 'Sig';
}

/** An inheritable field attribute: the field's own, else its ancestors' (ISO 32000-1 12.7.3.1). */
function inherited(reader: PdfReader, dict: PDFDict, key: string): PDFObject | undefined {
  let node: PDFDict | undefined = dict;
  for (let depth = 0; node && depth < 16; depth++) {
    const value = node.get(PDFName.of(key));
    if (value !== undefined) return value;
    node = dictOf(reader.resolve(node.get(PDFName.of('Parent'))));
  }

  return undefined;
}
