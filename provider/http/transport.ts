import { ERROR_CODES } from "../../pingone";
import type { ProviderSettings } from "../kernel/config";
import { isGone } from "../kernel/errors";
import type { CallerOperation } from "./caller";
import { Deadline } from "./deadline";
import { exchange, redirectRefusal, type Exchange } from "./exchange";
import { Failures, SECRET_TEXT_WITHHELD, type TransportFailure } from "./failures";
import { DEFAULT_LIST_BUDGET, type ListBudget } from "./listing";
import { notFound } from "./not-found";
import { pacerFor } from "./pacing";
import {
  AmbiguousWriteError,
  backoffMs,
  DEFAULT_RETRY_POLICY,
  NOT_PROCESSED_STATUSES,
  RETRYABLE_STATUSES,
  retryAfterMs,
  type AttemptOutcome,
  type LastFailure,
  type RetryPolicy,
} from "./retry";
import { ServerClock } from "./server-clock";
import { forgetWorkerToken, workerToken } from "./worker-token";

/** How a client talks to PingOne; every field has a default. */
export interface ClientOptions {
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout, covering the whole answer. */
  timeoutMs?: number;
  /** Overall deadline of the client's operation; defaults to the settings' `operationTimeoutMs`. */
  operationTimeoutMs?: number;
  /** Cap on the bytes of one answer (list pages may be larger: see listing.ts). */
  maxResponseBytes?: number;
  /** The budget of one listing (default `DEFAULT_LIST_BUDGET`). */
  listBudget?: Partial<ListBudget>;
  /** Renew a cached token this long before it expires. */
  tokenRenewMarginMs?: number;
  /** Injected for tests of the backoff; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * Cap on one answer. A PingOne application is a few KB and a token answer less; 1 MiB is
 * generous and keeps a runaway or hostile answer from filling memory and state.
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
const DEFAULT_TOKEN_MARGIN_MS = 60_000;

/** One request to the management API, and who asks it. */
export interface RequestSpec extends CallerOperation {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** The path under the API URL, as `endpointPath` writes it. */
  path: string;
  body?: unknown;
  environmentId: string;
  /** Statuses that are the expected success for this call. */
  expect: readonly number[];
  /** Cap on the answer's bytes, when not the default. */
  maxBytes?: number;
  /** The answer carries a client secret: its text is never quoted in an error. */
  secretAnswer?: boolean;
  /**
   * A GET or DELETE of one object: a 404 is judged before it may mean "gone" (see `notFound`), and
   * then raises a PingOneApiError with `gone` set, which a read turns into "deleted outside
   * Pulumi" and a delete into "already deleted".
   */
  object?: true;
}

/** One paced attempt: an answer (and when it was sent), or why there was none. */
type PacedAttempt = { response: Exchange; sentAt: number } | { failure: TransportFailure };

/**
 * The transport of one client operation: retries, pacing, the deadline, the worker token, the
 * size and redirect rules, PingOne's clock, and the judgement of a 404. The endpoint families
 * (applications.ts, secrets.ts, access.ts, lookups.ts) build requests and check answers over it.
 *
 * @see https://github.com/patrickcping/pingone-go-sdk-v2 (`management/client_ext.go`: the retry rules)
 */
export class Transport {
  readonly retry: RetryPolicy;
  readonly maxResponseBytes: number;
  readonly tokenMarginMs: number;
  readonly listBudget: ListBudget;
  readonly deadline: Deadline;
  readonly failures: Failures;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Only API answers are noted: the token endpoint's host may be another machine with another clock. */
  private readonly clock = new ServerClock();

  constructor(
    readonly settings: ProviderSettings,
    options: ClientOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    this.tokenMarginMs = options.tokenRenewMarginMs ?? DEFAULT_TOKEN_MARGIN_MS;
    this.listBudget = { ...DEFAULT_LIST_BUDGET, ...options.listBudget };
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.deadline = new Deadline(options.operationTimeoutMs ?? settings.operationTimeoutMs);
    this.failures = new Failures(settings, this.deadline, this.timeoutMs);
  }

