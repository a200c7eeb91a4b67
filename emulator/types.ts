/**
 * Public types of the emulator: its options, the handle a caller gets back, fault settings,
 * counters and the request log. Kept in one module so index.ts can re-export them as a unit.
 */
import type { JsonObject, JsonValue } from "./json";
import type { StoreSnapshot } from "./snapshot";

/** A stored application as the management API's GET returns it (`_links`, `clientId`, ...). */
export type ApplicationRecord = JsonObject;

/** What a one-shot scripted fault does to the request it matches. */
export interface ScriptedFaultAction {
  /** Delay before anything else happens (then the request proceeds unless another action applies). */
  latencyMs?: number;
  /** Answer with this status instead of handling the request (429 gets `Retry-After`). */
  status?: number;
  /** `Retry-After` seconds for a scripted 429 (or 503); defaults to the settings' `retryAfterSeconds`. */
  retryAfterSeconds?: number;
  /** Override the PingOne error `code` of a scripted status. */
  code?: string;
  /** Override the PingOne error `message` of a scripted status. */
  message?: string;
  /**
   * `"before"`: destroy the connection without handling the request.
   * `"after-commit"`: handle it (the change is stored) and then destroy the connection
   * without answering: the client cannot tell whether the change happened.
   */
  reset?: "before" | "after-commit";
}

/** Which requests a scripted fault applies to. Both fields are optional; an empty match matches everything. */
export interface ScriptedFaultMatch {
  /** HTTP method, case-insensitive. */
  method?: string;
  /** A regular expression (source text) tested against the request path, e.g. `"/applications$"`. */
  path?: string;
}

/** A deterministic fault, consumed by the first request(s) it matches. */
export interface ScriptedFault {
  match?: ScriptedFaultMatch;
  fault: ScriptedFaultAction;
  /** How many matching requests it applies to before it is used up (default 1). */
  times?: number;
}

/** Failure injection. Rates are probabilities in [0, 1] drawn from the seeded generator. */
export interface FaultSettings {
  /** Delay added before every API and token request is handled. */
  latencyMs: number;
  /** Probability of answering 429 `REQUEST_LIMITED`. */
  rate429: number;
  /** `Retry-After` (seconds) sent with 429s. */
  retryAfterSeconds: number;
  /** Requests admitted per rolling second; above it the emulator answers 429. 0 = no limit. */
  requestsPerSecond: number;
  /** Probability of answering `status5xx` with code `UNEXPECTED_ERROR`. */
  rate5xx: number;
  /** Status used for `rate5xx` (default 503). */
  status5xx: number;
  /** Probability of destroying the connection before the request is handled. */
  rateReset: number;
  /** Probability of handling the request and then destroying the connection without an answer. */
  rateResetAfterCommit: number;
  /** Lifetime of tokens issued from now on. */
  tokenLifetimeSeconds: number;
  /** One-shot faults, consumed in order by the first matching requests. */
  script: ScriptedFault[];
}

export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Environments that exist; requests to any other environment get 404. Default: one random UUID. */
  environmentIds?: string[];
  /** Worker client id accepted by the token endpoint (default: random UUID). */
  clientId?: string;
  /** Worker client secret accepted by the token endpoint (default: random). */
  clientSecret?: string;
  /** Access token lifetime (default 3600). */
  tokenLifetimeSeconds?: number;
  /** Largest page of application lists, which then carry `_links.next`; a smaller `?limit=` is honoured (default: no maximum). */
  listPageSize?: number;
  /** Faults active from the start. */
  faults?: Partial<FaultSettings>;
  /** Seed for the rate-based faults' generator (default: random). */
  seed?: number;
  /**
   * The emulator's clock in epoch ms (default `Date.now`): timestamps, token expiry, and whether a
   * previous client secret still works. Tests move it ahead instead of waiting.
   */
  clock?: () => number;
  /** Test users that exist from the start (in their `environmentId`, default the first environment). */
  users?: TestUserInput[];
  /**
   * What the emulator holds from the start: a snapshot from `exportStore` (snapshot.ts says what it
   * keeps). Its environments are the emulator's; `environmentIds`, when also given, must name the same.
   */
  store?: StoreSnapshot;
}

/** A test user to create (`RunningEmulator.createUser`, `POST /__admin/environments/{envId}/users`, `--user`). */
export interface TestUserInput {
  username: string;
  /** Held in memory as a fixture; never answered, logged or printed. */
  password: string;
  email?: string;
  givenName?: string;
  familyName?: string;
  /** Default: the emulator's first environment. */
  environmentId?: string;
}

