import { randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../common/logger';
import { AuthorityRole, CertificateAuthority } from './certificate-authority.entity';
import { generateKeys, type KeyPairAlgorithm } from './key-pairs';
import type { KeyVault } from './key-vault';
import { WrappedKey } from './wrapped-key.entity';
import { issueCrl, type RevokedCertificate } from './crl';
import { OcspResponder } from './ocsp/ocsp-responder';
import {
  issueCertificate,
  keyIdentifier,
  toPem,
  type IssuerLocations,
  type NameAttribute,
} from './x509';

const ROOT_YEARS = 20;
const ISSUING_YEARS = 10;
const TSA_YEARS = 5;
const CRL_VALIDITY_MS = 24 * 3600_000;
const AUTHORITY_CRL_VALIDITY_MS = 7 * 24 * 3600_000;
const PLATFORM_NAME = 'eSeal Platform';

/** Options of the CA; without a base URL certificates name no CRL or issuer location. */
export interface CertificateAuthorityOptions {
  /** Public base URL of the server, e.g. https://seal.example.com (no trailing slash). */
  publicBaseUrl?: string;
}

/** The time-stamping key and certificate, its key sealed for the caller's transaction. */
export interface TsaCredentials {
  certificateDer: Buffer;
  privateKey: KeyObject;
  key: WrappedKey;
}

/** What a certificate request for a seal says about its holder. */
export interface SealCertificateRequest {
  subject: NameAttribute[];
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
}

/**
 * The platform certificate authority: a root that only certifies the issuing CA, and an issuing
 * CA that certifies seal keys. Both are created on first start; their keys live in the vault.
 */
export class CertificateAuthorityService {
  private issuing?: { entity: CertificateAuthority; key: KeyObject; keyId: Buffer };
  private chainDer: Buffer[] = [];
  private root?: { entity: CertificateAuthority; wrappedKeyId: string };
  private authorityCrlCache?: { der: Buffer; issuedAt: Date };
  private responder?: OcspResponder;

  constructor(
    private readonly vault: KeyVault,
    private readonly logger: Logger,
    private readonly options: CertificateAuthorityOptions = {},
  ) {}

  /** Loads the CA, creating it when the database has none. */
  async start(em: EntityManager): Promise<void> {
    let authorities = await em.find(CertificateAuthority, {});
    if (authorities.length === 0) {
      await em.transactional((tx) => this.createAuthorities(tx));
      authorities = await em.find(CertificateAuthority, {});
    }
    const root = authorities.find((a) => a.role === AuthorityRole.ROOT);
    const issuing = authorities.find((a) => a.role === AuthorityRole.ISSUING);
    if (!root || !issuing)
      throw new Error('The database holds an incomplete certificate authority');
    const wrapped = await em.findOneOrFail(WrappedKey, issuing.key.id, {
      populate: ['wrappedDataKey', 'encryptedKey'],
    });
    const keyId = keyIdentifier(new X509Certificate(issuing.certificateDer).publicKey);
    this.issuing = { entity: issuing, key: this.openKey(wrapped), keyId };
    this.chainDer = [issuing.certificateDer, root.certificateDer];
    this.root = { entity: root, wrappedKeyId: root.key.id };
    this.authorityCrlCache = undefined;
    await this.refreshAuthorityCrl(em);
    this.logger.info(
      { subject: issuing.subject, notAfter: issuing.notAfter.toISOString() },
      'certificate authority ready',
    );
  }

  /** Issuing CA then root, DER: the chain embedded after a seal certificate. */
  get chain(): Buffer[] {
    return this.chainDer;
  }

  /** Root and issuing CA certificates as PEM, served at /pki/ca.pem. */
  get pem(): string {
    return [...this.chainDer]
      .reverse()
      .map((der) => toPem(der))
      .join('');
  }

  /** Issues a seal certificate for signing: digitalSignature and nonRepudiation only. */
  issueSealCertificate(request: SealCertificateRequest): Buffer {
    const issuing = this.requireStarted();
    const issuerCert = new X509Certificate(issuing.entity.certificateDer);
    const notAfter = new Date(
      Math.min(request.notAfter.getTime(), new Date(issuerCert.validTo).getTime()),
    );

    return issueCertificate({
      subject: request.subject,
      issuer: platformName('Issuing CA'),
      subjectKey: request.publicKey,
      issuerKey: issuing.key,
      issuerKeyId: issuing.keyId,
      serialNumber: newSerialNumber(),
      notBefore: request.notBefore,
      notAfter,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      issuerLocations: this.issuerLocations(),
    });
  }

  /**
   * Creates the time-stamping authority's key (sealed in the vault with the caller's transaction)
   * and certifies it for time-stamping only: extended key usage id-kp-timeStamping, critical, and
   * key usage digitalSignature (RFC 3161 §2.3).
   */
  async issueTsaCertificate(
    em: EntityManager,
    algorithm: KeyPairAlgorithm = 'RSA_3072',
  ): Promise<TsaCredentials> {
    const issuing = this.requireStarted();
    const keys = await generateKeys(algorithm);
    const key = this.storeKey(em, keys.privateKey, algorithm);
    const now = new Date();
    const certificateDer = issueCertificate({
      subject: platformName('Time Stamping Authority'),
      issuer: platformName('Issuing CA'),
      subjectKey: keys.publicKey,
      issuerKey: issuing.key,
      issuerKeyId: issuing.keyId,
      serialNumber: newSerialNumber(),
      notBefore: now,
      notAfter: new Date(
        Math.min(addYears(now, TSA_YEARS).getTime(), issuing.entity.notAfter.getTime()),
      ),
      keyUsage: ['digitalSignature'],
      extendedKeyUsage: ['timeStamping'],
      issuerLocations: this.issuerLocations(),
    });
    this.logger.info('issued the time-stamping authority certificate');

    return { certificateDer, privateKey: keys.privateKey, key };
  }

  /**
   * The issuing CA's CRL as of `now`: X.509 v2, valid for a day, listing the given certificates.
   * The CRL number is the issue time in seconds, so it grows without stored state.
   */
  currentCrl(revoked: RevokedCertificate[], now = new Date()): Buffer {
    const issuing = this.requireStarted();

    return issueCrl({
      issuerCertificate: issuing.entity.certificateDer,
      issuerKey: issuing.key,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + CRL_VALIDITY_MS),
      crlNumber: Math.floor(now.getTime() / 1000),
      revoked,
    });
  }

  /**
   * The root's CRL over the CAs it certified (an ARL): it says the issuing CA is not revoked, which
   * a validator needs before it can call a seal's signature valid. The root key is opened only to
   * issue it, at start and when it passes half its week of validity.
   */
  get authorityCrl(): Buffer {
    if (!this.authorityCrlCache) throw new Error('The certificate authority has not been started');

    return this.authorityCrlCache.der;
  }

  /** Re-issues the ARL when it has run through half its validity; cheap to call often. */
  async refreshAuthorityCrl(em: EntityManager, now = new Date()): Promise<void> {
    const cached = this.authorityCrlCache;
    if (cached && now.getTime() - cached.issuedAt.getTime() < AUTHORITY_CRL_VALIDITY_MS / 2) return;
    if (!this.root) throw new Error('The certificate authority has not been started');
    const wrapped = await em.findOneOrFail(WrappedKey, this.root.wrappedKeyId, {
      populate: ['wrappedDataKey', 'encryptedKey'],
    });
    const der = issueCrl({
      issuerCertificate: this.root.entity.certificateDer,
      issuerKey: this.openKey(wrapped),
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + AUTHORITY_CRL_VALIDITY_MS),
      crlNumber: Math.floor(now.getTime() / 1000),
      revoked: [],
    });
    this.vault.forget(wrapped.id);
    this.authorityCrlCache = { der, issuedAt: now };
  }

  /** The issuing CA's certificate in DER, for the caIssuers location. */
  get issuingCertificate(): Buffer {
    return this.requireStarted().entity.certificateDer;
  }

  /** An OCSP responder for the issuing CA's certificates, signing with its key (RFC 6960 §2.6). */
  ocspResponder(): OcspResponder {
    const issuing = this.requireStarted();
    this.responder ??= new OcspResponder({
      issuerCertificate: issuing.entity.certificateDer,
      issuerKey: issuing.key,
      onInternalError: (err) => this.logger.error({ err }, 'OCSP status lookup failed'),
    });

    return this.responder;
  }

  private issuerLocations(): IssuerLocations {
    const base = this.options.publicBaseUrl;
    if (!base) return {};

    return {
      crlUrl: `${base}/pki/crl`,
      caIssuersUrl: `${base}/pki/issuing-ca.crt`,
      ocspUrl: `${base}/pki/ocsp`,
    };
  }

  private async createAuthorities(em: EntityManager): Promise<void> {
    const now = new Date();
    const rootKeys = await generateKeys('RSA_4096');
    const rootDer = issueCertificate({
      subject: platformName('Root CA'),
      issuer: platformName('Root CA'),
      subjectKey: rootKeys.publicKey,
      issuerKey: rootKeys.privateKey,
      serialNumber: newSerialNumber(),
      notBefore: now,
      notAfter: addYears(now, ROOT_YEARS),
      ca: { pathLength: 1 },
      keyUsage: ['keyCertSign', 'cRLSign'],
    });
    const issuingKeys = await generateKeys('RSA_3072');
    const issuingDer = issueCertificate({
      subject: platformName('Issuing CA'),
      issuer: platformName('Root CA'),
      subjectKey: issuingKeys.publicKey,
      issuerKey: rootKeys.privateKey,
      issuerKeyId: keyIdentifier(rootKeys.publicKey),
      serialNumber: newSerialNumber(),
      notBefore: now,
      notAfter: addYears(now, ISSUING_YEARS),
      keyUsage: ['keyCertSign', 'cRLSign'],
      ca: { pathLength: 0 },
    });
    this.persist(em, AuthorityRole.ROOT, rootDer, rootKeys.privateKey, 'RSA_4096');
    this.persist(em, AuthorityRole.ISSUING, issuingDer, issuingKeys.privateKey, 'RSA_3072');
    this.logger.info('created the platform certificate authority (root and issuing CA)');
  }

  private persist(
    em: EntityManager,
    role: AuthorityRole,
    der: Buffer,
    privateKey: KeyObject,
    algorithm: KeyPairAlgorithm,
  ): void {
    const key = this.storeKey(em, privateKey, algorithm);
    const cert = new X509Certificate(der);
    em.persist(
      em.create(CertificateAuthority, {
        role,
        subject: cert.subject.split('\n').reverse().join(', '),
        certificateDer: der,
        key,
        notAfter: new Date(cert.validTo),
        createdAt: new Date(),
      }),
    );
  }

  /** Seals a new private key into a WrappedKey row (persisted with the caller's transaction). */
  storeKey(em: EntityManager, privateKey: KeyObject, algorithm: string): WrappedKey {
    const key = new WrappedKey();
    const sealed = this.vault.seal(privateKey, key.id);
    Object.assign(key, { algorithm, ...sealed });
    em.persist(key);

    return key;
  }

  /** Drops a key from the vault's cache, as when it is destroyed. */
  forgetKey(keyId: string): void {
    this.vault.forget(keyId);
  }

  /** Opens a stored key through the vault's cache. */
  openKey(key: WrappedKey): KeyObject {
    if (!key.wrappedDataKey || !key.encryptedKey) throw new Error(`Key ${key.id} was destroyed`);

    return this.vault.open(
      {
        masterKeyId: key.masterKeyId,
        wrappedDataKey: key.wrappedDataKey,
        encryptedKey: key.encryptedKey,
      },
      key.id,
    );
  }

  private requireStarted() {
    if (!this.issuing) throw new Error('The certificate authority has not been started');

    return this.issuing;
  }
}

function platformName(commonName: string): NameAttribute[] {
  return [
    { shortName: 'C', value: 'CN' },
    { shortName: 'O', value: PLATFORM_NAME },
    { shortName: 'CN', value: `${PLATFORM_NAME} ${commonName}` },
  ];
}

/** 16 random octets, top bit clear: unique and unpredictable (CA/B BR §7.1 asks for ≥64 bits). */
function newSerialNumber(): Buffer {
  const serial = randomBytes(16);
  serial[0] &= 0x7f;

  return serial;
}

function addYears(date: Date, years: number): Date {
  const result = new Date(date);
  result.setUTCFullYear(result.getUTCFullYear() + years);

  return result;
}
