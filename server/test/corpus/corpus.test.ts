import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import { caPem, createSeal, download, newUser, ok, SIGN_DOCUMENT, uploadPdf } from '../support/api';

/**
 * The conformance suite over the shared corpus of real-world PDFs (../shared/corpus beside the
 * repository, or CORPUS_DIR). Its manifest says what each file must do; this suite signs the
 * plain files it expects to be signed — not yet signed, not encrypted, not broken — and checks
 * each output with every validator.
 */
const CORPUS_DIR = process.env.CORPUS_DIR ?? path.resolve(__dirname, '../../../../shared/corpus');
const MANIFEST = path.join(CORPUS_DIR, 'MANIFEST.tsv');

interface ManifestRow {
  file: string;
  kinds: string[];
  qpdfCheck: string;
  existingSignatures: string;
  expected: string;
}

const EXCLUDED_KINDS = [
  'encrypted-user-pw',
  'encrypted-empty-user-pw',
  'broken-xref',
  'truncated',
  'garbage',
];

function readManifest(): ManifestRow[] {
  const [header, ...lines] = readFileSync(MANIFEST, 'utf8').trim().split('\n');
  const columns = header.split('\t');
  const at = (name: string) => columns.indexOf(name);

  return lines.map((line) => {
    const cells = line.split('\t');

    return {
      file: cells[at('file')],
      kinds: cells[at('kinds')].split(','),
      qpdfCheck: cells[at('qpdf_check')],
      existingSignatures: cells[at('existing_signatures')],
      expected: cells[at('expected')],
    };
  });
}

const plainSignable = (row: ManifestRow) =>
  row.expected === 'sign' &&
  /^0\b/.test(row.existingSignatures) &&
  !row.kinds.some((kind) => EXCLUDED_KINDS.includes(kind));

const present = existsSync(MANIFEST);
const rows = present ? readManifest().filter(plainSignable) : [];
const results: string[] = [];

if (!present) {
  console.warn(`corpus: ${CORPUS_DIR} is absent; the conformance suite is skipped`);
}

describe('conformance corpus: plain real-world files', () => {
  let token = '';
  let sealId = '';
  let anchors = '';

  beforeAll(async () => {
    if (!present) return;
    token = (await newUser('corpus')).token;
    sealId = (await createSeal(token)).id;
    anchors = await caPem();
  });

  afterAll(() => {
    if (!present) return;
    const passed = results.filter((line) => line.startsWith('PASS')).length;
    console.log(
      [...results, `corpus: ${passed} of ${rows.length} signed and validated`].join('\n'),
    );
  });

  // jest refuses an empty table, so the suite declares its cases only when there are some.
  const signs = rows.length > 0 ? it.each(rows.map((row) => [row.file, row] as const)) : undefined;
  signs?.('signs %s', async (file, row) => {
    const input = readFileSync(path.join(CORPUS_DIR, file));
    try {
      const document = await uploadPdf(token, input, file);
      const placement = { page: 1, x: 100, y: 100, width: 60 };
      const variables = {
        input: { documentId: document.id, sealId, placement, signerName: 'Corpus' },
      };
      await ok(SIGN_DOCUMENT, variables, token);
      const output = Buffer.from(await (await download(document.downloadUrl, token)).arrayBuffer());
      await expectValidSignedPdf({
        input,
        output,
        caPem: anchors,
        inputWarns: row.qpdfCheck !== 'ok' || row.kinds.includes('linearized'),
        seal: { ...placement, height: 60 },
      });
      results.push(`PASS ${file}`);
    } catch (error) {
      results.push(`FAIL ${file}: ${String(error).split('\n')[0]}`);
      throw error;
    }
  });

  if (rows.length === 0) it.skip(`needs the corpus at ${CORPUS_DIR}`, () => undefined);
});
