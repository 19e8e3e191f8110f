import { inspectPdf, signPdf } from '../../../src/signing';
import { buildPdf } from '../../fixtures/pdf-fixtures';
import { expectValidSignedPdf } from '../../helpers/signed-pdf-checks';
import { failure, pki, qpdfEncrypt, SEAL, signingInput } from './signing-inputs';

type KeyLength = '40' | '128' | '256';

/** The standard security handler's variants qpdf writes, with the dictionary they produce. */
const handlers: [string, KeyLength, string[], { version: number; revision: number }][] = [
  ['RC4 40-bit (V1 R2)', '40', [], { version: 1, revision: 2 }],
  ['RC4 128-bit (V2 R3)', '128', ['--use-aes=n'], { version: 2, revision: 3 }],
  ['AES-128 with crypt filters (V4 R4)', '128', ['--use-aes=y'], { version: 4, revision: 4 }],
  ['AES-256 (V5 R5)', '256', ['--force-R5'], { version: 5, revision: 5 }],
  ['AES-256 (V5 R6)', '256', [], { version: 5, revision: 6 }],
];

const layouts = [
  ['a classic table', buildPdf()],
  ['xref and object streams', buildPdf({ xref: 'stream', objectStreams: true })],
] as const;

describe('signing encrypted PDFs', () => {
  describe.each(handlers)('%s', (_, keyLength, options, dictionary) => {
    it.each(layouts)(
      'signs a file with %s and an empty user password, encrypting what it adds',
      async (__, plain) => {
        const input = qpdfEncrypt(plain, '', 'owner', keyLength, options);
        const { pdf: output } = await signPdf(signingInput(input));

        await expectValidSignedPdf({ input, output, caPem: pki.caPem, seal: SEAL, password: '' });
        const update = output.subarray(input.length).toString('latin1');
        expect(update).toMatch(/\/Encrypt \d+ 0 R[^]*startxref/);
        expect(update).toMatch(/\/ID \[[^]*startxref/);
        expect(update).not.toContain('(Test Seal)');
      },
    );

    it('signs with the user password when one is set, and reports the encryption', async () => {
      const input = qpdfEncrypt(buildPdf(), 'user secret', 'owner', keyLength, options);
      const { pdf: output } = await signPdf(signingInput(input, { password: 'user secret' }));

      await expectValidSignedPdf({ input, output, caPem: pki.caPem, password: 'user secret' });
      expect(inspectPdf(input, { password: 'user secret' })).toMatchObject({
        pageCount: 1,
        encrypted: true,
        encryption: {
          handler: 'Standard',
          ...dictionary,
          userPasswordRequired: true,
          openedAs: 'user',
        },
      });
    });
  });

  it('refuses a file with a user password when none is given, with ENCRYPTED_PDF', async () => {
    const input = qpdfEncrypt(buildPdf(), 'user', 'owner', '256');

    expect(await failure(() => signPdf(signingInput(input)))).toMatchObject({
      code: 'ENCRYPTED_PDF',
    });
    expect(inspectPdf(input)).toMatchObject({
      pageCount: 0,
      encrypted: true,
      encryption: { userPasswordRequired: true },
    });
  });

  it('refuses a wrong password with ENCRYPTED_PDF', async () => {
    const input = qpdfEncrypt(buildPdf(), 'user', 'owner', '128', ['--use-aes=y']);

    expect(await failure(() => signPdf(signingInput(input, { password: 'guess' })))).toMatchObject({
      code: 'ENCRYPTED_PDF',
    });
    expect(await failure(() => inspectPdf(input, { password: 'guess' }))).toMatchObject({
      code: 'ENCRYPTED_PDF',
    });
  });

  it.each([
    ['AES-256, form filling forbidden', '256', ['--form=n', '--modify-other=n', '--annotate=n']],
    ['RC4 40-bit, annotations forbidden', '40', ['--annotate=n']],
  ] as const)(
    'refuses %s with SIGNING_NOT_PERMITTED, and signs with the owner password',
    async (_, keyLength, options) => {
      const input = qpdfEncrypt(buildPdf(), '', 'owner', keyLength, [...options]);

      expect(await failure(() => signPdf(signingInput(input)))).toMatchObject({
        code: 'SIGNING_NOT_PERMITTED',
      });
      const { pdf: output } = await signPdf(signingInput(input, { password: 'owner' }));
      await expectValidSignedPdf({ input, output, caPem: pki.caPem, password: '' });
    },
  );

  it('signs an encrypted file twice, keeping the first signature valid', async () => {
    const input = qpdfEncrypt(buildPdf(), '', 'owner', '128', ['--use-aes=y']);
    const once = await signPdf(signingInput(input));
    const placement = { page: 1, x: 300, y: 300 };
    const twice = await signPdf(signingInput(once.pdf, { placement }));

    await expectValidSignedPdf({
      input: once.pdf,
      output: twice.pdf,
      caPem: pki.caPem,
      password: '',
    });
    expect(twice.report.fieldName).toBe('Seal2');
  });
});
