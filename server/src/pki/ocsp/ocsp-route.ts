import type { Request, RequestHandler, Response } from 'express';

import type { StatusLookup } from './ocsp-protocol';
import type { OcspResponder } from './ocsp-responder';
import { BodyTooLarge, readSmallBody } from '../small-request-body';

/** RFC 6960 Appendix C media types. */
const REQUEST_TYPE = 'application/ocsp-request';
const RESPONSE_TYPE = 'application/ocsp-response';
/** An OCSPRequest holds a few CertIDs of ~70 bytes each; anything larger is not one we serve. */
const MAX_REQUEST_BYTES = 16 * 1024;
/** Standard or URL-safe base64, padded or not (RFC 6960 A.1 says base64; clients use both). */
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * The HTTP face of the OCSP responder, mounted at the responder's path: POST with the DER
 * request as body, or GET with it base64-encoded as the rest of the path (RFC 6960 A.1). Every
 * OCSP answer, refusals included, goes back as 200 with an OCSPResponse; only what is not an OCSP
 * request at all is refused at the HTTP level.
 */
export function ocspHandler(responder: OcspResponder, lookup: StatusLookup): RequestHandler {
  return (req: Request, res: Response, next) => {
    requestBytes(req)
      .then(async (der) => {
        res
          .status(200)
          .type(RESPONSE_TYPE)
          .send(await responder.respond(der, lookup));
      })
      .catch((error: unknown) => {
        if (!(error instanceof HttpRefusal)) return next(error);
        res.status(error.status).type('text/plain').send(error.message);
      });
  };
}

/** What is not an OCSP request at all, answered with an HTTP status instead of an OCSPResponse. */
class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function requestBytes(req: Request): Promise<Buffer> {
  if (req.method === 'GET') return fromPath(req.url);
  if (req.method !== 'POST') throw new HttpRefusal(405, `expected GET or POST, got ${req.method}`);
  if (!req.is(REQUEST_TYPE)) throw new HttpRefusal(415, `expected Content-Type ${REQUEST_TYPE}`);

  return readSmallBody(req, MAX_REQUEST_BYTES).catch((error: unknown) => {
    throw error instanceof BodyTooLarge ? new HttpRefusal(413, error.message) : error;
  });
}

/** The path below the mount, percent-decoded: base64 "+", "/" and "=" often come escaped. */
function fromPath(url: string): Buffer {
  const encoded = url.split('?')[0].replace(/^\/+/, '');
  let decoded = '';
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    // A stray "%" leaves decoded empty, refused below.
  }
  if (decoded === '' || !BASE64.test(decoded)) {
    throw new HttpRefusal(400, 'expected a base64 OCSPRequest after the path');
  }

  // Node's base64 decoder reads the URL-safe alphabet too.
  return Buffer.from(decoded, 'base64');
}
