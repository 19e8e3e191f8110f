/** One DER element located inside a buffer, without copying it. */
export interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

/** Reads the tag-length header at `offset`; only definite lengths, as DER requires. */
export function readTlv(der: Buffer, offset = 0): Tlv {
  if (offset + 2 > der.length)
    throw new Error(`expected a DER element at ${offset}, got end of data`);
  const tag = der[offset];
  if ((tag & 0x1f) === 0x1f)
    throw new Error(`multi-byte DER tags are not supported (at ${offset})`);
  const first = der[offset + 1];
  let length = first;
  let contentStart = offset + 2;
  if (first === 0x80)
    throw new Error(`expected a definite length at ${offset}, got BER indefinite`);
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new Error(`DER length of ${count} bytes at ${offset} is not plausible`);
    length = der.readUIntBE(contentStart, count);
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > der.length)
    throw new Error(`DER element at ${offset} runs past the data (${end} > ${der.length})`);

  return { tag, start: offset, contentStart, end };
}

/** The elements directly inside a constructed element. */
export function childrenOf(der: Buffer, parent: Tlv): Tlv[] {
  const children: Tlv[] = [];
  for (let offset = parent.contentStart; offset < parent.end;) {
    const child = readTlv(der, offset);
    children.push(child);
    offset = child.end;
  }

  return children;
}

export function bytesOf(der: Buffer, tlv: Tlv): Buffer {
  return der.subarray(tlv.start, tlv.end);
}

export function contentOf(der: Buffer, tlv: Tlv): Buffer {
  return der.subarray(tlv.contentStart, tlv.end);
}

/** Decodes an OBJECT IDENTIFIER element into dotted form. */
export function oidOf(der: Buffer, tlv: Tlv): string {
  if (tlv.tag !== 0x06)
    throw new Error(`expected an OID (tag 06), got tag ${tlv.tag.toString(16)}`);
  const content = contentOf(der, tlv);
  const arcs = [Math.floor(content[0] / 40), content[0] % 40];
  let value = 0;
  for (const byte of content.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }

  return arcs.join('.');
}
