import { bytesOf, children, isContext, nameToString, oidOf, parseDer, timeOf, T } from './asn1';
import type { Asn1 } from './asn1';
import type { Certificate } from './certificate';
import { CMS_OID, parseSignedData } from './cms';
import { checkSigner, digestOf, failed, passed } from './signer-check';
import type { Check } from './signer-check';
import { DIGESTS } from './signature-algorithm';

/** What a timestamp token (RFC 3161) says and whether it holds. */
export interface TimestampReport {
  genTime?: Date;
  /** The TSA as the token names it, else the subject of the certificate that signed it. */
  tsaName?: string;
  /** The messageImprint is the digest of what the token should cover. */
  imprint: Check;
  /** The token's own CMS signature verifies. */
  signature: Check;
  /** The TSA certificate, for building its chain. */
  certificate?: Certificate;
  certificates: Certificate[];
}

/** Checks a timestamp token against the bytes it should timestamp, given as parts. */
export function checkTimestamp(token: Buffer, covered: Buffer[]): TimestampReport {
  try {
    const signed = parseSignedData(token);
    if (signed.contentType !== CMS_OID.tstInfo || !signed.content) {
      throw new Error('the token does not hold a TSTInfo');
    }
    const info = parseTstInfo(signed.content);
    const signer = checkSigner(signed, [signed.content]);
    const signature = signer.digest.ok ? signer.signature : signer.digest;

    return {
      genTime: info.genTime,
      tsaName: info.tsaName ?? signer.certificate?.subject,
      imprint: checkImprint(info, covered),
      signature,
      certificate: signer.certificate,
      certificates: signed.certificates,
    };
  } catch (error) {
    const reason = failed(`the timestamp token cannot be read: ${(error as Error).message}`);

    return { imprint: reason, signature: reason, certificates: [] };
  }
}

interface TstInfo {
  hashAlgorithm: string;
  hashedMessage: Buffer;
  genTime: Date;
  tsaName?: string;
}

/** TSTInfo (RFC 3161 2.4.2): version, policy, messageImprint, serialNumber, genTime, ... tsa [0]. */
function parseTstInfo(der: Buffer): TstInfo {
  const fields = children(parseDer(der), 'TSTInfo');
  const [algorithm, hashed] = children(fields[2], 'messageImprint');
  const id = oidOf(children(algorithm, 'hashAlgorithm')[0], 'hashAlgorithm');
  const tsa = fields.find((field) => isContext(field, 0));

  return {
    hashAlgorithm: DIGESTS[id] ?? id,
    hashedMessage: bytesOf(hashed, 'hashedMessage'),
    genTime: timeOf(fields[4], 'genTime'),
    tsaName: tsa ? generalName(children(tsa, 'tsa')[0]) : undefined,
  };
}

/** A directoryName [4] as text; other GeneralName forms are left to the certificate subject. */
function generalName(node: Asn1 | undefined): string | undefined {
  if (!isContext(node, 4)) return undefined;
  const name = children(node, 'directoryName')[0];

  return name?.type === T.SEQUENCE ? nameToString(name) : undefined;
}

function checkImprint(info: TstInfo, covered: Buffer[]): Check {
  if (!Object.values(DIGESTS).includes(info.hashAlgorithm)) {
    return failed(`unsupported messageImprint algorithm ${info.hashAlgorithm}`);
  }
  const expected = digestOf(info.hashAlgorithm, covered);

  return expected.equals(info.hashedMessage)
    ? passed
    : failed('the timestamp messageImprint does not match the timestamped data');
}
