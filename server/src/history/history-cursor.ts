import { badInput } from '../common/errors';

const PREFIX = 'history:';

/**
 * Where a page of history ends: the event's place in the chain, wrapped so that clients pass it
 * back without reading it (it may carry more one day).
 */
export function encodeCursor(event: { sequence: number }): string {
  return Buffer.from(`${PREFIX}${event.sequence}`, 'utf8').toString('base64url');
}

/** The sequence a cursor stands for; anything not made by encodeCursor is the client's error. */
export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const sequence = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw badInput(
      'after',
      `expected an endCursor from an earlier page, got "${cursor.slice(0, 64)}"`,
    );
  }

  return sequence;
}
