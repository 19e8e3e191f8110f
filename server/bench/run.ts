/**
 * `npm run bench`: the signing engine against @signpdf and against raw limits (native RSA,
 * reading and hashing the file), on one core, in one run. Prints a table with PASS/FAIL per
 * target and writes bench/results.json. A benchmark, not a test: a missed target is reported,
 * never turned into a failing exit code.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { generateInputs, seededBytes } from './inputs';
import type { BenchInputs } from './inputs';
import { measureGroup } from './measure';
import type { MeasureOptions, Timing } from './measure';
import { measureSigningMemory } from './memory';
import { pinning, runPinned } from './pin';
import { formatTables } from './report';
import type { TimingGroup } from './report';
import {
  createIdentity,
  signNatively,
  signWithEngine,
  signWithEngineJoined,
  signWithSignpdf,
} from './signers';
import type { BenchIdentity } from './signers';
import { evaluateTargets } from './targets';
import type { Measurements } from './targets';
import { checkSignedOutputs } from './verify';

const RESULTS_FILE = join(__dirname, 'results.json');
/** About the size of the DER signed attributes the engine signs. */
const SIGNED_ATTRIBUTES_BYTES = 170;
const MEASURE: MeasureOptions = { warmupMs: 1500, minIterations: 30, budgetMs: 10_000 };

async function main(): Promise<void> {
  runPinned();
  console.log(`eseal signing benchmark: Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'}`);
  console.log(pinning());
  console.log(`load average before: ${load()} (other processes on the core stretch wall time)`);
  console.log('targets are judged on CPU time per call of this process, all threads included\n');
  const identity = createIdentity();
  const inputs = generateInputs();
  const dir = mkdtempSync(join(tmpdir(), 'eseal-bench-'));
  try {
    await run(identity, inputs, join(dir, 'large.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(identity: BenchIdentity, inputs: BenchInputs, largePath: string): Promise<void> {
  writeFileSync(largePath, inputs.large);
  const checks = await checkSignedOutputs(identity, inputs);
  const [onePage, manyPages, large] = await measureAll(identity, inputs, largePath);
  const memory = measureSigningMemory(largePath);
  const measurements: Measurements = {
    onePage: { engine: onePage[0], signpdf: onePage[1], native: onePage[2] },
    manyPages: {
      onePage: manyPages[0],
      firstPage: manyPages[1],
      lastPage: manyPages[2],
      lastPageSplitXref: manyPages[3],
    },
    large: { engine: large[0], readAndHash: large[1] },
    memory,
  };
  const targets = evaluateTargets(measurements);
  const groups: TimingGroup[] = [
    { title: '1-page PDF', timings: onePage },
    { title: '100-page PDF (same run, vs 1 page)', timings: manyPages },
    { title: `${(inputs.large.length / 2 ** 20).toFixed(1)} MiB PDF`, timings: large },
  ];
  console.log(formatTables(groups, targets));
  console.log(`\n${describeMemory(measurements)}\n${checks.join('\n')}`);
  console.log(`load average after: ${load()}`);
  writeResults({ pinning: pinning(), inputs: sizes(inputs), groups, memory, targets, checks });
  console.log(`\nwrote ${RESULTS_FILE}`);
}

async function measureAll(
  identity: BenchIdentity,
  inputs: BenchInputs,
  largePath: string,
): Promise<Timing[][]> {
  const data = seededBytes(SIGNED_ATTRIBUTES_BYTES, 'signed-attributes');
  // Interleaved with the others, @signpdf leaves garbage that is partly collected during their
  // calls: a small bias against the engine, accepted so that drifting load hits all three alike.
  const onePage = await measureGroup(
    [
      { name: 'engine signPdf', run: () => signWithEngine(identity, inputs.onePage) },
      { name: '@signpdf (pdf-lib + P12)', run: () => signWithSignpdf(identity, inputs.onePage) },
      { name: 'native RSA-2048 sign', run: () => signNatively(identity, data) },
    ],
    MEASURE,
  );
  const manyPages = await measureGroup(
    [
      { name: 'engine, 1-page PDF', run: () => signWithEngine(identity, inputs.onePage) },
      { name: 'engine, page 1', run: () => signWithEngine(identity, inputs.hundredPages, 1) },
      { name: 'engine, page 100', run: () => signWithEngine(identity, inputs.hundredPages, 100) },
      {
        name: 'engine, page 100, 201 xref subsections',
        run: () => signWithEngine(identity, inputs.hundredPagesSplitXref, 100),
      },
    ],
    MEASURE,
  );
  const large = await measureGroup(
    [
      {
        name: 'engine signPdf (input kept, update apart)',
        run: () => signWithEngine(identity, inputs.large),
      },
      { name: 'raw: read file + SHA-256', run: () => readAndHash(largePath) },
      {
        name: 'engine signPdf, output joined (not a target)',
        run: () => signWithEngineJoined(identity, inputs.large),
      },
    ],
    MEASURE,
  );

  return [onePage, manyPages, large];
}

function load(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

function readAndHash(path: string): Buffer {
  return createHash('sha256').update(readFileSync(path)).digest();
}

function describeMemory({ memory }: Measurements): string {
  const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

  return [
    `memory (one signing in a fresh process, ${memory.method}):`,
    `  file ${mib(memory.fileBytes)}, output ${mib(memory.outputBytes)}, baseline RSS ${mib(memory.baselineRssBytes)}, peak RSS ${mib(memory.peakRssBytes)}`,
    `  retained after signing: ArrayBuffers +${mib(memory.retainedArrayBuffersBytes)}, V8 heap +${mib(memory.retainedHeapUsedBytes)}`,
  ].join('\n');
}

function sizes(inputs: BenchInputs): Record<keyof BenchInputs, number> {
  return {
    onePage: inputs.onePage.length,
    hundredPages: inputs.hundredPages.length,
    hundredPagesSplitXref: inputs.hundredPagesSplitXref.length,
    large: inputs.large.length,
  };
}

function writeResults(results: object): void {
  const header = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...header, ...results }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
