import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Set in the re-executed process, so that it does not pin itself again. */
const PINNED_BY = 'ESEAL_BENCH_PINNED_BY';
const PIN_COMMAND = ['taskset', '-c', '0'];

/**
 * Re-runs this script under `taskset -c 0` when taskset exists and the process is not pinned
 * yet, then exits with the child's status: the measured process, its V8 helper threads and the
 * memory probe it spawns (affinity is inherited) then share one core, as a one-core deployment
 * would. Returns only in the process that measures.
 */
export function runPinned(): void {
  if (process.env[PINNED_BY] !== undefined || !hasTaskset()) return;
  const child = spawnSync(
    PIN_COMMAND[0],
    [...PIN_COMMAND.slice(1), process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...process.env, [PINNED_BY]: PIN_COMMAND.join(' ') } },
  );
  process.exit(child.status ?? 1);
}

/** How this process was pinned and the CPUs the kernel lets it use. */
export function pinning(): string {
  const allowed = /Cpus_allowed_list:\s*(\S+)/.exec(readProcStatus())?.[1] ?? 'unknown';
  const by = process.env[PINNED_BY];

  return by
    ? `pinned by \`${by}\` (CPUs allowed: ${allowed})`
    : `NOT pinned: taskset unavailable (CPUs allowed: ${allowed})`;
}

function hasTaskset(): boolean {
  return spawnSync(PIN_COMMAND[0], ['--version'], { stdio: 'ignore' }).status === 0;
}

function readProcStatus(): string {
  try {
    return readFileSync('/proc/self/status', 'latin1');
  } catch {
    return '';
  }
}
