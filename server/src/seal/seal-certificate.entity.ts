import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import type { RevocationReason } from '../pki/crl';
import { Seal } from './seal.entity';

@ObjectType('Certificate', { description: 'An X.509 certificate issued to a seal.' })
@Entity()
export class SealCertificate {
  [OptionalProps]?: 'pem' | 'revokedAt' | 'revocationReason' | 'importedChain';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Seal, { ref: true })
  seal!: Ref<Seal>;

  @Field({ description: 'Serial number, hex.' })
  @Property({ length: 64, unique: true })
  serialNumber!: string;

  @Field({ description: 'Subject distinguished name (RFC 4514).' })
  @Property({ length: 1024 })
  subject!: string;

  @Field({ description: 'Issuer distinguished name (RFC 4514).' })
  @Property({ length: 1024 })
  issuer!: string;

  @Field({ description: 'Start of validity.' })
  @Property({ type: 'datetime' })
  notBefore!: Date;

  @Field({ description: 'End of validity.' })
  @Property({ type: 'datetime' })
  notAfter!: Date;

  @Field({ description: 'SHA-256 of the DER certificate, hex.' })
  @Property({ length: 64 })
  fingerprintSha256!: string;

  @Property({ type: 'blob' })
  der!: Buffer;

  /** Issuers of an imported certificate (base64 DER, nearest first); null for ours. */
  @Property({ type: 'json', nullable: true })
  importedChain: string[] | null = null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked, if it was.' })
  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  /**
   * CRLReason: superseded (re-keyed), affiliationChanged (renamed) or cessationOfOperation
   * (seal deleted).
   */
  @Field(() => String, { nullable: true, description: 'Why it was revoked (RFC 5280 CRLReason).' })
  @Property({ type: 'string', length: 32, nullable: true })
  revocationReason: RevocationReason | null = null;

  @Field({ description: 'The certificate in PEM.' })
  get pem(): string {
    const base64 = this.der.toString('base64').replace(/.{64}/g, '$&\n').trimEnd();

    return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;
  }
}
