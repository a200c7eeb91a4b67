import type { ProviderSettings } from "../kernel/config";
import { PingOneApiError, parseErrorBody, type ProviderErrorCode } from "../kernel/errors";
import { excerptText } from "../kernel/excerpt";
import { scrub, type Redacted } from "../kernel/redact";
import { errorSubject, type CallerOperation } from "./caller";
import type { Deadline } from "./deadline";
import { DeadlineReached, formatBytes } from "./exchange";
import type { LastFailure } from "./retry";
import { cachedTokens } from "./worker-token";

/**
 * Said instead of quoting an answer that may carry a client secret.
 * @see https://developer.pingidentity.com/pingone-api/platform/applications/application-secret.html
 */
export const SECRET_TEXT_WITHHELD = "(its text is not shown: it may hold a client secret)";

/**
 * Why an exchange brought no usable answer, and whether another attempt could help.
 * @see Failures.transport
 */
export interface TransportFailure {
  cause: string;
  retryable: boolean;
  /** What happened, when it is not "no answer" (a deadline, an answer over the size cap). */
  errorCode?: ProviderErrorCode;
}

/**
 * The errors of one client's operation, built in one place so that no server text reaches a
 * message before the client secret, the configured token and every cached token are scrubbed
 * from it.
 *
 * @see scrub in provider/kernel/redact.ts
 * @see cachedTokens
 */
export class Failures {
  constructor(
    private readonly settings: ProviderSettings,
    private readonly deadline: Deadline,
    /** Per-attempt timeout (ms), which a timed-out attempt's cause names. */
    private readonly timeoutMs: number,
  ) {}

  /**
   * Throws the error of an answer that is not to be trusted (for another object, unreadable, a
   * redirect, a list that leaves the API), which no retry can change.
   */
  fail(asking: CallerOperation, status: number | undefined, cause: string): never {
    throw new PingOneApiError({ ...errorSubject(asking), status, cause, errorCode: "ERR_UNEXPECTED_ANSWER" });
  }

  /** The error after the last attempt, or for an answer no retry can change. */
  final(asking: CallerOperation, last: LastFailure, attempts: number | undefined): PingOneApiError {
    return new PingOneApiError({
      ...errorSubject(asking),
      status: last.status,
      cause: last.cause,
      errorCode: last.errorCode,
      attempts,
      ...this.scrubbedErrorBody(last.body),
    });
  }

  /** Throws the error of an operation whose deadline passed, with what the last attempt saw. */
  deadlinePassed(asking: CallerOperation, last: LastFailure, reason?: string): never {
    const lastOutcome =
      last.status !== undefined ? `the last answer was HTTP ${last.status}` : last.cause ? `the last attempt failed: ${last.cause}` : undefined;
    throw new PingOneApiError({
      ...errorSubject(asking),
      errorCode: "ERR_DEADLINE",
      status: last.status,
      cause: [reason, this.deadline.passedText(), lastOutcome].filter((part) => part !== undefined).join("; "),
      ...this.scrubbedErrorBody(last.body),
    });
  }

  /** What a failed exchange means: its cause, and whether another attempt could help. */
  transport(error: unknown, maxBytes: number): TransportFailure {
    if (error instanceof DeadlineReached) return { cause: this.deadline.passedText(), retryable: false, errorCode: "ERR_DEADLINE" };
    if (error instanceof Error && (error as { type?: unknown }).type === "max-size") {
      return {
        cause: `the answer is larger than the ${formatBytes(maxBytes)} cap on PingOne answers, so it was not read`,
        retryable: false,
        errorCode: "ERR_UNEXPECTED_ANSWER",
      };
    }
    const text = error instanceof Error ? (error.name === "AbortError" ? `timed out after ${this.timeoutMs} ms` : error.message) : String(error);
    return { cause: excerptText(scrub(text, this.secrets())), retryable: true };
  }

  /** A bounded, scrubbed excerpt of an answer's text. */
  scrubbedExcerpt(text: string): string {
    return text === "" ? "(empty)" : excerptText(scrub(text, this.secrets()));
  }

  /** PingOne's error body (code, message, details, id) with its texts scrubbed. */
  scrubbedErrorBody(body: unknown): ReturnType<typeof parseErrorBody> {
    const parsed = parseErrorBody(body);
    const secrets = this.secrets();
    return {
      ...parsed,
      pingOneMessage: parsed.pingOneMessage === undefined ? undefined : scrub(parsed.pingOneMessage, secrets),
      details: parsed.details?.map((d) => ({ ...d, message: d.message === undefined ? undefined : scrub(d.message, secrets) })),
    };
  }

  private secrets(): (Redacted | undefined)[] {
    return [this.settings.clientSecret, this.settings.accessToken, ...cachedTokens()];
  }
}
