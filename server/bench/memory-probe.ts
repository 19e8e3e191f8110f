/**
 * Run in a fresh child process by memory.ts: signs one file once and prints, as JSON, how far
 * memory rose above the process's baseline while it did.
 *
 * Method. The baseline is taken after the engine has signed a small document once (its modules
 * loaded, its code compiled, the seal image cached) and after the input has been read into a
 * Buffer, as the service holds it after loading it from PostgreSQL, then two full collections.
 * Nothing large is allocated and freed before that: the allocator would keep the freed pages and
 * hand them to the signing, hiding its allocations from RSS.
 * Signing runs synchronously from start to finish, so no timer could sample during it; instead
 * the kernel's high-water mark of resident memory (VmHWM) is reset just before the signing by
 * writing 5 to /proc/self/clear_refs, and read just after. Peak minus baseline RSS is the most
 * the signing had resident at once: V8 heap, Buffers and native allocations alike. Where
 * clear_refs cannot be written, the lifetime maximum (getrusage maxRSS) stands in, which can
 * only overstate the peak. The retained figures (memoryUsage after signing, output still held)
 * show how much of the peak is the output itself.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import { buildTextPdf } from './inputs';
import { createIdentity, signWithEngine } from './signers';
import type { SignPdfResult } from '../src/signing';

export interface MemoryReport {
  fileBytes: number;
  outputBytes: number;
  method: 'VmHWM reset by /proc/self/clear_refs' | 'getrusage maxRSS (not resettable)';
  baselineRssBytes: number;
  peakRssBytes: number;
  /** Peak RSS minus baseline RSS. */
  peakAboveBaselineBytes: number;
  /** memoryUsage() after signing minus before, while the output is still referenced. */
  retainedArrayBuffersBytes: number;
  retainedHeapUsedBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function main(path: string): Promise<void> {
  if (!gc) throw new Error('memory-probe must run with --expose-gc');
  const identity = createIdentity();
  await signWithEngine(identity, buildTextPdf(1));
  const pdf = readFileSync(path);
  gc();
  gc();
  const before = process.memoryUsage();
  const resettable = resetPeak();
  const output = await signWithEngine(identity, pdf);
  const peak = resettable ? highWaterMark() : process.resourceUsage().maxRSS * 1024;
  const after = process.memoryUsage();
  process.stdout.write(JSON.stringify(report(pdf, output, before, after, peak, resettable)));
}

function report(
  pdf: Buffer,
  output: SignPdfResult,
  before: NodeJS.MemoryUsage,
  after: NodeJS.MemoryUsage,
  peak: number,
  resettable: boolean,
): MemoryReport {
  return {
    fileBytes: pdf.length,
    outputBytes: output.original.length + output.appended.length,
    method: resettable
      ? 'VmHWM reset by /proc/self/clear_refs'
      : 'getrusage maxRSS (not resettable)',
    baselineRssBytes: before.rss,
    peakRssBytes: peak,
    peakAboveBaselineBytes: peak - before.rss,
    retainedArrayBuffersBytes: after.arrayBuffers - before.arrayBuffers,
    retainedHeapUsedBytes: after.heapUsed - before.heapUsed,
  };
}

/** Linux: writing 5 to clear_refs resets the peak resident set size of this process. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');

    return true;
  } catch {
    return false;
  }
}

function highWaterMark(): number {
  const status = readFileSync('/proc/self/status', 'latin1');

  return Number(/VmHWM:\s*(\d+) kB/.exec(status)![1]) * 1024;
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
