import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An X.509 certificate found while verifying a signature.' })
export class CertificateInfo {
  @Field({ description: 'Subject distinguished name.' })
  subject!: string;

  @Field({ description: 'Issuer distinguished name.' })
  issuer!: string;

  @Field({ description: 'Serial number, lower-case hex.' })
  serialNumber!: string;

  @Field({ description: 'Start of validity.' })
  notBefore!: Date;

  @Field({ description: 'End of validity.' })
  notAfter!: Date;

  @Field({ description: 'SHA-256 of the DER certificate, lower-case hex.' })
  fingerprintSha256!: string;

  @Field({ description: 'The certificate in PEM.' })
  pem!: string;
}
