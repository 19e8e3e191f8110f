import { registerEnumType } from 'type-graphql';

/** What an account may do on the platform as a whole. */
export enum UserRole {
  USER = 'USER',
  ADMIN = 'ADMIN',
}

registerEnumType(UserRole, {
  name: 'UserRole',
  description: 'Platform-wide role of an account.',
  valuesConfig: {
    USER: { description: 'Manages its own seals and documents.' },
    ADMIN: { description: 'Also runs the platform: publishes agreements.' },
  },
});
