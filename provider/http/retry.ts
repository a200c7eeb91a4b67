import type { ProviderErrorCode } from "../kernel/errors";

/**
 * How a request is retried. The defaults are the PingOne Go SDK's: 408, 429 and 5xx are retried up
 * to 10 attempts; Retry-After (seconds or HTTP date) is honoured, capped at 30 s; otherwise the
 * delay is base * 2^attempt plus 0-100 ms of jitter, capped at 30 s.
 *
 * @see https://github.com/patrickcping/pingone-go-sdk-v2 (`management/client_ext.go`)
 */
export interface RetryPolicy {
  /** Total attempts, including the first (SDK: 10). */
  maxAttempts: number;
  /** Base of the exponential backoff (SDK: 1 s). */
  baseDelayMs: number;
  /** Cap on any single wait, including Retry-After (SDK: 30 s). */
  maxDelayMs: number;
  /** Upper bound of the random jitter added to each backoff (SDK: 100 ms). */
  jitterMs: number;
}

/** The Go SDK's retry policy (see `RetryPolicy`). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 30_000, jitterMs: 100 };

/** Statuses worth another attempt (the Go SDK's). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 501, 502, 503, 504]);

/** Answers that say the request was not processed, so even a POST can simply be sent again. */
export const NOT_PROCESSED_STATUSES: ReadonlySet<number> = new Set([408, 429, 501, 503]);

/**
 * A POST whose outcome is unknown: PingOne may or may not have created the object. Unlike the Go
 * SDK, a POST is never blindly sent again after a failure that may have been committed (connection
 * dropped, timeout, 500/502/504, a success answer that cannot be read): the caller reconciles
 * against the server first, so there is neither a duplicate nor an orphan.
 */
export class AmbiguousWriteError extends Error {
  override name = "AmbiguousWriteError";
  constructor(
    override readonly cause: string,
    /** The HTTP status of the unreadable or unexpected answer, when there was one. */
    readonly status?: number,
  ) {
    super(`the request's outcome is unknown (${status === undefined ? "" : `HTTP ${status}: `}${cause})`);
  }
}

/** What went wrong on the last attempt, for the final error. */
export interface LastFailure {
  status?: number;
  body?: unknown;
  cause?: string;
  /** What happened, when the status cannot tell (a deadline, an answer over the size cap). */
  errorCode?: ProviderErrorCode;
}

/** How one attempt ended: with a value, with a failure worth another attempt, or with a final one. */
export type AttemptOutcome<T> =
  | { kind: "done"; value: T }
  | { kind: "retry"; failure: LastFailure; /** What the server asked to wait (uncapped). */ retryAfterMs?: number }
  | { kind: "fail"; failure: LastFailure };

/** The wait before attempt `attempt + 1`: exponential, with jitter, capped. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const exponential = policy.baseDelayMs * 2 ** attempt;
  return Math.min(exponential + Math.random() * policy.jitterMs, policy.maxDelayMs);
}

/** Retry-After in ms (integer seconds or an HTTP date), capped; undefined when absent or unparsable. */
export function retryAfterMs(response: { headers: { get(name: string): string | null } }, capMs: number): number | undefined {
  const header = response.headers.get("retry-after");
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), capMs);
}
