import { createHash } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../common/context';
import {
  AppError,
  badInput,
  encryptedPdf,
  invalidPdf,
  sealExpired,
  sealNotValidYet,
  sealRevoked,
} from '../common/errors';
import { isUuid } from '../common/ids';
import type { EventBus } from '../common/pubsub';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import type { CertificateAuthorityService } from '../pki/certificate-authority.service';
import { WrappedKey } from '../pki/wrapped-key.entity';
import { SealCertificate } from '../seal/seal-certificate.entity';
import { SealStatus } from '../seal/seal-status.enum';
import { Seal } from '../seal/seal.entity';
import { requireUser, type SealService } from '../seal/seal.service';
import { PdfError, signPdf, type SignPdfResult } from '../signing';
import { DocumentRevision } from './document-revision.entity';
import { Document } from './document.entity';
import type { DocumentService } from './document.service';
import type { SignDocumentInput } from './sign-document.input';
import { Signature } from './signature.entity';
import { SigningEventType } from './signing-event.type';

/**
 * Signing a document with a seal, as one transaction with the document row locked: concurrent
 * signings of one document queue up and each appends to the revision before it. A failure leaves
 * nothing but its SIGNING_FAILED record.
 */
export class SigningService {
  constructor(
    private readonly seals: SealService,
    private readonly documents: DocumentService,
    private readonly ca: CertificateAuthorityService,
    private readonly history: HistoryService,
    private readonly events: EventBus,
  ) {}

  async sign(ctx: RequestContext, input: SignDocumentInput): Promise<Signature> {
    let signature: Signature;
    try {
      validatePlacement(input);
      await this.seals.findOneOrFail(ctx, input.sealId);
      await this.documents.findOneOrFail(ctx, input.documentId);
      signature = await ctx.em.transactional((em) => this.signLocked(ctx, em, input));
    } catch (error) {
      await this.recordFailure(ctx, input, error);
      throw error;
    }
    this.announce(signature);

    return signature;
  }

