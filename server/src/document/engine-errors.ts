import {
  badInput,
  conflict,
  encryptedPdf,
  ErrorCode,
  invalidPdf,
  pdfRefused,
  timestampUnavailable,
} from '../common/errors';
import { TimestampError } from '../pki/tsa/tsa-client';
import { PdfError } from '../signing';

/** Engine refusals whose code the API shares as it is. */
const SAME_CODE = {
  DOCUMENT_LOCKED: ErrorCode.DOCUMENT_LOCKED,
  SIGNING_NOT_PERMITTED: ErrorCode.SIGNING_NOT_PERMITTED,
  FIELD_NOT_EMPTY: ErrorCode.FIELD_NOT_EMPTY,
  BAD_CERTIFICATION: ErrorCode.BAD_CERTIFICATION,
  KEYWORD_NOT_FOUND: ErrorCode.KEYWORD_NOT_FOUND,
} as const;

/**
 * Maps what the engine and the time-stamp client throw onto the API's codes. Anything else —
 * including a signature that outgrew its reserved space, which is our mistake, not the client's —
 * passes through and becomes INTERNAL_SERVER_ERROR.
 */
export function translateEngineError(error: unknown): unknown {
  if (error instanceof TimestampError) return timestampUnavailable(error.message);
  if (!(error instanceof PdfError)) return error;
  switch (error.code) {
    case 'ENCRYPTED_PDF':
      return encryptedPdf(error.message);
    case 'PAGE_OUT_OF_RANGE':
    case 'BAD_PLACEMENT':
      return badInput('placement', error.message);
    case 'DUPLICATE_FIELD':
      return conflict(error.message, 'fieldName');
    case 'INVALID_PDF':
    case 'UNSUPPORTED_PDF':
      return invalidPdf(error.message);
    case 'SIGNATURE_TOO_LARGE':
      return new Error(error.message);
    default:
      return pdfRefused(SAME_CODE[error.code], error.message);
  }
}
