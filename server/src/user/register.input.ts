import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new account.' })
export class RegisterInput {
  @Field({ description: '3–32 letters, digits, dot, dash or underscore.' })
  username!: string;

  @Field({ description: 'At least 8 characters.' })
  password!: string;

  @Field({ description: 'Name shown on signatures, 1–64 characters.' })
  displayName!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'E-mail address. With VERIFICATION_REQUIRED (the default), give it or phone, not both, ' +
      'with the verificationCode sent to it.',
  })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Mobile phone, 11 digits or E.164 (+8613812345678).',
  })
  phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The code requestVerificationCode (purpose REGISTER) sent to email or phone. Required ' +
      'with VERIFICATION_REQUIRED (the default), refused without it.',
  })
  verificationCode?: string | null;
}
