import {
  childrenOf,
  fromDer,
  isContext,
  isUniversal,
  oidOf,
  TAG,
  valueBytes,
  type Asn1,
} from '../asn1';
import { CERT_ID_HASHES, OCSP_OID, OcspRejection } from './ocsp-protocol';

/** One CertID (RFC 6960 §4.1.1), with the element kept so the response repeats it exactly. */
export interface CertId {
  /** node:crypto name of the hash, or undefined for an algorithm we do not know. */
  hash?: string;
  issuerNameHash: Buffer;
  issuerKeyHash: Buffer;
  /** Lower-case hex of the serial's magnitude, as `describeCertificate` writes it. */
  serialHex: string;
  element: Asn1;
}

/** An OCSPRequest as the responder needs it. */
export interface OcspRequest {
  certIds: CertId[];
  /** The nonce extension's extnValue, echoed back byte for byte (RFC 8954 §2.1). */
  nonce?: Buffer;
}

interface Extension {
  id: string;
  critical: boolean;
  value: Buffer;
}

/** RFC 8954 §2.1: a nonce is 1 to 32 octets; longer ones must be refused as malformedRequest. */
const MAX_NONCE_BYTES = 32;

const malformed = (detail: string) =>
  new OcspRejection('malformedRequest', `expected a DER OCSPRequest, ${detail}`);

/** Reads a DER OCSPRequest, or throws the rejection RFC 6960 §2.3 names for what is wrong. */
export function parseOcspRequest(der: Buffer): OcspRequest {
  let root: Asn1;
  try {
    root = fromDer(der);
  } catch (error) {
    throw malformed(`got bytes that do not parse: ${(error as Error).message}`);
  }
  const tbsRequest = isUniversal(root, TAG.SEQUENCE) ? childrenOf(root)[0] : undefined;
  if (!isUniversal(tbsRequest, TAG.SEQUENCE)) throw malformed('got no tbsRequest SEQUENCE');
  // A signature on the request (optionalSignature) is not checked: we answer anyone (§4.1.2).

  return parseTbsRequest(childrenOf(tbsRequest));
}

/** TBSRequest: [0] version, [1] requestorName, requestList, [2] requestExtensions. */
function parseTbsRequest(fields: Asn1[]): OcspRequest {
  let next = fields.shift();
  if (isContext(next, 0)) {
    const version = childrenOf(next)[0];
    if (!isUniversal(version, TAG.INTEGER) || !valueBytes(version).equals(Buffer.from([0]))) {
      throw malformed('got a version other than v1');
    }
    next = fields.shift();
  }
  if (isContext(next, 1)) next = fields.shift();
  if (!isUniversal(next, TAG.SEQUENCE)) throw malformed('got no requestList');
  const certIds = childrenOf(next).map(parseRequest);
  if (certIds.length === 0) throw malformed('got an empty requestList');
  next = fields.shift();
  const extensions = isContext(next, 2) ? parseExtensions(childrenOf(next)[0]) : [];
  if (isContext(next, 2)) next = fields.shift();
  if (next !== undefined) throw malformed('got an unexpected field after requestList');

  return { certIds, nonce: nonceOf(extensions) };
}

/** Request: reqCert, then [0] singleRequestExtensions, none of which we act on. */
function parseRequest(request: Asn1): CertId {
  const [reqCert, extensions] = isUniversal(request, TAG.SEQUENCE) ? childrenOf(request) : [];
  if (isContext(extensions, 0)) parseExtensions(childrenOf(extensions)[0]);

  return parseCertId(reqCert);
}

function parseCertId(node: Asn1 | undefined): CertId {
  const [algorithm, nameHash, keyHash, serial] = isUniversal(node, TAG.SEQUENCE)
    ? childrenOf(node)
    : [];
  const algorithmOid = isUniversal(algorithm, TAG.SEQUENCE) ? childrenOf(algorithm)[0] : undefined;
  if (
    !isUniversal(algorithmOid, TAG.OID) ||
    !isUniversal(nameHash, TAG.OCTET_STRING) ||
    !isUniversal(keyHash, TAG.OCTET_STRING) ||
    !isUniversal(serial, TAG.INTEGER)
  ) {
    throw malformed('got a CertID that is not hashAlgorithm, two hashes and a serial number');
  }

  return {
    hash: CERT_ID_HASHES[oidOf(algorithmOid)],
    issuerNameHash: valueBytes(nameHash),
    issuerKeyHash: valueBytes(keyHash),
    serialHex: serialHex(valueBytes(serial)),
    element: node as Asn1,
  };
}

/** Drops the sign octet(s), so the hex matches the one stored for the certificate. */
export function serialHex(content: Buffer): string {
  let start = 0;
  while (start < content.length - 1 && content[start] === 0) start++;

  return content.subarray(start).toString('hex');
}

/**
 * Extensions we do not understand are ignored unless marked critical, which RFC 6960 §4.4 says
 * they SHOULD NOT be; a critical one we cannot honour makes the request one we cannot answer.
 */
function parseExtensions(node: Asn1 | undefined): Extension[] {
  if (!isUniversal(node, TAG.SEQUENCE)) throw malformed('got malformed Extensions');
  const extensions = childrenOf(node).map(parseExtension);
  const unknown = extensions.find((e) => e.critical && e.id !== OCSP_OID.nonce);
  if (unknown) throw malformed(`got the unsupported critical extension ${unknown.id}`);

  return extensions;
}

function parseExtension(node: Asn1): Extension {
  const [id, second, third] = isUniversal(node, TAG.SEQUENCE) ? childrenOf(node) : [];
  const critical = isUniversal(second, TAG.BOOLEAN) && valueBytes(second)[0] !== 0;
  const value = isUniversal(second, TAG.BOOLEAN) ? third : second;
  if (!isUniversal(id, TAG.OID) || !isUniversal(value, TAG.OCTET_STRING)) {
    throw malformed('got an Extension that is not extnID and extnValue');
  }

  return { id: oidOf(id), critical, value: valueBytes(value) };
}

function nonceOf(extensions: Extension[]): Buffer | undefined {
  const nonce = extensions.find((e) => e.id === OCSP_OID.nonce)?.value;
  if (nonce === undefined) return undefined;
  if (nonce.length === 0 || nonceLength(nonce) > MAX_NONCE_BYTES) {
    throw malformed(`got a nonce of ${nonceLength(nonce)} octets, expected 1 to 32`);
  }

  return nonce;
}

/** RFC 8954 wraps the nonce in an OCTET STRING; some old clients sent the bare octets. */
function nonceLength(extnValue: Buffer): number {
  try {
    const inner = fromDer(extnValue);
    if (isUniversal(inner, TAG.OCTET_STRING)) return valueBytes(inner).length;
  } catch {
    // Not DER: the bare octets are the nonce.
  }

  return extnValue.length;
}
