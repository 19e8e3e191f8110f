import { type RequestContext, requireUser } from '../common/context';
import { badInput, invalidPdf } from '../common/errors';
import type { DocumentService } from '../document/document.service';
import type { CertificateAuthorityService } from '../pki/certificate-authority.service';
import { SealCertificate } from '../seal/seal-certificate.entity';
import type { SealService } from '../seal/seal.service';
import { PdfError, verifyPdf, type VerifyPdfOptions } from '../signing';
import type { VerificationReport as EngineReport } from '../signing/verify';
import { type SealsByFingerprint, toVerificationReport } from './verification-report.mapper';
import type { TrustAnchorService } from '../trust/trust-anchor.service';
import type { VerificationReport } from './verification-report.type';
import type { VerifyDocumentInput } from './verify-document.input';

/**
 * Verifies the signatures of a stored document or of an uploaded PDF against the platform CA, and
 * names the caller's own seals among the signers. Stateless: nothing is stored, not even uploads.
 */
export class VerificationService {
  constructor(
    private readonly documents: DocumentService,
    private readonly seals: SealService,
    private readonly ca: CertificateAuthorityService,
    private readonly trustAnchors: TrustAnchorService,
  ) {}

  async verify(ctx: RequestContext, input: VerifyDocumentInput): Promise<VerificationReport> {
    const pdf = await this.load(ctx, input);
    const trust = await this.trust(ctx);
    const report = await this.runEngine(pdf, trust, input.password ?? undefined);
    const seals = await this.ownSeals(ctx, report);

    return toVerificationReport(report, seals);
  }

  private async load(ctx: RequestContext, input: VerifyDocumentInput): Promise<Buffer> {
    const given = [input.documentId, input.file, input.contentBase64].filter(
      (source) => source !== undefined && source !== null,
    );
    if (given.length !== 1) {
      throw badInput('input', 'expected exactly one of `documentId`, `file` or `contentBase64`');
    }
    if (typeof input.documentId === 'string') {
      const document = await this.documents.findOneOrFail(ctx, input.documentId);

      return this.documents.latestContent(ctx, document);
    }

    return (await this.documents.readUpload(input)).content;
  }

  private async runEngine(
    pdf: Buffer,
    trust: VerifyPdfOptions,
    password: string | undefined,
  ): Promise<EngineReport> {
    try {
      return await verifyPdf(pdf, { ...trust, password });
    } catch (error) {
      if (error instanceof PdfError) throw invalidPdf(error.message);
      throw error;
    }
  }

  /**
   * The platform root is the anchor, with the CAs an administrator added (imported seals' own);
   * the issuing CA completes chains whose PDF left it out.
   * Its CRL, fresh for this call, answers for the seal certificates it issued, and the root's
   * CRL for the issuing CA itself.
   */
  private async trust(ctx: RequestContext): Promise<VerifyPdfOptions> {
    const chain = this.ca.chain;
    await this.ca.refreshAuthorityCrl(ctx.em);
    const revoked = await this.seals.revokedCertificates(ctx.em);

    return {
      trustAnchors: [...chain.slice(-1), ...(await this.trustAnchors.certificates(ctx.em))],
      intermediates: chain.slice(0, -1),
      crls: [this.ca.currentCrl(revoked), this.ca.authorityCrl],
    };
  }

  /** Seals whose certificate signed, among those the caller owns: others' stay anonymous. */
  private async ownSeals(ctx: RequestContext, report: EngineReport): Promise<SealsByFingerprint> {
    const userId = requireUser(ctx);
    const fingerprints = report.signatures.flatMap((s) => (s.signer ? [s.signer.fingerprint] : []));
    if (fingerprints.length === 0) return new Map();
    const certificates = await ctx.em.find(
      SealCertificate,
      { fingerprintSha256: { $in: [...new Set(fingerprints)] }, seal: { owner: userId } },
      { populate: ['seal'] },
    );

    return new Map(certificates.map((c) => [c.fingerprintSha256, c.seal.$]));
  }
}
