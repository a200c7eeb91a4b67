/**
 * PingOne's JSON as it travels: an application as the management API returns it, and the error
 * body of a failed request.
 *
 * Error body: `{ id, code, message, details[] }`, where each detail has `code`, `target`,
 * `message` and an optional `innerError` (`allowedValues`, `rangeMinimumValue`,
 * `rangeMaximumValue`, `allowedPattern`, …). Source: PingOne Platform API, "Response codes"
 * (https://apidocs.pingidentity.com/pingone/platform/v1/api/#response-codes) and the Go SDK's
 * `P1Error` model (https://github.com/patrickcping/pingone-go-sdk-v2, pingone/model/model_p1_error.go).
 */

/** A PingOne application as the API returns it: its fields, plus `id`, `_links`, `environment`, timestamps. */
export type PingOneApplication = Record<string, unknown> & { id: string };

/**
 * What says which application an answer is: a create must send these ("The request requires the
 * name, type, and protocol attributes in the request", PingOne Platform API, Create Application
 * (OIDC): https://apidocs.pingidentity.com/pingone/platform/v1/api/#post-create-application-oidc-protocol),
 * and PingOne answers with the whole application, so its answer holds the values that were sent.
 */
export const APPLICATION_IDENTITY_FIELDS = ["name", "type", "protocol"] as const;

/**
 * `createdAt` (ISO 8601 with milliseconds, set by PingOne when it stores the object, never
 * changed afterwards) in epoch ms, or undefined when absent or unreadable.
 */
export function createdAtOf(record: object): number | undefined {
  const value = (record as { createdAt?: unknown }).createdAt;
  const at = typeof value === "string" ? Date.parse(value) : NaN;
  return Number.isFinite(at) ? at : undefined;
}

export interface PingOneErrorDetail {
  code?: string;
  target?: string;
  message?: string;
  innerError?: Record<string, unknown>;
}

export interface PingOneErrorBody {
  id?: string;
  code?: string;
  message?: string;
  details?: PingOneErrorDetail[];
}
