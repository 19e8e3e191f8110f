import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../common/logger';
import { AuthorityRole, CertificateAuthority } from './certificate-authority.entity';
import type { CertificateAuthorityService } from './certificate-authority.service';
import { TimeStampAuthority } from './tsa/time-stamp-authority';
import { requestTimestamp, type TsaClientOptions } from './tsa/tsa-client';
import { WrappedKey } from './wrapped-key.entity';
import { describeCertificate } from './x509';

/** Where tokens come from: the platform's own TSA, an external one, or none. */
export type TimestampSource =
  { kind: 'platform' } | { kind: 'external'; client: TsaClientOptions } | { kind: 'none' };

/**
 * Time-stamps for signatures (B-T) and documents (B-LTA). The platform runs its own RFC 3161
 * authority, so a self-hosted install has one; an external TSA can replace it. Either way a token
 * is obtained or an error is thrown: the server clock never stands in for a time-stamp.
 */
export class TimestampingService {
  private authority?: TimeStampAuthority;
  private chain: Buffer[] = [];

  constructor(
    private readonly source: TimestampSource,
    private readonly ca: CertificateAuthorityService,
    private readonly logger: Logger,
  ) {}

  /** Loads the platform TSA, certifying one on first start. */
  async start(em: EntityManager): Promise<void> {
    if (this.source.kind !== 'platform') return;
    let row = await em.findOne(CertificateAuthority, { role: AuthorityRole.TSA });
    if (!row) row = await em.transactional((tx) => this.createTsa(tx));
    const key = await em.findOneOrFail(WrappedKey, row.key.id, {
      populate: ['wrappedDataKey', 'encryptedKey'],
    });
    const certificates = [row.certificateDer, ...this.ca.chain];
    this.chain = [row.certificateDer];
    this.authority = new TimeStampAuthority({
      signer: { privateKey: this.ca.openKey(key), certificates },
    });
    this.logger.info({ subject: row.subject }, 'time-stamping authority ready at /tsa');
  }

  get available(): boolean {
    return this.source.kind !== 'none';
  }

  /** The platform TSA's certificate chain, embedded with validation data; empty otherwise. */
  get certificates(): Buffer[] {
    return this.chain;
  }

  /** The platform TSA, for the /tsa route; undefined with an external or no TSA. */
  get platformAuthority(): TimeStampAuthority | undefined {
    return this.authority;
  }

  /** A TimeStampToken (DER) over a SHA-256 digest; throws TimestampError when none is had. */
  async stamp(digest: Buffer): Promise<Buffer> {
    if (this.source.kind === 'external') return requestTimestamp(digest, this.source.client);
    if (!this.authority) throw new Error('No time-stamping authority is configured');

    return this.authority.issue({
      imprint: { hash: 'sha256', hashedMessage: digest },
      nonce: randomBytes(8),
      certReq: true,
    });
  }

  private async createTsa(em: EntityManager): Promise<CertificateAuthority> {
    const credentials = await this.ca.issueTsaCertificate(em);
    const facts = describeCertificate(credentials.certificateDer);
    const row = em.create(CertificateAuthority, {
      role: AuthorityRole.TSA,
      subject: facts.subject,
      certificateDer: credentials.certificateDer,
      key: credentials.key,
      notAfter: facts.notAfter,
      createdAt: new Date(),
    });
    this.logger.info('certified the platform time-stamping authority');

    return row;
  }
}
