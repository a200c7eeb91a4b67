/**
 * PingOne HTTP: worker token, retries, timeouts and error mapping, over node-fetch.
 *
 * Retry rules follow the PingOne Go SDK (reference §6a): 408, 429 and 5xx are retried up to 10
 * attempts; Retry-After (seconds or HTTP date) is honoured, capped at 30 s; otherwise the delay
 * is base * 2^attempt plus 0-100 ms of jitter, capped at 30 s. A 401 renews the token once.
 *
 * One deliberate difference: a POST is not blindly retried after a failure that may have been
 * committed (connection dropped, timeout, 500/502/504). It raises `AmbiguousWriteError`, and the
 * lifecycle reconciles against the server before trying again, so no duplicate is created.
 */
import * as http from "node:http";
import * as https from "node:https";
import fetch, { type Response } from "node-fetch";
import { PingOneApiError, parseErrorBody, type Operation } from "./errors";
import type { ProviderSettings } from "./config";
import { Redacted, scrub } from "./redact";

/** A PingOne application as the API returns it. */
export type PingOneApplication = Record<string, unknown> & { id: string };

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
  /** Per-attempt timeout. */
  timeoutMs?: number;
  /** Renew a cached token this long before it expires. */
  tokenRenewMarginMs?: number;
  /** Injected for tests of the backoff; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 30_000, jitterMs: 100 };
const DEFAULT_TIMEOUT_MS = 30_000;
/** Bound on the pages read when listing (1,000s of apps at PingOne's page sizes). */
const MAX_LIST_PAGES = 100;
const DEFAULT_TOKEN_MARGIN_MS = 60_000;
const RETRYABLE_STATUSES = new Set([408, 429, 500, 501, 502, 503, 504]);
/** Answers that say the request was not processed, so even a POST can simply be sent again. */
const NOT_PROCESSED_STATUSES = new Set([408, 429, 501, 503]);

