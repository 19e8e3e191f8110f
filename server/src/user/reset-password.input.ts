import { Field, InputType } from 'type-graphql';
import { VerificationChannel } from '../verification-code/verification-channel.enum';

@InputType({ description: 'A new password, proved by a code sent to the account.' })
export class ResetPasswordInput {
  @Field(() => VerificationChannel, { description: 'Where the code was sent.' })
  channel!: VerificationChannel;

  @Field({ description: "The account's registered e-mail address (EMAIL) or phone (SMS)." })
  target!: string;

  @Field({ description: 'The code requestVerificationCode (purpose RESET_PASSWORD) sent.' })
  verificationCode!: string;

  @Field({ description: 'At least 8 characters.' })
  newPassword!: string;
}