  /** PingOne's clock at our moment `localMs`, a lower bound (see `ServerClock.timeAt`). */
  serverTimeAt(localMs: number): number | undefined {
    return this.clock.timeAt(localMs);
  }

  /** Refuses to start a write once the operation's deadline (before any extension) has passed. */
  refuseLateWrite(spec: RequestSpec): void {
    if (this.deadline.writesClosed()) this.failures.deadlinePassed(spec, {});
  }

  /**
   * The one retry loop. Each attempt classifies its answer: done, retry (after the server's
   * Retry-After or the backoff), or fail; an ambiguous write is thrown from inside the attempt
   * as `AmbiguousWriteError`. Waits never reach past the operation's deadline.
   */
  async retrying<T>(asking: CallerOperation, maxAttempts: number, attempt: (n: number) => Promise<AttemptOutcome<T>>): Promise<T> {
    let last: LastFailure = {};
    for (let n = 1; n <= maxAttempts; n++) {
      const outcome = await attempt(n);
      if (outcome.kind === "done") return outcome.value;
      last = outcome.failure;
      if (outcome.kind === "fail") throw this.failures.final(asking, last, undefined);
      if (n < maxAttempts) {
        const delay = outcome.retryAfterMs === undefined ? backoffMs(this.retry, n) : this.serverAskedDelay(outcome.retryAfterMs, asking, last);
        await this.pause(delay, asking, last);
      }
    }
    throw this.failures.final(asking, last, maxAttempts);
  }

  /** A request with the retry rules, its answer the expected success; a 404 to an object request is judged (`notFound`). */
  async send(spec: RequestSpec): Promise<Exchange> {
    const response = await this.exchangeRetrying(spec);
    if (response.status === 404) return notFound(this, spec, response);
    return response;
  }

  /** A DELETE of one object: done on its success, and on PingOne's proof that the object is already gone. */
  async deleteObject(spec: RequestSpec): Promise<void> {
    try {
      await this.send(spec);
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }

  /**
   * One request with the retry rules, up to an answer; a 404 to an object request comes back as an
   * answer. A POST is never sent again once it may have been committed: that raises
   * `AmbiguousWriteError`. A 401 renews the worker token once, as the SDK's oauth2 client would.
   */
  async exchangeRetrying(spec: RequestSpec): Promise<Exchange> {
    const url = `${this.settings.apiUrl}${spec.path}`;
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const maxBytes = spec.maxBytes ?? this.maxResponseBytes;
    let renewedAfter401 = false;
    let last: LastFailure = {};
    return this.retrying(spec, this.retry.maxAttempts, async (): Promise<AttemptOutcome<Exchange>> => {
      for (;;) {
        const token = await workerToken(this, spec.operation);
        const headers = {
          Authorization: `Bearer ${token.reveal()}`,
          Accept: "application/json",
          ...(payload === undefined ? {} : { "Content-Type": "application/json" }),
        };
        const attempt = await this.pacedExchange(url, { method: spec.method, headers, body: payload }, maxBytes, spec, last);
        if ("failure" in attempt) {
          // The connection failed, timed out, or dropped mid-answer: a POST may have been committed.
          if (spec.method === "POST") throw new AmbiguousWriteError(attempt.failure.cause);
          return { kind: attempt.failure.retryable ? "retry" : "fail", failure: { cause: attempt.failure.cause, errorCode: attempt.failure.errorCode } };
        }
        const { response } = attempt;
        const { status, body } = response;
        // Judged once the retries are over (`notFound`): PingOne's 404 is final, never retried.
        if (status === 404 && spec.object) return { kind: "done", value: response };
        if (spec.expect.includes(status)) {
          // Only answers that read as PingOne's tell its clock: a proxy's error page carries the proxy's.
          if (!response.unreadable) this.clock.note(response);
          // A DELETE's answer carries nothing the provider uses; every other success must be JSON.
          if (response.unreadable && spec.method !== "DELETE") {
            const problem = `the answer is not JSON: ${this.quotable(spec, response)}`;
            if (spec.method === "POST") throw new AmbiguousWriteError(problem, status);
            this.failures.fail(spec, status, problem);
          }
          return { kind: "done", value: response };
        }
        // Any other success to a POST: something was done, so the outcome is unknown.
        if (spec.method === "POST" && status >= 200 && status < 300)
          throw new AmbiguousWriteError(`an unexpected answer: ${this.quotable(spec, response)}`, status);
        if (status === 401 && !renewedAfter401 && !this.settings.accessToken) {
          // A token can be revoked or expire early; renew it once.
          renewedAfter401 = true;
          forgetWorkerToken(this.settings, token);
          continue;
        }
        const failure: LastFailure = { status, body: response.unreadable ? { message: response.text } : body };
        last = failure;
        const unexpectedError = (body as { code?: unknown } | null)?.code === ERROR_CODES.unexpectedError;
        if (!RETRYABLE_STATUSES.has(status) && !unexpectedError) return { kind: "fail", failure };
        // 500/502/504, or PingOne's UNEXPECTED_ERROR on any other status: the POST may have been committed.
        if (spec.method === "POST" && !NOT_PROCESSED_STATUSES.has(status)) throw new AmbiguousWriteError(`HTTP ${status}`, status);
        return { kind: "retry", failure, retryAfterMs: retryAfterMs(response, Number.POSITIVE_INFINITY) };
      }
    });
  }

  /**
   * One attempt at `url` in its host's pace: waits for its turn, sends, and tells the pace how it
   * went. A redirect is refused (PingOne's API never redirects), so a token or a body goes only to
   * the configured API and auth URLs.
   */
  async pacedExchange(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string },
    maxBytes: number,
    asking: CallerOperation,
    last: LastFailure,
  ): Promise<PacedAttempt> {
    const turn = await this.takeTurn(url, asking, last);
    const sentAt = Date.now();
    const bases = [this.settings.apiUrl, this.settings.authUrl];
    let response: Exchange;
    try {
      response = await exchange(url, init, { bases, maxBytes, timeoutMs: this.timeoutMs, deadline: this.deadline });
    } catch (error) {
      turn.settle("unknown");
      return { failure: this.failures.transport(error, maxBytes) };
    }
    turn.settle(response.status === 429 ? "refused" : "admitted");
    if (response.status >= 300 && response.status < 400) this.failures.fail(asking, response.status, redirectRefusal(response, bases));
    return { response, sentAt };
  }

