import { createHash } from 'node:crypto';
import { type RequestContext, requireUser } from '../common/context';
import { encryptedPdf, forbidden, invalidPdf, notFound } from '../common/errors';
import { isUuid } from '../common/ids';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import { inspectPdf, PdfError, type PdfInfo } from '../signing';
import { DocumentRevision } from './document-revision.entity';
import { Document } from './document.entity';
import { readUpload, type UploadedFile, type UploadSource } from './read-upload';
import type { UploadDocumentInput } from './upload-document.input';

/** A stored document's bytes, as read for download or signing. */
export interface StoredFile {
  document: Document;
  content: Buffer;
}

/** Documents: upload with validation, lookup with ownership checks, the latest bytes. */
export class DocumentService {
  constructor(
    private readonly history: HistoryService,
    private readonly maxUploadBytes: number,
  ) {}

  async upload(ctx: RequestContext, input: UploadDocumentInput): Promise<Document> {
    const ownerId = requireUser(ctx);
    const { content, uploadName } = await this.readUpload(input);
    const info = inspectOrRefuse(content, input.password ?? undefined);
    const fileName = cleanName(input.fileName ?? uploadName ?? 'document.pdf');
    const sha256 = createHash('sha256').update(content).digest('hex');

    return ctx.em.transactional((em) => {
      const document = em.create(Document, {
        owner: ownerId,
        title: cleanName(input.title ?? fileName),
        fileName,
        pageCount: info.pageCount,
        encrypted: info.encrypted,
        sizeBytes: content.length,
        sha256,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      em.create(DocumentRevision, {
        document,
        number: 1,
        content,
        sizeBytes: content.length,
        sha256,
        createdAt: new Date(),
      });
      this.history.record(em, ctx.actor, HistoryAction.DOCUMENT_UPLOADED, {
        documentId: document.id,
        payload: { fileName, sizeBytes: content.length, sha256 },
      });

      return document;
    });
  }

  /** A document the current user may read, or NOT_FOUND / FORBIDDEN. */
  async findOneOrFail(ctx: RequestContext, id: string): Promise<Document> {
    const userId = requireUser(ctx);
    const document = isUuid(id) ? await ctx.em.findOne(Document, id) : null;
    if (!document) throw notFound('Document', id);
    if (document.owner.id !== userId) throw forbidden(`document ${id}`);

    return document;
  }

  findMany(ctx: RequestContext): Promise<Document[]> {
    return ctx.em.find(Document, { owner: requireUser(ctx) }, { orderBy: { createdAt: 'desc' } });
  }

  /** The bytes of the document's latest revision: its stored pieces joined, from the last whole one. */
  async latestContent(ctx: RequestContext, document: Document): Promise<Buffer> {
    const lastWhole = await ctx.em.findOneOrFail(
      DocumentRevision,
      { document, whole: true, number: { $lte: document.revision } },
      { orderBy: { number: 'desc' }, fields: ['number'] },
    );
    const pieces = await ctx.em.find(
      DocumentRevision,
      { document, number: { $gte: lastWhole.number, $lte: document.revision } },
      { orderBy: { number: 'asc' }, populate: ['content'] },
    );
    const content = Buffer.concat(pieces.map((piece) => piece.content));
    if (content.length !== document.sizeBytes) {
      throw new Error(
        `document ${document.id}: revisions join to ${content.length} bytes, expected ${document.sizeBytes}`,
      );
    }

    return content;
  }

  /** Reads an upload (multipart or base64) within the upload limit; stores nothing. */
  readUpload(input: UploadSource): Promise<UploadedFile> {
    return readUpload(input, this.maxUploadBytes);
  }
}

/**
 * Refuses what cannot be signed before anything is stored. An encrypted file is kept only when
 * it opens: with the empty user password, or with the password given (which is not stored and
 * must be given again to sign).
 */
function inspectOrRefuse(content: Buffer, password: string | undefined): PdfInfo {
  let info: PdfInfo;
  try {
    info = inspectPdf(content, { password });
  } catch (error) {
    if (error instanceof PdfError && error.code === 'ENCRYPTED_PDF') {
      throw encryptedPdf(error.message);
    }
    if (error instanceof PdfError) throw invalidPdf(error.message);
    throw invalidPdf('the file could not be parsed');
  }
  if (info.encryption && !info.encryption.openedAs) {
    throw encryptedPdf(
      password === undefined ? 'it needs a password: give it as `password`' : 'wrong password',
    );
  }
  if (info.pageCount < 1) throw invalidPdf('the document has no pages');

  return info;
}

/** File names are shown and sent back in headers: keep them printable and short. */
function cleanName(name: string): string {
  const unsafe = (char: string) => char < ' ' || char === '\u007f' || char === '/' || char === '\\';
  const cleaned = [...name]
    .map((char) => (unsafe(char) ? '_' : char))
    .join('')
    .trim()
    .slice(0, 200);

  return cleaned || 'document.pdf';
}
