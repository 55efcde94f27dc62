import { Duration } from '@salesforce/kit';

/** Errors after which the same request can simply be sent again: the org or the network hiccuped. */
const TRANSIENT = [/ERROR_HTTP_5\d\d/, /ECONNRESET/, /ECONNREFUSED/, /ETIMEDOUT/, /socket hang up/i, /consecutive retryable errors/, /UNKNOWN_EXCEPTION/, /other side closed/i, /fetch failed/i];

/** Errors on a request that never reached the org: sending it again cannot start the same work twice. */
const NOT_DELIVERED = [/ECONNREFUSED/, /ENOTFOUND/, /EAI_AGAIN/, /ERROR_HTTP_503/];

const textOf = (error: Error): string =>
  [error.name, error.message, (error as { errorCode?: unknown }).errorCode, (error.cause as Error | undefined)?.message, (error.cause as { code?: unknown } | undefined)?.code]
    .filter((x) => typeof x === 'string')
    .join(' ');

/** A failed poll or read, worth asking again. An expired session never is. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const text = textOf(error);
  if (text.includes('INVALID_SESSION_ID')) return false;
  return TRANSIENT.some((p) => p.test(text));
}

/**
 * A failed request that starts work (a deploy) and may be sent again: only one that cannot have reached the org. A
 * dropped connection or a server error after the request was sent may have started the deploy already.
 */
export function wasNotDelivered(error: unknown): boolean {
  return error instanceof Error && NOT_DELIVERED.some((p) => p.test(textOf(error)));
}

export type RetryPolicy = {
  /** Transient failures tolerated in all. */
  readonly retries: number;
  /** The first pause; each next one doubles. */
  readonly backoff: Duration;
  /** No retry starts after this time (ms since the epoch). */
  readonly deadline: number;
};

/**
 * Runs steps again after a growing pause while they fail in a way `retryable` accepts (transiently, by default),
 * counting the retries across all the steps it runs: a deploy's start and its polls share one budget.
 */
export class Retrier {
  public retries = 0;
  public constructor(private readonly policy: RetryPolicy) {}

  /** Time left before the deadline, at least 1 ms. */
  public get remaining(): Duration {
    return Duration.milliseconds(Math.max(this.policy.deadline - Date.now(), 1));
  }

  public async run<T>(step: () => Promise<T>, retryable: (error: unknown) => boolean = isTransient): Promise<T> {
    try {
      return await step();
    } catch (e) {
      if (!retryable(e) || this.retries >= this.policy.retries || Date.now() > this.policy.deadline) throw e;
      await new Promise((done) => setTimeout(done, this.policy.backoff.milliseconds * 2 ** this.retries));
      this.retries++;
      return this.run(step, retryable);
    }
  }
}
