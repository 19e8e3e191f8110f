/**
 * CAdES signature time-stamps (ETSI EN 319 122-1 5.3, B-T): the token is an unsigned attribute
 * of the SignerInfo, so it is added to the finished CMS without touching anything signed. The
 * CMS is edited at the byte level — only the lengths of the elements that enclose the SignerInfo
 * change — so every signed byte stays exactly as it was signed.
 */

/** id-aa-signatureTimeStampToken (RFC 3161 Appendix A). */
const SIGNATURE_TIME_STAMP_TOKEN = Buffer.from('060b2a864886f70d010910020e', 'hex');

/** One DER element located in a buffer. */
interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

/** The value of the SignerInfo's signature OCTET STRING, which the token's imprint covers. */
export function signatureValueOf(cms: Buffer): Buffer {
  const { signerInfo } = signerInfoPath(cms);
  const signature = children(cms, signerInfo)[5];
  if (signature?.tag !== 0x04) throw new Error('expected the SignerInfo signature OCTET STRING');

  return cms.subarray(signature.contentStart, signature.end);
}

/** Returns the CMS with the token as the SignerInfo's only unsigned attribute. */
export function withSignatureTimestamp(cms: Buffer, token: Buffer): Buffer {
  const { ancestors, signerInfo } = signerInfoPath(cms);
  if (children(cms, signerInfo).some((field) => field.tag === 0xa1)) {
    throw new Error('expected a SignerInfo without unsigned attributes');
  }
  const attribute = element(0x30, [SIGNATURE_TIME_STAMP_TOKEN, element(0x31, [token])]);
  let replacement = element(signerInfo.tag, [content(cms, signerInfo), element(0xa1, [attribute])]);
  let replaced = signerInfo;
  for (const ancestor of ancestors.reverse()) {
    replacement = element(ancestor.tag, [
      cms.subarray(ancestor.contentStart, replaced.start),
      replacement,
      cms.subarray(replaced.end, ancestor.end),
    ]);
    replaced = ancestor;
  }

  return replacement;
}

/** ContentInfo > [0] > SignedData > signerInfos SET > the single SignerInfo. */
function signerInfoPath(cms: Buffer): { ancestors: Tlv[]; signerInfo: Tlv } {
  const contentInfo = readTlv(cms, 0);
  const explicit = children(cms, contentInfo)[1];
  const signedData = children(cms, explicit)[0];
  const signerInfos = children(cms, signedData).at(-1);
  if (signerInfos?.tag !== 0x31) throw new Error('expected the signerInfos SET of a SignedData');
  const [signerInfo, ...more] = children(cms, signerInfos);
  if (!signerInfo || more.length > 0) throw new Error('expected exactly one SignerInfo');

  return { ancestors: [contentInfo, explicit, signedData, signerInfos], signerInfo };
}

function readTlv(der: Buffer, offset: number): Tlv {
  const tag = der[offset];
  const first = der[offset + 1];
  let length = first;
  let contentStart = offset + 2;
  if (first === 0x80 || first > 0x84) throw new Error(`expected a DER length at ${offset}`);
  if (first > 0x80) {
    length = der.readUIntBE(contentStart, first & 0x7f);
    contentStart += first & 0x7f;
  }
  const end = contentStart + length;
  if (end > der.length) throw new Error(`DER element at ${offset} runs past the data`);

  return { tag, start: offset, contentStart, end };
}

function children(der: Buffer, parent: Tlv | undefined): Tlv[] {
  if (!parent) throw new Error('expected a CMS SignedData structure');
  const list: Tlv[] = [];
  for (let offset = parent.contentStart; offset < parent.end; offset = list[list.length - 1].end) {
    list.push(readTlv(der, offset));
  }

  return list;
}

function content(der: Buffer, tlv: Tlv): Buffer {
  return der.subarray(tlv.contentStart, tlv.end);
}

/** A DER element from its tag and content parts, with a minimal definite length. */
function element(tag: number, parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const length = body.length;
  let header: Buffer;
  if (length < 0x80) header = Buffer.from([tag, length]);
  else {
    const octets = Buffer.alloc(4);
    octets.writeUInt32BE(length);
    const trimmed = octets.subarray(octets.findIndex((byte) => byte !== 0));
    header = Buffer.from([tag, 0x80 | trimmed.length, ...trimmed]);
  }

  return Buffer.concat([header, body]);
}
