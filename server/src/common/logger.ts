import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

/**
 * One structured logger: JSON in production, pretty on a terminal. Secrets are redacted by path
 * as a second line of defence; the first is never handing them to the logger.
 */
export function createLogger(level: LogLevel): Logger {
  const pretty = process.stdout.isTTY && process.env.NODE_ENV !== 'production';

  return pino({
    level,
    redact: {
      paths: ['password', '*.password', 'pin', '*.pin', 'token', '*.token', 'authorization'],
      censor: '[redacted]',
    },
    transport: pretty
      ? { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } }
      : undefined,
  });
}
