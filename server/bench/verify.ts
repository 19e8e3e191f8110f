import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BenchInputs } from './inputs';
import { signWithEngineJoined, signWithSignpdf } from './signers';
import type { BenchIdentity } from './signers';

/**
 * Signs each input once with each signer and asks pdfsig whether the signature is valid, so that
 * the timings compare signers that produce good files. Reported, not asserted.
 */
export async function checkSignedOutputs(
  identity: BenchIdentity,
  inputs: BenchInputs,
): Promise<string[]> {
  const outputs: [string, Buffer][] = [
    ['engine, 1 page', await signWithEngineJoined(identity, inputs.onePage)],
    ['engine, page 100 of 100', await signWithEngineJoined(identity, inputs.hundredPages, 100)],
    ['engine, 20 MB', await signWithEngineJoined(identity, inputs.large)],
    ['@signpdf, 1 page', await signWithSignpdf(identity, inputs.onePage)],
  ];
  const dir = mkdtempSync(join(tmpdir(), 'eseal-bench-check-'));
  try {
    return outputs.map(([name, pdf]) => `pdfsig, ${name}: ${pdfsigVerdict(dir, pdf)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pdfsigVerdict(dir: string, pdf: Buffer): string {
  const path = join(dir, 'signed.pdf');
  writeFileSync(path, pdf);
  const result = spawnSync('pdfsig', ['-nocert', path], { encoding: 'latin1' });
  if (result.error) return 'not checked (pdfsig is not installed)';
  const verdict = /Signature Validation: (.*)/.exec(result.stdout)?.[1];

  return verdict ?? `no signature found (exit ${result.status})`;
}
