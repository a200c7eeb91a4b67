/**
 * PingOne HTTP: worker token, retries, timeouts and error mapping, over node-fetch.
 *
 * Retry rules follow the PingOne Go SDK (github.com/patrickcping/pingone-go-sdk-v2,
 * `management/client_ext.go`): 408, 429 and 5xx are retried up to 10 attempts; Retry-After
 * (seconds or HTTP date) is honoured, capped at 30 s; otherwise the delay is base * 2^attempt plus
 * 0-100 ms of jitter, capped at 30 s. A 401 renews the token once.
 *
 * One deliberate difference: a POST is not blindly retried after a failure that may have been
 * committed (connection dropped, timeout, 500/502/504, a success answer that cannot be read). It
 * raises `AmbiguousWriteError`, and the lifecycle reconciles against the server before trying
 * again, so there is neither a duplicate nor an orphan.
 *
 * Nothing an answer says is trusted beyond what it proves:
 * - an answer must be for the application and environment asked about;
 * - redirects are never followed (PingOne's API never redirects), so a token or a body goes only
 *   to the configured API and auth URLs;
 * - answers are read up to a size cap, and every operation has an overall deadline that covers
 *   every attempt, wait and reconciliation in it;
 * - a 404 means "gone" only when it is PingOne's NOT_FOUND and the environment still answers
 *   (`notFound`), and a list is read one page at a time within a budget (`eachListed`).
 */
import * as http from "node:http";
import * as https from "node:https";
import fetch from "node-fetch";
import { isGone, PingOneApiError, parseErrorBody, type AccessKindNoun, type Operation } from "../kernel/errors";
import type { ProviderSettings } from "../kernel/config";
import { errorSubject, type Caller, type CallerOperation } from "./caller";

export type { Caller } from "./caller";
import { excerptText } from "../kernel/excerpt";
import { APPLICATION_IDENTITY_FIELDS, createdAtOf, endpointPath, ERROR_CODES, isPingOneNotFound, LIST_PAGE_LIMIT, type PingOneApplication, type PingOneGrant, type PingOneResource, type PingOneScope, type PingOneSignOnPolicy, type PingOneSignOnPolicyAssignment } from "../../pingone";
import { Redacted, scrub } from "../kernel/redact";
import { pacerFor } from "./pacing";


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

export interface ClientOptions {
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout, covering the whole answer. */
  timeoutMs?: number;
  /** Overall deadline of the client's operation; defaults to the settings' `operationTimeoutMs`. */
  operationTimeoutMs?: number;
  /** Cap on the bytes of one answer (list pages get `LIST_PAGE_SIZE_FACTOR` times as much). */
  maxResponseBytes?: number;
  /** The budget of one listing (default `DEFAULT_LIST_BUDGET`). */
  listBudget?: Partial<ListBudget>;
  /** Renew a cached token this long before it expires. */
  tokenRenewMarginMs?: number;
  /** Injected for tests of the backoff; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 30_000, jitterMs: 100 };
const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * Cap on one answer. A PingOne application is a few KB and a token answer less; 1 MiB is
 * generous and keeps a runaway or hostile answer from filling memory and state.
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
/** A list page holds many applications, so it may be this many times larger than one answer. */
const LIST_PAGE_SIZE_FACTOR = 16;
/**
 * Extra time a create whose outcome is unknown gets to look for what it may have created, even
 * past the operation's deadline: giving up then would leave an application no state knows about.
 */
export const RECONCILIATION_GRACE_MS = 30_000;
/**
 * What one listing may read before it is refused. Only one page is held at a time (see
 * `eachListed`), so the budget bounds time and traffic, not memory: pages past it mean a `next`
 * chain that never ends (a broken proxy) or a collection too large to search within one
 * operation. At PingOne's pages of LIST_PAGE_LIMIT (200) applications of ~2.5 KB, 1,000 pages is
 * 200,000 applications and 256 MiB about 100,000; an environment of 10,000 reads 50 pages, 25 MB.
 */
export interface ListBudget {
  maxPages: number;
  maxBytes: number;
}
export const DEFAULT_LIST_BUDGET: ListBudget = { maxPages: 1000, maxBytes: 256 * 1024 * 1024 };
/** An HTTP `Date` header names a whole second (RFC 7231 §7.1.1.1). */
const DATE_HEADER_RESOLUTION_MS = 1000;
const DEFAULT_TOKEN_MARGIN_MS = 60_000;
const RETRYABLE_STATUSES = new Set([408, 429, 500, 501, 502, 503, 504]);
/** Answers that say the request was not processed, so even a POST can simply be sent again. */
const NOT_PROCESSED_STATUSES = new Set([408, 429, 501, 503]);

/** A POST whose outcome is unknown: PingOne may or may not have created the object. */
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

interface CachedToken {
  token: Redacted;
  /** When to stop using it: a margin before expiry, at most half the token's lifetime. */
  renewAt: number;
}

/**
 * Tokens per (auth URL, environment, client id), shared by every resource in the provider
 * process: the module is loaded once per process, whichever serialized provider asked for it.
 */
const tokenCache = new Map<string, CachedToken>();
const pendingTokens = new Map<string, Promise<CachedToken>>();

/** Forgets all cached tokens (tests use it to start from a cold process). */
export function clearTokenCache(): void {
  tokenCache.clear();
  pendingTokens.clear();
}

const keepAliveHttp = new http.Agent({ keepAlive: true });
const keepAliveHttps = new https.Agent({ keepAlive: true });

interface RequestSpec extends CallerOperation {
  method: "GET" | "POST" | "PUT" | "DELETE";
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
   * A GET or DELETE of one object: a 404 is checked before it may mean "gone" (see `notFound`), and
   * then raises a PingOneApiError with `gone` set, which a read turns into "deleted outside
   * Pulumi" and a delete into "already deleted".
   */
  object?: true;
}

/** A complete HTTP exchange: status, headers, the body's text and its JSON reading. */
interface Exchange {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
  /** The parsed JSON, or undefined for an empty or unreadable body. */
  body: unknown;
  /** Set when the body is not empty and not JSON. */
  unreadable: boolean;
  /** Our clock when the answer's headers arrived. */
  receivedAt: number;
}

/** What went wrong on the last attempt, for the final error. */
export interface LastFailure {
  status?: number;
  body?: unknown;
  cause?: string;
}

/**
 * An application's secret as PingOne's secret endpoints answer: the current secret and, while
 * it is still valid, the previous one.
 */
export interface ApplicationSecretAnswer {
  secret: Redacted;
  previous?: { secret: Redacted; expiresAt: string };
}

/** How one attempt ended: with a value, with a failure worth another attempt, or with a final one. */
export type AttemptOutcome<T> =
  | { kind: "done"; value: T }
  | { kind: "retry"; failure: LastFailure; /** What the server asked to wait (uncapped). */ retryAfterMs?: number }
  | { kind: "fail"; failure: LastFailure };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.id === "string" && value.id !== "" ? value.id : undefined;
}

/** An application's sub-collections a working sign-in needs: the path segment, also the `_embedded` key. */
export type AccessKind = "grants" | "signOnPolicyAssignments";

