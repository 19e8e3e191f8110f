import type { KeyObject } from 'node:crypto';
import { type RequestContext, requireUser } from '../common/context';
import { AppError, badInput, ErrorCode } from '../common/errors';
import { requireText } from '../common/text';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import type { CertificateAuthorityService } from '../pki/certificate-authority.service';
import {
  checkSigningCredentials,
  ImportError,
  readPem,
  readPkcs12,
  type ImportedCredentials,
} from '../pki/import';
import { describeCertificate } from '../pki/x509';
import { readUpload } from '../document/read-upload';
import type { ImportSealInput, ImportSealPemInput } from './import-seal.input';
import { KeyAlgorithm } from './key-algorithm.enum';
import { importedSealHolder } from './seal-holder';
import { SealCertificate } from './seal-certificate.entity';
import { Seal } from './seal.entity';
import type { AgreementService } from '../agreement/agreement.service';
import { hashPin } from './seal-pin.service';
import { type ImageUploadInput, newSealImage } from './seal-images';
import { checkSealNumbers, drawnNumber, type SealNumbers } from './seal-numbers';

const MAX_PKCS12_BYTES = 1024 * 1024;

/**
 * Seals whose key and certificate come from elsewhere (PKCS#12 or PEM). Everything is read and
 * checked — password, key against certificate, validity, key usage — before anything is stored;
 * the key is then kept like every other, wrapped under the master key, and the imported chain is
 * embedded when signing. Its CA is not trusted by verification until an admin says so.
 */
export class SealImportService {
  constructor(
    private readonly ca: CertificateAuthorityService,
    private readonly history: HistoryService,
    private readonly agreements: AgreementService,
  ) {}

  async importPkcs12(ctx: RequestContext, input: ImportSealInput): Promise<Seal> {
    await this.agreements.requireAccepted(ctx);
    const { content } = await readUpload(
      { file: input.pkcs12, contentBase64: input.pkcs12Base64 },
      MAX_PKCS12_BYTES,
    );

    return this.store(ctx, input, () => readPkcs12(content, input.password), 'PKCS12');
  }

  async importPem(ctx: RequestContext, input: ImportSealPemInput): Promise<Seal> {
    await this.agreements.requireAccepted(ctx);
    const read = () =>
      readPem(
        input.certificateChainPem,
        input.privateKeyPem,
        input.privateKeyPassword ?? undefined,
      );

    return this.store(ctx, input, read, 'PEM');
  }

  private async store(
    ctx: RequestContext,
    input: {
      name: string;
      type: Seal['type'];
      ownerName?: string | null;
      organizationId?: string | null;
      pin: string;
    } & Partial<SealNumbers> &
      ImageUploadInput,
    read: () => ImportedCredentials,
    format: string,
  ): Promise<Seal> {
    const ownerId = requireUser(ctx);
    const holder = await importedSealHolder(ctx, input);
    const credentials = checked(read);
    const facts = describeCertificate(credentials.certificate);
    const name = requireText('name', input.name, 1, 12);
    const ownerName = requireText('ownerName', holder.ownerName ?? ownerOf(facts.subject), 1, 24);
    const numbers = checkSealNumbers(input.type, input);
    const spec = { type: input.type, name, ownerName, code: drawnNumber(numbers) };
    const image = await newSealImage(input, spec);
    const pinHash = await hashPin('pin', input.pin);

    return ctx.em.transactional((em) => {
      const algorithm = algorithmOf(credentials.privateKey);
      const seal = em.create(Seal, {
        owner: ownerId,
        organization: holder.organization,
        name,
        type: input.type,
        ownerName,
        ...numbers,
        keyAlgorithm: algorithm,
        validFrom: facts.notBefore,
        validTo: facts.notAfter,
        key: this.ca.storeKey(em, credentials.privateKey, algorithm),
        ...image,
        pinHash,
        createdAt: new Date(),
      });
      const certificate = em.create(SealCertificate, {
        seal,
        der: credentials.certificate,
        importedChain: credentials.chain.map((der) => der.toString('base64')),
        ...facts,
      });
      seal.certificate = em.getReference(SealCertificate, certificate.id, { wrapped: true });
      this.history.record(em, ctx.actor, HistoryAction.SEAL_IMPORTED, {
        sealId: seal.id,
        payload: {
          format,
          serialNumber: facts.serialNumber,
          issuer: facts.issuer,
          organizationId: holder.organization?.id ?? null,
        },
      });

      return seal;
    });
  }
}

/** Reads and checks the credentials, turning the reader's refusals into the API's codes. */
function checked(read: () => ImportedCredentials): ImportedCredentials {
  try {
    const credentials = read();
    checkSigningCredentials(credentials, new Date());

    return credentials;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    throw importRefusal(error);
  }
}

function importRefusal(error: ImportError): AppError {
  switch (error.code) {
    case 'CERTIFICATE_EXPIRED':
      return new AppError(ErrorCode.SEAL_EXPIRED, error.message);
    case 'INVALID_PKCS12':
    case 'INVALID_PEM':
      return new AppError(ErrorCode.INVALID_CREDENTIALS, error.message);
    default:
      return new AppError(ErrorCode[error.code], error.message);
  }
}

/** O= of the subject, else CN=, as the owner drawn on the seal. */
function ownerOf(subject: string): string {
  const part = (key: string) => new RegExp(`(?:^|, )${key}=([^,]+)`).exec(subject)?.[1];

  return part('O') ?? part('CN') ?? 'Unknown';
}

function algorithmOf(key: KeyObject): KeyAlgorithm {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec') {
    return details.namedCurve === 'secp384r1' ? KeyAlgorithm.EC_P384 : KeyAlgorithm.EC_P256;
  }
  const bits = details.modulusLength ?? 2048;
  if (bits >= 4096) return KeyAlgorithm.RSA_4096;
  if (bits >= 3072) return KeyAlgorithm.RSA_3072;
  if (bits >= 2048) return KeyAlgorithm.RSA_2048;
  throw badInput('key', `expected RSA of 2048 bits or more, got ${bits}`);
}
