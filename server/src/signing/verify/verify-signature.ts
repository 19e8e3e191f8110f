import { createHash } from 'node:crypto';
import { PDFName, PDFString, PDFHexString } from 'pdf-lib';

import type { ByteRange } from '../byte-range';
import { decodeText } from '../text-string';
import { buildPath, evaluateTrust } from './chain';
import type { TrustReport } from './chain';
import type { Certificate } from './certificate';
import { parseSignedData } from './cms';
import type { DocumentContext } from './document-context';
import { checkByteRange, readByteRange, readContents } from './byte-range-checks';
import type { ByteRangeChecks } from './byte-range-checks';
import { findModifications } from './modifications';
import type { ChangePermission, Modification } from './modifications';
import { nameIn } from './pdf-values';
import type { IntegrityReport, SignatureVerification, TimestampFacts } from './report';
import { checkRevocation } from './revocation';
import type { SignedField } from './signature-fields';
import { checkSigner, failed, passed, signatureTimestampTokens } from './signer-check';
import type { Check } from './signer-check';
import { checkTimestamp } from './timestamp';
import type { TimestampReport } from './timestamp';
import { judge } from './verdict';

/** The cryptographic part of a signature: who signed, whether the bytes match, when. */
interface CryptoFindings {
  digest: Check;
  signature: Check;
  signingCertificate: Check;
  certificate?: Certificate;
  embedded: Certificate[];
  timestamp?: TimestampReport;
}

/** Verifies one signature field of the document in every respect the report names. */
export function verifySignature(
  doc: DocumentContext,
  field: SignedField,
  permission: ChangePermission,
): SignatureVerification {
  const dict = field.signature;
  const base = describeField(doc, field);
  const byteRange = readByteRange(dict);
  const contents = readContents(dict);
  if (!byteRange || !contents) return unreadable(base, permission, byteRange);
  const parts = signedParts(doc.pdf, byteRange);
  const ranges = checkByteRange(doc.pdf, byteRange, contents);
  const found =
    base.kind === 'documentTimestamp'
      ? timestampFindings(contents, parts)
      : cmsFindings(contents, parts, base.subFilter, doc);
  const integrity = integrityOf(ranges, found, byteRange, doc.pdf.length);
  const timestamp = found.timestamp && timestampFacts(doc, found.timestamp);
  const validation = validationTime(doc, base.claimedSigningTime, found.timestamp);
  const path =
    found.certificate &&
    buildPath(found.certificate, [...found.embedded, ...doc.pool], doc.anchors);
  const trust = path && evaluateTrust(path, validation.time, validation.source, doc.now);
  const revocation = path && checkRevocation(path, doc.crls, validation.time);
  const modifications = changesAfter(doc, byteRange, permission);
  const partial = {
    ...base,
    byteRange,
    signer: found.certificate?.facts,
    chain: path?.certificates.map((cert) => cert.facts) ?? [],
    integrity,
    timestamp,
    trust,
    revocation,
    level: levelOf(base.subFilter, base.kind, found, doc, contents),
    changePermission: permission,
    modifications,
  };

  return { ...partial, ...judge(partial, found.certificate !== undefined) };
}

type FieldFacts = Pick<
  SignatureVerification,
  | 'fieldName'
  | 'subFilter'
  | 'kind'
  | 'page'
  | 'signerName'
  | 'reason'
  | 'location'
  | 'claimedSigningTime'
>;

function describeField(doc: DocumentContext, field: SignedField): FieldFacts {
  const dict = field.signature;
  const text = (key: string) => decodeText(doc.reader.resolve(dict.get(PDFName.of(key))));
  const subFilter = nameIn(dict, 'SubFilter');
  const isTimestamp = nameIn(dict, 'Type') === 'DocTimeStamp' || subFilter === 'ETSI.RFC3161';

  return {
    fieldName: field.fieldName,
    subFilter,
    kind: isTimestamp
      ? 'documentTimestamp'
      : doc.docMdpPermission(field)
        ? 'certification'
        : 'approval',
    page: field.page,
    signerName: text('Name'),
    reason: text('Reason'),
    location: text('Location'),
    claimedSigningTime: claimedTime(dict.get(PDFName.of('M'))),
  };
}

function claimedTime(value: unknown): Date | undefined {
  if (!(value instanceof PDFString || value instanceof PDFHexString)) return undefined;
  try {
    return value.decodeDate();
  } catch {
    return undefined;
  }
}

/** The two signed ranges, clamped to the file so that a lying ByteRange cannot throw. */
function signedParts(pdf: Buffer, [a, b, c, d]: ByteRange): Buffer[] {
  return [pdf.subarray(a, a + b), pdf.subarray(c, c + d)];
}

function cmsFindings(
  contents: Buffer,
  parts: Buffer[],
  subFilter: string | undefined,
  doc: DocumentContext,
): CryptoFindings {
  try {
    const signed = parseSignedData(contents);
    const sha1Wrapped = subFilter === 'adbe.pkcs7.sha1' && signed.content !== undefined;
    // adbe.pkcs7.sha1 (ISO 32000-1 12.8.3.3.1) signs the SHA-1 of the ranges as encapsulated data.
    const checked = checkSigner(signed, sha1Wrapped ? [signed.content!] : parts, doc.pool);
    const digest = sha1Wrapped
      ? sha1Matches(signed.content!, parts, checked.digest)
      : checked.digest;
    const token = signatureTimestampTokens(checked.signerInfo)[0];

    return {
      digest,
      signature: checked.signature,
      signingCertificate: checked.signingCertificate,
      certificate: checked.certificate,
      embedded: signed.certificates,
      timestamp: token ? checkTimestamp(token, [checked.signerInfo.signature]) : undefined,
    };
  } catch (error) {
    return unreadableCms(error);
  }
}

