import { buildCadesDetached } from './cms';
import type { SignerIdentity } from './cms';
import { signatureValueOf, withSignatureTimestamp } from './cms-timestamp';
import { pdfErrors } from './pdf-error';

/**
 * Obtains a TimeStampToken (DER) whose messageImprint is a hash of `signatureValue`, the
 * SignerInfo's signature octets (RFC 3161 Appendix A); typically SHA-256 sent to a TSA.
 */
export type SignatureTimestamper = (signatureValue: Buffer) => Promise<Buffer>;

/** The PAdES baseline level a document reached (ETSI EN 319 142-1 §6). */
export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

/**
 * Room reserved in /Contents for a signature time-stamp when the caller gives no estimate: a
 * token with a three-certificate RSA chain is about 5 KB; commercial TSAs with longer chains
 * stay under 10 KB.
 */
export const DEFAULT_TIMESTAMP_BYTES = 10 * 1024;

/**
 * Signs the digest (B-B) and, with a timestamper, adds the signature time-stamp as an unsigned
 * attribute (B-T, ETSI EN 319 142-1 §5.3). Throws before returning when the result would not
 * fit the `room` bytes reserved for it, so a truncated signature never reaches the file.
 */
export async function buildSignatureContainer(
  digest: Buffer,
  signer: SignerIdentity,
  timestamp: SignatureTimestamper | undefined,
  room: number,
): Promise<Buffer> {
  const cms = buildCadesDetached({ digest, signer });
  const result = timestamp
    ? withSignatureTimestamp(cms, await timestamp(signatureValueOf(cms)))
    : cms;
  if (result.length > room) throw pdfErrors.signatureTooLarge(result.length, room);

  return result;
}
