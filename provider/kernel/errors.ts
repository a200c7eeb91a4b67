/** The provider's errors: values with fields, turned into text in one place (`formatApiError`). */
import { excerpt, excerptText, EXCERPT_CHARS } from "./excerpt";
import type { PingOneErrorBody, PingOneErrorDetail } from "../../pingone";
import { withoutUndefined, UNKNOWN_SENTINEL, type Inputs } from "./values";
import { PingOneProviderError, type ProviderErrorCode } from "./error-codes";

export { InputError, PingOneProviderError, PROVIDER_ERROR_CODES, type ProviderErrorCode } from "./error-codes";

/** How many of PingOne's `details[]` an error message lists. */
const MAX_DETAILS = 20;

/** Which provider operation failed, in PingOne's terms. */
export type Operation =
  | "create application"
  | "read application"
  | "update application"
  | "delete application"
  | "read application secret"
  | "rotate application secret"
  | "revoke previous application secret"
  | "list applications"
  | "request access token"
  | "list resources"
  | "list resource scopes"
  | "list sign-on policies"
  | `${"create" | "read" | "update" | "delete" | "list"} ${AccessKindNoun}`;

/** The application's sub-objects a working sign-in needs, in the words errors use. */
export type AccessKindNoun = "resource grant" | "resource grants" | "sign-on policy assignment" | "sign-on policy assignments";

/** The Pulumi resource an error is about: `pingone:Application` unless said otherwise. */
export type ResourceKind = "Application" | "ApplicationSecret" | "ApplicationResourceGrant" | "ApplicationSignOnPolicyAssignment";

/**
 * Each resource kind in the words an operation's name uses (`create resource grant`).
 * @see Operation
 */
export const RESOURCE_NOUNS = {
  Application: "application",
  ApplicationSecret: "application secret",
  ApplicationResourceGrant: "resource grant",
  ApplicationSignOnPolicyAssignment: "sign-on policy assignment",
} as const satisfies Record<ResourceKind, string>;
export type ResourceNoun = (typeof RESOURCE_NOUNS)[ResourceKind];

export interface ApiErrorFields {
  operation: Operation;
  /** Which resource kind failed (default `Application`). */
  resourceKind?: ResourceKind;
  /**
   * The application's display name, when known; for an `ApplicationSecret`, the Pulumi resource's
   * name.
   */
  applicationName?: string;
  /** The application id, when known. */
  applicationId?: string;
  /** HTTP status, or undefined for a transport failure. */
  status?: number;
  /**
   * What happened, when the thrower knows better than the status can tell (a deadline, an answer
   * for another object); otherwise `classifyFailure` derives it.
   */
  errorCode?: ProviderErrorCode;
  /** PingOne's top-level `code` (e.g. INVALID_DATA), or the OAuth `error` of a token response. */
  code?: string;
  /** PingOne's `message`. */
  pingOneMessage?: string;
  /** PingOne's `details[]`. */
  details?: PingOneErrorDetail[];
  /** PingOne's error `id`, for support requests. */
  errorId?: string;
  /** A transport-level cause (connection reset, timeout), already scrubbed. */
  cause?: string;
  /** How many attempts were made before giving up. */
  attempts?: number;
  /**
   * Set only by the client, on a 404 that proved the object gone: PingOne's own NOT_FOUND error,
   * while the environment still answered (see `PingOneClient`'s 404 handling).
   */
  gone?: boolean;
}

/**
 * A failed PingOne operation, as fields (operation, resource, HTTP status, PingOne code, message,
 * details). Nothing in it ever holds a token or a secret: the client scrubs server texts before
 * they arrive.
 * @see formatApiError
 */
export class PingOneApiError extends PingOneProviderError {
  override name = "PingOneApiError";
  readonly fields: ApiErrorFields;

  constructor(fields: ApiErrorFields) {
    super(classifyFailure(fields), formatApiError(fields));
    this.fields = fields;
  }

  get status(): number | undefined {
    return this.fields.status;
  }

  /** PingOne's own code (`INVALID_DATA`, `invalid_client`, …), when its answer carried one. */
  get pingOneCode(): string | undefined {
    return this.fields.code;
  }
}

