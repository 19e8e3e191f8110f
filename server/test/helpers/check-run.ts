import { MissingToolError } from './external-tool';

/** Collects the failed checks of one signed file, so that one run reports all of them at once. */
export class CheckRun {
  readonly validatorsSkipped: string[] = [];
  private readonly failures: string[] = [];

  constructor(private readonly file: string) {}

  fail(check: string, messages: string | string[]): void {
    for (const message of [messages].flat()) this.failures.push(`[${check}] ${message}`);
  }

  get failed(): boolean {
    return this.failures.length > 0;
  }

  /**
   * Runs one validator; a missing binary is recorded and skipped, unless REQUIRE_VALIDATORS=1
   * (as in CI) makes it a failure of its own.
   */
  async withValidator<T>(tool: string, validate: () => Promise<T>): Promise<T | undefined> {
    try {
      return await validate();
    } catch (error) {
      if (!(error instanceof MissingToolError)) throw error;
      if (process.env.REQUIRE_VALIDATORS === '1') {
        throw new Error(`${error.message}; REQUIRE_VALIDATORS=1 demands every validator`);
      }
      if (!this.validatorsSkipped.includes(tool)) {
        this.validatorsSkipped.push(tool);
        console.warn(`signed-pdf-checks: ${error.message}; its checks were skipped`);
      }

      return undefined;
    }
  }

  throwIfFailed(): void {
    if (!this.failed) return;
    const list = this.failures.map((failure) => `- ${failure}`).join('\n');

    throw new Error(
      `${this.file} is not a valid signed PDF (${this.failures.length} failed):\n${list}`,
    );
  }
}
