import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PDFBool, PDFDict, PDFName } from 'pdf-lib';

import { CheckRun } from './check-run';
import { decryptedCopy, type DecryptedCopy } from './decrypted-copy';
import { signedAttributeFailures } from './cms-signed-attributes';
import { outputOf, runTool } from './external-tool';
import { duplicateFieldNameFailures, loadFinalDocument, widgetFailures } from './form-checks';
import { renderPageRgba } from './page-render';
import {
  byteRangeFailures,
  describe as describeSignature,
  findSignatures,
  signedBytesOf,
  type ParsedSignature,
} from './pdf-signatures';
import { sealPlacementFailures, type SealPlacement } from './seal-placement';
import {
  mutoolErrorLines,
  runMutoolVerify,
  runPdfsig,
  type MutoolReport,
  type PdfsigEntry,
} from './signature-validators';
import { checkTimestampToken, signatureTimestampOf } from './timestamp-checks';
import { xrefFailures } from './xref-chain';

export {
  findSignatures,
  signedBytesOf,
  byteRangeFailures,
  type ParsedSignature,
} from './pdf-signatures';
export { runPdfsig, parsePdfsig, runMutoolVerify, type PdfsigEntry } from './signature-validators';
export { renderPageRgba, decodePng, type RgbaImage } from './page-render';
export { newRedPixels, type SealPlacement } from './seal-placement';
export { signedAttributeFailures } from './cms-signed-attributes';

/** What a signed output is checked against; see shared/CHECKS.md beside the repository for the checks. */
export interface SignedPdfExpectations {
  /** The bytes that were signed. */
  input: Buffer;
  /** The signed bytes. */
  output: Buffer;
  /** Trust anchor(s) for `openssl cms -CAfile`; without it the chain is not verified. */
  caPem?: string;
  /** How many signatures the output added (default 1). */
  newSignatures?: number;
  /** qpdf already warned on the input, or it was linearized: qpdf warnings (exit 3) are allowed. */
  inputWarns?: boolean;
  /** Where the seal should be seen: centre x, y in points from the top-left of the displayed page. */
  seal?: SealPlacement;
  password?: string;
  /**
   * Apply the PAdES rules to the new signatures (default): SubFilter ETSI.CAdES.detached,
   * signing-certificate-v2, `openssl cms -cades`, no signing-time, /M present. Set false only to
   * check files from adbe.pkcs7.detached signers outside this project.
   */
  pades?: boolean;
  /** Trust anchor(s) of the TSA for `openssl ts -verify` (CHECKS.md 10); default `caPem`. */
  tsaCaPem?: string;
  /**
   * The output ends with an update that adds no signature (a DSS, PAdES B-LT): the newest
   * signature then ends at its own revision's %%EOF instead of covering the whole file.
   */
  endsWithValidationData?: boolean;
}

export interface SignedPdfReport {
  signatures: ParsedSignature[];
  validatorsSkipped: string[];
}

interface Context {
  e: SignedPdfExpectations;
  run: CheckRun;
  dir: string;
  outputFile: string;
  inputFile: string;
  signatures: ParsedSignature[];
  fresh: ParsedSignature[];
}

/**
 * Throws, naming every failed check with the validator's own words, unless the output passes
 * all of CHECKS.md; returns the signatures found and the validators that were not installed.
 */
