import { PDFArray, PDFBool, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

import { authenticate } from './password-keys';
import type { StandardSecurity } from './password-keys';
import { pdfErrors } from './pdf-error';
import { SecurityHandler } from './security-handler';
import type { CryptMethod } from './security-handler';

/** What a user may do with an encrypted document (ISO 32000-2 Table 22). */
export interface Permissions {
  /** The signed 32-bit /P value. */
  flags: number;
  print: boolean;
  modify: boolean;
  copy: boolean;
  annotate: boolean;
  /** Fill in form fields, signature fields included: bit 6, or bit 9 from revision 3. */
  fillFormsAndSign: boolean;
  assemble: boolean;
}

/** The encryption of a document as inspected. */
export interface EncryptionInfo {
  /** The security handler's /Filter: "Standard", or e.g. "Adobe.PubSec". */
  handler: string;
  version: number;
  revision: number;
  /** The empty password does not open the file. */
  userPasswordRequired: boolean;
  permissions: Permissions;
  /** Which password opened the file; absent when it could not be opened. */
  openedAs?: 'owner' | 'user';
}

/** The encryption of an opened document: its description and, once opened, its handler. */
export interface DocumentSecurity {
  info: EncryptionInfo;
  handler?: SecurityHandler;
}

type Resolve = (object: PDFObject | undefined) => PDFObject | undefined;

/**
 * Reads the encryption dictionary and opens the document with the password given, or else the
 * empty one. Only the standard security handler is supported: a public-key handler needs the
 * recipient's private key, which a signing service does not hold.
 */
export function openSecurity(
  encrypt: PDFDict,
  documentId: Buffer,
  resolve: Resolve,
  password: string | undefined,
): DocumentSecurity {
  const filter = resolve(encrypt.get(PDFName.of('Filter')));
  const handlerName = filter instanceof PDFName ? filter.decodeText() : 'unknown';
  const version = numberOf(resolve(encrypt.get(PDFName.of('V'))), 0);
  const revision = numberOf(resolve(encrypt.get(PDFName.of('R'))), 0);
  const flags = numberOf(resolve(encrypt.get(PDFName.of('P'))), 0) | 0;
  const info: EncryptionInfo = {
    handler: handlerName,
    version,
    revision,
    userPasswordRequired: true,
    permissions: permissionsOf(flags, revision),
  };
  const methods = handlerName === 'Standard' ? cryptMethods(encrypt, version, resolve) : undefined;
  if (!methods) return { info };
  const security = standardSecurity(encrypt, flags, revision, methods, documentId, resolve);
  info.userPasswordRequired = authenticate(security, '') === undefined;
  const opened = authenticate(security, password ?? '');
  if (!opened) return { info };
  info.openedAs = opened.as;
  const handler = new SecurityHandler(
    opened.fileKey,
    methods.strings,
    methods.streams,
    security.encryptMetadata,
  );

  return { info, handler };
}

function standardSecurity(
  encrypt: PDFDict,
  permissions: number,
  revision: number,
  methods: Methods,
  documentId: Buffer,
  resolve: Resolve,
): StandardSecurity {
  const bytes = (key: string) => bytesOf(resolve(encrypt.get(PDFName.of(key))));
  const metadata = resolve(encrypt.get(PDFName.of('EncryptMetadata')));
  const o = bytes('O');
  const u = bytes('U');
  if (!o || !u) throw pdfErrors.badEncryption('/O or /U is missing');

  return {
    revision,
    keyLength: revision === 2 ? 5 : methods.keyLength,
    o,
    u,
    oe: bytes('OE'),
    ue: bytes('UE'),
    permissions,
    documentId,
    encryptMetadata: metadata !== PDFBool.False,
  };
}

interface Methods {
  strings: CryptMethod;
  streams: CryptMethod;
  keyLength: number;
}

/** Versions 1, 2, 4 and 5 of the algorithm (Table 20); 3 is unpublished and refused. */
function cryptMethods(encrypt: PDFDict, version: number, resolve: Resolve): Methods | undefined {
  const bits = numberOf(resolve(encrypt.get(PDFName.of('Length'))), version === 4 ? 128 : 40);
  if (version === 1) return { strings: 'rc4', streams: 'rc4', keyLength: 5 };
  if (version === 2) return { strings: 'rc4', streams: 'rc4', keyLength: bits / 8 };
  if (version !== 4 && version !== 5) return undefined;
  const filters = resolve(encrypt.get(PDFName.of('CF')));
  const method = (key: string) =>
    filterMethod(filters, resolve(encrypt.get(PDFName.of(key))), resolve);
  const strings = method('StrF');
  const streams = method('StmF');
  if (!strings || !streams) return undefined;

  return { strings, streams, keyLength: version === 5 ? 32 : Math.min(16, bits / 8) };
}

/** A crypt filter by name (7.6.6): /Identity, or an entry of /CF whose /CFM is known. */
function filterMethod(
  filters: PDFObject | undefined,
  name: PDFObject | undefined,
  resolve: Resolve,
) {
  if (!(name instanceof PDFName) || name.decodeText() === 'Identity') return 'none';
  const filter = filters instanceof PDFDict ? resolve(filters.get(name)) : undefined;
  const cfm = filter instanceof PDFDict ? resolve(filter.get(PDFName.of('CFM'))) : undefined;
  const methods: Record<string, CryptMethod> = {
    None: 'none',
    V2: 'rc4',
    AESV2: 'aes128',
    AESV3: 'aes256',
  };

  return cfm instanceof PDFName ? methods[cfm.decodeText()] : undefined;
}

function permissionsOf(flags: number, revision: number): Permissions {
  const bit = (n: number) => (flags & (1 << (n - 1))) !== 0;

  return {
    flags,
    print: bit(3),
    modify: bit(4),
    copy: bit(5),
    annotate: bit(6),
    fillFormsAndSign: bit(6) || (revision >= 3 && bit(9)),
    assemble: revision >= 3 ? bit(11) : bit(4),
  };
}

/** The first element of the trailer /ID, which the keys of revisions 2 to 4 depend on. */
export function firstIdOf(id: PDFObject | undefined): Buffer {
  const first = id instanceof PDFArray ? id.get(0) : undefined;

  return bytesOf(first) ?? Buffer.alloc(0);
}

function bytesOf(value: PDFObject | undefined): Buffer | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString)
    return Buffer.from(value.asBytes());

  return undefined;
}

function numberOf(value: PDFObject | undefined, fallback: number): number {
  return value instanceof PDFNumber ? value.asNumber() : fallback;
}
