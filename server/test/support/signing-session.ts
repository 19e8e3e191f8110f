/**
 * A signer with a seal, and the requests the signing-feature tests make of the API: signing with
 * any option, the refusal code, the document's state and its verification report.
 */
import {
  createSeal,
  downloadBytes,
  graphql,
  newUser,
  ok,
  signDocument,
  signingRefusal,
  uploadPdf,
  type SealView,
} from './api';

/** A 40 mm contract seal is 113.39 pt across. */
export const CONTRACT_SEAL_PT = (40 / 25.4) * 72;

const SIGNATURE_FIELDS = `id page pages level fieldName x y width revision
  document { id revision downloadUrl encrypted }`;

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
      trust { reachesTrustAnchor validAtValidationTime validNow validationTimeSource reasons }
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

/** An upload's document, or the code it was refused with. */
export interface UploadResult {
  document?: { id: string; encrypted: boolean };
  code?: string;
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

  /** Uploads a PDF and returns its id. */
  async upload(pdf: Buffer): Promise<string> {
    return (await uploadPdf(this.token, pdf)).id;
  }

  /** Uploads an encrypted PDF, with its password when given. */
  async uploadEncrypted(pdf: Buffer, password?: string): Promise<UploadResult> {
    const result = await graphql<{ uploadDocument: { id: string; encrypted: boolean } }>(
      `
        mutation ($input: UploadDocumentInput!) {
          uploadDocument(input: $input) {
            id
            encrypted
          }
        }
      `,
      { input: { contentBase64: pdf.toString('base64'), fileName: 'locked.pdf', password } },
      this.token,
    );

    return { document: result.data?.uploadDocument, code: result.errors?.[0]?.extensions?.code };
  }

  /** Ids of every document this account has stored. */
  async documentIds(): Promise<string[]> {
    const data = await ok<{ documents: { id: string }[] }>(`{ documents { id } }`, {}, this.token);

    return data.documents.map((document) => document.id);
  }

  /** Signs with this session's seal; `options` are the rest of SignDocumentInput. */
  async sign(documentId: string, options: Record<string, unknown>): Promise<SignedView> {
    const signature = await signDocument(
      this.token,
      this.input(documentId, options),
      SIGNATURE_FIELDS,
    );

    return signature as unknown as SignedView;
  }

  /** The error code a signing request is refused with (undefined if it succeeds). */
  async refusal(documentId: string, options: Record<string, unknown>): Promise<string | undefined> {
    return signingRefusal(this.token, this.input(documentId, options));
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
