import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expectValidSignedPdf, runPdfsig, type PdfsigEntry } from '../helpers/signed-pdf-checks';
import {
  caPem,
  createSeal,
  downloadBytes,
  graphql,
  newUser,
  trySignDocument,
} from '../support/api';
import {
  EMPTY_FIELDS,
  MANIFEST_OVERRIDES,
  OWNER_SIGNS,
  SIGN_OR_REJECT,
  USER_PASSWORDS,
  type Decision,
} from './corpus-decisions';

/**
 * The conformance suite over the shared corpus of real-world PDFs (../shared/corpus beside the
 * repository, or CORPUS_DIR). Every row of its manifest is followed through the GraphQL API:
 * `sign` rows are signed and checked by every validator, with the verdicts on earlier signatures
 * unchanged; `reject:*` rows are refused at upload with nothing stored; `sign-or-reject` rows do
 * what corpus-decisions.ts decides for each, and says why.
 */
const CORPUS_DIR = process.env.CORPUS_DIR ?? path.resolve(__dirname, '../../../../shared/corpus');
const MANIFEST = path.join(CORPUS_DIR, 'MANIFEST.tsv');

interface ManifestRow {
  file: string;
  kinds: string[];
  qpdfCheck: string;
  expected: string;
}

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
      expected: cells[at('expected')],
    };
  });
}

/** What the suite holds each row to: the manifest's word, or the recorded decision. */
function decisionFor(row: ManifestRow): Decision {
  const decided = MANIFEST_OVERRIDES[row.file] ?? SIGN_OR_REJECT[row.file];
  if (decided) return decided;
  if (row.expected === 'sign') {
    const password = row.kinds.some((kind) => kind.startsWith('encrypted')) ? '' : undefined;
    return { outcome: { kind: 'sign' }, reason: 'manifest: sign', password };
  }
  const code = row.expected === 'reject:ENCRYPTED' ? 'ENCRYPTED_PDF' : 'INVALID_PDF';
  if (row.expected.startsWith('reject:')) {
    return { outcome: { kind: 'refuse', code, at: 'upload' }, reason: `manifest: ${row.expected}` };
  }
  throw new Error(`${row.file}: "${row.expected}" has no decision in corpus-decisions.ts`);
}

const present = existsSync(MANIFEST);
const rows = present ? readManifest() : [];
const results: string[] = [];

if (!present) {
  console.warn(`corpus: ${CORPUS_DIR} is absent; the conformance suite is skipped`);
}

const UPLOAD = `mutation ($input: UploadDocumentInput!) {
  uploadDocument(input: $input) { id downloadUrl }
}`;
const SIGNATURE_FIELDS = 'id fieldName document { downloadUrl }';
const PLACEMENT = { page: 1, x: 100, y: 100, width: 60 };

