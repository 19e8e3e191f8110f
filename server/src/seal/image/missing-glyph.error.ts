/** Thrown when the seal font cannot draw a character; callers turn it into a user error. */
export class MissingGlyphError extends Error {
  constructor(readonly character: string) {
    super(`The seal font has no glyph for "${character}" (${codePointLabel(character)})`);
    this.name = 'MissingGlyphError';
  }
}

function codePointLabel(character: string): string {
  const hex = (character.codePointAt(0) ?? 0).toString(16).toUpperCase();

  return `U+${hex.padStart(4, '0')}`;
}
