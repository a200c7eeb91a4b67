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
 * Kept to the client-credentials grant; the sign-in flows (authorize, code exchange) can build
 * on `authenticateApplication` for their own client authentication.
 */
import { timingSafeEqual } from "node:crypto";
import type { StoredApplication } from "./store";

export type ClientAuthMethod = "CLIENT_SECRET_BASIC" | "CLIENT_SECRET_POST";

export type ClientAuthOutcome = { ok: true; grants: readonly string[] } | { ok: false; description: string };

/** OAuth grant_type values of PingOne's grant types that a token request names. */
const GRANT_TYPE_PARAMETERS: Readonly<Record<string, string>> = { CLIENT_CREDENTIALS: "client_credentials" };

export function authenticateApplication(app: StoredApplication, method: ClientAuthMethod, secret: string, now: number): ClientAuthOutcome {
  const configured = app.record.tokenEndpointAuthMethod;
  if (configured !== method) {
    return { ok: false, description: `Request denied: Unsupported authentication method (the application uses ${JSON.stringify(configured ?? null)}).` };
  }
  const current = safeEqual(secret, app.secret.current);
  const previous = app.secret.previous;
  const previousValid = previous !== undefined && Date.parse(previous.expiresAt) > now && safeEqual(secret, previous.secret);
  if (!current && !previousValid) return { ok: false, description: "Request denied: Client authentication failed." };
  if (!current && previous) previous.lastUsed = new Date(now).toISOString();
  const grantTypes = Array.isArray(app.record.grantTypes) ? app.record.grantTypes : [];
  const grants = grantTypes.flatMap((grant) => (typeof grant === "string" && GRANT_TYPE_PARAMETERS[grant] ? [GRANT_TYPE_PARAMETERS[grant]] : []));
  return { ok: true, grants };
}

/** Constant-time comparison of two secrets. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
