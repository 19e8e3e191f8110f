import { checkSealNumbers, drawnNumber } from '../../../src/seal/seal-numbers';
import { SealType } from '../../../src/seal/seal-type.enum';

const fieldOf = (check: () => unknown): unknown => {
  try {
    check();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }

  return undefined;
};

describe('the seal code', () => {
  it('accepts 13 digits on an official seal and draws them', () => {
    const numbers = checkSealNumbers(SealType.OFFICIAL, { sealCode: ' 3301060123456 ' });

    expect(numbers).toEqual({ sealCode: '3301060123456', taxpayerNumber: null });
    expect(drawnNumber(numbers)).toBe('3301060123456');
  });

  it.each(['330106012345', '33010601234567', '33010601234A6', '３３０１０６０１２３４５６'])(
    'refuses %s, which is not exactly 13 ASCII digits',
    (sealCode) => {
      expect(fieldOf(() => checkSealNumbers(SealType.CONTRACT, { sealCode }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'sealCode',
      });
    },
  );

  it('is refused on a seal that is not round', () => {
    const check = () => checkSealNumbers(SealType.PERSONAL, { sealCode: '3301060123456' });

    expect(fieldOf(check)).toMatchObject({ field: 'sealCode' });
  });

  it('treats a blank code as none', () => {
    expect(checkSealNumbers(SealType.FINANCE, { sealCode: '  ' }).sealCode).toBeNull();
  });
});

describe('the taxpayer number', () => {
  it('is required on an invoice seal', () => {
    expect(fieldOf(() => checkSealNumbers(SealType.INVOICE, {}))).toMatchObject({
      field: 'taxpayerNumber',
    });
  });

  it('is written in capitals, as the tax authority prints it', () => {
    const numbers = checkSealNumbers(SealType.INVOICE, { taxpayerNumber: '91330106ma2xxxxx8k' });

    expect(numbers.taxpayerNumber).toBe('91330106MA2XXXXX8K');
    expect(drawnNumber(numbers)).toBe('91330106MA2XXXXX8K');
  });

  it.each(['12345678901234', '123456789012345678901', '91330106-MA2XXXX8K'])(
    'refuses %s, which is not 15–20 digits and letters',
    (taxpayerNumber) => {
      expect(fieldOf(() => checkSealNumbers(SealType.INVOICE, { taxpayerNumber }))).toMatchObject({
        field: 'taxpayerNumber',
      });
    },
  );

  it('is refused on any other seal', () => {
    const check = () =>
      checkSealNumbers(SealType.CONTRACT, { taxpayerNumber: '91330106MA2XXXXX8K' });

    expect(fieldOf(check)).toMatchObject({ field: 'taxpayerNumber' });
  });
});
