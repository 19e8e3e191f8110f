/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a
 * 31-character alphabet (digits and capitals without I, O, S, V, Z), the last a check character
 * over the first 17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const LENGTH = 18;

/** Weight of position i (from 0) is 3^i mod 31 (GB 32100-2015, 5.2). */
const WEIGHTS = Array.from({ length: LENGTH - 1 }, (_, i) => {
  let weight = 1;
  for (let k = 0; k < i; k++) weight = (weight * 3) % ALPHABET.length;

  return weight;
});

/** The check character for the first 17 characters of a code. */
export function uniformCodeCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += ALPHABET.indexOf(body[i]) * WEIGHTS[i];
  const check = (ALPHABET.length - (sum % ALPHABET.length)) % ALPHABET.length;

  return ALPHABET[check];
}

/** Why `code` is not a unified social credit code, or null when it is one. */
export function uniformCodeProblem(code: string): string | null {
  if (code.length !== LENGTH) return `expected 18 characters, got ${code.length}`;
  const stray = [...code].find((character) => !ALPHABET.includes(character));
  if (stray !== undefined) {
    return `expected digits and capitals other than I, O, S, V, Z; got "${stray}"`;
  }
  const expected = uniformCodeCheckCharacter(code);
  if (code[LENGTH - 1] !== expected) {
    return `the check character is wrong (expected ${expected}, got ${code[LENGTH - 1]})`;
  }

  return null;
}