/**
 * What a failed operation's fields say happened, unless the thrower said (`errorCode`): a proven
 * absence, no answer, a refusal of the worker, PingOne unable to serve, a refusal of the request,
 * or an answer (a success or a redirect) that is not to be trusted.
 * @see PROVIDER_ERROR_CODES
 */
export function classifyFailure(fields: ApiErrorFields): ProviderErrorCode {
  if (fields.errorCode !== undefined) return fields.errorCode;
  if (fields.gone === true) return "ERR_NOT_FOUND";
  const status = fields.status;
  if (status === undefined) return "ERR_PINGONE_UNREACHABLE";
  if (status === 401 || status === 403) return "ERR_PINGONE_ACCESS_DENIED";
  if (status === 429 || status >= 500) return "ERR_PINGONE_UNAVAILABLE";
  if (status >= 400) return "ERR_PINGONE_REJECTED";
  return "ERR_UNEXPECTED_ANSWER";
}

/**
 * A write whose outcome stayed unknown: PingOne may or may not have carried it out, and looking
 * afterwards could not settle which (several matches, a match that may be someone else's, or the
 * look itself failed). Not an input error: the program may be right, and PingOne may hold the
 * object; `fields.cause` says what was found and what to do.
 * @see reconcileWrite in ./reconcile.ts, the one loop that gives up with it
 */
export class AmbiguousOutcomeError extends PingOneApiError {
  override name = "AmbiguousOutcomeError";
  constructor(fields: Omit<ApiErrorFields, "errorCode">) {
    super({ ...fields, errorCode: "ERR_AMBIGUOUS_OUTCOME" });
  }
}

/**
 * Thrown by create and update, before any request, when an input still holds the engine's
 * placeholder for an unknown value. `check` lets the placeholder through because it cannot tell a
 * preview (where unknowns are normal) from an update; by create or update every value must be
 * known, so the placeholder here means a program set that literal text, and it must never reach
 * PingOne as if it were the value.
 * @see UNKNOWN_SENTINEL
 */
export class UnknownInputError extends PingOneProviderError {
  override name = "UnknownInputError";
  constructor(
    readonly resource: string,
    readonly operation: `${"create" | "update"} ${ResourceNoun}`,
    readonly property: string,
  ) {
    super(
      "ERR_UNKNOWN_INPUT",
      `${resource}: ${operation} refused before any request: ${property} is ${excerpt(UNKNOWN_SENTINEL)}, the engine's placeholder ` +
        `for a value that is unknown during preview; it cannot be sent to PingOne as a value. Set ${property} to a known value ` +
        `(if the program sets this text literally, change it).`,
    );
  }
}

/**
 * Thrown when PingOne did something but a follow-up failed (a created application's secret read,
 * a rotation whose outcome could not be settled): the engine records the resource with these
 * properties instead of losing what happened. The field names are what the dynamic-provider host
 * reads (`e.id`, `e.properties`, `e.reasons`).
 * @see https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/cmd/dynamic-provider/index.ts (`grpcResponseFromError`, `ErrorResourceInitFailed`)
 */
export class ResourceInitError extends PingOneProviderError {
  override name = "ResourceInitError";
  /**
   * The state to keep, without `undefined` at any depth: the host sends it with
   * `Struct.fromJavaScript`, which refuses `undefined` inside the host's own `catch`, and then
   * never answers the engine.
   */
  readonly properties: Inputs;
  constructor(
    message: string,
    readonly id: string,
    properties: Inputs,
    readonly reasons: string[] = [message],
  ) {
    super("ERR_PARTIAL_OUTCOME", message);
    this.properties = withoutUndefined(properties) as Inputs;
  }
}

/**
 * Whether an error proves the object gone: PingOne answered its own NOT_FOUND error and the
 * environment still answers. Any other 404 (a proxy's page, a wrong base URL) is not "gone": it
 * is an error, and the resource stays in state.
 * @see ApiErrorFields.gone
 * @see readUnlessGone (./lifecycle.ts)
 */
