import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** What an external validator printed and how it exited. */
export interface ToolResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A validator binary that is not installed on this machine. */
export class MissingToolError extends Error {
  constructor(readonly tool: string) {
    super(`${tool} is not installed (Debian: poppler-utils, qpdf, mupdf-tools, openssl)`);
  }
}

interface ExecFailure {
  code?: number | string | null;
  killed?: boolean;
  stdout?: string;
  stderr?: string;
}

/**
 * Runs a validator without a shell. Validators speak through their exit code and text, so a
 * non-zero exit is a result, not an exception; only a missing binary or a timeout throws.
 */
export async function runTool(tool: string, args: string[]): Promise<ToolResult> {
  try {
    // The explicit env matters under jest, whose sandboxed process.env child_process ignores.
    const { stdout, stderr } = await execFileAsync(tool, args, {
      env: process.env,
      encoding: 'latin1',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 120_000,
    });

    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failure = error as ExecFailure;
    if (failure.code === 'ENOENT') throw new MissingToolError(tool);
    if (typeof failure.code !== 'number') throw error;

    return { exitCode: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

/** Both output streams of a run, trimmed for an error message. */
export function outputOf(result: ToolResult, limit = 4000): string {
  const text = [result.stdout.trim(), result.stderr.trim()].filter(Boolean).join('\n');

  return text.length > limit
    ? `${text.slice(0, limit)}\n… (${text.length - limit} more characters)`
    : text;
}
