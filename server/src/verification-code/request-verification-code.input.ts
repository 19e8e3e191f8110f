import { Field, InputType } from 'type-graphql';
import { VerificationChannel } from './verification-channel.enum';
import { VerificationPurpose } from './verification-purpose.enum';

@InputType({ description: 'Where to send a verification code, and what it is for.' })
export class RequestVerificationCodeInput {
  @Field(() => VerificationChannel, { description: 'E-mail or text message.' })
  channel!: VerificationChannel;

  @Field({
    description: 'The e-mail address (EMAIL) or mobile phone, 11 digits or E.164 (SMS).',
  })
  target!: string;

  @Field(() => VerificationPurpose, { description: 'What the code will be used for.' })
  purpose!: VerificationPurpose;
}