export function isGone(error: unknown): boolean {
  return error instanceof PingOneApiError && error.fields.gone === true;
}

function formatDetail(detail: PingOneErrorDetail): string {
  const parts = [detail.target ? `${detail.target}: ` : "", detail.message ?? detail.code ?? "invalid"];
  const inner = detail.innerError;
  if (inner) {
    if (Array.isArray(inner.allowedValues)) parts.push(` (allowed values: ${inner.allowedValues.join(", ")})`);
    if (inner.rangeMinimumValue !== undefined || inner.rangeMaximumValue !== undefined) {
      parts.push(` (allowed range: ${JSON.stringify(inner.rangeMinimumValue ?? "")}..${JSON.stringify(inner.rangeMaximumValue ?? "")})`);
    }
    if (typeof inner.allowedPattern === "string") parts.push(` (allowed pattern: ${inner.allowedPattern})`);
  }
  if (detail.code && detail.message) parts.push(` [${detail.code}]`);
  return parts.join("");
}

/**
 * The single formatter for API errors.
 * @see https://github.com/pingidentity/terraform-provider-pingone/blob/main/internal/sdk/sdk.go (`FormatPingOneError`, its model)
 */
export function formatApiError(fields: ApiErrorFields): string {
  const kind = fields.resourceKind ?? "Application";
  // An ApplicationSecret is named by its Pulumi name; the id in parentheses is its application's.
  const id = fields.applicationId === undefined ? undefined : kind === "Application" ? fields.applicationId : `application ${fields.applicationId}`;
  const subject = fields.applicationName
    ? `pingone:${kind} "${fields.applicationName}"${id ? ` (${id})` : ""}`
    : id
      ? `pingone:${kind} ${kind === "Application" ? id : `for ${id}`}`
      : "pingone";
  const head = `${subject}: ${fields.operation} failed`;
  const outcome =
    fields.status !== undefined
      ? `HTTP ${fields.status}${fields.code ? ` ${fields.code}` : ""}${fields.pingOneMessage ? `: ${fields.pingOneMessage}` : ""}${fields.cause ? ` (${fields.cause})` : ""}`
      : `no response from PingOne${fields.cause ? ` (${fields.cause})` : ""}`;
  const lines = [`${head}: ${outcome}`];
  for (const detail of fields.details ?? []) lines.push(`  - ${excerptText(formatDetail(detail), 2 * EXCERPT_CHARS)}`);
  const trailer: string[] = [];
  if (fields.attempts !== undefined && fields.attempts > 1) trailer.push(`after ${fields.attempts} attempts`);
  if (fields.errorId) trailer.push(`PingOne error id ${fields.errorId}`);
  if (trailer.length > 0) lines.push(`  (${trailer.join("; ")})`);
  return lines.join("\n");
}

/**
 * Reads PingOne's error body `{id, code, message, details[]}` (or an OAuth error) from parsed JSON.
 * Every text is bounded, and `id` counts as PingOne's error id only in a body that is an error
 * (it has a `code`): an application's id in an unexpected answer is not an error id.
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/#response-codes (PingOne's error body)
 */
export function parseErrorBody(body: unknown): Pick<ApiErrorFields, "code" | "pingOneMessage" | "details" | "errorId"> {
  if (typeof body !== "object" || body === null) return {};
  const record = body as PingOneErrorBody & { error?: string; error_description?: string };
  const bounded = (text: unknown): string | undefined => (typeof text === "string" ? excerptText(text) : undefined);
  const details = Array.isArray(record.details)
    ? record.details
        .filter((d): d is PingOneErrorDetail => typeof d === "object" && d !== null)
        .slice(0, MAX_DETAILS)
        .map((d) => ({ ...d, code: bounded(d.code), target: bounded(d.target), message: bounded(d.message) }))
    : undefined;
  const code = typeof record.code === "string" ? record.code : typeof record.error === "string" ? record.error : undefined;
  return {
    code: bounded(code),
    pingOneMessage: bounded(typeof record.message === "string" ? record.message : record.error_description),
    details,
    errorId: typeof record.code === "string" && typeof record.id === "string" ? excerptText(record.id, 64) : undefined,
  };
}