describe('conformance corpus: every manifest row through the API', () => {
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
    console.log([...results, `corpus: ${passed} of ${results.length} as expected`].join('\n'));
  });

  /** Uploads; returns the document or the refusal's code. */
  async function upload(input: Buffer, file: string, password?: string) {
    const variables = { input: { contentBase64: input.toString('base64'), fileName: file } };
    if (password !== undefined) Object.assign(variables.input, { password });
    const result = await graphql<{ uploadDocument: { id: string; downloadUrl: string } }>(
      UPLOAD,
      variables,
      token,
    );

    return { document: result.data?.uploadDocument, code: codeOf(result) };
  }

  async function sign(documentId: string, file: string, password?: string) {
    const input: Record<string, unknown> = { documentId, sealId, placement: PLACEMENT };
    Object.assign(input, { signerName: 'Corpus', reason: 'Conformance' });
    if (password !== undefined) input.password = password;
    if (EMPTY_FIELDS[file]) input.fieldName = EMPTY_FIELDS[file];
    const result = await trySignDocument<{ fieldName: string; document: { downloadUrl: string } }>(
      token,
      input,
      SIGNATURE_FIELDS,
    );

    return { signature: result.data?.signDocument, code: codeOf(result) };
  }

  async function documentCount(): Promise<number> {
    const result = await graphql<{ documents: unknown[] }>('{ documents { id } }', {}, token);

    return result.data?.documents.length ?? -1;
  }

  async function expectSigned(row: ManifestRow, input: Buffer, decision: Decision) {
    const { password } = decision;
    const uploaded = await upload(input, row.file, password);
    expect({ upload: uploaded.code }).toEqual({ upload: undefined });
    const signed = await sign(uploaded.document!.id, row.file, password);
    expect({ sign: signed.code }).toEqual({ sign: undefined });
    if (EMPTY_FIELDS[row.file]) expect(signed.signature!.fieldName).toBe(EMPTY_FIELDS[row.file]);
    const output = await downloadBytes(signed.signature!.document.downloadUrl, token);
    const base = decision.rewritten
      ? rebuiltBase(input, output)
      : decision.fromHeader
        ? input.subarray(input.indexOf('%PDF-'))
        : input;
    // The validators open the file as its user; an owner password signs but opens nothing here.
    const userPassword = password === undefined ? undefined : (USER_PASSWORDS[row.file] ?? '');
    await expectValidSignedPdf({
      input: base,
      output,
      caPem: anchors,
      password: userPassword,
      inputWarns: row.qpdfCheck !== 'ok' || row.kinds.includes('linearized'),
      seal: { ...PLACEMENT, height: 60 },
    });
    await expectEarlierVerdictsKept(input, output, userPassword);
  }

  async function expectRefused(row: ManifestRow, input: Buffer, decision: Decision) {
    if (decision.outcome.kind !== 'refuse') return;
    const { code, at } = decision.outcome;
    const before = await documentCount();
    const uploaded = await upload(input, row.file, decision.password);
    if (at === 'upload') {
      expect({ upload: uploaded.code }).toEqual({ upload: code });
      expect(await documentCount()).toBe(before);
      return;
    }
    expect({ upload: uploaded.code }).toEqual({ upload: undefined });
    const signed = await sign(uploaded.document!.id, row.file, decision.password);
    expect({ sign: signed.code }).toEqual({ sign: code });
  }

  const cases = rows.map((row) => [row.file, row] as const);
  // jest refuses an empty table, so the suite declares its cases only when there are some.
  const each = cases.length > 0 ? it.each(cases) : undefined;
  each?.('%s', async (file, row) => {
    const input = readFileSync(path.join(CORPUS_DIR, file));
    const decision = decisionFor(row);
    const label = decision.outcome.kind === 'sign' ? 'sign' : `${decision.outcome.code}`;
    try {
      if (decision.outcome.kind === 'sign') await expectSigned(row, input, decision);
      else await expectRefused(row, input, decision);
      if (OWNER_SIGNS[file]) {
        const asOwner = {
          ...decision,
          password: OWNER_SIGNS[file],
          outcome: { kind: 'sign' } as const,
        };
        await expectSigned(row, input, asOwner);
      }
      if (USER_PASSWORDS[file]) {
        const withPassword = {
          ...decision,
          password: USER_PASSWORDS[file],
          outcome: { kind: 'sign' } as const,
        };
        await expectSigned(row, input, withPassword);
      }
      results.push(`PASS ${file} (${row.expected} -> ${label}): ${decision.reason}`);
    } catch (error) {
      results.push(
        `FAIL ${file} (${row.expected} -> ${label}): ${String(error).split('\n').slice(0, 3).join(' ')}`,
      );
      throw error;
    }
  });

  if (cases.length === 0) it.skip(`needs the corpus at ${CORPUS_DIR}`, () => undefined);
});

function codeOf(result: { errors?: { extensions?: { code?: string } }[] }): string | undefined {
  return result.errors?.[0]?.extensions?.code ?? (result.errors ? 'UNKNOWN' : undefined);
}

/**
 * A rebuilt file is the output up to its first %%EOF: the clean copy the signature was
 * appended to. It must no longer start with the damaged input, and must itself be a clean PDF.
 */
function rebuiltBase(input: Buffer, output: Buffer): Buffer {
  expect(output.subarray(0, input.length).equals(input)).toBe(false);
  const end = output.indexOf('%%EOF\n');

  return output.subarray(0, end + '%%EOF\n'.length);
}

/** CHECKS.md 4: every signature the input had keeps the verdict pdfsig gave it before. */
async function expectEarlierVerdictsKept(input: Buffer, output: Buffer, password?: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'corpus-'));
  try {
    await writeFile(path.join(dir, 'in.pdf'), input);
    await writeFile(path.join(dir, 'out.pdf'), output);
    const before = (await runPdfsig(path.join(dir, 'in.pdf'), password)).entries;
    const after = (await runPdfsig(path.join(dir, 'out.pdf'), password)).entries;
    const verdict = (entry: PdfsigEntry) =>
      `${JSON.stringify(entry.signedRanges)} ${entry.validation}`;
    expect(after.slice(0, before.length).map(verdict)).toEqual(before.map(verdict));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
