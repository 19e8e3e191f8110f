import { randomBytes } from 'node:crypto';

import { rejectionResponse, grantedResponse } from './time-stamp-response';
import { parseTimeStampRequest, type TimeStampRequest } from './time-stamp-request';
import { buildTimeStampToken, type TsaSigner } from './time-stamp-token';
import { PLATFORM_TSA_POLICY, TimeStampRejection } from './time-stamp-protocol';

export interface TimeStampAuthorityOptions {
  signer: TsaSigner;
  /** The policy every token names; requests asking for another one are rejected. */
  policy?: string;
  /** Stated accuracy of genTime, in milliseconds (default one second). */
  accuracyMs?: number;
  /** Name the TSA in each token's tsa field (default true). */
  includeTsaName?: boolean;
  /** The clock; tests pin it. */
  now?: () => Date;
}

const DEFAULT_ACCURACY_MS = 1000;

/**
 * An RFC 3161 time-stamping authority: TimeStampReq in, TimeStampResp out. Requests it cannot
 * honour get a rejection with the matching failure bit rather than an exception, since the
 * protocol has a place for them.
 */
export class TimeStampAuthority {
  private readonly policy: string;

  constructor(private readonly options: TimeStampAuthorityOptions) {
    this.policy = options.policy ?? PLATFORM_TSA_POLICY;
  }

  /** Answers one DER request with a DER response, granted or rejected. */
  respond(requestDer: Buffer): Buffer {
    let request: TimeStampRequest;
    try {
      request = parseTimeStampRequest(requestDer);
      this.checkPolicy(request);
    } catch (error) {
      if (error instanceof TimeStampRejection) {
        return rejectionResponse(error.failInfo, error.message);
      }
      throw error;
    }

    return grantedResponse(this.issue(request));
  }

  /** Issues a token for an accepted request. */
  issue(request: TimeStampRequest): Buffer {
    const serialNumber = randomBytes(16);
    serialNumber[0] &= 0x7f;
    const fields = {
      policy: this.policy,
      imprint: request.imprint,
      serialNumber,
      genTime: this.options.now?.() ?? new Date(),
      accuracyMs: this.options.accuracyMs ?? DEFAULT_ACCURACY_MS,
      nonce: request.nonce,
      includeTsaName: this.options.includeTsaName ?? true,
    };

    return buildTimeStampToken(fields, this.options.signer, request.certReq);
  }

  private checkPolicy(request: TimeStampRequest): void {
    if (request.reqPolicy === undefined || request.reqPolicy === this.policy) return;
    throw new TimeStampRejection(
      'unacceptedPolicy',
      `expected policy ${this.policy} or none, got ${request.reqPolicy}`,
    );
  }
}