const ACCESS_NOUNS = {
  grants: { singular: "resource grant", plural: "resource grants" },
  signOnPolicyAssignments: { singular: "sign-on policy assignment", plural: "sign-on policy assignments" },
} as const satisfies Record<AccessKind, { singular: AccessKindNoun; plural: AccessKindNoun }>;

/** A grant or an assignment, as checked by the client (`accessProblem`). */
export type AccessRecord = (PingOneGrant | PingOneSignOnPolicyAssignment) & { createdAt?: string };

export class PingOneClient {
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly operationTimeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly tokenMarginMs: number;
  private readonly listBudget: ListBudget;
  private readonly sleep: (ms: number) => Promise<void>;
  /** When this client's operation must be over (epoch ms); reconciliation may extend it. */
  private deadlineAt: number;
  /** The deadline before any extension: no new write starts after it. */
  private readonly writeDeadlineAt: number;
  /** The largest (`Date` of an API answer − our clock when it arrived) seen so far: see `serverTimeAt`. */
  private serverOffsetMs: number | undefined;

  constructor(
    private readonly settings: ProviderSettings,
    options: ClientOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.operationTimeoutMs = options.operationTimeoutMs ?? settings.operationTimeoutMs;
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    this.tokenMarginMs = options.tokenRenewMarginMs ?? DEFAULT_TOKEN_MARGIN_MS;
    this.listBudget = { ...DEFAULT_LIST_BUDGET, ...options.listBudget };
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.deadlineAt = Date.now() + this.operationTimeoutMs;
    this.writeDeadlineAt = this.deadlineAt;
  }

  /**
   * Gives a create whose outcome is unknown time to find what it may have created, even when its
   * deadline has (nearly) passed.
   */
  allowReconciliation(): void {
    this.deadlineAt = Math.max(this.deadlineAt, Date.now() + Math.min(RECONCILIATION_GRACE_MS, this.operationTimeoutMs));
  }

  /**
   * A lower bound of PingOne's clock at our moment `localMs`, from the `Date` headers of the API
   * answers this client has had (any of them, before or after `localMs`); undefined while none
   * carried a readable one.
   *
   * Why it is a lower bound: an answer's `Date` is the second in which PingOne made it (RFC 7231
   * §7.1.1.2, https://www.rfc-editor.org/rfc/rfc7231#section-7.1.1.2), whole seconds, so it is at
   * most the moment PingOne made it; we read the answer after it was made, so PingOne's clock minus
   * ours was at least `Date − (our time on arrival)` then, and both clocks run at the same rate.
   * The bound trails PingOne's true time by up to a second plus the answer's travel time; the
   * largest offset over all answers is the tightest. A server that rounds its `Date` up instead
   * of truncating can make the bound up to half a second late, which can only refuse our own
   * object (an error asking for adoptId), never adopt someone else's. Only API answers count (the
   * token endpoint's host may be another machine with another clock; see `noteServerTime`).
   */
  serverTimeAt(localMs: number): number | undefined {
    return this.serverOffsetMs === undefined ? undefined : localMs + this.serverOffsetMs;
  }

  /**
   * POSTs a new application, and checks that the answer is the application this POST created:
   * it is of this environment, holds the name, type and protocol that were sent, its own link
   * names its id (`selfLinkProblem`), and it was not created before the POST started by PingOne's
   * clock (`serverTimeAt`). Anything else leaves the outcome unknown (`AmbiguousWriteError`):
   * PingOne may have created the application, and the caller finds it by listing, never through
   * the answer's id, which may be another application's.
   */
  async createApplication(environmentId: string, body: Record<string, unknown>, caller: Caller = {}): Promise<PingOneApplication> {
    const spec: RequestSpec = { method: "POST", path: endpointPath("applications", { envId: environmentId }), body, ...caller, operation: "create application", environmentId, expect: [201] };
    if (Date.now() >= this.writeDeadlineAt) this.deadlinePassed(spec, {});
    const startedAt = Date.now();
    const response = await this.send(spec);
    const problem = this.applicationProblem(response, spec) ?? this.createdApplicationProblem(response.body as PingOneApplication, body, environmentId, startedAt);
    if (problem !== undefined) throw new AmbiguousWriteError(problem, response.status);
    return response.body as PingOneApplication;
  }

  /** Why a create's answer is not the application `body` asked for, or undefined when it is. */
  private createdApplicationProblem(app: PingOneApplication, body: Record<string, unknown>, environmentId: string, startedAt: number): string | undefined {
    if ((app.environment as { id?: unknown } | undefined)?.id === undefined) return `the answer does not say which environment application ${excerptText(app.id, 64)} is in; nothing was recorded from it`;
    for (const field of APPLICATION_IDENTITY_FIELDS) {
      if (app[field] !== body[field]) {
        return `the answer is application ${excerptText(app.id, 64)} with ${field} ${excerptText(JSON.stringify(app[field]) ?? "(none)", 80)}, but ${field} ${excerptText(JSON.stringify(body[field]) ?? "(none)", 80)} was sent; nothing was recorded from it`;
      }
    }
    const what = `application ${excerptText(app.id, 64)}`;
    return this.selfLinkProblem(app, endpointPath("application", { envId: environmentId, appId: app.id }), what) ?? this.createdSinceProblem(app, what, startedAt);
  }

  /**
   * Why a create's answer does not show that its id is the object it describes: PingOne's answers
   * are HAL, and `_links.self.href` is the object's own URL (`…/environments/{env}/applications/{id}`;
   * PingOne's 201 to a create carries it: docs/pingone-applications-api.md §1, "Example real 201
   * Create response"). An answer
   * whose id was swapped for another object's keeps the link of the object actually made; one with
   * no link does not show which object it is. Only the path is compared: the host is the
   * configured API URL's, which may be a gateway.
   */
  private selfLinkProblem(record: object, path: string, what: string): string | undefined {
    const href = (record as { _links?: { self?: { href?: unknown } } })._links?.self?.href;
    if (typeof href !== "string") return `the answer's ${what} has no _links.self, so it does not show that the id is the object this request made; nothing was recorded from it`;
    if (!href.endsWith(path)) return `the answer names ${what}, but its own link is ${excerptText(href, 160)}: the id is not the object the answer describes; nothing was recorded from it`;
    return undefined;
  }

  /**
   * Why `record`, a create's answer, cannot be what this POST created judging by its `createdAt`:
   * it has none, PingOne's clock is unknown, or it is plainly before the POST started by PingOne's
   * clock (an object that existed before). "Plainly": a second earlier than the bound, the `Date` header's resolution,
   * so that a server rounding its `Date` up never costs our own object (the reconciliation, which
   * adopts by the strict bound, may still refuse it; see `serverTimeAt`).
   */
  private createdSinceProblem(record: object, what: string, startedAt: number): string | undefined {
    const createdAt = createdAtOf(record);
    if (createdAt === undefined) return `the answer's ${what} has no readable createdAt; nothing was recorded from it`;
    const bound = this.serverTimeAt(startedAt);
    // No answer carried a Date header (PingOne sends one, and an HTTP intermediary must add one if it
    // is missing: RFC 7231 §7.1.1.2): nothing shows this object postdates the request, and a
    // same-name object someone else made earlier would pass every other check.
    if (bound === undefined) return `no answer carried a Date header, so PingOne's clock is unknown and the answer's ${what} cannot be shown to have been created by this request; nothing was recorded from it`;
    const since = bound - DATE_HEADER_RESOLUTION_MS;
    if (createdAt < since) {
      return `the answer's ${what} was created at ${new Date(createdAt).toISOString()}, before this request started (${new Date(since).toISOString()} by PingOne's clock), so it is not the object this request created; nothing was recorded from it`;
    }
    return undefined;
  }

