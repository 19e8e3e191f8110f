import { Field, Int, ObjectType } from 'type-graphql';
import { SignatureVerification } from './signature-verification.type';
import { Verdict } from './verdict.enum';

@ObjectType({ description: 'The result of verifying every signature of a PDF.' })
export class VerificationReport {
  @Field(() => Verdict, {
    description:
      'INVALID if any signature is, else INDETERMINATE if any is or none exists, else VALID.',
  })
  verdict!: Verdict;

  @Field(() => [String], { description: 'Why it is not VALID, each prefixed by its field name.' })
  reasons!: string[];

  @Field({ description: 'The PDF is encrypted.' })
  encrypted!: boolean;

  @Field(() => Int, { description: 'Number of revisions (%%EOF markers) in the file.' })
  revisions!: number;

  @Field(() => [SignatureVerification], {
    description: 'Each signature and document timestamp, in form field order.',
  })
  signatures!: SignatureVerification[];
}
