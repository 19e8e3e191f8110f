import { hash } from '@node-rs/argon2';
import { ARGON2 } from '../common/argon2';
import { badInput } from '../common/errors';

/** A password as it is stored: an argon2id hash, after checking its length (8–256). */
export function hashPassword(field: string, password: string): Promise<string> {
  if (password.length < 8 || password.length > 256) {
    throw badInput(field, `expected 8–256 characters, got ${password.length}`);
  }

  return hash(password, ARGON2);
}