  async getApplication(environmentId: string, id: string, caller: Caller = {}): Promise<PingOneApplication> {
    const spec: RequestSpec = { method: "GET", path: endpointPath("application", { envId: environmentId, appId: id }), ...caller, operation: "read application", environmentId, applicationId: id, expect: [200], object: true };
    return this.application(await this.send(spec), spec);
  }

  /**
   * The environment's applications that `keep` accepts (every one by default), following PingOne's
   * paging (`_links.next`). Only those are held: each page is read, checked and dropped before
   * the next, so a search among 10,000 applications holds one page and its matches. PingOne has
   * no name filter for this list (pingone/wire.ts), so a search reads it to the end, within the
   * list budget.
   */
  async listApplications(environmentId: string, keep: (app: PingOneApplication) => boolean = () => true): Promise<PingOneApplication[]> {
    const path = `${endpointPath("applications", { envId: environmentId })}?limit=${LIST_PAGE_LIMIT}`;
    const spec: RequestSpec = { method: "GET", path, operation: "list applications", environmentId, expect: [200], maxBytes: this.maxResponseBytes * LIST_PAGE_SIZE_FACTOR };
    const kept: PingOneApplication[] = [];
    await this.eachListed<PingOneApplication>(spec, "applications", (item) => this.recordProblem(item, spec), (app) => {
      if (keep(app)) kept.push(app);
    });
    return kept;
  }

  async updateApplication(environmentId: string, id: string, body: Record<string, unknown>, caller: Caller = {}): Promise<PingOneApplication> {
    const spec: RequestSpec = { method: "PUT", path: endpointPath("application", { envId: environmentId, appId: id }), body, ...caller, operation: "update application", environmentId, applicationId: id, expect: [200] };
    return this.application(await this.send(spec), spec);
  }

  /** Deletes the application; PingOne's NOT_FOUND counts as already deleted (see `notFound`). */
  async deleteApplication(environmentId: string, id: string, caller: Caller = {}): Promise<void> {
    await this.deleteObject({ method: "DELETE", path: endpointPath("application", { envId: environmentId, appId: id }), ...caller, operation: "delete application", environmentId, applicationId: id, expect: [204], object: true });
  }

  /** The application's current secret (Application's `clientSecret`). */
  async getApplicationSecret(environmentId: string, id: string, caller: Caller = {}): Promise<Redacted> {
    return (await this.readApplicationSecret(environmentId, id, caller)).secret;
  }

  /** GET …/secret: the current secret and, while it is valid, the previous one. */
  async readApplicationSecret(environmentId: string, id: string, caller: Caller = {}): Promise<ApplicationSecretAnswer> {
    const spec = this.secretSpec("GET", "read application secret", environmentId, id, caller, [200]);
    const response = await this.send(spec);
    const answer = this.secretAnswer(response.body, id, spec.environmentId, false);
    if (typeof answer === "string") this.fail(spec, response.status, answer);
    return answer;
  }

  /**
   * POST …/secret: PingOne replaces the secret and answers 200 with the new one. With
   * `previousExpiresAt`, the replaced secret stays valid as `previous` until then; without it,
   * no previous secret is kept. An answer that cannot be read leaves the outcome unknown
   * (`AmbiguousWriteError`): PingOne may have rotated, so the caller reconciles.
   */
  async rotateApplicationSecret(environmentId: string, id: string, previousExpiresAt: string | undefined, caller: Caller = {}): Promise<ApplicationSecretAnswer> {
    const body = previousExpiresAt === undefined ? {} : { previous: { expiresAt: previousExpiresAt } };
    const spec = { ...this.secretSpec("POST", "rotate application secret", environmentId, id, caller, [200]), body };
    if (Date.now() >= this.writeDeadlineAt) this.deadlinePassed(spec, {});
    const response = await this.send(spec);
    // A rotation's answer must name the application and environment it is for: PingOne's does
    // (`_links.application`, `environment.id`: Update Application Secret, Example Response,
    // https://developer.pingidentity.com/pingone-api/platform/applications/application-secret/update-application-secret.html),
    // and one that does not may be another application's secret.
    const answer = this.secretAnswer(response.body, id, spec.environmentId, true);
    if (typeof answer === "string") throw new AmbiguousWriteError(answer, response.status);
    return answer;
  }

  /** DELETE …/secret: PingOne revokes the previous secret (204). PingOne's NOT_FOUND counts as nothing left to revoke. */
  async revokePreviousApplicationSecret(environmentId: string, id: string, caller: Caller = {}): Promise<void> {
    await this.deleteObject(this.secretSpec("DELETE", "revoke previous application secret", environmentId, id, caller, [204]));
  }

  /** The environment's resources (`GET …/resources`), each with an id and a name. */
  async listResources(environmentId: string, caller: Caller): Promise<PingOneResource[]> {
    return this.listNamed<PingOneResource>(endpointPath("resources", { envId: environmentId }), "resources", "list resources", environmentId, caller);
  }

  /** A resource's scopes (`GET …/resources/{resourceId}/scopes`). */
  async listResourceScopes(environmentId: string, resourceId: string, caller: Caller): Promise<PingOneScope[]> {
    const path = endpointPath("resourceScopes", { envId: environmentId, resourceId });
    return this.listNamed<PingOneScope>(path, "scopes", "list resource scopes", environmentId, caller);
  }

  /** The environment's sign-on policies (`GET …/signOnPolicies`). */
  async listSignOnPolicies(environmentId: string, caller: Caller): Promise<PingOneSignOnPolicy[]> {
    return this.listNamed<PingOneSignOnPolicy>(endpointPath("signOnPolicies", { envId: environmentId }), "signOnPolicies", "list sign-on policies", environmentId, caller);
  }

  /**
   * POSTs a grant or a sign-on policy assignment of application `applicationId`. An answer that is
   * not a readable object of that application and environment, whose own link does not name its
   * id, or that was created before the POST started by PingOne's clock, leaves the outcome unknown:
   * the caller reconciles (and checks that the settings are the ones sent).
   */
  async createAccess(kind: AccessKind, environmentId: string, applicationId: string, body: Record<string, unknown>, caller: Caller): Promise<AccessRecord> {
    const spec = this.accessSpec("POST", kind, "create", environmentId, applicationId, undefined, caller, [201], body);
    if (Date.now() >= this.writeDeadlineAt) this.deadlinePassed(spec, {});
    const startedAt = Date.now();
    const response = await this.send(spec);
    const noun = ACCESS_NOUNS[kind].singular;
    const record = response.body as AccessRecord;
    const problem =
      this.accessProblem(record, spec, kind, applicationId, undefined) ??
      this.accessOwnerProblem(record, spec, noun, applicationId) ??
      this.selfLinkProblem(record, accessPath(kind, environmentId, applicationId, record.id), `${noun} ${excerptText(record.id, 64)}`) ??
      this.createdSinceProblem(record, `${noun} ${excerptText(record.id, 64)}`, startedAt);
    if (problem !== undefined) throw new AmbiguousWriteError(problem, response.status);
    return response.body as AccessRecord;
  }

