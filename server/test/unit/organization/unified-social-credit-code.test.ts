import {
  uniformCodeCheckCharacter,
  uniformCodeProblem,
} from '../../../src/organization/unified-social-credit-code';

// Codes printed on published business licences, each ending in its GB 32100 check character.
const PUBLISHED = ['91350100M000100Y43', '91110000802100433B', '91440300708461136T'];

describe('unified social credit codes (GB 32100-2015)', () => {
  it.each(PUBLISHED)('accepts the published code %s', (code) => {
    expect(uniformCodeProblem(code)).toBeNull();
  });

  it('computes the check character of a published code from its first 17 characters', () => {
    expect(uniformCodeCheckCharacter('91110000100004447')).toBe('7');
  });

  it.each([
    ['a wrong check character', '91350100M000100Y44', /check character/],
    ['17 characters', '91350100M000100Y4', /18 characters/],
    ['a letter the alphabet leaves out', '91350100M000I00Y43', /"I"/],
    ['lower case', '91350100m000100y43', /"m"/],
  ])('refuses %s', (_, code, message) => {
    expect(uniformCodeProblem(code)).toMatch(message);
  });
});
