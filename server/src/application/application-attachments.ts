import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { badInput } from '../common/errors';
import { requireText } from '../common/text';
import { readUpload } from '../document/read-upload';
import type { ApplicationAttachmentInput } from './application-attachment.input';

/** At most this many files per application. */
export const MAX_ATTACHMENTS = 5;
/** At most this many bytes per file. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** An attachment read and checked, ready to store. */
export interface CheckedAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
  sizeBytes: number;
  sha256: string;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);
// ISO 32000-1 7.5.2 puts the header first; readers accept it within the first 1024 bytes.
const PDF_HEADER_WINDOW = 1024;

/** Reads the attachments one after another, in the order a multipart request carries them. */
export async function readAttachments(
  inputs: readonly ApplicationAttachmentInput[],
): Promise<CheckedAttachment[]> {
  if (inputs.length > MAX_ATTACHMENTS) {
    throw badInput(
      'attachments',
      `expected at most ${MAX_ATTACHMENTS} files, got ${inputs.length}`,
    );
  }
  const read: CheckedAttachment[] = [];
  for (const [index, input] of inputs.entries()) {
    read.push(await readAttachment(`attachments.${index}`, input));
  }

  return read;
}

async function readAttachment(
  field: string,
  input: ApplicationAttachmentInput,
): Promise<CheckedAttachment> {
  const { content, uploadName } = await readUpload(
    { file: input.file, contentBase64: input.contentBase64 },
    {
      maxBytes: MAX_ATTACHMENT_BYTES,
      fields: { file: `${field}.file`, base64: `${field}.contentBase64` },
      tooLarge: (maxBytes) => badInput(field, `expected a file of at most ${maxBytes} bytes`),
    },
  );
  const fileName = requireText(`${field}.fileName`, input.fileName ?? uploadName ?? '', 1, 128);

  return {
    fileName,
    contentType: await contentTypeOf(field, content),
    content,
    sizeBytes: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
  };
}

/**
 * The type the bytes are, whatever the name or the client says: a PDF by its header, a PNG or
 * JPEG by its signature and a header the image decoder can read.
 */
async function contentTypeOf(field: string, content: Buffer): Promise<string> {
  if (content.subarray(0, PDF_HEADER_WINDOW).includes('%PDF-')) return 'application/pdf';
  const signed = content.subarray(0, 8).equals(PNG_SIGNATURE)
    ? 'png'
    : content.subarray(0, 3).equals(JPEG_SIGNATURE)
      ? 'jpeg'
      : null;
  const decoded = signed && (await imageFormat(content));
  if (decoded === 'png') return 'image/png';
  if (decoded === 'jpeg') return 'image/jpeg';

  throw badInput(field, 'expected a PDF, PNG or JPEG file, judged by its content');
}

async function imageFormat(content: Buffer): Promise<string | undefined> {
  try {
    return (await sharp(content).metadata()).format;
  } catch {
    return undefined;
  }
}