  /** An answer's text as an error may quote it: scrubbed, or withheld when it may hold a client secret. */
  private quotable(spec: RequestSpec, response: Exchange): string {
    return spec.secretAnswer ? SECRET_TEXT_WITHHELD : this.failures.scrubbedExcerpt(response.text);
  }

  /** The wait a server asked for, capped; failing now if it reaches past the deadline. */
  private serverAskedDelay(askedMs: number, asking: CallerOperation, last: LastFailure): number {
    if (this.deadline.passesWithin(askedMs)) this.failures.deadlinePassed(asking, last, `PingOne asked to retry after ${Math.round(askedMs / 1000)} s`);
    return Math.min(askedMs, this.retry.maxDelayMs);
  }

  /**
   * Waits for the request's turn in the pace of its host (pacing.ts): every operation of this
   * process shares one pace per host once PingOne's limit was met there. The token request counts
   * too: where the token endpoint shares the API's host, it also shares its limit.
   */
  private async takeTurn(url: string, asking: CallerOperation, last: LastFailure): Promise<{ settle: (outcome: "admitted" | "refused" | "unknown") => void }> {
    const pacer = pacerFor(new URL(url).origin);
    const { waitMs, start } = pacer.reserve();
    if (waitMs > 0) {
      try {
        await this.pause(waitMs, asking, last);
      } catch (error) {
        pacer.settle(start, "unknown");
        throw error;
      }
    }
    pacer.sent(start);
    return { settle: (outcome) => pacer.settle(start, outcome) };
  }

  /** Sleeps `ms`, unless that would end past the operation's deadline. */
  private async pause(ms: number, asking: CallerOperation, last: LastFailure): Promise<void> {
    if (this.deadline.passesWithin(ms)) this.failures.deadlinePassed(asking, last);
    await this.sleep(ms);
  }
}
