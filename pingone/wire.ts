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
