import type { Request } from 'express';

/** A request body over the limit; the connection is closed rather than read to its end. */
export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`expected a request under ${maxBytes} bytes`);
  }
}

/**
 * Reads the raw body of a protocol request that is small by nature (an RFC 3161 TimeStampReq,
 * an RFC 6960 OCSPRequest), refusing one that grows past `maxBytes`.
 */
export function readSmallBody(req: Request, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxBytes) {
        reject(new BodyTooLarge(maxBytes));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
