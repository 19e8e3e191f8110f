import { runTool, type ToolResult } from './external-tool';

/** One `Signature #n:` block of `pdfsig -nocert`. */
export interface PdfsigEntry {
  index: number;
  fieldName: string | undefined;
  signatureType: string | undefined;
  /** `[start, end)` pairs as printed in `Signed Ranges: [0 - 1641], [9703 - 10757]`. */
  signedRanges: Array<[number, number]>;
  totalDocumentSigned: boolean;
  /** The text after `Signature Validation:`, e.g. `Signature is Valid.` or `Digest Mismatch.`. */
  validation: string | undefined;
  text: string;
}

export interface PdfsigReport {
  entries: PdfsigEntry[];
  result: ToolResult;
}

/**
 * Runs `pdfsig -nocert` and parses its text. pdfsig exits 0 whether or not a signature is valid
 * (2 without signatures, 1 when the file cannot be opened), so only the text tells.
 */
export async function runPdfsig(file: string, password?: string): Promise<PdfsigReport> {
  const args = ['-nocert', ...(password === undefined ? [] : ['-upw', password]), file];
  const result = await runTool('pdfsig', args);

  return { entries: parsePdfsig(result.stdout), result };
}

/**
 * The signed entries of pdfsig's report. Empty signature fields get a block of their own ("The
 * signature form field is not signed."): they are fields, not signatures, and are left out.
 */
export function parsePdfsig(stdout: string): PdfsigEntry[] {
  const blocks = stdout
    .split(/^(?=Signature #\d+:)/m)
    .filter((block) => block.startsWith('Signature #'))
    .filter((block) => !/The signature form field is not signed\./.test(block));

  return blocks.map((text) => ({
    index: Number(/^Signature #(\d+):/.exec(text)?.[1]),
    fieldName: lineValue(text, 'Signature Field Name'),
    signatureType: lineValue(text, 'Signature Type'),
    signedRanges: [...text.matchAll(/\[(\d+) - (\d+)\]/g)].map((range): [number, number] => [
      Number(range[1]),
      Number(range[2]),
    ]),
    totalDocumentSigned: /^\s*- Total document signed\s*$/m.test(text),
    validation: lineValue(text, 'Signature Validation'),
    text: text.trim(),
  }));
}

function lineValue(text: string, label: string): string | undefined {
  return new RegExp(`^\\s*- ${label}: (.*)$`, 'm').exec(text)?.[1].trim();
}

/** One `Verifying signature N:` block of `mutool sign -v`; N is the field's object number. */
export interface MutoolEntry {
  fieldObjectNumber: number;
  lines: string[];
}

export interface MutoolReport {
  entries: MutoolEntry[];
  result: ToolResult;
}

/**
 * mutool cannot be given a trust anchor, so it reports every private CA as untrusted: "Self-signed
 * certificate in chain" when the CMS carries the root, "Unknown error" when it carries only the
 * signer (OpenSSL's "unable to get local issuer" has no mupdf name). These verdicts say nothing
 * about the signature, whose chain openssl checks with -CAfile instead.
 */
export const MUTOOL_TRUST_VERDICTS = [
  'Certificate error: Self-signed certificate in chain.',
  'Certificate error: Self-signed certificate.',
  'Certificate error: Certificate not trusted.',
  'Certificate error: Unknown error.',
];

/** Runs `mutool sign -v`, which exits 0 in every case, and splits its text per signature field. */
export async function runMutoolVerify(file: string, password?: string): Promise<MutoolReport> {
  const args = ['sign', '-v', ...(password === undefined ? [] : ['-p', password]), file];
  const result = await runTool('mutool', args);
  const blocks = result.stdout.split(/^(?=Verifying signature \d+:)/m);
  const entries = blocks
    .filter((block) => block.startsWith('Verifying signature'))
    .map((block) => ({
      fieldObjectNumber: Number(/^Verifying signature (\d+):/.exec(block)?.[1]),
      lines: block
        .split('\n')
        .slice(1)
        .map((line) => line.trim())
        .filter(Boolean),
    }));

  return { entries, result };
}

/** Lines that report an error about the signature itself (not mutool's trust verdict). */
export function mutoolErrorLines(lines: string[]): string[] {
  return lines.filter((line) => /error/i.test(line) && !MUTOOL_TRUST_VERDICTS.includes(line));
}