  private async signLocked(ctx: RequestContext, em: EntityManager, input: SignDocumentInput) {
    const document = await em.findOneOrFail(Document, input.documentId, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    const seal = await em.findOneOrFail(Seal, input.sealId, { populate: ['imagePng'] });
    checkSealUsable(seal, new Date());
    const page = input.placement.page;
    if (page < 1 || page > document.pageCount) {
      throw badInput('placement.page', `expected 1–${document.pageCount}, got ${page}`);
    }
    const current = await this.documents.latestContent({ ...ctx, em }, document);
    const certificate = await em.findOneOrFail(SealCertificate, seal.certificate!.id);
    const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    const result = await this.applySeal(em, input, seal, certificate, current, signedAt);

    return this.persist(ctx, em, { input, document, seal, certificate, result, signedAt });
  }

  private async applySeal(
    em: EntityManager,
    input: SignDocumentInput,
    seal: Seal,
    certificate: SealCertificate,
    pdf: Buffer,
    signingTime: Date,
  ): Promise<SignPdfResult> {
    const key = await em.findOneOrFail(WrappedKey, seal.key.id, {
      populate: ['wrappedDataKey', 'encryptedKey'],
    });
    try {
      return await signPdf({
        pdf,
        signer: {
          privateKey: this.ca.openKey(key),
          certificates: [certificate.der, ...this.ca.chain],
        },
        appearance: { png: seal.imagePng, width: seal.imageWidthPt, height: seal.imageHeightPt },
        placement: { ...input.placement, width: input.placement.width ?? undefined },
        signingTime,
        signerName: input.signerName.trim(),
        reason: input.reason ?? undefined,
        location: input.location ?? undefined,
      });
    } catch (error) {
      throw translateEngineError(error);
    }
  }

  private persist(
    ctx: RequestContext,
    em: EntityManager,
    step: {
      input: SignDocumentInput;
      document: Document;
      seal: Seal;
      certificate: SealCertificate;
      result: SignPdfResult;
      signedAt: Date;
    },
  ): Signature {
    const { input, document, seal, result, signedAt } = step;
    const revision = document.revision + 1;
    const sha256 = createHash('sha256').update(result.pdf).digest('hex');
    em.create(DocumentRevision, {
      document,
      number: revision,
      content: result.pdf,
      sizeBytes: result.pdf.length,
      sha256,
      createdAt: signedAt,
    });
    Object.assign(document, { revision, sizeBytes: result.pdf.length, sha256 });
    seal.usageCount += 1;
    seal.lastUsedAt = signedAt;
    const signature = em.create(Signature, {
      document,
      seal,
      certificate: step.certificate,
      signer: requireUser(ctx),
      revision,
      fieldName: result.report.fieldName,
      page: result.report.page,
      x: input.placement.x,
      y: input.placement.y,
      width: input.placement.width ?? seal.imageWidthPt,
      signedAt,
      signerName: input.signerName.trim(),
      reason: input.reason ?? null,
      location: input.location ?? null,
      byteRange: result.report.byteRange,
    });
    this.history.record(em, ctx.actor, HistoryAction.DOCUMENT_SIGNED, {
      sealId: seal.id,
      documentId: document.id,
      payload: { signatureId: signature.id, revision, sha256, fieldName: signature.fieldName },
    });

    return signature;
  }

  /** The failure record is written in its own transaction: the signing one has rolled back. */
  private async recordFailure(ctx: RequestContext, input: SignDocumentInput, error: unknown) {
    const code = error instanceof AppError ? error.code : 'INTERNAL_SERVER_ERROR';
    const em = ctx.em.fork();
    await em.transactional((tx) => {
      // Ids that name nothing are kept in the payload only: they may not even be UUIDs.
      const ids = [input.sealId, input.documentId].map((id) => (isUuid(id) ? id : undefined));
      this.history.record(tx, ctx.actor, HistoryAction.SIGNING_FAILED, {
        sealId: ids[0],
        documentId: ids[1],
        payload: {
          code,
          sealId: input.sealId.slice(0, 64),
          documentId: input.documentId.slice(0, 64),
        },
      });
    });
  }

  private announce(signature: Signature): void {
    this.events.publish('SIGNING_EVENTS', signature.document.id, {
      type: SigningEventType.DOCUMENT_SIGNED,
      documentId: signature.document.id,
      signatureId: signature.id,
      at: signature.signedAt.toISOString(),
    });
  }
}

function validatePlacement(input: SignDocumentInput): void {
  const { x, y, width } = input.placement;
  if (!Number.isFinite(x) || !Number.isFinite(y))
    throw badInput('placement', 'expected finite x and y');
  if (width !== null && width !== undefined && !(width >= 10 && width <= 600)) {
    throw badInput('placement.width', `expected 10–600 points, got ${width}`);
  }
  const signerName = input.signerName.trim();
  if (signerName.length < 1 || signerName.length > 64) {
    throw badInput('signerName', `expected 1–64 characters, got ${signerName.length}`);
  }
  for (const field of ['reason', 'location'] as const) {
    if ((input[field]?.length ?? 0) > 256) throw badInput(field, 'expected at most 256 characters');
  }
}

function checkSealUsable(seal: Seal, now: Date): void {
  const status = seal.statusAt(now);
  if (status === SealStatus.REVOKED) throw sealRevoked(seal.name);
  if (status === SealStatus.EXPIRED) {
    throw now < seal.validFrom
      ? sealNotValidYet(seal.name, seal.validFrom)
      : sealExpired(seal.name, seal.validTo);
  }
}

function translateEngineError(error: unknown): unknown {
  if (!(error instanceof PdfError)) return error;
  switch (error.code) {
    case 'ENCRYPTED_PDF':
      return encryptedPdf();
    case 'PAGE_OUT_OF_RANGE':
    case 'BAD_PLACEMENT':
      return badInput('placement', error.message);
    default:
      return invalidPdf(error.message);
  }
}
