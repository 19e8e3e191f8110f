import { Field, ObjectType } from 'type-graphql';

/**
 * The answer to a code request. For RESET_PASSWORD it is the same whether or not an account has
 * that address, so that it tells nobody which addresses are registered.
 */
@ObjectType({ description: 'A verification code on its way.' })
export class VerificationCodeReceipt {
  @Field({ description: 'When the code stops being valid (5 minutes after sending).' })
  expiresAt!: Date;

  @Field({ description: 'The earliest time another code may be requested for this address.' })
  nextRequestAt!: Date;
}
