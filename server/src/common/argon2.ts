import { Algorithm } from '@node-rs/argon2';

/** argon2id with OWASP's second recommended profile (19 MiB, t=2): passwords and seal PINs. */
export const ARGON2 = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};