/** What creating a test user answers. */
export interface CreatedTestUser {
  id: string;
  username: string;
}

/** Requests seen, per `METHOD route-template` (e.g. `PUT /v1/environments/{envId}/applications/{appId}`). */
export interface RequestCounters {
  total: number;
  byRoute: Record<string, number>;
  /**
   * Requests each fault applied to (a request with latency and a 429 counts once under each).
   * Unlike the request log, these are not capped, so long runs can report what they injected.
   */
  byFault: Partial<Record<FaultKind, number>>;
}

/** Which fault, if any, decided a request's outcome. */
export type FaultKind = "latency" | "rate-limit" | "requests-per-second" | "server-error" | "reset-before" | "reset-after-commit" | "scripted-status";

/** One request as the emulator saw it. Never contains credentials, tokens or secrets. */
export interface LoggedRequest {
  seq: number;
  time: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Route template, or `<unmatched>`. */
  route: string;
  /** Status sent, or null when the connection was destroyed without an answer. */
  status: number | null;
  /** For `reset-after-commit`: the status the handled request would have been answered with. */
  committedStatus?: number;
  /** Faults applied to this request, in the order they applied. */
  faults: FaultKind[];
  /** Parsed JSON body of management-API requests (secret-looking keys redacted); never for the token endpoint. */
  body?: JsonValue;
}

/** The handle returned by `startEmulator`. */
export interface RunningEmulator {
  readonly port: number;
  /** `http://host:port`. */
  readonly baseUrl: string;
  /** Management API base, `${baseUrl}/v1` (like https://api.pingone.com/v1). */
  readonly apiUrl: string;
  /** Auth base; the token endpoint is `${authUrl}/${envId}/as/token` (like https://auth.pingone.com). */
  readonly authUrl: string;
  /** `${baseUrl}/__admin`. */
  readonly adminUrl: string;
  /** The first environment. */
  readonly environmentId: string;
  readonly environmentIds: readonly string[];
  readonly clientId: string;
  readonly clientSecret: string;
  /** Merge fault settings (a given `script` replaces the queue). Throws on invalid values. */
  setFaults(faults: Partial<FaultSettings>): void;
  /** Back to no faults and the configured token lifetime. */
  clearFaults(): void;
  /** The current fault settings, including what is left of the script. */
  faults(): FaultSettings;
  counters(): RequestCounters;
  /** Clears the counters and the request log. */
  resetCounters(): void;
  requestLog(): LoggedRequest[];
  /** Make every token issued so far expired (the API then answers 401). */
  expireTokens(): void;
  /**
   * Every access token issued so far, expired ones included: for tests proving that no token
   * reaches state or logs. In-process only; no admin endpoint serves them.
   */
  issuedTokens(): string[];
  /** Stored applications (deep copies, shaped like GET responses), of one environment or all. */
  applications(environmentId?: string): ApplicationRecord[];
  /** The key rotation policy PingOne assigns by default in an environment. */
  defaultKeyRotationPolicyId(environmentId?: string): string;
  /**
   * Change a stored application behind the provider's back (console edit, drift). Top-level merge;
   * a `null` value removes the field. No validation, not counted, bumps `updatedAt`.
   */
  mutateApplication(environmentId: string, applicationId: string, patch: JsonObject): ApplicationRecord;
  /**
   * Create applications out of band, each validated and given defaults exactly as a POST would
   * (a body PingOne would refuse throws TypeError). Returns their ids. Not counted: for seeding a
   * large environment without thousands of requests.
   */
  importApplications(environmentId: string, bodies: Iterable<JsonObject>): string[];
  /** Delete a stored application out of band. Returns whether it existed. Not counted. */
  deleteApplicationOutOfBand(environmentId: string, applicationId: string): boolean;
  /**
   * Everything the store holds, client secrets included, for starting another emulator where this
   * one is (`EmulatorOptions.store`). A deep copy. Not counted.
   */
  exportStore(): StoreSnapshot;
  /**
   * Add a test user who can sign in through the flow API. Throws TypeError for a bad input and an
   * error for a username already taken in the environment. Not counted.
   */
  createUser(user: TestUserInput): CreatedTestUser;
  close(): Promise<void>;
}