  /**
   * A create's answer must say which application and environment it belongs to (a read's may
   * leave them out). PingOne's 201 carries both, and `_links.self` (Create Grant, Example
   * Response: https://developer.pingidentity.com/pingone-api/platform/applications/application-resource-grants/create-grant.html).
   */
  private accessOwnerProblem(record: AccessRecord, spec: RequestSpec, noun: AccessKindNoun, applicationId: string): string | undefined {
    const owner = record as { application?: { id?: unknown }; environment?: { id?: unknown } };
    if (owner.application?.id === undefined) return `the answer's ${noun} ${excerptText(record.id, 64)} does not say which application it is of, so it is not shown to be of ${applicationId}; nothing was recorded from it`;
    if (owner.environment?.id === undefined) return `the answer's ${noun} ${excerptText(record.id, 64)} does not say which environment it is in, so it is not shown to be in ${spec.environmentId}; nothing was recorded from it`;
    return undefined;
  }

  async getAccess(kind: AccessKind, environmentId: string, applicationId: string, id: string, caller: Caller): Promise<AccessRecord> {
    const spec = this.accessSpec("GET", kind, "read", environmentId, applicationId, id, caller, [200]);
    return this.accessAnswer(await this.send(spec), spec, kind, applicationId, id);
  }

  async updateAccess(kind: AccessKind, environmentId: string, applicationId: string, id: string, body: Record<string, unknown>, caller: Caller): Promise<AccessRecord> {
    const spec = this.accessSpec("PUT", kind, "update", environmentId, applicationId, id, caller, [200], body);
    return this.accessAnswer(await this.send(spec), spec, kind, applicationId, id);
  }

  /** Deletes a grant or assignment; PingOne's NOT_FOUND counts as already deleted (the application may be gone too). */
  async deleteAccess(kind: AccessKind, environmentId: string, applicationId: string, id: string, caller: Caller): Promise<void> {
    await this.deleteObject(this.accessSpec("DELETE", kind, "delete", environmentId, applicationId, id, caller, [204]));
  }

  /** The application's grants or assignments, following PingOne's paging (`_links.next`). */
  async listAccess(kind: AccessKind, environmentId: string, applicationId: string, caller: Caller): Promise<AccessRecord[]> {
    const spec = this.accessSpec("GET", kind, "list", environmentId, applicationId, undefined, caller, [200]);
    return this.listPages<AccessRecord>({ ...spec, maxBytes: this.maxResponseBytes * LIST_PAGE_SIZE_FACTOR }, kind, (item) => this.accessProblem(item, spec, kind, applicationId, undefined));
  }

  private accessSpec(
    method: RequestSpec["method"],
    kind: AccessKind,
    verb: "create" | "read" | "update" | "delete" | "list",
    environmentId: string,
    applicationId: string,
    id: string | undefined,
    caller: Caller,
    expect: number[],
    body?: Record<string, unknown>,
  ): RequestSpec {
    const noun = verb === "list" ? ACCESS_NOUNS[kind].plural : ACCESS_NOUNS[kind].singular;
    return {
      method,
      path: accessPath(kind, environmentId, applicationId, id),
      body,
      operation: `${verb} ${noun}`,
      ...caller,
      applicationId,
      environmentId,
      expect,
      ...(id !== undefined && (method === "GET" || method === "DELETE") ? { object: true as const } : {}),
    };
  }

  private accessAnswer(response: Exchange, spec: RequestSpec, kind: AccessKind, applicationId: string, id: string): AccessRecord {
    const problem = this.accessProblem(response.body, spec, kind, applicationId, id);
    if (problem !== undefined) this.fail(spec, response.status, problem);
    return response.body as AccessRecord;
  }

  /** Why `value` is not a grant/assignment `id` of application `applicationId` in this environment, or undefined. */
  private accessProblem(value: unknown, spec: RequestSpec, kind: AccessKind, applicationId: string, id: string | undefined): string | undefined {
    const noun = ACCESS_NOUNS[kind].singular;
    if (!isRecord(value) || typeof value.id !== "string" || value.id === "") {
      return `the answer is not a ${noun}: ${this.scrubbedExcerpt(JSON.stringify(value) ?? String(value))}`;
    }
    if (id !== undefined && value.id !== id) return `the answer is for ${noun} ${excerptText(value.id, 64)}, not for ${id} that was asked for; nothing was recorded from it`;
    const app = (value.application as { id?: unknown } | undefined)?.id;
    if (app !== undefined && app !== applicationId) {
      return `the answer is a ${noun} of application ${excerptText(JSON.stringify(app) ?? "", 64)}, not of ${applicationId}; nothing was recorded from it`;
    }
    const environment = (value.environment as { id?: unknown } | undefined)?.id;
    if (environment !== undefined && environment !== spec.environmentId) {
      return `the answer is for environment ${excerptText(JSON.stringify(environment) ?? "", 64)}, not for ${spec.environmentId}; nothing was recorded from it`;
    }
    const checkedField = kind === "grants" ? idOf(value.resource) !== undefined && Array.isArray(value.scopes) : idOf(value.signOnPolicy) !== undefined && typeof value.priority === "number";
    if (!checkedField) return `the answer's ${noun} lacks ${kind === "grants" ? "resource.id or scopes" : "signOnPolicy.id or priority"}: ${this.scrubbedExcerpt(JSON.stringify(value))}`;
    return undefined;
  }

  /** A list of `{id, name}` objects under `_embedded[key]`, every page, every item checked. */
  private async listNamed<T extends { id: string; name: string }>(path: string, key: string, operation: Operation, environmentId: string, caller: Caller): Promise<T[]> {
    const spec: RequestSpec = { method: "GET", path, ...caller, operation, environmentId, expect: [200], maxBytes: this.maxResponseBytes * LIST_PAGE_SIZE_FACTOR };
    return this.listPages<T>(spec, key, (item) =>
      !isRecord(item) || typeof item.id !== "string" || item.id === "" || typeof item.name !== "string"
        ? `the list holds an item without an id or a name: ${this.scrubbedExcerpt(JSON.stringify(item) ?? "")}`
        : undefined,
    );
  }

  /** Every item of a HAL list (`_embedded[key]`), every page, within the list budget. */
  private async listPages<T>(first: RequestSpec, key: string, problemOf: (item: unknown) => string | undefined): Promise<T[]> {
    const out: T[] = [];
    await this.eachListed<T>(first, key, problemOf, (item) => out.push(item));
    return out;
  }