function sha1Matches(content: Buffer, parts: Buffer[], digest: Check): Check {
  const hash = createHash('sha1');
  parts.forEach((part) => hash.update(part));
  if (!hash.digest().equals(content))
    return failed('the encapsulated SHA-1 differs from the signed bytes');

  return digest;
}

/** A document timestamp (ISO 32000-2 12.8.5): the token's imprint covers the ranges. */
function timestampFindings(contents: Buffer, parts: Buffer[]): CryptoFindings {
  const token = checkTimestamp(contents, parts);

  return {
    digest: token.imprint,
    signature: token.signature,
    signingCertificate: passed,
    certificate: token.certificate,
    embedded: token.certificates,
    timestamp: token,
  };
}

function unreadableCms(error: unknown): CryptoFindings {
  const reason = failed(`the signature cannot be parsed as CMS: ${(error as Error).message}`);

  return { digest: reason, signature: reason, signingCertificate: reason, embedded: [] };
}

function integrityOf(
  ranges: ByteRangeChecks,
  found: CryptoFindings,
  byteRange: ByteRange,
  fileLength: number,
): IntegrityReport {
  const checks = [found.digest, found.signature, ranges.startsAtZero, ranges.holeIsContents];
  checks.push(ranges.contiguous, ranges.endsAtEof);

  return {
    ok: checks.every((check) => check.ok),
    digest: found.digest,
    signature: found.signature,
    byteRangeStartsAtZero: ranges.startsAtZero,
    holeIsContents: ranges.holeIsContents,
    rangesContiguous: ranges.contiguous,
    revisionEndsAtEof: ranges.endsAtEof,
    coversWholeDocument: byteRange[2] + byteRange[3] === fileLength,
  };
}

function timestampFacts(doc: DocumentContext, token: TimestampReport): TimestampFacts {
  const path =
    token.certificate &&
    buildPath(token.certificate, [...token.certificates, ...doc.pool], doc.anchors);

  return {
    genTime: token.genTime,
    tsaName: token.tsaName,
    imprintMatches: token.imprint,
    signatureValid: token.signature,
    trusted: path?.anchored ?? false,
  };
}

/** The time a chain is judged at: a verified timestamp, else the claimed /M, else now. */
function validationTime(
  doc: DocumentContext,
  claimed: Date | undefined,
  token: TimestampReport | undefined,
): { time: Date; source: TrustReport['validationTimeSource'] } {
  if (token?.genTime && token.imprint.ok && token.signature.ok)
    return { time: token.genTime, source: 'timestamp' };
  if (claimed) return { time: claimed, source: 'claimed' };

  return { time: doc.now, source: 'now' };
}

function changesAfter(
  doc: DocumentContext,
  [, , c, d]: ByteRange,
  permission: ChangePermission,
): Modification[] {
  const end = c + d;
  if (end >= doc.pdf.length) return [];
  const signed = doc.revisionEndingAt(end);
  if (!signed) {
    return [
      {
        objectNumber: 0,
        change: 'changed',
        category: 'other',
        allowed: false,
        detail: `the revision ending at byte ${end} cannot be read`,
      },
    ];
  }

  return findModifications(signed, doc.final, permission);
}

/**
 * PAdES baseline levels (ETSI EN 319 142-1 6.3): B-B needs ETSI.CAdES.detached with an ESS
 * signing-certificate attribute; B-T a signature timestamp; B-LT a DSS with validation data.
 * B-LTA (a document timestamp over the DSS) is decided once all signatures are known.
 */
function levelOf(
  subFilter: string | undefined,
  kind: SignatureVerification['kind'],
  found: CryptoFindings,
  doc: DocumentContext,
  contents: Buffer,
): SignatureVerification['level'] {
  if (kind === 'documentTimestamp' || subFilter !== 'ETSI.CAdES.detached') return 'NONE';
  if (!found.signingCertificate.ok) return 'NONE';
  if (!found.timestamp) return 'B-B';
  const vri = [contents, trimDer(contents)].map((bytes) =>
    createHash('sha1').update(bytes).digest('hex').toUpperCase(),
  );
  const dss = doc.dss;
  const hasVri = vri.some((key) => dss?.vriKeys.has(key));
  const hasMaterial = dss && (hasVri || dss.crls.length + dss.ocsps.length > 0);

  return hasMaterial ? 'B-LT' : 'B-T';
}

/** The DER signature without the zero padding of its /Contents hole. */
function trimDer(contents: Buffer): Buffer {
  if (contents[0] !== 0x30 || contents.length < 2) return contents;
  const lengthByte = contents[1];
  if (lengthByte < 0x80) return contents.subarray(0, 2 + lengthByte);
  const octets = lengthByte & 0x7f;
  const length = contents.readUIntBE(2, octets);

  return contents.subarray(0, Math.min(contents.length, 2 + octets + length));
}

function unreadable(
  base: FieldFacts,
  permission: ChangePermission,
  byteRange: ByteRange | undefined,
): SignatureVerification {
  const reason = failed(
    byteRange
      ? 'the signature dictionary has no /Contents string'
      : 'the signature dictionary has no /ByteRange of four integers',
  );
  const integrity: IntegrityReport = {
    ok: false,
    digest: reason,
    signature: reason,
    byteRangeStartsAtZero: reason,
    holeIsContents: reason,
    rangesContiguous: reason,
    revisionEndsAtEof: reason,
    coversWholeDocument: false,
  };

  return {
    ...base,
    byteRange,
    chain: [],
    integrity,
    level: 'NONE',
    changePermission: permission,
    modifications: [],
    verdict: 'INVALID',
    reasons: [reason.reason!],
  };
}
