/**
 * A signer with a seal, and the requests the signing-feature tests make of the API: signing with
 * any option, the refusal code, the document's state and its verification report.
 */
import { createSeal, downloadBytes, graphql, newUser, ok, uploadPdf, type SealView } from './api';

/** A 40 mm contract seal is 113.39 pt across. */
export const CONTRACT_SEAL_PT = (40 / 25.4) * 72;

const SIGNATURE_FIELDS = `id page pages level fieldName x y width revision
  document { id revision downloadUrl encrypted }`;

const SIGN = `mutation ($input: SignDocumentInput!) {
  signDocument(input: $input) { ${SIGNATURE_FIELDS} }
}`;

/** The Signature fields these tests look at. */
export interface SignedView {
  id: string;
  page: number;
  pages: number[];
  level: string;
  fieldName: string;
  x: number;
  y: number;
  width: number;
  revision: number;
  document: { id: string; revision: number; downloadUrl: string; encrypted: boolean };
}

const VERIFY = `query ($input: VerifyDocumentInput!) {
  verifyDocument(input: $input) {
    verdict reasons revisions encrypted
    signatures {
      fieldName kind level subFilter changePermission verdict reasons
      integrity { ok digestMatches signatureValid coversWholeDocument reasons }
      timestamp { imprintMatches signatureValid trusted }
      trust { reachesTrustAnchor validAtValidationTime validationTimeSource reasons }
      revocation { status reasons certificates { subject status } }
      modifications { category allowed }
    }
  }
}`;

/** One signature of a verification report, as far as these tests read it. */
export interface VerifiedSignature {
  fieldName: string;
  kind: string;
  level: string;
  subFilter: string | null;
  changePermission: number | null;
  verdict: string;
  reasons: string[];
  integrity: { ok: boolean; digestMatches: boolean; signatureValid: boolean };
  timestamp: { imprintMatches: boolean; signatureValid: boolean; trusted: boolean } | null;
  trust: { reachesTrustAnchor: boolean; validAtValidationTime: boolean; reasons: string[] } | null;
  revocation: { status: string; certificates: { subject: string; status: string }[] } | null;
  modifications: { category: string; allowed: boolean }[];
}

export interface VerifiedDocument {
  verdict: string;
  reasons: string[];
  revisions: number;
  encrypted: boolean;
  signatures: VerifiedSignature[];
}

/** A fresh account with one contract seal, signing as 张三. */
export class SigningSession {
  private constructor(
    readonly token: string,
    readonly seal: SealView,
  ) {}

  static async start(): Promise<SigningSession> {
    const { token } = await newUser('signer');

    return new SigningSession(token, await createSeal(token));
  }

  /** Uploads a PDF (with its password, if any) and returns its id and first bytes. */
  async upload(pdf: Buffer, password?: string): Promise<string> {
    if (password === undefined) return (await uploadPdf(this.token, pdf)).id;
    const data = await ok<{ uploadDocument: { id: string } }>(
      `mutation ($input: UploadDocumentInput!) { uploadDocument(input: $input) { id } }`,
      { input: { contentBase64: pdf.toString('base64'), fileName: 'locked.pdf', password } },
      this.token,
    );

    return data.uploadDocument.id;
  }

  /** Signs with this session's seal; `options` are the rest of SignDocumentInput. */
  async sign(documentId: string, options: Record<string, unknown>): Promise<SignedView> {
    const data = await ok<{ signDocument: SignedView }>(
      SIGN,
      { input: this.input(documentId, options) },
      this.token,
    );

    return data.signDocument;
  }

  /** The error code a signing request is refused with (undefined if it succeeds). */
  async refusal(documentId: string, options: Record<string, unknown>): Promise<string | undefined> {
    const result = await graphql(SIGN, { input: this.input(documentId, options) }, this.token);

    return result.errors?.[0]?.extensions?.code;
  }

  /** The latest revision's bytes. */
  async bytes(documentId: string): Promise<Buffer> {
    const { document } = await this.document(documentId);

    return downloadBytes(document.downloadUrl, this.token);
  }

  async revision(documentId: string): Promise<number> {
    return (await this.document(documentId)).document.revision;
  }

  async verify(documentId: string): Promise<VerifiedDocument> {
    const data = await ok<{ verifyDocument: VerifiedDocument }>(
      VERIFY,
      { input: { documentId } },
      this.token,
    );

    return data.verifyDocument;
  }

  private document(id: string) {
    return ok<{ document: { revision: number; downloadUrl: string } }>(
      `query ($id: ID!) { document(id: $id) { revision downloadUrl } }`,
      { id },
      this.token,
    );
  }

  private input(documentId: string, options: Record<string, unknown>) {
    return { documentId, sealId: this.seal.id, signerName: '张三', ...options };
  }
}
