/**
 * PingOne's error codes: the top-level `code` of an error body (`{id, code, message, details}`)
 * and the `code` of each entry of `details`.
 *
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/#pingone-api-error-codes
 */
export const ERROR_CODES = {
  /** 400: a property failed validation; `details` names each. */
  invalidData: "INVALID_DATA",
  /** 400: the request itself is malformed (or an OAuth request is invalid). */
  invalidRequest: "INVALID_REQUEST",
  /** 401/403: the token is missing, invalid or lacks the role. */
  accessFailed: "ACCESS_FAILED",
  /** 404: no such object (or not visible to this token). */
  notFound: "NOT_FOUND",
  /** Any other refusal. */
  requestFailed: "REQUEST_FAILED",
  /** 429: over the rate limit; `Retry-After` says when to try again. */
  requestLimited: "REQUEST_LIMITED",
  /** 500: PingOne failed; the write may or may not have happened. */
  unexpectedError: "UNEXPECTED_ERROR",
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** The codes of `details` entries under `INVALID_DATA`. */
export const DETAIL_CODES = {
  invalidValue: "INVALID_VALUE",
  requiredValue: "REQUIRED_VALUE",
  outOfRange: "OUT_OF_RANGE",
  uniquenessViolation: "UNIQUENESS_VIOLATION",
} as const;

export type DetailCode = (typeof DETAIL_CODES)[keyof typeof DETAIL_CODES];
