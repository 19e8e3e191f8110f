import type { Request, RequestHandler, Response } from 'express';

import { readSmallBody } from '../small-request-body';
import type { TimeStampAuthority } from './time-stamp-authority';

/** RFC 3161 §3.4 media types. */
const QUERY_TYPE = 'application/timestamp-query';
const REPLY_TYPE = 'application/timestamp-reply';
/** A TimeStampReq holds an imprint and a few small fields; anything larger is not one. */
const MAX_REQUEST_BYTES = 16 * 1024;

/**
 * The HTTP handler of the time-stamping service: a DER TimeStampReq in the body, a DER
 * TimeStampResp back. Refused requests are still answered 200 with a rejection inside, as the
 * protocol wants; only what is not a time-stamp query at all is refused at the HTTP level.
 */
export function tsaHandler(authority: TimeStampAuthority): RequestHandler {
  return (req: Request, res: Response) => {
    if (!req.is(QUERY_TYPE)) {
      res.status(415).type('text/plain').send(`expected Content-Type ${QUERY_TYPE}`);
      return;
    }
    readSmallBody(req, MAX_REQUEST_BYTES)
      .then((body) => res.status(200).type(REPLY_TYPE).send(authority.respond(body)))
      .catch((error: Error) => res.status(413).type('text/plain').send(error.message));
  };
}
