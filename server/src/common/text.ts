import { badInput } from './errors';

// Control characters (C0, DEL, C1) and unpaired surrogates: never meaningful in names or
// reasons, and PostgreSQL refuses NUL outright.
const UNPRINTABLE = /[\p{Cc}]|\p{Cs}/u;

/**
 * Validates free text where it enters: trimmed, printable, and within a length counted in
 * characters as people count them (code points), with messages of the form "expected X, got Y".
 */
export function requireText(field: string, value: string, min: number, max: number): string {
  const text = value.trim();
  if (UNPRINTABLE.test(text))
    throw badInput(field, 'expected printable text, got control characters');
  const length = [...text].length;
  if (length < min || length > max) {
    throw badInput(field, `expected ${min}–${max} characters, got ${length}`);
  }

  return text;
}

/** Like requireText, for optional fields: absent or blank gives null. */
export function optionalText(field: string, value: string | null | undefined, max: number) {
  if (value === null || value === undefined || value.trim() === '') return null;

  return requireText(field, value, 1, max);
}