export async function expectValidSignedPdf(e: SignedPdfExpectations): Promise<SignedPdfReport> {
  const run = new CheckRun('signed output');
  const dir = await mkdtemp(join(tmpdir(), 'signed-pdf-checks-'));
  try {
    const context = await prepare(e, run, dir);
    checkAppendOnly(context);
    checkByteRanges(context);
    await checkQpdf(context);
    await checkPdfsig(context);
    await checkMutool(context);
    await checkCms(context);
    await checkStructure(context);
    await checkSealPlacement(context);
    run.throwIfFailed();

    return { signatures: context.signatures, validatorsSkipped: run.validatorsSkipped };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function prepare(e: SignedPdfExpectations, run: CheckRun, dir: string): Promise<Context> {
  const outputFile = join(dir, 'output.pdf');
  const inputFile = join(dir, 'input.pdf');
  await writeFile(outputFile, e.output);
  await writeFile(inputFile, e.input);
  let signatures: ParsedSignature[] = [];
  try {
    signatures = findSignatures(e.output);
  } catch (error) {
    run.fail('3 signatures', (error as Error).message);
  }
  const fresh = signatures.filter((signature) => signature.contentsStart >= e.input.length);
  const expected = e.newSignatures ?? 1;
  if (fresh.length !== expected) {
    run.fail(
      '3 signatures',
      `expected ${expected} new signature(s) after the input, found ${fresh.length}`,
    );
  }

  return { e, run, dir, outputFile, inputFile, signatures, fresh };
}

/** CHECKS.md 2: an incremental update never rewrites a byte of what was there. */
function checkAppendOnly({ e, run }: Context): void {
  const prefix = e.output.subarray(0, e.input.length);
  if (e.output.length > e.input.length && prefix.equals(e.input)) return;
  const differs = prefix.findIndex((byte, index) => byte !== e.input[index]);
  const where =
    differs >= 0 ? `first difference at byte ${differs}` : `output has ${e.output.length} bytes`;

  run.fail(
    '2 append-only',
    `output does not start with the ${e.input.length} input bytes (${where})`,
  );
}

function checkByteRanges({ e, run, signatures }: Context): void {
  if (signatures.length === 0) run.fail('3 byte ranges', 'no signature dictionary with /ByteRange');
  run.fail('3 byte ranges', byteRangeFailures(e.output, signatures, !e.endsWithValidationData));
}

/** CHECKS.md 1: exit 2 is an error; exit 3 (warnings) only when the input already caused them. */
async function checkQpdf({ e, run, outputFile }: Context): Promise<void> {
  const password = e.password === undefined ? [] : [`--password=${e.password}`];
  const result = await run.withValidator('qpdf', () =>
    runTool('qpdf', ['--check', ...password, outputFile]),
  );
  if (!result || result.exitCode === 0 || (result.exitCode === 3 && e.inputWarns)) return;

  run.fail('1 qpdf --check', `exit ${result.exitCode}:\n${outputOf(result)}`);
}

/** CHECKS.md 4: every signature valid for pdfsig, the newest covering the whole document. */
async function checkPdfsig({ e, run, outputFile, signatures }: Context): Promise<void> {
  const report = await run.withValidator('pdfsig', () => runPdfsig(outputFile, e.password));
  if (!report) return;
  const failures: string[] = [];
  // poppler lists a signature once per widget when its field has several (/Kids), so the
  // signatures it found are counted by their distinct byte ranges.
  const listed = new Set(report.entries.map((entry) => entry.signedRanges.flat().join(' '))).size;
  if (listed !== signatures.length) {
    failures.push(`lists ${listed} signature(s), the file has ${signatures.length}`);
  }
  signatures.forEach((signature, index) => {
    const entry = report.entries.find((candidate) => rangesMatch(candidate, signature));
    const isNewest = index === signatures.length - 1 && !e.endsWithValidationData;
    failures.push(...pdfsigEntryFailures(signature, entry, isNewest));
  });

  if (failures.length > 0)
    run.fail('4 pdfsig', [...failures, `pdfsig said:\n${outputOf(report.result)}`]);
}

function rangesMatch(entry: PdfsigEntry, signature: ParsedSignature): boolean {
  const [a, b, c, d] = signature.byteRange;
  const printed = entry.signedRanges.flat().join(' ');

  return printed === [a, a + b, c, c + d].join(' ');
}

function pdfsigEntryFailures(
  signature: ParsedSignature,
  entry: PdfsigEntry | undefined,
  isNewest: boolean,
) {
  const name = describeSignature(signature);
  if (!entry) return [`no entry with the ByteRange [${signature.byteRange.join(' ')}] of ${name}`];
  const failures: string[] = [];
  // pdfsig cannot validate document time-stamps ("Signature Type: unknown", "not yet verified");
  // checkCms verifies them with openssl ts instead.
  const docTimestamp = signature.subFilter === 'ETSI.RFC3161';
  if (!docTimestamp && entry.validation !== 'Signature is Valid.') {
    failures.push(
      `signature #${entry.index} (${name}): ${entry.validation ?? 'no validation line'}`,
    );
  }
  if (isNewest && !entry.totalDocumentSigned) {
    failures.push(`newest signature #${entry.index} (${name}) is not 'Total document signed'`);
  }

  return failures;
}

/**
 * CHECKS.md 4, second validator. mutool's verdicts on signatures that were already in the input
 * are not ours to judge, and its stderr repair messages count only when the input lacked them.
 */
async function checkMutool({ e, run, outputFile, inputFile, fresh }: Context): Promise<void> {
  const report = await run.withValidator('mutool', () => runMutoolVerify(outputFile, e.password));
  if (!report) return;
  const failures = fresh.flatMap((signature, index) =>
    // After a DSS update mutool rightly says "valid but there have been edits since signing".
    mutoolEntryFailures(report, signature, index === fresh.length - 1 && !e.endsWithValidationData),
  );
  const baseline = (await runMutoolVerify(inputFile, e.password)).result.stderr;
  const stderrErrors = mutoolErrorLines(report.result.stderr.split('\n'));
  const newErrors = stderrErrors.filter((line) => !baseline.includes(line));
  failures.push(...newErrors.map((line) => `stderr: ${line}`));

  if (failures.length === 0) return;
  run.fail('4 mutool sign -v', [...failures, `mutool said:\n${outputOf(report.result)}`]);
}

function mutoolEntryFailures(report: MutoolReport, signature: ParsedSignature, isNewest: boolean) {
  const name = describeSignature(signature);
  const entry = report.entries.find(
    (candidate) => candidate.fieldObjectNumber === signature.fieldObjectNumber,
  );
  if (!entry) return [`no 'Verifying signature ${signature.fieldObjectNumber}:' block for ${name}`];
  const verdict = isNewest ? 'The document is unchanged since signing.' : 'The signature is valid';
  const failures = mutoolErrorLines(entry.lines).map((line) => `${name}: ${line}`);
  // mutool knows no document time-stamps and calls them "not signed"; openssl ts checks them.
  const docTimestamp = signature.subFilter === 'ETSI.RFC3161';
  if (!docTimestamp && !entry.lines.some((line) => line.startsWith(verdict))) {
    failures.push(`${name} lacks '${verdict}'`);
  }

  return failures;
}

/**
 * CHECKS.md 5–7 and 10 for each new signature: openssl verifies it and any signature time-stamp;
 * our own rules on its attributes. A document time-stamp is a token, verified as one.
 */
async function checkCms(context: Context): Promise<void> {
  for (const [index, signature] of context.fresh.entries()) {
    const signedBytes = signedBytesOf(context.e.output, signature);
    if (signature.subFilter === 'ETSI.RFC3161') {
      await checkTimestamp(context, signature, index, signedBytes, signature.cmsDer);
      continue;
    }
    await checkOpenssl(context, signature, signedBytes, index);
    checkSignedAttributes(context, signature, signedBytes);
    const stamp = signatureTimestampOf(signature.cmsDer);
    if (stamp) await checkTimestamp(context, signature, index, stamp.signatureValue, stamp.token);
  }
}

function checkTimestamp(
  { e, run, dir }: Context,
  signature: ParsedSignature,
  index: number,
  data: Buffer,
  token: Buffer,
): Promise<void> {
  const check = '10 openssl ts -verify';

  return checkTimestampToken({
    ...{ run, dir, name: `timestamp-${index}`, data, token, tsaCaPem: e.tsaCaPem ?? e.caPem },
    ...{ check, label: describeSignature(signature) },
  });
}

async function checkOpenssl(
  context: Context,
  signature: ParsedSignature,
  signedBytes: Buffer,
  index: number,
) {
  const { e, run, dir } = context;
  const sigFile = join(dir, `sig-${index}.der`);
  const rangesFile = join(dir, `signed-ranges-${index}.bin`);
  await writeFile(sigFile, signature.cmsDer);
  await writeFile(rangesFile, signedBytes);
  const args = [
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    sigFile,
    '-content',
    rangesFile,
  ];
  args.push('-purpose', 'any', '-out', '/dev/null');
  // openssl 3 refuses -cades together with -noverify ("CAdES validation requires certs and
  // signed attributes validations"); without a trust anchor check 6 compares the certHash alone.
  if (e.caPem === undefined) args.push('-noverify');
  else {
    const caFile = join(dir, 'ca.pem');
    await writeFile(caFile, e.caPem);
    args.push('-CAfile', caFile);
    if (signature.subFilter === 'ETSI.CAdES.detached') args.push('-cades');
  }
  const result = await run.withValidator('openssl', () => runTool('openssl', args));
  if (!result || result.exitCode === 0) return;

  run.fail(
    '5 openssl cms -verify',
    `${describeSignature(signature)}: exit ${result.exitCode}:\n${outputOf(result)}`,
  );
}

function checkSignedAttributes(
  context: Context,
  signature: ParsedSignature,
  signedBytes: Buffer,
): void {
  const pades = context.e.pades ?? true;
  const cades = signature.subFilter === 'ETSI.CAdES.detached';
  const name = describeSignature(signature);
  const failures = signedAttributeFailures(signature.cmsDer, signedBytes, {
    requireSigningCertificate: pades || cades,
    forbidSigningTime: cades,
  });
  context.run.fail(
    '6 signed attributes',
    failures.map((failure) => `${name}: ${failure}`),
  );
  if (pades && !cades) {
    context.run.fail(
      '7 PAdES',
      `${name}: SubFilter is /${signature.subFilter}, expected /ETSI.CAdES.detached`,
    );
  }
  if (cades && !signature.hasSigningTime) {
    context.run.fail(
      '7 PAdES',
      `${name}: the signature dictionary has no /M: ${signature.dictionary}`,
    );
  }
}

/** CHECKS.md 8–9 on the document as a reader sees it after the last revision. */
async function checkStructure({ e, run, fresh, outputFile, dir }: Context): Promise<void> {
  run.fail('8 xref', xrefFailures(e.output, e.input.length));
  let doc;
  let copy: DecryptedCopy | undefined;
  try {
    if (e.password !== undefined) copy = await decryptedCopy(outputFile, e.password, dir);
    doc = await loadFinalDocument(copy?.pdf ?? e.output);
  } catch (error) {
    return run.fail('8 structure', `pdf-lib cannot load the output: ${(error as Error).message}`);
  }
  run.fail('8 field names', duplicateFieldNameFailures(doc));
  for (const signature of fresh) {
    const inDocument = copy ? copy.counterpart(signature) : signature;
    const failures = inDocument
      ? widgetFailures(doc, inDocument, e.seal?.page)
      : ['the decrypted copy has no signature with this /ByteRange'];
    run.fail(
      '9 widget',
      failures.map((failure) => `${describeSignature(signature)}: ${failure}`),
    );
  }
}

const RENDER_DPI = 144;

async function needsAppearances(pdf: Buffer): Promise<boolean> {
  const doc = await loadFinalDocument(pdf).catch(() => undefined);
  const acroForm = doc?.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);

  return acroForm?.get(PDFName.of('NeedAppearances')) === PDFBool.True;
}

/** Renders the seal's page before and after: the new red ink must sit where the seal was asked. */
async function checkSealPlacement({ e, run, outputFile, inputFile }: Context): Promise<void> {
  const seal = e.seal;
  if (!seal) return;
  // With /NeedAppearances true, poppler (22.12) redraws every widget itself, signature fields
  // included, and so hides the seal's own appearance; Acrobat and MuPDF draw it. Such files are
  // checked with MuPDF's render.
  const renderer = (await needsAppearances(e.output)) ? ('mupdf' as const) : ('poppler' as const);
  // 144 dpi, two pixels a point: poppler draws images shifted by about one pixel, which at
  // 72 dpi alone would use up half the 2 pt tolerance.
  const options = { password: e.password, renderer, dpi: RENDER_DPI };
  const renders = await run.withValidator(renderer === 'mupdf' ? 'mutool' : 'pdftoppm', () =>
    Promise.all([
      renderPageRgba(inputFile, seal.page, options),
      renderPageRgba(outputFile, seal.page, options),
    ]),
  );
  if (!renders) return;

  run.fail(
    '10 seal placement',
    sealPlacementFailures(renders[0], renders[1], seal, RENDER_DPI / 72),
  );
}
