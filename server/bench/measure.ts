import { performance } from 'node:perf_hooks';

/** One thing to time: a call that does one unit of work (one document, one signature). */
export interface BenchCase {
  name: string;
  run: () => unknown;
}

/** Median and 95th percentile of a set of per-call times, in milliseconds. */
export interface Spread {
  medianMs: number;
  p95Ms: number;
  /** Includes the occasional garbage collection that the median leaves out. */
  meanMs: number;
}

/** Per-call times of one case. */
export interface Timing {
  name: string;
  iterations: number;
  /** CPU time of this process (all its threads) per call: what the targets are judged on. */
  cpu: Spread;
  /** Wall-clock time per call; above `cpu` when something else ran on the core meanwhile. */
  wall: Spread;
  /** Calls per second of CPU time, at the median. */
  perSecond: number;
}

export interface MeasureOptions {
  /**
   * Untimed calls per case first, for at least this long, so that the JIT has optimised the hot
   * code (it takes a few hundred signings), the caches are filled and the heap has settled.
   */
  warmupMs: number;
  /** Timed calls per case at least, however slow the case. */
  minIterations: number;
  /** Wall time the timed rounds may take for the whole group. */
  budgetMs: number;
}

const MIN_WARMUP_CALLS = 5;
/**
 * Each round gives every case about this long before moving on to the next case. Rounds of
 * several calls matter for the 20 MB cases: V8 collects when external memory crosses a limit,
 * and with strict alternation the collection of both cases' 20 MB buffers fell, phase-locked,
 * on the same case every time; in rounds, each case mostly pays for its own garbage.
 */
const ROUND_SHARE_MS = 200;

/**
 * Times the cases of a group in interleaved rounds rather than one after another, so that the
 * ratios between them (the targets) are not skewed by drift in clock speed, heap state or other
 * load over the run. Every call is timed on its own, awaited if it returns a promise, both by
 * the wall clock and by the process's CPU time: on a shared machine the other processes on the
 * pinned core stretch wall time but not CPU time, which is what one dedicated core would take.
 */
export async function measureGroup(cases: BenchCase[], options: MeasureOptions): Promise<Timing[]> {
  const samples = cases.map(() => ({ cpu: [] as number[], wall: [] as number[] }));
  const perRound: number[] = [];
  for (const c of cases) perRound.push(await roundSize(c, options.warmupMs));
  const deadline = performance.now() + options.budgetMs;
  while (
    performance.now() < deadline ||
    samples.some((s) => s.cpu.length < options.minIterations)
  ) {
    for (const [i, c] of cases.entries()) await timeCalls(c, perRound[i], samples[i]);
  }

  return cases.map((c, i) => summarize(c.name, samples[i]));
}

/** Warms the case up and sizes its rounds from the warm-up's average call time. */
async function roundSize(benchCase: BenchCase, warmupMs: number): Promise<number> {
  const started = performance.now();
  let calls = 0;
  for (; calls < MIN_WARMUP_CALLS || performance.now() - started < warmupMs; calls++) {
    await benchCase.run();
  }
  const averageMs = (performance.now() - started) / calls;

  return Math.max(1, Math.round(ROUND_SHARE_MS / Math.max(averageMs, 0.001)));
}

interface Samples {
  cpu: number[];
  wall: number[];
}

async function timeCalls(benchCase: BenchCase, calls: number, into: Samples): Promise<void> {
  for (let i = 0; i < calls; i++) {
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    await benchCase.run();
    into.wall.push(performance.now() - wallStart);
    const cpu = process.cpuUsage(cpuStart);
    into.cpu.push((cpu.user + cpu.system) / 1000);
  }
}

function summarize(name: string, samples: Samples): Timing {
  const cpu = spread(samples.cpu);

  return {
    name,
    iterations: samples.cpu.length,
    cpu,
    wall: spread(samples.wall),
    perSecond: 1000 / cpu.medianMs,
  };
}

function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);

  const meanMs = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;

  return { medianMs: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95), meanMs };
}

/** Linear interpolation between closest ranks. */
function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);

  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}
