import { Duration } from '@salesforce/kit';

/** Errors after which the same request can simply be sent again: the org or the network hiccuped. */
const TRANSIENT = [/ERROR_HTTP_5\d\d/, /\b50[0-4]\b/, /ECONNRESET/, /ECONNREFUSED/, /ETIMEDOUT/, /socket hang up/i, /consecutive retryable errors/, /UNKNOWN_EXCEPTION/, /other side closed/i, /fetch failed/i];

export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const text = [error.name, error.message, (error as { errorCode?: unknown }).errorCode, (error.cause as Error | undefined)?.message].filter((x) => typeof x === 'string').join(' ');
  if (text.includes('INVALID_SESSION_ID')) return false;
  return TRANSIENT.some((p) => p.test(text));
}

export type RetryPolicy = {
  /** Transient failures tolerated in a row. */
  readonly retries: number;
  /** The first pause; each next one doubles. */
  readonly backoff: Duration;
  /** No retry starts after this time (ms since the epoch). */
  readonly deadline: number;
};

/**
 * Runs steps again after a growing pause while they fail transiently, counting the retries across all the steps
 * it runs (a deploy's start and its polls share one budget).
 */
export class Retrier {
  public retries = 0;
  public constructor(private readonly policy: RetryPolicy) {}

  public async run<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (e) {
      if (!isTransient(e) || this.retries >= this.policy.retries || Date.now() > this.policy.deadline) throw e;
      await new Promise((done) => setTimeout(done, this.policy.backoff.milliseconds * 2 ** this.retries));
      this.retries++;
      return this.run(step);
    }
  }
}
