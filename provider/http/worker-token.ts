import { DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS, endpointPath } from "../../pingone";
import type { ProviderSettings } from "../kernel/config";
import { PingOneApiError, type Operation } from "../kernel/errors";
import { Redacted } from "../kernel/redact";
import { isRecord } from "./answers";
import type { CallerOperation } from "./caller";
import { RETRYABLE_STATUSES, retryAfterMs, type AttemptOutcome, type LastFailure } from "./retry";
import type { Transport } from "./transport";

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

/**
 * Forgets all cached tokens (tests use it to start from a cold process).
 * @see workerToken
 */
export function clearTokenCache(): void {
  tokenCache.clear();
  pendingTokens.clear();
}

/**
 * Every cached token, so that no error quotes one.
 * @see Failures in ./failures.ts
 */
export function cachedTokens(): Redacted[] {
  return [...tokenCache.values()].map((entry) => entry.token);
}

/**
 * The bearer token: the configured one (`PINGONE_API_ACCESS_TOKEN`), or the worker application's
 * client-credentials token, cached per process and renewed before it expires.
 *
 * @see https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2.html
 * @see forgetWorkerToken
 */
export async function workerToken(http: Transport, operation: Operation): Promise<Redacted> {
  if (http.settings.accessToken) return http.settings.accessToken;
  const key = tokenKey(http.settings, operation);
  const cached = tokenCache.get(key);
  if (cached && cached.renewAt > Date.now()) return cached.token;
  // Single flight: concurrent resources share one token request.
  let pending = pendingTokens.get(key);
  if (!pending) {
    pending = requestToken(http).finally(() => pendingTokens.delete(key));
    pendingTokens.set(key, pending);
  }
  const fresh = await pending;
  tokenCache.set(key, fresh);
  return fresh.token;
}

/**
 * Drops the cached token, unless another request has already replaced the one that failed.
 * @see workerToken
 */
export function forgetWorkerToken(settings: ProviderSettings, failed: Redacted): void {
  const key = tokenKey(settings, "request access token");
  if (tokenCache.get(key)?.token === failed) tokenCache.delete(key);
}

function tokenKey(settings: ProviderSettings, operation: Operation): string {
  const { environmentId, clientId, clientSecret } = settings;
  if (!environmentId || !clientId || !clientSecret) {
    throw new PingOneApiError({
      operation,
      errorCode: "ERR_CONFIGURATION",
      pingOneMessage:
        "no credentials: set pingone:environmentId, pingone:clientId and pingone:clientSecret (or PINGONE_ENVIRONMENT_ID, PINGONE_CLIENT_ID, PINGONE_CLIENT_SECRET), or PINGONE_API_ACCESS_TOKEN",
    });
  }
  return `${settings.authUrl}|${environmentId}|${clientId}`;
}

/**
 * A client-credentials token request (HTTP Basic), with the retry rules of every request.
 *
 * @see https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2.html
 */
async function requestToken(http: Transport): Promise<CachedToken> {
  const { environmentId, clientId, clientSecret, authUrl } = http.settings;
  const url = `${authUrl}${endpointPath("token", { envId: environmentId ?? "" })}`;
  const basic = Buffer.from(`${encodeURIComponent(clientId ?? "")}:${encodeURIComponent(clientSecret?.reveal() ?? "")}`).toString("base64");
  const asking: CallerOperation = { operation: "request access token" };
  return http.retrying(asking, http.retry.maxAttempts, async (): Promise<AttemptOutcome<CachedToken>> => {
    const attempt = await http.pacedExchange(
      url,
      {
        method: "POST",
        headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body: "grant_type=client_credentials",
      },
      http.maxResponseBytes,
      asking,
      {},
    );
    if ("failure" in attempt) return { kind: attempt.failure.retryable ? "retry" : "fail", failure: { cause: attempt.failure.cause } };
    const { response, sentAt } = attempt;
    const token = isRecord(response.body) ? response.body : {};
    if (response.status === 200 && typeof token.access_token === "string" && token.access_token !== "") {
      const expiresIn = typeof token.expires_in === "number" && token.expires_in > 0 ? token.expires_in : DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS;
      const lifetimeMs = expiresIn * 1000;
      // A short-lived token is still used for half its life rather than renewed on every call.
      const value = { token: new Redacted(token.access_token), renewAt: sentAt + lifetimeMs - Math.min(http.tokenMarginMs, lifetimeMs / 2) };
      return { kind: "done", value };
    }
    // A 200 without a token says nothing more worth echoing: its text could hold credentials.
    const body = response.status === 200 ? { message: "the answer holds no access_token" } : response.unreadable ? { message: response.text } : response.body;
    const failure: LastFailure = { status: response.status, body };
    if (!RETRYABLE_STATUSES.has(response.status)) return { kind: "fail", failure };
    return { kind: "retry", failure, retryAfterMs: retryAfterMs(response, Number.POSITIVE_INFINITY) };
  });
}
