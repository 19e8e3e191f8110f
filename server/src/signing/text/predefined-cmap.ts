/** How a Type0 font's encoding cuts bytes into codes and what the codes mean. */
export interface CodeDecoder {
  vertical: boolean;
  codeLength(data: Uint8Array, at: number): number;
  cid(code: number, bytes: number): number;
  /** Text known from the encoding itself, when the font has no /ToUnicode. */
  unicode(code: number, bytes: number): string | undefined;
}

/** Legacy multi-byte CMaps (ISO 32000-1 Table 118) by the character set their codes are in. */
const LEGACY_CHARSETS: [RegExp, string][] = [
  [/^(GB-EUC|GBpc-EUC|GBK-EUC|GBKp-EUC|GBK2K)-[HV]$/, 'gb18030'],
  [/^(B5pc|HKscs-B5|ETen-B5|ETenms-B5|CNS-EUC)-[HV]$/, 'big5'],
  [/^(83pv-RKSJ|90ms-RKSJ|90msp-RKSJ|90pv-RKSJ|Add-RKSJ|Ext-RKSJ)-[HV]$/, 'shift_jis'],
  [/^(EUC|Ext-EUC)-[HV]$/, 'euc-jp'],
  [/^(KSC-EUC|KSCms-UHC|KSCms-UHC-HW|KSCpc-EUC)-[HV]$/, 'euc-kr'],
];

/**
 * A predefined CMap named by /Encoding. Identity maps two-byte codes to the same CIDs; the
 * Unicode-based ones (Uni…-UCS2, Uni…-UTF16) carry the text in the code. Legacy ones are decoded
 * with the platform's text decoders; their CIDs need Adobe's CMap files, which the engine does
 * not ship, so their glyphs get the font's default width.
 */
export function predefinedEncoding(name: string): CodeDecoder {
  const vertical = name.endsWith('-V');
  if (/^Uni.*-(UCS2|UTF16)-[HV]$/.test(name)) {
    return {
      vertical,
      codeLength: twoBytes,
      cid: () => -1,
      unicode: (code) => String.fromCharCode(code),
    };
  }
  const charset = LEGACY_CHARSETS.find(([pattern]) => pattern.test(name))?.[1];
  if (charset) return legacyEncoding(vertical, new TextDecoder(charset));

  return { vertical, codeLength: twoBytes, cid: (code) => code, unicode: () => undefined };
}

function legacyEncoding(vertical: boolean, decoder: TextDecoder): CodeDecoder {
  return {
    vertical,
    codeLength: (data, at) => (data[at] >= 0x81 && at + 1 < data.length ? 2 : 1),
    cid: () => -1,
    unicode: (code, bytes) =>
      decoder.decode(bytes === 2 ? Uint8Array.of(code >> 8, code & 0xff) : Uint8Array.of(code)),
  };
}

function twoBytes(data: Uint8Array, at: number): number {
  return Math.min(2, data.length - at);
}
