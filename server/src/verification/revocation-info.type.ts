import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum RevocationStatus {
  GOOD = 'GOOD',
  REVOKED = 'REVOKED',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(RevocationStatus, {
  name: 'RevocationStatus',
  description: 'Whether a certificate was revoked at the signing time.',
  valuesConfig: {
    GOOD: { description: 'A valid CRL of its issuer does not list it as revoked before signing.' },
    REVOKED: { description: 'Revoked before the signing time.' },
    UNKNOWN: { description: 'No usable CRL of its issuer was found.' },
  },
});

@ObjectType({ description: 'The revocation status of one certificate of a chain.' })
export class CertificateRevocationInfo {
  @Field({ description: 'Subject distinguished name of the certificate.' })
  subject!: string;

  @Field(() => RevocationStatus, { description: 'Its status at the signing time.' })
  status!: RevocationStatus;

  @Field(() => Date, {
    nullable: true,
    description: 'When a CRL says it was revoked, even if only after signing.',
  })
  revocationDate!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it is not simply GOOD.' })
  reason!: string | null;
}

@ObjectType({
  description: 'Revocation of the chain below the trust anchor, from our CRL and the PDF /DSS.',
})
export class RevocationInfo {
  @Field(() => RevocationStatus, {
    description: 'The worst over the chain: REVOKED, else UNKNOWN, else GOOD.',
  })
  status!: RevocationStatus;

  @Field(() => [CertificateRevocationInfo], {
    description: 'Each certificate checked, signer first.',
  })
  certificates!: CertificateRevocationInfo[];

  @Field(() => [String], { description: 'Why the status is not GOOD; empty when it is.' })
  reasons!: string[];
}
