import type { MemoryReport } from './memory-probe';
import type { Timing } from './measure';

/** One claim the benchmark checks, with the numbers it was judged on. */
export interface TargetResult {
  target: string;
  measured: string;
  required: string;
  pass: boolean;
}

/** The timings the targets are judged on, by the case names the run gives them. */
export interface Measurements {
  onePage: { engine: Timing; signpdf: Timing; native: Timing };
  manyPages: { onePage: Timing; firstPage: Timing; lastPage: Timing; lastPageSplitXref: Timing };
  large: { engine: Timing; readAndHash: Timing };
  memory: MemoryReport;
}

const MB = 1024 * 1024;

export function evaluateTargets(m: Measurements): TargetResult[] {
  const { engine, signpdf, native } = m.onePage;
  const vsSignpdf = engine.perSecond / signpdf.perSecond;
  const vsNative = engine.perSecond / native.perSecond;

  return [
    judge(
      '1 page: engine vs @signpdf docs/s',
      `${fixed(vsSignpdf, 1)}x`,
      '>= 30x',
      vsSignpdf >= 30,
    ),
    judge(
      '1 page: engine docs/s vs native RSA sig/s',
      `${fixed(vsNative, 3)} (1/${fixed(1 / vsNative, 2)})`,
      '>= 1/3',
      vsNative >= 1 / 3,
    ),
    pageTarget('100 pages, seal on page 1', m.manyPages.firstPage, m.manyPages.onePage),
    pageTarget('100 pages, seal on page 100', m.manyPages.lastPage, m.manyPages.onePage),
    pageTarget(
      'extra: 100 pages, page 100, xref subsection per object',
      m.manyPages.lastPageSplitXref,
      m.manyPages.onePage,
    ),
    largeTimeTarget(m.large.engine, m.large.readAndHash),
    memoryTarget(m.memory),
  ];
}

function pageTarget(name: string, timing: Timing, onePage: Timing): TargetResult {
  const ratio = timing.cpu.medianMs / onePage.cpu.medianMs;

  return judge(`${name}: time vs 1 page`, `${fixed(ratio, 2)}x`, '<= 1.5x', ratio <= 1.5);
}

function largeTimeTarget(engine: Timing, raw: Timing): TargetResult {
  const ratio = engine.cpu.medianMs / raw.cpu.medianMs;

  return judge('20 MB: engine time vs read + SHA-256', `${fixed(ratio, 2)}x`, '<= 2x', ratio <= 2);
}

function memoryTarget(memory: MemoryReport): TargetResult {
  const ratio = memory.peakAboveBaselineBytes / memory.fileBytes;
  const measured = `${fixed(memory.peakAboveBaselineBytes / MB, 1)} MiB = ${fixed(ratio, 2)}x file`;

  return judge('20 MB: peak RSS above baseline', measured, '<= 2x file', ratio <= 2);
}

function judge(target: string, measured: string, required: string, pass: boolean): TargetResult {
  return { target, measured, required, pass };
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