  /**
   * Visits every item of a HAL list (`_embedded[key]`), page by page, each item checked first.
   * A list that runs past the budget (`ListBudget`), or whose next page cannot be asked of the
   * configured API (`nextPath`), is refused, never cut short silently: a search that stopped early
   * would find nothing and send a create again.
   */
  private async eachListed<T>(first: RequestSpec, key: string, problemOf: (item: unknown) => string | undefined, visit: (item: T) => void): Promise<void> {
    let path: string | undefined = first.path;
    let pages = 0;
    let bytes = 0;
    while (path !== undefined) {
      if (pages >= this.listBudget.maxPages) this.listBudgetReached(first, key, pages, bytes, `${this.listBudget.maxPages.toLocaleString("en-US")} pages`);
      const spec: RequestSpec = { ...first, path };
      const page = await this.listPage(spec, key);
      pages++;
      bytes += page.bytes;
      if (bytes > this.listBudget.maxBytes) this.listBudgetReached(first, key, pages, bytes, formatBytes(this.listBudget.maxBytes));
      for (const item of page.items) {
        const problem = problemOf(item);
        if (problem !== undefined) this.fail(spec, page.status, problem);
        visit(item as T);
      }
      path = page.next;
    }
  }

  /** One page of a list: its items, its size and the path of the next page. Its text is not kept. */
  private async listPage(spec: RequestSpec, key: string): Promise<{ items: unknown[]; next: string | undefined; bytes: number; status: number }> {
    const response = await this.send(spec);
    const body = response.body as { _embedded?: Record<string, unknown>; _links?: { next?: { href?: unknown } } } | undefined;
    const items = body?._embedded?.[key];
    if (!isRecord(body) || !Array.isArray(items)) this.fail(spec, response.status, `the answer is not a list of ${key}: ${this.scrubbedExcerpt(response.text)}`);
    return {
      items,
      next: this.nextPath(body._links?.next, spec),
      bytes: Buffer.byteLength(response.text),
      status: response.status,
    };
  }

  /**
   * The path, under the configured API URL, of the page a `next` link names; undefined on the last
   * page. The bearer token goes only to the configured API URL: a link into it is followed as is;
   * a link to another host with the API's path (PingOne names its own host, which a proxy or an
   * alias in front of it does not change) asks the configured URL for that path; any other link is
   * refused.
   */
  private nextPath(next: unknown, spec: RequestSpec): string | undefined {
    if (next === undefined || next === null) return undefined;
    const href = isRecord(next) ? next.href : undefined;
    const apiUrl = this.settings.apiUrl;
    if (typeof href === "string" && href.startsWith(`${apiUrl}/`)) return href.slice(apiUrl.length);
    let target: URL | undefined;
    try {
      target = typeof href === "string" ? new URL(href) : undefined;
    } catch {
      target = undefined;
    }
    const apiPath = new URL(apiUrl).pathname.replace(/\/$/, "");
    if (target !== undefined && (target.protocol === "https:" || target.protocol === "http:") && target.pathname.startsWith(`${apiPath}/`)) {
      return `${target.pathname.slice(apiPath.length)}${target.search}`;
    }
    const shown = typeof href === "string" ? excerptText(href, 120) : excerptText(JSON.stringify(next) ?? "", 120);
    this.fail(spec, 200, `the list's next page (${shown}) is not a path of ${apiUrl}, so it was not asked for (the token goes nowhere else), and the list is refused rather than cut short`);
  }

  private listBudgetReached(first: RequestSpec, key: string, pages: number, bytes: number, budget: string): never {
    const advice =
      key === "applications"
        ? ". If this operation may have created an application, find it by its name in the PingOne console, then bring it under management with adoptId, or delete it"
        : "";
    throw new PingOneApiError({
      ...errorSubject(first),
      status: 200,
      cause:
        `the ${key} of environment ${first.environmentId} were read up to the list budget of ${budget} (${pages.toLocaleString("en-US")} pages, ${(bytes / (1024 * 1024)).toFixed(1)} MiB) without reaching the end, so the search was refused rather than cut short: ` +
        `PingOne's list has no name filter, and one that does not end within the budget has a \`next\` link that loops or is too large to search in one operation${advice}`,
    });
  }

  private secretSpec(method: RequestSpec["method"], operation: Operation, environmentId: string, id: string, caller: Caller, expect: number[]): RequestSpec {
    return {
      method,
      path: endpointPath("secret", { envId: environmentId, appId: id }),
      operation,
      ...caller,
      environmentId,
      applicationId: id,
      expect,
      secretAnswer: true,
      ...(method === "GET" || method === "DELETE" ? { object: true as const } : {}),
    };
  }

  /**
   * A secret answer, or why it is not one for application `id` of `environmentId`; with `named`,
   * the answer must say which application and environment it is for. Never quotes the text: it
   * may hold a secret.
   */
  private secretAnswer(body: unknown, id: string, environmentId: string, named: boolean): ApplicationSecretAnswer | string {
    if (!isRecord(body) || typeof body.secret !== "string" || body.secret === "") return "the answer has no secret";
    // PingOne links a secret to its application; a link elsewhere means the answer is not this app's.
    const link = (body._links as { application?: { href?: unknown } } | undefined)?.application?.href;
    if (typeof link === "string" && !link.endsWith(endpointPath("application", { envId: environmentId, appId: id }))) return `the answer is the secret of another application (${excerptText(link)})`;
    if (named && typeof link !== "string") return `the answer does not say which application its secret is of (no _links.application), so it is not shown to be ${id}'s; nothing was recorded from it`;
    const environment = (body.environment as { id?: unknown } | undefined)?.id;
    if (environment !== undefined && environment !== environmentId) {
      return `the answer is a secret of environment ${excerptText(JSON.stringify(environment) ?? "", 64)}, not of ${environmentId}; nothing was recorded from it`;
    }
    if (named && environment === undefined) return `the answer does not say which environment its secret is of, so it is not shown to be of ${environmentId}; nothing was recorded from it`;
    const previous = body.previous;
    if (previous === undefined || previous === null) return { secret: new Redacted(body.secret) };
    const expiresAt = isRecord(previous) && typeof previous.expiresAt === "string" ? previous.expiresAt : undefined;
    if (!isRecord(previous) || typeof previous.secret !== "string" || previous.secret === "" || expiresAt === undefined || Number.isNaN(Date.parse(expiresAt))) {
      return "the answer's previous secret has no secret or no readable expiresAt";
    }
    return { secret: new Redacted(body.secret), previous: { secret: new Redacted(previous.secret), expiresAt: excerptText(expiresAt, 64) } };
  }

  /**
   * The one retry loop. Each attempt classifies its answer: done, retry (after the server's
   * Retry-After or the backoff), or fail; an ambiguous write is thrown from inside the attempt
   * as `AmbiguousWriteError`. Waits never reach past the operation's deadline.
   */
  async retrying<T>(subject: CallerOperation, maxAttempts: number, attempt: (n: number) => Promise<AttemptOutcome<T>>): Promise<T> {
    let last: LastFailure = {};
    for (let n = 1; n <= maxAttempts; n++) {
      const outcome = await attempt(n);
      if (outcome.kind === "done") return outcome.value;
      last = outcome.failure;
      if (outcome.kind === "fail") throw this.finalError(subject, last, undefined);
      if (n < maxAttempts) {
        const delay = outcome.retryAfterMs === undefined ? this.backoff(n) : this.serverAskedDelay(outcome.retryAfterMs, subject, last);
        await this.pause(delay, subject, last);
      }
    }
    throw this.finalError(subject, last, maxAttempts);
  }

