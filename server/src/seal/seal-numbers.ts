import { badInput } from '../common/errors';
import { SealType } from './seal-type.enum';

/** The numbers a seal carries besides its text. */
export interface SealNumbers {
  sealCode: string | null;
  taxpayerNumber: string | null;
}

/** Round company seals carry the registry's seal code along the bottom. */
const CODED_TYPES: ReadonlySet<SealType> = new Set([
  SealType.OFFICIAL,
  SealType.CONTRACT,
  SealType.FINANCE,
]);

/**
 * 印章编码: the 13 digits the public-security seal registry assigns (GA 241.2), of which the
 * first six are the administrative division.
 */
const SEAL_CODE = /^\d{13}$/;

/**
 * 纳税人识别号: the 18-character unified social credit code, or the older 15-, 17- and 20-character
 * registration numbers, in digits and capital letters.
 */
const TAXPAYER_NUMBER = /^[0-9A-Z]{15,20}$/;

/**
 * Checks the numbers against the seal type: a seal code only on round company seals, a taxpayer
 * number only (and always) on invoice seals. Blank means none.
 */
export function checkSealNumbers(type: SealType, numbers: Partial<SealNumbers>): SealNumbers {
  return {
    sealCode: checkSealCode(type, blankToNull(numbers.sealCode)),
    taxpayerNumber: checkTaxpayerNumber(type, blankToNull(numbers.taxpayerNumber)),
  };
}

/** The number drawn on the seal image, if any. */
export const drawnNumber = (numbers: SealNumbers): string | undefined =>
  numbers.sealCode ?? numbers.taxpayerNumber ?? undefined;

function checkSealCode(type: SealType, code: string | null): string | null {
  if (code === null) return null;
  if (!CODED_TYPES.has(type)) {
    throw badInput('sealCode', `expected none on a ${type} seal: only round seals carry a code`);
  }
  if (!SEAL_CODE.test(code)) {
    throw badInput('sealCode', `expected exactly 13 digits, got "${excerpt(code)}"`);
  }

  return code;
}

function checkTaxpayerNumber(type: SealType, number: string | null): string | null {
  if (type !== SealType.INVOICE) {
    if (number === null) return null;
    throw badInput(
      'taxpayerNumber',
      `expected none on a ${type} seal: only invoice seals carry it`,
    );
  }
  if (number === null) throw badInput('taxpayerNumber', 'expected one: an invoice seal shows it');
  const upper = number.toUpperCase();
  if (!TAXPAYER_NUMBER.test(upper)) {
    throw badInput('taxpayerNumber', `expected 15–20 digits and letters, got "${excerpt(number)}"`);
  }

  return upper;
}

function blankToNull(value: string | null | undefined): string | null {
  const text = value?.trim();

  return text ? text : null;
}

const excerpt = (text: string): string => Array.from(text).slice(0, 24).join('');
