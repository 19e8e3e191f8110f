import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Seal } from '../seal/seal.entity';
import { CertificateInfo } from './certificate-info.type';
import { IntegrityReport } from './integrity-report.type';
import { ModificationInfo } from './modification-info.type';
import { RevocationInfo } from './revocation-info.type';
import { TimestampInfo } from './timestamp-info.type';
import { TrustInfo } from './trust-info.type';
import { Verdict } from './verdict.enum';

export enum PadesLevel {
  B_B = 'B_B',
  B_T = 'B_T',
  B_LT = 'B_LT',
  B_LTA = 'B_LTA',
  NONE = 'NONE',
}

registerEnumType(PadesLevel, {
  name: 'PadesLevel',
  description: 'PAdES baseline level reached (ETSI EN 319 142-1 6).',
  valuesConfig: {
    B_B: { description: 'Basic: a CAdES signature naming its signer certificate.' },
    B_T: { description: 'B-B with a signature timestamp.' },
    B_LT: { description: 'B-T with validation data (certificates, CRLs) in the /DSS.' },
    B_LTA: { description: 'B-LT archived under a later document timestamp.' },
    NONE: { description: 'Not a PAdES signature (e.g. adbe.pkcs7.detached).' },
  },
});

export enum SignatureKind {
  APPROVAL = 'APPROVAL',
  CERTIFICATION = 'CERTIFICATION',
  DOCUMENT_TIMESTAMP = 'DOCUMENT_TIMESTAMP',
}

registerEnumType(SignatureKind, {
  name: 'SignatureKind',
  description: 'What a signature field holds.',
  valuesConfig: {
    APPROVAL: { description: 'An ordinary signature.' },
    CERTIFICATION: { description: 'A certifying (DocMDP) signature: it limits later changes.' },
    DOCUMENT_TIMESTAMP: { description: 'A document timestamp (ETSI.RFC3161).' },
  },
});

@ObjectType({ description: 'Everything found about one signature or document timestamp.' })
export class SignatureVerification {
  @Field({ description: 'Fully qualified name of the signature field.' })
  fieldName!: string;

  @Field(() => String, { nullable: true, description: 'The /SubFilter, e.g. ETSI.CAdES.detached.' })
  subFilter!: string | null;

  @Field(() => SignatureKind, { description: 'Approval, certification or document timestamp.' })
  kind!: SignatureKind;

  @Field(() => Int, { nullable: true, description: '1-based page of the widget, if it has one.' })
  page!: number | null;

  @Field(() => String, { nullable: true, description: 'The /Name of the signature dictionary.' })
  signerName!: string | null;

  @Field(() => String, { nullable: true, description: 'The /Reason of the signature dictionary.' })
  reason!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The /Location of the signature dictionary.',
  })
  location!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'The /M of the signature dictionary: claimed by the signer, not proven.',
  })
  claimedSigningTime!: Date | null;

  @Field(() => Date, { nullable: true, description: 'The time a timestamp proves, if any.' })
  timestampTime!: Date | null;

  @Field(() => [Int], { nullable: true, description: 'The /ByteRange the signature covers.' })
  byteRange!: number[] | null;

  @Field(() => CertificateInfo, {
    nullable: true,
    description: "The signer's certificate (the authority's, for a document timestamp).",
  })
  signer!: CertificateInfo | null;

  @Field(() => [CertificateInfo], {
    description: 'Signer first, then each issuer up to the trust anchor or as far as it was found.',
  })
  chain!: CertificateInfo[];

  @Field(() => IntegrityReport, { description: 'Whether the signed bytes are intact.' })
  integrity!: IntegrityReport;

  @Field(() => TimestampInfo, { nullable: true, description: 'The timestamp, if there is one.' })
  timestamp!: TimestampInfo | null;

  @Field(() => TrustInfo, {
    nullable: true,
    description: 'Trust in the signer chain; null when the signer certificate is missing.',
  })
  trust!: TrustInfo | null;

  @Field(() => RevocationInfo, {
    nullable: true,
    description: 'Revocation of the signer chain; null when the signer certificate is missing.',
  })
  revocation!: RevocationInfo | null;

  @Field(() => PadesLevel, { description: 'PAdES baseline level reached.' })
  level!: PadesLevel;

  @Field(() => Int, {
    nullable: true,
    description:
      'DocMDP permission (1–3) judging later changes, from a certifying signature; null when the document is not certified.',
  })
  changePermission!: number | null;

  @Field(() => [ModificationInfo], { description: 'What later revisions changed, and if allowed.' })
  modifications!: ModificationInfo[];

  @Field(() => Verdict, { description: 'The verdict on this signature.' })
  verdict!: Verdict;

  @Field(() => [String], { description: 'Why it is not VALID; empty when it is.' })
  reasons!: string[];

  @Field(() => Seal, {
    nullable: true,
    description: 'The platform seal that made this signature, when it is one of your seals.',
  })
  seal!: Seal | null;
}