/** A POST whose outcome is unknown: PingOne may or may not have created the object. */
export class AmbiguousWriteError extends Error {
  override name = "AmbiguousWriteError";
  constructor(override readonly cause: string) {
    super(`the request's outcome is unknown (${cause})`);
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

interface RequestSpec {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
  operation: Operation;
  applicationName?: string;
  applicationId?: string;
  /** Statuses that are the expected success for this call. */
  expect: readonly number[];
}

interface ApiResponse {
  status: number;
  body: unknown;
}

/** A complete HTTP exchange: status, headers and the parsed body. */
interface Exchange extends ApiResponse {
  headers: { get(name: string): string | null };
}

export class PingOneClient {
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly tokenMarginMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly settings: ProviderSettings,
    options: ClientOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.tokenMarginMs = options.tokenRenewMarginMs ?? DEFAULT_TOKEN_MARGIN_MS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async createApplication(environmentId: string, body: Record<string, unknown>, name?: string): Promise<PingOneApplication> {
    const response = await this.send({
      method: "POST",
      path: appsPath(environmentId),
      body,
      operation: "create application",
      applicationName: name,
      expect: [201],
    });
    return asApplication(response.body);
  }

  async getApplication(environmentId: string, id: string, name?: string): Promise<PingOneApplication> {
    const response = await this.send({
      method: "GET",
      path: `${appsPath(environmentId)}/${encodeURIComponent(id)}`,
      operation: "read application",
      applicationName: name,
      applicationId: id,
      expect: [200],
    });
    return asApplication(response.body);
  }

  /** Every application of the environment, following PingOne's paging (`_links.next`). */
  async listApplications(environmentId: string): Promise<PingOneApplication[]> {
    const apps: PingOneApplication[] = [];
    let path: string | undefined = appsPath(environmentId);
    for (let page = 0; path !== undefined && page < MAX_LIST_PAGES; page++) {
      const response = await this.send({ method: "GET", path, operation: "list applications", expect: [200] });
      const body = response.body as { _embedded?: { applications?: unknown[] }; _links?: { next?: { href?: unknown } } } | null;
      apps.push(...(body?._embedded?.applications ?? []).map(asApplication));
      const next = body?._links?.next?.href;
      // Only a link back into the same API is followed: the bearer token goes wherever it points.
      path = typeof next === "string" && next.startsWith(`${this.settings.apiUrl}/`) ? next.slice(this.settings.apiUrl.length) : undefined;
    }
    return apps;
  }

  /** Waits as the retry policy does before attempt `attempt + 1` (used between create attempts). */
  pauseBeforeRetry(attempt: number): Promise<void> {
    return this.sleep(this.backoff(attempt));
  }

  async updateApplication(environmentId: string, id: string, body: Record<string, unknown>, name?: string): Promise<PingOneApplication> {
    const response = await this.send({
      method: "PUT",
      path: `${appsPath(environmentId)}/${encodeURIComponent(id)}`,
      body,
      operation: "update application",
      applicationName: name,
      applicationId: id,
      expect: [200],
    });
    return asApplication(response.body);
  }

  /** Deletes the application; a 404 counts as already deleted. */
  async deleteApplication(environmentId: string, id: string, name?: string): Promise<void> {
    await this.send({
      method: "DELETE",
      path: `${appsPath(environmentId)}/${encodeURIComponent(id)}`,
      operation: "delete application",
      applicationName: name,
      applicationId: id,
      expect: [204, 404],
    });
  }

  async getApplicationSecret(environmentId: string, id: string, name?: string): Promise<Redacted> {
    const response = await this.send({
      method: "GET",
      path: `${appsPath(environmentId)}/${encodeURIComponent(id)}/secret`,
      operation: "read application secret",
      applicationName: name,
      applicationId: id,
      expect: [200],
    });
    const secret = (response.body as { secret?: unknown } | null)?.secret;
    if (typeof secret !== "string") {
      throw new PingOneApiError({ operation: "read application secret", applicationName: name, applicationId: id, status: 200, pingOneMessage: "response has no secret" });
    }
    return new Redacted(secret);
  }

  private async send(spec: RequestSpec): Promise<ApiResponse> {
    const url = `${this.settings.apiUrl}${spec.path}`;
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    let renewedAfter401 = false;
    let last: { status?: number; body?: unknown; cause?: string } = {};
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt++) {
      const token = await this.accessToken(spec.operation);
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
        });
      } catch (error) {
        // The connection failed, timed out, or dropped mid-answer: a POST may have been committed.
        const cause = this.describeTransportError(error);
        if (spec.method === "POST") throw new AmbiguousWriteError(cause);
        last = { cause };
        if (attempt < this.retry.maxAttempts) await this.sleep(this.backoff(attempt));
        continue;
      }
      const { status, body } = response;
      if (spec.expect.includes(status)) return { status, body };
      if (status === 401 && !renewedAfter401 && !this.settings.accessToken) {
        // A token can be revoked or expire early; renew it once, as the SDK's oauth2 client would.
        renewedAfter401 = true;
        this.forgetToken(token);
        attempt--;
        continue;
      }
      last = { status, body };
      const unexpectedError = (body as { code?: unknown } | null)?.code === "UNEXPECTED_ERROR";
      if (!RETRYABLE_STATUSES.has(status) && !unexpectedError) break;
      // 500/502/504, or PingOne's UNEXPECTED_ERROR on any other status: the POST may have been committed.
      if (spec.method === "POST" && !NOT_PROCESSED_STATUSES.has(status)) {
        throw new AmbiguousWriteError(`HTTP ${status}`);
      }
      if (attempt < this.retry.maxAttempts) {
        await this.sleep(retryAfterMs(response, this.retry.maxDelayMs) ?? this.backoff(attempt));
      }
    }
    throw new PingOneApiError({
      operation: spec.operation,
      applicationName: spec.applicationName,
      applicationId: spec.applicationId,
      status: last.status,
      cause: last.cause,
      attempts: last.status !== undefined && !RETRYABLE_STATUSES.has(last.status) ? undefined : this.retry.maxAttempts,
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
    const url = `${authUrl}/${encodeURIComponent(environmentId ?? "")}/as/token`;
    const basic = Buffer.from(`${encodeURIComponent(clientId ?? "")}:${encodeURIComponent(clientSecret?.reveal() ?? "")}`).toString("base64");
    let last: { status?: number; body?: unknown; cause?: string } = {};
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt++) {
      const requestedAt = Date.now();
      try {
        const response = await this.exchange(url, {
          method: "POST",
          headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
          body: "grant_type=client_credentials",
        });
        const body = response.body;
        const token = (body as { access_token?: unknown; expires_in?: unknown } | null) ?? {};
        if (response.status === 200 && typeof token.access_token === "string") {
          const lifetimeMs = (typeof token.expires_in === "number" ? token.expires_in : 3600) * 1000;
          // A short-lived token is still used for half its life rather than renewed on every call.
          return { token: new Redacted(token.access_token), renewAt: requestedAt + lifetimeMs - Math.min(this.tokenMarginMs, lifetimeMs / 2) };
        }
        last = { status: response.status, body };
        if (!RETRYABLE_STATUSES.has(response.status)) break;
        if (attempt < this.retry.maxAttempts) await this.sleep(retryAfterMs(response, this.retry.maxDelayMs) ?? this.backoff(attempt));
      } catch (error) {
        last = { cause: this.describeTransportError(error) };
        if (attempt < this.retry.maxAttempts) await this.sleep(this.backoff(attempt));
      }
    }
    throw new PingOneApiError({ operation: "request access token", status: last.status, cause: last.cause, ...this.scrubbedErrorBody(last.body) });
  }

  /** One request and its whole answer, body included, within the timeout. */
  private async exchange(url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Exchange> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await fetch(url, {
        ...init,
        agent: url.startsWith("https:") ? keepAliveHttps : keepAliveHttp,
        // node-fetch 2 types its own AbortSignal; the global one is compatible at run time.
        signal: controller.signal as unknown as import("node-fetch").RequestInit["signal"],
      });
      return { status: response.status, headers: response.headers, body: await readBody(response) };
    } finally {
      clearTimeout(timer);
    }
  }

  private backoff(attempt: number): number {
    const exponential = this.retry.baseDelayMs * 2 ** attempt;
    return Math.min(exponential + Math.random() * this.retry.jitterMs, this.retry.maxDelayMs);
  }

  private secrets(): (Redacted | undefined)[] {
    const cached = [...tokenCache.values()].map((entry) => entry.token);
    return [this.settings.clientSecret, this.settings.accessToken, ...cached];
  }

  private describeTransportError(error: unknown): string {
    const text = error instanceof Error ? (error.name === "AbortError" ? `timed out after ${this.timeoutMs} ms` : error.message) : String(error);
    return scrub(text, this.secrets());
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

function appsPath(environmentId: string): string {
  return `/environments/${encodeURIComponent(environmentId)}/applications`;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { message: text.slice(0, 500) };
  }
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

function asApplication(value: unknown): PingOneApplication {
  if (typeof value !== "object" || value === null || typeof (value as { id?: unknown }).id !== "string") {
    throw new Error("PingOne returned an application without an id");
  }
  return value as PingOneApplication;
}
