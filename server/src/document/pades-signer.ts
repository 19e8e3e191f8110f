import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import { badInput } from '../common/errors';
import type { CertificateAuthorityService } from '../pki/certificate-authority.service';
import type { RevokedCertificate } from '../pki/crl';
import type { StatusLookup } from '../pki/ocsp/ocsp-protocol';
import type { TimestampingService } from '../pki/timestamping.service';
import { TimestampError } from '../pki/tsa/tsa-client';
import { MissingGlyphError, renderCaption } from '../seal/image';
import {
  addValidationData,
  signPdf,
  timestampDocument,
  type SealPlacement,
  type SignatureReport,
} from '../signing';
import { translateEngineError } from './engine-errors';
import type { SignDocumentInput } from './sign-document.input';
import { SignatureLevel } from './signing-options.enum';

/** What signing needs to know of the seal: its key, certificate chain and image. */
export interface SealMaterial {
  privateKey: KeyObject;
  certificate: Buffer;
  /** The certificate's issuers, nearest first: the platform CA, or an imported chain. */
  chain: Buffer[];
  png: Buffer;
  widthPt: number;
  heightPt: number;
}

/** One signing request, resolved: bytes, where, and at which level. */
export interface PadesRequest {
  pdf: Buffer;
  seal: SealMaterial;
  placements: SealPlacement[];
  input: SignDocumentInput;
  signingTime: Date;
  encrypted: boolean;
  /** Revoked certificates of the issuing CA, for the CRL of B-LT. */
  revoked: RevokedCertificate[];
  /** Our certificates' status, for the OCSP response of B-LT. */
  certificateStatus: StatusLookup;
}

/**
 * A signed document as the next revision stores it: the bytes appended to the input, or, when
 * the input had to be rebuilt (`whole`), the entire new file.
 */
export interface PadesResult {
  appended: Buffer;
  whole: boolean;
  /** Size and hex SHA-256 of the whole signed file. */
  sizeBytes: number;
  sha256: string;
  report: SignatureReport;
  level: SignatureLevel;
}

const RANK = [SignatureLevel.B_B, SignatureLevel.B_T, SignatureLevel.B_LT, SignatureLevel.B_LTA];

/**
 * Makes a PAdES signature at the level asked (ETSI EN 319 142-1): B-B, then a signature
 * time-stamp for B-T, then a DSS with the chain and CRL for B-LT, then a document time-stamp
 * over all of it for B-LTA. A time-stamp that cannot be had fails the signing unless the caller
 * accepted B-B; the level reached is reported, never assumed.
 */
export class PadesSigner {
  constructor(
    private readonly ca: CertificateAuthorityService,
    private readonly timestamps: TimestampingService,
  ) {}

  /** B-T when a time-stamp authority is configured, B-B otherwise. */
  get defaultLevel(): SignatureLevel {
    return this.timestamps.available ? SignatureLevel.B_T : SignatureLevel.B_B;
  }

  async sign(request: PadesRequest): Promise<PadesResult> {
    const wanted = request.input.level ?? this.defaultLevel;
    this.checkLevel(wanted);
    try {
      return await this.signAt(request, wanted);
    } catch (error) {
      if (!(error instanceof TimestampError) || !request.input.acceptBaselineLevel) {
        throw translateEngineError(error);
      }

      return this.signAt(request, SignatureLevel.B_B).catch((retry: unknown) => {
        throw translateEngineError(retry);
      });
    }
  }

  private async signAt(request: PadesRequest, level: SignatureLevel): Promise<PadesResult> {
    const signed = await signPdf(this.engineInput(request, level));
    const { report } = signed;
    const whole = report.rewritten;
    const sizeBytes = signed.original.length + signed.appended.length;
    if (!atLeast(level, SignatureLevel.B_LT)) {
      const appended = whole ? signed.pdf : signed.appended;

      return { appended, whole, sizeBytes, sha256: signed.sha256, report, level };
    }
    let pdf = await this.addValidationData(signed.pdf, request);
    if (atLeast(level, SignatureLevel.B_LTA)) {
      const stamp = (digest: Buffer) => this.timestamps.stamp(digest);
      pdf = (await timestampDocument(pdf, stamp, { password: request.input.password ?? undefined }))
        .pdf;
    }
    const appended = whole ? pdf : pdf.subarray(request.pdf.length);
    const sha256 = createHash('sha256').update(pdf).digest('hex');

    return { appended, whole, sizeBytes: pdf.length, sha256, report, level };
  }

  private engineInput(request: PadesRequest, level: SignatureLevel) {
    const { input, seal } = request;
    const stamp = (signatureValue: Buffer) =>
      this.timestamps.stamp(createHash('sha256').update(signatureValue).digest());

    return {
      pdf: request.pdf,
      signer: { privateKey: seal.privateKey, certificates: [seal.certificate, ...seal.chain] },
      appearance: { png: seal.png, width: seal.widthPt, height: seal.heightPt },
      placements: request.placements,
      caption: input.caption ? this.caption(request) : undefined,
      fieldName: input.fieldName ?? undefined,
      certify: input.certify ?? undefined,
      password: input.password ?? undefined,
      signingTime: request.signingTime,
      signerName: input.signerName,
      reason: input.reason ?? undefined,
      location: input.location ?? undefined,
      timestamp: atLeast(level, SignatureLevel.B_T) ? stamp : undefined,
    };
  }

  /**
   * The DSS of B-LT: the chains of the signer and the time-stamp authority, our CRLs, and, for a
   * certificate we issued, our OCSP responder's answer about it. An imported seal's own CA is
   * not ours to answer for, so its revocation data is left to whoever validates.
   */
  private async addValidationData(pdf: Buffer, request: PadesRequest): Promise<Buffer> {
    const { certificate, chain } = request.seal;
    const issuedByUs = new X509Certificate(certificate).checkIssued(
      new X509Certificate(this.ca.issuingCertificate),
    );
    const ocsps = issuedByUs
      ? [await this.ca.ocspResponder().responseFor(certificate, request.certificateStatus)]
      : [];

    const data = {
      certificates: [certificate, ...chain, ...this.timestamps.certificates],
      crls: [this.ca.currentCrl(request.revoked), this.ca.authorityCrl],
      ocsps,
    };

    return addValidationData(pdf, data, { password: request.input.password ?? undefined });
  }

  /** The caption under the seal: the text given, or the signer's name and the date. */
  private caption(request: PadesRequest) {
    const { input, seal, signingTime } = request;
    const date = signingTime.toISOString().slice(0, 10);
    const lines = input.caption?.text ? [input.caption.text] : [input.signerName, date];
    let image;
    try {
      image = renderCaption(lines, (seal.widthPt / 72) * 25.4);
    } catch (error) {
      if (!(error instanceof MissingGlyphError)) throw error;
      throw badInput(input.caption?.text ? 'caption.text' : 'signerName', error.message);
    }

    return { png: image.png, width: image.widthPt, height: image.heightPt };
  }

  private checkLevel(level: SignatureLevel): void {
    if (atLeast(level, SignatureLevel.B_T) && !this.timestamps.available) {
      throw badInput('level', `${level} needs a time-stamp authority, and none is configured`);
    }
  }
}

function atLeast(level: SignatureLevel, floor: SignatureLevel): boolean {
  return RANK.indexOf(level) >= RANK.indexOf(floor);
}
