import { inspectPdf, PdfError, signPdf } from '../../../src/signing';
import { rebuildPdf } from '../../../src/signing/rebuild-pdf';
import { buildPdf } from '../../fixtures/pdf-fixtures';
import { expectValidSignedPdf } from '../../helpers/signed-pdf-checks';
import { failure, pki, SEAL, signingInput } from './signing-inputs';

describe('damaged cross-references', () => {
  it.each([
    ['a startxref that points into the body', withStartxref(buildPdf(), 100)],
    ['a /Prev chain that loops', loopingPrev(buildPdf({ revisions: 1 }))],
    [
      'an xref stream file whose startxref is lost',
      withStartxref(buildPdf({ xref: 'stream', objectStreams: true }), 40),
    ],
  ])('rebuilds %s into a clean file and signs that, reporting rewritten', async (_, input) => {
    const { pdf: output, original, report } = await signPdf(signingInput(input));
    const rebuilt = rebuildPdf(input, new PdfError('INVALID_PDF', 'test'));

    expect(report.rewritten).toBe(true);
    expect(original.equals(rebuilt)).toBe(true);
    expect(inspectPdf(input)).toMatchObject({ pageCount: 1, needsRebuild: true });
    await expectValidSignedPdf({ input: rebuilt, output, caPem: pki.caPem, seal: SEAL });
  });

  it('appends to an intact file and says it did not rewrite it', async () => {
    const { report } = await signPdf(signingInput(buildPdf()));

    expect(report.rewritten).toBe(false);
  });

  it('refuses a signed file with a damaged cross-reference, since a rebuild breaks its signature', async () => {
    const signed = (await signPdf(signingInput(buildPdf()))).pdf;

    expect(await failure(() => signPdf(signingInput(withStartxref(signed, 100))))).toMatchObject({
      code: 'INVALID_PDF',
    });
  });

  it.each([
    ['a truncated file', truncated(withStartxref(buildPdf(), 100))],
    ['a stream whose /Length misses endstream', withStartxref(damagedStream(buildPdf()), 100)],
    ['an encrypted-looking trailer', withStartxref(encryptTrailer(buildPdf()), 100)],
  ])('refuses to rebuild %s, with INVALID_PDF', async (_, input) => {
    expect(await failure(() => signPdf(signingInput(input)))).toMatchObject({
      code: 'INVALID_PDF',
    });
  });

  it('refuses a page tree with a loop anywhere in it when inspecting', async () => {
    const pdf = Buffer.from(
      buildPdf({ pages: [{}, {}, {}] })
        .toString('latin1')
        .replace('/Kids [10 0 R 12 0 R 14 0 R]', '/Kids [10 0 R 12 0 R 2 0 R]'),
      'latin1',
    );

    expect(await failure(() => inspectPdf(pdf))).toMatchObject({ code: 'INVALID_PDF' });
  });
});

function withStartxref(pdf: Buffer, offset: number): Buffer {
  const text = pdf.toString('latin1');

  return Buffer.from(
    text.replace(/startxref\s+\d+\s+%%EOF\s*$/, `startxref\n${offset}\n%%EOF\n`),
    'latin1',
  );
}

/** A revision whose trailer's /Prev names its own section. */
function loopingPrev(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const last = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1];

  return Buffer.from(text.replace(/\/Prev \d+/g, `/Prev ${last}`), 'latin1');
}

function damagedStream(pdf: Buffer): Buffer {
  return Buffer.from(
    pdf.toString('latin1').replace(/\/Length (\d+)/, (_, n) => `/Length ${Number(n) + 7}`),
    'latin1',
  );
}

function encryptTrailer(pdf: Buffer): Buffer {
  return Buffer.from(
    pdf.toString('latin1').replace('/Root 1 0 R', '/Root 1 0 R /Encrypt 3 0 R'),
    'latin1',
  );
}

/** The file without its last 40 bytes: the trailer and %%EOF are gone. */
function truncated(pdf: Buffer): Buffer {
  return pdf.subarray(0, pdf.length - 40);
}
