/**
 * How a stored application authenticates at the token endpoint with its client secret, as
 * PingOne does:
 * - by the method it is configured for (`tokenEndpointAuthMethod`): HTTP Basic for
 *   CLIENT_SECRET_BASIC, `client_id`/`client_secret` in the body for CLIENT_SECRET_POST; another
 *   method is refused ("unsupported authentication method", the text the PingOne Go SDK's token
 *   fetch retries on: github.com/patrickcping/pingone-go-sdk-v2 `pingone/client.go`);
 * - with its current secret, or with its previous secret until `previous.expiresAt` and refused
 *   after ("the old secret keeps working until that time":
 *   https://developer.pingidentity.com/pingone-api/platform/applications/application-secret/update-application-secret.html).
 *   A use of the previous secret is recorded as `previous.lastUsed`, which the secret GET returns.
 *
 * The token and PAR endpoints' client authentication (all five methods) is
 * `signin/client-authentication.ts`, which builds on these.
 */
import { timingSafeEqual } from "node:crypto";
import type { TOKEN_ENDPOINT_AUTH_METHOD } from "../pingone";
import type { StoredApplication } from "./store";

/** The shared-secret methods whose secret is compared here (CLIENT_SECRET_JWT checks an HMAC instead). */
export type ClientAuthMethod = (typeof TOKEN_ENDPOINT_AUTH_METHOD)["CLIENT_SECRET_BASIC" | "CLIENT_SECRET_POST"];

export type ClientAuthOutcome = { ok: true; grants: readonly string[] } | { ok: false; description: string };

/** OAuth grant_type values of PingOne's grant types that a token request names. */
const GRANT_TYPE_PARAMETERS: Readonly<Record<string, string>> = {
  AUTHORIZATION_CODE: "authorization_code",
  REFRESH_TOKEN: "refresh_token",
  CLIENT_CREDENTIALS: "client_credentials",
};

export function authenticateApplication(app: StoredApplication, method: ClientAuthMethod, secret: string, now: number): ClientAuthOutcome {
  const configured = app.record.tokenEndpointAuthMethod;
  if (configured !== method) {
    return { ok: false, description: `Request denied: Unsupported authentication method (the application uses ${JSON.stringify(configured ?? null)}).` };
  }
  if (!matchesSecret(app, secret, now)) return { ok: false, description: "Request denied: Client authentication failed." };
  return { ok: true, grants: tokenGrants(app) };
}

/** Whether the secret is the application's current one, or its previous one before `previous.expiresAt` (then recorded as used). */
export function matchesSecret(app: StoredApplication, secret: string, now: number): boolean {
  if (safeEqual(secret, app.secret.current)) return true;
  const previous = app.secret.previous;
  if (previous === undefined || Date.parse(previous.expiresAt) <= now || !safeEqual(secret, previous.secret)) return false;
  previous.lastUsed = new Date(now).toISOString();
  return true;
}

/** The grant_type values the application may use at the token endpoint. */
export function tokenGrants(app: StoredApplication): string[] {
  const grantTypes = Array.isArray(app.record.grantTypes) ? app.record.grantTypes : [];
  return grantTypes.flatMap((grant) => (typeof grant === "string" && GRANT_TYPE_PARAMETERS[grant] ? [GRANT_TYPE_PARAMETERS[grant]] : []));
}

/** Constant-time comparison of two secrets. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
