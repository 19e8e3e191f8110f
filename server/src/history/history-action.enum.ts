import { registerEnumType } from 'type-graphql';

/** The catalogue of recorded actions, named in the past tense. */
export enum HistoryAction {
  USER_REGISTERED = 'USER_REGISTERED',
  LOGGED_IN = 'LOGGED_IN',
  LOGIN_FAILED = 'LOGIN_FAILED',
  SEAL_CREATED = 'SEAL_CREATED',
  SEAL_IMPORTED = 'SEAL_IMPORTED',
  SEAL_RENEWED = 'SEAL_RENEWED',
  SEAL_REKEYED = 'SEAL_REKEYED',
  SEAL_DELETED = 'SEAL_DELETED',
  SEAL_PIN_CHANGED = 'SEAL_PIN_CHANGED',
  SEAL_LOCKED = 'SEAL_LOCKED',
  AGREEMENT_PUBLISHED = 'AGREEMENT_PUBLISHED',
  AGREEMENT_ACCEPTED = 'AGREEMENT_ACCEPTED',
  DOCUMENT_UPLOADED = 'DOCUMENT_UPLOADED',
  DOCUMENT_SIGNED = 'DOCUMENT_SIGNED',
  SIGNING_FAILED = 'SIGNING_FAILED',
}

registerEnumType(HistoryAction, { name: 'HistoryAction', description: 'What happened.' });
