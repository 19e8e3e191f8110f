import { registerEnumType } from 'type-graphql';

/** How a verification code reaches a person. */
export enum VerificationChannel {
  EMAIL = 'EMAIL',
  SMS = 'SMS',
}

registerEnumType(VerificationChannel, {
  name: 'VerificationChannel',
  description: 'How a verification code is sent.',
  valuesConfig: {
    EMAIL: { description: 'By e-mail; the target is an e-mail address.' },
    SMS: { description: 'By text message; the target is a mobile phone number.' },
  },
});