  private async send(spec: RequestSpec): Promise<Exchange> {
    const response = await this.exchangeRetrying(spec);
    if (response.status === 404) return this.notFound(spec, response);
    return response;
  }

  /** A DELETE of one object: done on 204, and on PingOne's proof that the object is already gone. */
  private async deleteObject(spec: RequestSpec): Promise<void> {
    try {
      await this.send(spec);
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }

  /**
   * A 404 to a GET or DELETE of one object. It counts as "gone" only when the answer is PingOne's
   * own NOT_FOUND error and the environment still answers: a gateway's page, JSON without
   * PingOne's code, or a base URL that is wrong (`https://api.pingone.com` without `/v1` answers
   * every path with 404) says nothing about the object, and treating it as gone would drop every
   * resource from state at the next refresh and orphan them at the next `up`. Those fail instead,
   * naming the URL, and the engine keeps the state. The environment is asked only on a 404, so a
   * refresh of objects that exist costs no extra request.
   */
  private async notFound(spec: RequestSpec, response: Exchange): Promise<never> {
    const url = this.shownUrl(spec.path);
    const subject = { ...errorSubject(spec), status: 404 };
    const keeps = `nothing is dropped from state. Check pingone:apiUrl or PINGONE_API_URL (PingOne's is https://api.pingone.<region>/v1) and any proxy in between`;
    if (!isPingOneNotFound(response.body)) {
      const answer = spec.secretAnswer ? SECRET_TEXT_WITHHELD : this.scrubbedExcerpt(response.text);
      throw new PingOneApiError({ ...subject, cause: `${spec.method} ${url} answered 404 without PingOne's NOT_FOUND error (${answer}), so it says nothing about the object; ${keeps}` });
    }
    const problem = await this.environmentProblem(spec);
    if (problem !== undefined) {
      throw new PingOneApiError({
        ...subject,
        ...this.scrubbedErrorBody(response.body),
        cause: `${spec.method} ${url} answered NOT_FOUND, but the environment ${spec.environmentId} does not answer either (${problem}): the URL or the environment is wrong, not the object gone; ${keeps}`,
      });
    }
    throw new PingOneApiError({ ...subject, ...this.scrubbedErrorBody(response.body), gone: true });
  }

  /**
   * Why the environment does not answer, or undefined when it does. The request is the cheapest
   * one every worker of this provider may make: the first application of the environment's list
   * (`GET …/applications?limit=1`, "Read All Applications",
   * https://developer.pingidentity.com/pingone-api/platform/applications/applications-1/read-all-applications.html,
   * paged as pingone/wire.ts LIST_PAGE_LIMIT describes). It needs the same permission as reading an
   * application; reading the environment itself (`GET /environments/{id}`) needs a role over the
   * environment that an application developer's worker may lack.
   */
  private async environmentProblem(spec: RequestSpec): Promise<string | undefined> {
    const probe: RequestSpec = {
      method: "GET",
      path: `${endpointPath("applications", { envId: spec.environmentId })}?limit=1`,
      ...errorSubject(spec),
      environmentId: spec.environmentId,
      expect: [200],
    };
    let response: Exchange;
    try {
      response = await this.exchangeRetrying(probe);
    } catch (error) {
      // The probe's own error repeats the resource and operation; only what happened is worth quoting.
      const fields = error instanceof PingOneApiError ? error.fields : undefined;
      const what = fields === undefined
        ? excerptText(String(error))
        : fields.status === undefined
          ? `no answer (${fields.cause ?? "unknown"})`
          : `HTTP ${fields.status}${fields.code ? ` ${fields.code}` : ""}${fields.pingOneMessage ? `: ${excerptText(fields.pingOneMessage, 100)}` : ""}`;
      return `GET ${this.shownUrl(probe.path)} failed: ${what}`;
    }
    const body = response.body as { _embedded?: { applications?: unknown } } | undefined;
    if (response.status === 200 && isRecord(body) && Array.isArray(body._embedded?.applications)) return undefined;
    return `GET ${this.shownUrl(probe.path)} answered HTTP ${response.status}: ${this.scrubbedExcerpt(response.text)}`;
  }

  /** A request's URL as an error shows it: never with credentials, should the configured URL hold any. */
  private shownUrl(path: string): string {
    const url = `${this.settings.apiUrl}${path}`;
    try {
      const parsed = new URL(url);
      parsed.username = "";
      parsed.password = "";
      return excerptText(parsed.toString(), 300);
    } catch {
      return excerptText(url, 300);
    }
  }

  /** One request with the retry rules (module comment), up to an answer; a 404 to an object request comes back as an answer. */
  private async exchangeRetrying(spec: RequestSpec): Promise<Exchange> {
    const url = `${this.settings.apiUrl}${spec.path}`;
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const maxBytes = spec.maxBytes ?? this.maxResponseBytes;
    let renewedAfter401 = false;
    let last: LastFailure = {};
    return this.retrying(spec, this.retry.maxAttempts, async (): Promise<AttemptOutcome<Exchange>> => {
      for (;;) {
        const token = await this.accessToken(spec.operation);
        const turn = await this.takeTurn(url, spec, last);
        let response: Exchange;
        try {
          response = await this.exchange(url, {
            method: spec.method,
            headers: {
              Authorization: `Bearer ${token.reveal()}`,
              Accept: "application/json",
              ...(payload === undefined ? {} : { "Content-Type": "application/json" }),
            },
            body: payload,
          }, maxBytes);
        } catch (error) {
          turn.settle("unknown");
          // The connection failed, timed out, or dropped mid-answer: a POST may have been committed.
          const failure = this.transportFailure(error, maxBytes);
          if (spec.method === "POST") throw new AmbiguousWriteError(failure.cause);
          return { kind: failure.retryable ? "retry" : "fail", failure: { cause: failure.cause } };
        }
        const { status, body } = response;
        turn.settle(status === 429 ? "refused" : "admitted");
        if (status >= 300 && status < 400) this.fail(spec, status, this.redirectRefusal(response));
        // Judged once the retries are over (`notFound`): PingOne's 404 is final, never retried.
        if (status === 404 && spec.object) return { kind: "done", value: response };
        if (spec.expect.includes(status)) {
          if (!response.unreadable) this.noteServerTime(response);
          // A DELETE's answer carries nothing the provider uses; every other success must be JSON.
          if (response.unreadable && spec.method !== "DELETE") {
            const problem = `the answer is not JSON: ${spec.secretAnswer ? SECRET_TEXT_WITHHELD : this.scrubbedExcerpt(response.text)}`;
            if (spec.method === "POST") throw new AmbiguousWriteError(problem, status);
            this.fail(spec, status, problem);
          }
          return { kind: "done", value: response };
        }
        // Any other success to a POST: something was done, so the outcome is unknown.
        if (spec.method === "POST" && status >= 200 && status < 300) {
          throw new AmbiguousWriteError(`an unexpected answer: ${spec.secretAnswer ? SECRET_TEXT_WITHHELD : this.scrubbedExcerpt(response.text)}`, status);
        }
        if (status === 401 && !renewedAfter401 && !this.settings.accessToken) {
          // A token can be revoked or expire early; renew it once, as the SDK's oauth2 client would.
          renewedAfter401 = true;
          this.forgetToken(token);
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

  /** The error after the last attempt, or for an answer no retry can change. */
  private finalError(subject: CallerOperation, last: LastFailure, attempts: number | undefined): PingOneApiError {
    return new PingOneApiError({
      ...errorSubject(subject),
      status: last.status,
      cause: last.cause,
      attempts,
      ...this.scrubbedErrorBody(last.body),
    });
  }

  /** An application answer, checked to be the one asked about. */
  private application(response: Exchange, spec: RequestSpec): PingOneApplication {
    const problem = this.applicationProblem(response, spec);
    if (problem !== undefined) this.fail(spec, response.status, problem);
    return response.body as PingOneApplication;
  }

  /** Why an answer is not the application `spec` asked about, or undefined when it is. */
  private applicationProblem(response: Exchange, spec: RequestSpec): string | undefined {
    if (!isRecord(response.body)) return `the answer is not an application: ${this.scrubbedExcerpt(response.text)}`;
    return this.recordProblem(response.body, spec);
  }

  private recordProblem(value: unknown, spec: RequestSpec): string | undefined {
    if (!isRecord(value) || typeof value.id !== "string" || value.id === "") {
      return `the answer holds an application without an id: ${this.scrubbedExcerpt(JSON.stringify(value) ?? String(value))}`;
    }
    if (spec.applicationId !== undefined && value.id !== spec.applicationId) {
      return `the answer is for application ${excerptText(value.id, 64)}, not for ${spec.applicationId} that was asked for; nothing was recorded from it`;
    }
    const environment = (value.environment as { id?: unknown } | undefined)?.id;
    if (environment !== undefined && environment !== spec.environmentId) {
      return `the answer is for environment ${excerptText(typeof environment === "string" ? environment : (JSON.stringify(environment) ?? ""), 64)}, not for ${spec.environmentId} that was asked for; nothing was recorded from it`;
    }
    return undefined;
  }

  private fail(spec: CallerOperation, status: number | undefined, cause: string): never {
    throw new PingOneApiError({ ...errorSubject(spec), status, cause });
  }

  private redirectRefusal(response: Exchange): string {
    const location = response.headers.get("location");
    let target = "";
    try {
      target = location ? ` to ${new URL(location).origin}` : "";
    } catch {
      target = location ? ` to ${excerptText(location, 64)}` : "";
    }
    return `PingOne's API never redirects, so the redirect${target} was not followed: requests with credentials go only to ${this.settings.apiUrl} and ${this.settings.authUrl}`;
  }

  /** The wait a server asked for, capped; failing now if it reaches past the deadline. */
  private serverAskedDelay(askedMs: number, subject: CallerOperation, last: LastFailure): number {
    if (Date.now() + askedMs > this.deadlineAt) this.deadlinePassed(subject, last, `PingOne asked to retry after ${Math.round(askedMs / 1000)} s`);
    return Math.min(askedMs, this.retry.maxDelayMs);
  }

  /**
   * Waits for the request's turn in the pace of its host (pacing.ts): every operation of this
   * process shares one pace per host once PingOne's limit was met there. The token request counts
   * too: where the token endpoint shares the API's host, it also shares its limit.
   */
  private async takeTurn(url: string, subject: CallerOperation, last: LastFailure): Promise<{ settle: (outcome: "admitted" | "refused" | "unknown") => void }> {
    const pacer = pacerFor(new URL(url).origin);
    const { waitMs, start } = pacer.reserve();
    if (waitMs > 0) {
      try {
        await this.pause(waitMs, subject, last);
      } catch (error) {
        pacer.settle(start, "unknown");
        throw error;
      }
    }
    pacer.sent(start);
    return { settle: (outcome) => pacer.settle(start, outcome) };
  }

  /** Sleeps `ms`, unless that would end past the operation's deadline. */
  private async pause(ms: number, spec: CallerOperation, last: LastFailure): Promise<void> {
    if (Date.now() + ms > this.deadlineAt) this.deadlinePassed(spec, last);
    await this.sleep(ms);
  }

  private deadlinePassed(spec: CallerOperation, last: LastFailure, reason?: string): never {
    const seconds = Math.round(this.operationTimeoutMs / 100) / 10;
    const lastOutcome = last.status !== undefined ? `the last answer was HTTP ${last.status}` : last.cause ? `the last attempt failed: ${last.cause}` : undefined;
    throw new PingOneApiError({
      ...errorSubject(spec),
      status: last.status,
      cause: [reason, `the operation's deadline of ${seconds} s passed (set pingone:operationTimeout or PINGONE_OPERATION_TIMEOUT, in seconds, to change it)`, lastOutcome]
        .filter((part) => part !== undefined)
        .join("; "),
      ...this.scrubbedErrorBody(last.body),
    });
  }

  /** The bearer token: the configured one, or a cached client-credentials token renewed before expiry. */
  private async accessToken(operation: Operation): Promise<Redacted> {
    if (this.settings.accessToken) return this.settings.accessToken;
    const key = this.tokenKey(operation);
    const cached = tokenCache.get(key);
    if (cached && cached.renewAt > Date.now()) return cached.token;
    // Single flight: concurrent resources share one token request.
    let pending = pendingTokens.get(key);
    if (!pending) {
      pending = this.requestToken().finally(() => pendingTokens.delete(key));
      pendingTokens.set(key, pending);
    }
    const fresh = await pending;
    tokenCache.set(key, fresh);
    return fresh.token;
  }

  private tokenKey(operation: Operation): string {
    const { environmentId, clientId, clientSecret } = this.settings;
    if (!environmentId || !clientId || !clientSecret) {
      throw new PingOneApiError({
        operation,
        pingOneMessage:
          "no credentials: set pingone:environmentId, pingone:clientId and pingone:clientSecret (or PINGONE_ENVIRONMENT_ID, PINGONE_CLIENT_ID, PINGONE_CLIENT_SECRET), or PINGONE_API_ACCESS_TOKEN",
      });
    }
    return `${this.settings.authUrl}|${environmentId}|${clientId}`;
  }

  /** Drops the cached token, unless another request has already replaced the one that failed. */
  private forgetToken(failed: Redacted): void {
    const key = this.tokenKey("request access token");
    if (tokenCache.get(key)?.token === failed) tokenCache.delete(key);
  }

  private async requestToken(): Promise<CachedToken> {
    const { environmentId, clientId, clientSecret, authUrl } = this.settings;
    const url = `${authUrl}${endpointPath("token", { envId: environmentId ?? "" })}`;
    const basic = Buffer.from(`${encodeURIComponent(clientId ?? "")}:${encodeURIComponent(clientSecret?.reveal() ?? "")}`).toString("base64");
    const subject: CallerOperation = { operation: "request access token" };
    return this.retrying(subject, this.retry.maxAttempts, async (): Promise<AttemptOutcome<CachedToken>> => {
      const turn = await this.takeTurn(url, subject, {});
      const requestedAt = Date.now();
      let response: Exchange;
      try {
        response = await this.exchange(url, {
          method: "POST",
          headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
          body: "grant_type=client_credentials",
        }, this.maxResponseBytes);
      } catch (error) {
        turn.settle("unknown");
        const failure = this.transportFailure(error, this.maxResponseBytes);
        return { kind: failure.retryable ? "retry" : "fail", failure: { cause: failure.cause } };
      }
      turn.settle(response.status === 429 ? "refused" : "admitted");
      if (response.status >= 300 && response.status < 400) this.fail(subject, response.status, this.redirectRefusal(response));
      const token = isRecord(response.body) ? response.body : {};
      if (response.status === 200 && typeof token.access_token === "string" && token.access_token !== "") {
        const expiresIn = typeof token.expires_in === "number" && token.expires_in > 0 ? token.expires_in : 3600;
        const lifetimeMs = expiresIn * 1000;
        // A short-lived token is still used for half its life rather than renewed on every call.
        const value = { token: new Redacted(token.access_token), renewAt: requestedAt + lifetimeMs - Math.min(this.tokenMarginMs, lifetimeMs / 2) };
        return { kind: "done", value };
      }
      // A 200 without a token says nothing more worth echoing: its text could hold credentials.
      const body = response.status === 200 ? { message: "the answer holds no access_token" } : response.unreadable ? { message: response.text } : response.body;
      const failure: LastFailure = { status: response.status, body };
      if (!RETRYABLE_STATUSES.has(response.status)) return { kind: "fail", failure };
      return { kind: "retry", failure, retryAfterMs: retryAfterMs(response, Number.POSITIVE_INFINITY) };
    });
  }

  /**
   * One request and its whole answer, body included, within the attempt's timeout and the
   * operation's deadline, and within `maxBytes`. Redirects come back as answers, never followed.
   */
  private async exchange(url: string, init: { method: string; headers: Record<string, string>; body?: string }, maxBytes: number): Promise<Exchange> {
    if (!url.startsWith(`${this.settings.apiUrl}/`) && !url.startsWith(`${this.settings.authUrl}/`)) {
      // Unreachable by construction; kept so that no future path can send a token elsewhere.
      throw new Error(`refusing to send a request outside ${this.settings.apiUrl} and ${this.settings.authUrl}`);
    }
    const remaining = this.deadlineAt - Date.now();
    if (remaining <= 0) throw new DeadlineReached();
    const limitedByDeadline = remaining < this.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.min(this.timeoutMs, remaining));
    try {
      const response = await fetch(url, {
        ...init,
        redirect: "manual",
        size: maxBytes,
        agent: url.startsWith("https:") ? keepAliveHttps : keepAliveHttp,
        // node-fetch 2 types its own AbortSignal; the global one is compatible at run time.
        signal: controller.signal as unknown as import("node-fetch").RequestInit["signal"],
      });
      const receivedAt = Date.now();
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, receivedAt, ...parseJson(text) };
    } catch (error) {
      if (limitedByDeadline && error instanceof Error && error.name === "AbortError") throw new DeadlineReached();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Keeps the tightest PingOne-minus-ours clock offset an API answer's `Date` proves (see
   * `serverTimeAt`). Only answers that read as PingOne's (the expected status, JSON) count: an
   * error page a gateway or proxy wrote carries that machine's clock, not PingOne's.
   */
  private noteServerTime(response: Exchange): void {
    const date = response.headers.get("date");
    const at = date === null ? NaN : Date.parse(date);
    if (!Number.isFinite(at)) return;
    this.serverOffsetMs = Math.max(this.serverOffsetMs ?? Number.NEGATIVE_INFINITY, at - response.receivedAt);
  }

  private backoff(attempt: number): number {
    const exponential = this.retry.baseDelayMs * 2 ** attempt;
    return Math.min(exponential + Math.random() * this.retry.jitterMs, this.retry.maxDelayMs);
  }

  private secrets(): (Redacted | undefined)[] {
    const cached = [...tokenCache.values()].map((entry) => entry.token);
    return [this.settings.clientSecret, this.settings.accessToken, ...cached];
  }

  /** A bounded, scrubbed excerpt of an answer's text. */
  private scrubbedExcerpt(text: string): string {
    return text === "" ? "(empty)" : excerptText(scrub(text, this.secrets()));
  }

  /** What a failed exchange means: its cause, and whether another attempt could help. */
  private transportFailure(error: unknown, maxBytes: number): { cause: string; retryable: boolean } {
    if (error instanceof DeadlineReached) {
      const seconds = Math.round(this.operationTimeoutMs / 100) / 10;
      return { cause: `the operation's deadline of ${seconds} s passed (set pingone:operationTimeout or PINGONE_OPERATION_TIMEOUT, in seconds, to change it)`, retryable: false };
    }
    if (error instanceof Error && (error as { type?: unknown }).type === "max-size") {
      return { cause: `the answer is larger than the ${formatBytes(maxBytes)} cap on PingOne answers, so it was not read`, retryable: false };
    }
    const text = error instanceof Error ? (error.name === "AbortError" ? `timed out after ${this.timeoutMs} ms` : error.message) : String(error);
    return { cause: excerptText(scrub(text, this.secrets())), retryable: true };
  }

  private scrubbedErrorBody(body: unknown): ReturnType<typeof parseErrorBody> {
    const parsed = parseErrorBody(body);
    const secrets = this.secrets();
    return {
      ...parsed,
      pingOneMessage: parsed.pingOneMessage === undefined ? undefined : scrub(parsed.pingOneMessage, secrets),
      details: parsed.details?.map((d) => ({ ...d, message: d.message === undefined ? undefined : scrub(d.message, secrets) })),
    };
  }
}

/** Said instead of quoting an answer that may carry a client secret. */
const SECRET_TEXT_WITHHELD = "(its text is not shown: it may hold a client secret)";

/** The operation's deadline ended an exchange (or came before it started). */
class DeadlineReached extends Error {
  override name = "DeadlineReached";
}

/** The path of an application's grants or sign-on policy assignments, or of one of them. */
function accessPath(kind: AccessKind, environmentId: string, applicationId: string, id?: string): string {
  const ids = { envId: environmentId, appId: applicationId };
  if (kind === "grants") return id === undefined ? endpointPath("grants", ids) : endpointPath("grant", { ...ids, grantId: id });
  return id === undefined ? endpointPath("signOnPolicyAssignments", ids) : endpointPath("signOnPolicyAssignment", { ...ids, assignmentId: id });
}

function parseJson(text: string): { body: unknown; unreadable: boolean } {
  if (text === "") return { body: undefined, unreadable: false };
  try {
    return { body: JSON.parse(text) as unknown, unreadable: false };
  } catch {
    return { body: undefined, unreadable: true };
  }
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
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
