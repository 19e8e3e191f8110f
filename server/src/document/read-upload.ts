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

/** Reads an upload into memory, refusing it as soon as it exceeds `maxBytes`. */
export async function readUpload(input: UploadSource, maxBytes: number): Promise<UploadedFile> {
  const hasFile = input.file !== undefined && input.file !== null;
  const hasBase64 = typeof input.contentBase64 === 'string';
  if (hasFile === hasBase64) {
    throw badInput('file', 'expected exactly one of `file` or `contentBase64`');
  }
  if (hasBase64) return { content: decodeBase64(input.contentBase64!, maxBytes) };
  const upload = await input.file!;
  try {
    return {
      content: await readStream(upload.createReadStream(), maxBytes),
      uploadName: upload.filename,
    };
  } catch (error) {
    // The multipart parser stops a file one byte past its limit and says so with a 413.
    if ((error as { status?: number }).status === 413) throw tooLarge(maxBytes);
    throw error;
  }
}

function decodeBase64(base64: string, maxBytes: number): Buffer {
  const text = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw badInput('contentBase64', 'expected base64');
  if ((text.length * 3) / 4 > maxBytes) throw tooLarge(maxBytes);

  return Buffer.from(text, 'base64');
}

async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk as Buffer);
  }

  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): AppError {
  return badInput('file', `expected a PDF of at most ${maxBytes} bytes`);
}
