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
import { ERROR_CODES } from "./error-codes";

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

/**
 * PingOne's top-level error code for "no such object" (HTTP 404). Only an answer with this code is
 * PingOne saying that an object does not exist: a 404 from a gateway, a proxy or a wrong base URL
 * (an HTML page, or JSON without the code) says nothing about the object. Source: the error body
 * above ("404 NOT_FOUND" among PingOne's top-level codes; pingone-go-client's OpenAPI enum), see
 * docs/pingone-applications-api.md §7.
 */
export const NOT_FOUND_CODE = ERROR_CODES.notFound;

/** Whether a parsed answer is PingOne's JSON error with code NOT_FOUND. */
export function isPingOneNotFound(body: unknown): boolean {
  return typeof body === "object" && body !== null && !Array.isArray(body) && (body as PingOneErrorBody).code === NOT_FOUND_CODE;
}

/**
 * Collections (`GET …/applications` and the other lists) page with cursors: `?limit=N` asks for a
 * page size, and each page links the next one in `_links.next.href` until the last. PingOne may
 * answer with smaller pages than asked ("supported limits are not always honored"), so the client
 * follows `next` whatever the size. Source: "Paging and ordering collections",
 * https://developer.pingidentity.com/pingone-api/platform/reference/paging-ordering-collections.html
 * (and .../paging-ordering-filtering-collections.html).
 *
 * The applications collection has no name filter: SCIM `filter` is supported only by the endpoints
 * listed in the "Query parameter quick reference"
 * (https://developer.pingidentity.com/pingone-api/platform/reference/query-parameter-quick-reference.html:
 * /environments, /populations, /activities, /templates, …), and /applications is not among them.
 * Looking for one application by name therefore reads the whole list, page by page.
 */
export const LIST_PAGE_LIMIT = 200;
