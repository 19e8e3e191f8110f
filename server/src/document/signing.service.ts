import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type RequestContext, requireUser } from '../common/context';
import { AppError } from '../common/errors';
import { isUuid } from '../common/ids';
import { optionalText, requireText } from '../common/text';
import type { EventBus } from '../common/pubsub';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import type { CertificateAuthorityService } from '../pki/certificate-authority.service';
import { WrappedKey } from '../pki/wrapped-key.entity';
import { SealCertificate } from '../seal/seal-certificate.entity';
import type { SealPinService } from '../seal/seal-pin.service';
import { Seal } from '../seal/seal.entity';
import type { SealService } from '../seal/seal.service';
import type { SealPlacement, SignatureReport } from '../signing';
import { DocumentRevision } from './document-revision.entity';
import { Document } from './document.entity';
import type { DocumentService } from './document.service';
import { translateEngineError } from './engine-errors';
import type { PadesResult, PadesSigner, SealMaterial } from './pades-signer';
import { resolvePlacements } from './seal-placements';
import type { SignDocumentInput } from './sign-document.input';
import { Signature } from './signature.entity';
import { SigningEventType } from './signing-event.type';
import { SealAction } from '../seal/seal-access';
import { SealEventType } from '../seal/events/seal-event.type';
import { publishSealEvent } from '../seal/events/seal-events';
import type { SealPermission } from '../seal/permission/seal-permission.entity';
import type { SealPermissionService } from '../seal/permission/seal-permission.service';

/**
 * Signing a document with a seal, as one transaction with the document row locked: concurrent
 * signings of one document queue up and each appends to the revision before it. The signer's
 * right is decided again in that transaction with their grant rows locked, so concurrent signings
 * under one grant queue up too and never make more signatures than it allows. A failure leaves
 * nothing but its SIGNING_FAILED record: no use of a grant is counted.
 */
export class SigningService {
  constructor(
    private readonly seals: SealService,
    private readonly documents: DocumentService,
    private readonly ca: CertificateAuthorityService,
    private readonly pades: PadesSigner,
    private readonly history: HistoryService,
    private readonly events: EventBus,
    private readonly pins: SealPinService,
    private readonly permissions: SealPermissionService,
  ) {}

  async sign(ctx: RequestContext, input: SignDocumentInput): Promise<Signature> {
    let signature: Signature;
    try {
      input = validateInput(input);
      await this.seals.findOneOrFail(ctx, input.sealId, SealAction.USE);
      await this.documents.findOneOrFail(ctx, input.documentId);
      await this.pins.verify(ctx, input.sealId, input.pin);
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
    // Checked again under the document lock: the seal may have changed since its PIN was.
    this.seals.checkUsable(seal, new Date());
    const permission = await this.permissions.claimUse(ctx, em, seal, new Date());
    const pdf = await this.documents.latestContent({ ...ctx, em }, document);
    const certificate = await em.findOneOrFail(SealCertificate, seal.certificate!.id);
    const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    await this.ca.refreshAuthorityCrl(em);
    const result = await this.pades.sign({
      pdf,
      seal: await this.sealMaterial(em, seal, certificate),
      placements: placementsOf(pdf, input, seal),
      input,
      signingTime: signedAt,
      encrypted: document.encrypted,
      revoked: await this.seals.revokedCertificates(em),
      certificateStatus: (serial) => this.seals.certificateStatus(em, serial),
    });

    return this.persist(ctx, em, {
      input,
      document,
      seal,
      certificate,
      permission,
      result,
      signedAt,
    });
  }

  private async sealMaterial(
    em: EntityManager,
    seal: Seal,
    certificate: SealCertificate,
  ): Promise<SealMaterial> {
    const key = await em.findOneOrFail(WrappedKey, seal.key.id, {
      populate: ['wrappedDataKey', 'encryptedKey'],
    });

    return {
      privateKey: this.ca.openKey(key),
      certificate: certificate.der,
      chain: certificate.importedChain?.map((der) => Buffer.from(der, 'base64')) ?? this.ca.chain,
      png: seal.imagePng,
      widthPt: seal.imageWidthPt,
      heightPt: seal.imageHeightPt,
    };
  }

  private persist(
    ctx: RequestContext,
    em: EntityManager,
    step: {
      input: SignDocumentInput;
      document: Document;
      seal: Seal;
      certificate: SealCertificate;
      permission: SealPermission | null;
      result: PadesResult;
      signedAt: Date;
    },
  ): Signature {
    const { input, document, seal, result, signedAt } = step;
    const { report } = result;
    const revision = document.revision + 1;
    const { sha256, sizeBytes } = result;
    em.create(DocumentRevision, {
      document,
      number: revision,
      content: result.appended,
      whole: result.whole,
      sizeBytes,
      sha256,
      createdAt: signedAt,
    });
    Object.assign(document, { revision, sizeBytes, sha256 });
    seal.usageCount += 1;
    seal.lastUsedAt = signedAt;
    const first = displayedCentre(report);
    const signature = em.create(Signature, {
      document,
      seal,
      certificate: step.certificate,
      permission: step.permission,
      signer: requireUser(ctx),
      revision,
      fieldName: report.fieldName,
      page: report.page,
      pages: [...new Set(report.widgets.map((widget) => widget.page))],
      x: first.x,
      y: first.y,
      width: first.width,
      signedAt,
      signerName: input.signerName,
      reason: input.reason ?? null,
      location: input.location ?? null,
      level: result.level,
      byteRange: report.byteRange,
    });
    this.history.record(em, ctx.actor, HistoryAction.DOCUMENT_SIGNED, {
      sealId: seal.id,
      documentId: document.id,
      payload: {
        signatureId: signature.id,
        revision,
        sha256,
        fieldName: signature.fieldName,
        level: result.level,
        permissionId: step.permission?.id ?? null,
      },
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
    publishSealEvent(this.events, SealEventType.SEAL_USED, signature.seal.id, {
      permissionId: signature.permission?.id,
      actorId: signature.signer.id,
      at: signature.signedAt,
    });
  }
}

/** Checks what the engine cannot: numbers are finite, texts printable and of sane length. */
/** Checks the texts; placements are checked as they are resolved against the document. */
function validateInput(input: SignDocumentInput): SignDocumentInput {
  return {
    ...input,
    signerName: requireText('signerName', input.signerName, 1, 64),
    reason: optionalText('reason', input.reason, 256),
    location: optionalText('location', input.location, 256),
    fieldName: optionalText('fieldName', input.fieldName, 64),
    caption: input.caption && { text: optionalText('caption.text', input.caption.text, 40) },
  };
}

/** Placements resolved from the request, engine errors translated. */
function placementsOf(pdf: Buffer, input: SignDocumentInput, seal: Seal): SealPlacement[] {
  try {
    return resolvePlacements(pdf, input, { width: seal.imageWidthPt, height: seal.imageHeightPt });
  } catch (error) {
    throw translateEngineError(error);
  }
}

/** Where the first seal is seen on its page, and how wide, as the engine placed it. */
function displayedCentre(report: SignatureReport) {
  const [widget] = report.widgets;

  return { ...widget.centre, width: widget.size.width };
}
