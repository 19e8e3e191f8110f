import type { Timing } from './measure';
import type { TargetResult } from './targets';

/** A titled group of timings, as measured together. */
export interface TimingGroup {
  title: string;
  timings: Timing[];
}

/** The timings and the targets as fixed-width text tables. */
export function formatTables(groups: TimingGroup[], targets: TargetResult[]): string {
  const timingRows = groups.flatMap((group) => [
    [group.title, '', '', '', '', '', '', ''],
    ...group.timings.map((t) => [
      `  ${t.name}`,
      String(t.iterations),
      ms(t.cpu.medianMs),
      ms(t.cpu.p95Ms),
      ms(t.cpu.meanMs),
      t.perSecond.toFixed(1),
      ms(t.wall.medianMs),
      ms(t.wall.p95Ms),
    ]),
  ]);
  const targetRows = targets.map((t) => [
    t.target,
    t.measured,
    t.required,
    t.pass ? 'PASS' : 'FAIL',
  ]);

  return [
    'times in ms per call; per CPU s = calls per second of CPU time at the median',
    table(
      ['case', 'runs', 'CPU median', 'CPU p95', 'CPU mean', 'per CPU s', 'wall median', 'wall p95'],
      timingRows,
    ),
    table(['target', 'measured', 'required', 'result'], targetRows),
  ].join('\n\n');
}

function ms(value: number): string {
  return value.toFixed(3);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');

  return [line(header), rule, ...rows.map(line)].join('\n');
}
