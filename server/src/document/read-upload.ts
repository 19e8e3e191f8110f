import type { FileUpload } from 'graphql-upload-minimal';
import { type AppError, badInput } from '../common/errors';

/** Where uploaded bytes come from: exactly one of a multipart file or base64 text. */
export interface UploadSource {
  file?: Promise<FileUpload> | null;
  contentBase64?: string | null;
}

/** The bytes of an upload, with the file name a multipart upload carried. */
export interface UploadedFile {
  content: Buffer;
  uploadName?: string;
}

/** How an input names its two upload fields, and what refuses an upload that is too large. */
export interface UploadRules {
  maxBytes: number;
  fields?: { file: string; base64: string };
  tooLarge?: (maxBytes: number) => AppError;
}

const PDF_FIELDS = { file: 'file', base64: 'contentBase64' };

/** Reads an upload into memory, refusing it as soon as it exceeds the maximum size. */
export async function readUpload(
  input: UploadSource,
  limit: number | UploadRules,
): Promise<UploadedFile> {
  const rules = typeof limit === 'number' ? { maxBytes: limit } : limit;
  const { file, base64 } = rules.fields ?? PDF_FIELDS;
  const hasFile = input.file !== undefined && input.file !== null;
  const hasBase64 = typeof input.contentBase64 === 'string';
  if (hasFile === hasBase64) {
    throw badInput(file, `expected exactly one of \`${file}\` or \`${base64}\``);
  }
  if (hasBase64) return { content: decodeBase64(input.contentBase64!, rules, base64) };
  const upload = await input.file!;
  try {
    return {
      content: await readStream(upload.createReadStream(), rules),
      uploadName: upload.filename,
    };
  } catch (error) {
    // The multipart parser stops a file one byte past its limit and says so with a 413.
    if ((error as { status?: number }).status === 413) throw tooLarge(rules);
    throw error;
  }
}

function decodeBase64(base64: string, rules: UploadRules, field: string): Buffer {
  const text = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw badInput(field, 'expected base64');
  if ((text.length * 3) / 4 > rules.maxBytes) throw tooLarge(rules);

  return Buffer.from(text, 'base64');
}

async function readStream(stream: NodeJS.ReadableStream, rules: UploadRules): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > rules.maxBytes) throw tooLarge(rules);
    chunks.push(chunk as Buffer);
  }

  return Buffer.concat(chunks);
}

function tooLarge({ maxBytes, tooLarge }: UploadRules): AppError {
  return tooLarge?.(maxBytes) ?? badInput('file', `expected a PDF of at most ${maxBytes} bytes`);
}
