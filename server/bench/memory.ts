import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import type { MemoryReport } from './memory-probe';

/**
 * Measures one signing of the file at `path` in a fresh process (see memory-probe.ts for the
 * method), so that buffers and heap growth left by the timed runs do not count. The child
 * inherits this process's CPU affinity.
 */
export function measureSigningMemory(path: string): MemoryReport {
  const probe = join(__dirname, 'memory-probe.ts');
  const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', probe, path], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`memory probe failed: ${child.stderr}`);

  return JSON.parse(child.stdout) as MemoryReport;
}
