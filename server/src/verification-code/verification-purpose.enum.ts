import { registerEnumType } from 'type-graphql';

/** What a verification code may be used for; a code serves only the purpose it was sent for. */
export enum VerificationPurpose {
  REGISTER = 'REGISTER',
  RESET_PASSWORD = 'RESET_PASSWORD',
}

registerEnumType(VerificationPurpose, {
  name: 'VerificationPurpose',
  description: 'What a verification code is for.',
  valuesConfig: {
    REGISTER: { description: 'Proves the e-mail address or phone of a new account (register).' },
    RESET_PASSWORD: {
      description: "Proves the account's registered e-mail address or phone (resetPassword).",
    },
  },
});
