/**
 * Client authentication at the token and PAR endpoints, by the method the application is
 * configured for (`tokenEndpointAuthMethod`), as PingOne does
 * (https://docs.pingidentity.com/pingone/applications/p1_token_endpoint_authentication_methods.html):
 * - `NONE`: `client_id` in the body, nothing else (a public client);
 * - `CLIENT_SECRET_BASIC`: HTTP Basic; `CLIENT_SECRET_POST`: `client_id`/`client_secret` in the body;
 *   both with the current secret, or the previous one until `previous.expiresAt` (client-auth.ts);
 * - `CLIENT_SECRET_JWT`: a `client_assertion` JWT signed with the secret (HS256, HS384 or HS512);
 * - `PRIVATE_KEY_JWT`: a `client_assertion` JWT signed with the application's private key
 *   (RS256, RS384 or RS512), verified against its `jwks` (inline JSON) or `jwksUrl`.
 * A client assertion (RFC 7523 §3) must have `iss` = `sub` = the client id, an `aud` naming the
 * issuer or the endpoint, an `exp` in the future and a `jti` not seen before (single use). The
 * assertion parameters are PingOne's: `client_assertion_type` must be
 * `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`
 * (https://apidocs.pingidentity.com/pingone/platform/v1/api/src/authentication-apis/openid-connect-oauth-2/).
 *
 * Any mismatch, or a method other than the configured one, is refused with 401 `invalid_client`
 * (RFC 6749 §5.2). Applications of another protocol are refused the same way.
 */
import type { IncomingMessage } from "node:http";
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, jwtVerify, type JWTVerifyGetKey } from "jose";
import { issuerOf, PROTOCOL, TOKEN_ENDPOINT_AUTH_METHOD } from "../../pingone";
import { authenticateApplication, safeEqual, type ClientAuthMethod } from "../client-auth";
import { oauthError } from "../errors";
import type { EmulatorResponse } from "../http";
import type { StoredApplication } from "../store";
import type { SignInContext } from "./context";
import { remember } from "./limits";
import { PRIVATE_KEY_ASSERTION_ALGORITHMS, SHARED_SECRET_ASSERTION_ALGORITHMS, endpointOf } from "./discovery";

export type ClientAuthentication = { ok: true; app: StoredApplication } | { ok: false; response: EmulatorResponse };

export const JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** How long a `jwksUrl` may take to answer. */
const JWKS_FETCH_TIMEOUT_MS = 5000;
/** A client assertion may be valid this long at most (its `jti` is remembered until `exp`). */
const MAX_ASSERTION_LIFETIME_SECONDS = 3600;
/** Clock skew allowed between a client and the emulator when checking an assertion's times. */
const ASSERTION_CLOCK_TOLERANCE_SECONDS = 30;

/** The credentials a request presents, before any application is looked up. */
export type PresentedCredentials =
  | { method: typeof TOKEN_ENDPOINT_AUTH_METHOD.CLIENT_SECRET_BASIC; candidates: [string, string][] }
  | { method: typeof TOKEN_ENDPOINT_AUTH_METHOD.CLIENT_SECRET_POST; clientId: string; secret: string }
  | { method: "JWT_ASSERTION"; clientId: string; assertion: string }
  | { method: typeof TOKEN_ENDPOINT_AUTH_METHOD.NONE; clientId: string };

/**
 * What the request presents, per RFC 6749 §2.3: HTTP Basic (id and secret form-encoded, then
 * base64), `client_id`/`client_secret` in the body, a client assertion, or `client_id` alone.
 * More than one at once is refused, as the RFC says a client must not use more than one method.
 */
export function presentedCredentials(req: IncomingMessage, form: URLSearchParams): PresentedCredentials | { error: EmulatorResponse } {
  const header = req.headers.authorization;
  const bodySecret = form.get("client_secret");
  const assertion = form.get("client_assertion");
  const assertionType = form.get("client_assertion_type");
  const bodyId = form.get("client_id");
  const methods = [header !== undefined, bodySecret !== null, assertion !== null || assertionType !== null].filter(Boolean).length;
  if (methods > 1) return { error: oauthError(400, "invalid_request", "Only one client authentication method may be used.") };
  if (header !== undefined) {
    const match = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
    if (!match) return { error: oauthError(401, "invalid_client", "Request denied: Unsupported authentication method.") };
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return { error: oauthError(401, "invalid_client", "Request denied: Malformed Basic credentials.") };
    const rawId = decoded.slice(0, colon);
    const rawSecret = decoded.slice(colon + 1);
    // Many clients skip the form-encoding step; accept the raw pair too so a secret with `+` or `%` works either way.
    const candidates: [string, string][] = [
      [formDecode(rawId), formDecode(rawSecret)],
      [rawId, rawSecret],
    ];
    if (bodyId !== null && !candidates.some(([id]) => id === bodyId)) {
      return { error: oauthError(400, "invalid_request", "The client_id in the body does not match the Basic credentials.") };
    }
    return { method: "CLIENT_SECRET_BASIC", candidates };
  }
  if (assertion !== null || assertionType !== null) {
    if (assertionType !== JWT_BEARER_ASSERTION_TYPE || assertion === null) {
      return {
        error: oauthError(401, "invalid_client", `Request denied: client_assertion_type must be ${JWT_BEARER_ASSERTION_TYPE} with a client_assertion.`),
      };
    }
    const clientId = bodyId ?? assertionSubject(assertion);
    if (clientId === undefined) return { error: oauthError(401, "invalid_client", "Request denied: The client assertion is not a JWT with a sub.") };
    return { method: "JWT_ASSERTION", clientId, assertion };
  }
  if (bodyId === null) return { error: oauthError(401, "invalid_client", "Request denied: Client authentication is required.") };
  return bodySecret !== null ? { method: "CLIENT_SECRET_POST", clientId: bodyId, secret: bodySecret } : { method: "NONE", clientId: bodyId };
}

/**
 * Authenticates the client of a back-channel request (token, PAR) by the method its application
 * is configured for. `endpoint` is the URL the request was sent to (a client assertion's `aud`).
 */
export async function authenticateClient(
  ctx: SignInContext,
  req: IncomingMessage,
  form: URLSearchParams,
  environmentId: string,
  endpoint: string,
): Promise<ClientAuthentication> {
  const presented = presentedCredentials(req, form);
  if ("error" in presented) return { ok: false, response: presented.error };
  return authenticatePresented(ctx, presented, environmentId, endpoint);
}

export async function authenticatePresented(
  ctx: SignInContext,
  presented: PresentedCredentials,
  environmentId: string,
  endpoint: string,
): Promise<ClientAuthentication> {
  const now = ctx.now();
  const refuse = (description: string): ClientAuthentication => ({ ok: false, response: oauthError(401, "invalid_client", description) });
  const clientIds = presented.method === "CLIENT_SECRET_BASIC" ? [...new Set(presented.candidates.map(([id]) => id))] : [presented.clientId];
  const app = clientIds.map((id) => ctx.store.get(environmentId, id)).find((found) => found !== undefined);
  if (!app) return refuse("Request denied: Client authentication failed.");
  if (app.record.protocol !== PROTOCOL.OPENID_CONNECT) return refuse("Request denied: The application is not an OpenID Connect application.");
  const configured = app.record.tokenEndpointAuthMethod;

  switch (presented.method) {
    case "CLIENT_SECRET_BASIC":
    case "CLIENT_SECRET_POST": {
      const candidates =
        presented.method === "CLIENT_SECRET_BASIC" ? presented.candidates.filter(([id]) => id === app.id) : [[presented.clientId, presented.secret]];
      let failure = "Request denied: Client authentication failed.";
      for (const [, secret] of candidates) {
        const outcome = authenticateApplication(app, presented.method satisfies ClientAuthMethod, secret, now);
        if (outcome.ok) return enabledOrRefused(app);
        failure = outcome.description;
      }
      return refuse(failure);
    }
    case "NONE":
      if (configured !== TOKEN_ENDPOINT_AUTH_METHOD.NONE) return refuse(unsupportedMethod(configured));
      return enabledOrRefused(app);
    case "JWT_ASSERTION": {
      if (configured !== TOKEN_ENDPOINT_AUTH_METHOD.CLIENT_SECRET_JWT && configured !== TOKEN_ENDPOINT_AUTH_METHOD.PRIVATE_KEY_JWT) {
        return refuse(unsupportedMethod(configured));
      }
      const verdict = await verifyAssertion(ctx, app, configured, presented.assertion, environmentId, endpoint);
      if (verdict !== undefined) return refuse(`Request denied: ${verdict}`);
      return enabledOrRefused(app);
    }
  }
}

function unsupportedMethod(configured: unknown): string {
  return `Request denied: Unsupported authentication method (the application uses ${JSON.stringify(configured ?? null)}).`;
}

/**
 * A disabled application gets nothing at the token and PAR endpoints, its client credentials
 * included: `enabled` is "whether users can sign in", and PingOne's console gets an application
 * an access token only if "the application is enabled"
 * (https://docs.pingidentity.com/pingone/applications/p1_getaccesstoken.html). The error PingOne
 * answers for it is not documented; the emulator's is `invalid_client`, as for any client that
 * cannot authenticate.
 */
function enabledOrRefused(app: StoredApplication): ClientAuthentication {
  if (app.record.enabled === true) return { ok: true, app };
  return { ok: false, response: oauthError(401, "invalid_client", "Request denied: The application is disabled.") };
}

/** The auth methods that authenticate with a signed assertion (RFC 7523 §2.2): an HMAC of the secret, or the client's private key. */
type JwtAssertionMethod = (typeof TOKEN_ENDPOINT_AUTH_METHOD)["CLIENT_SECRET_JWT" | "PRIVATE_KEY_JWT"];

/** Undefined when the assertion is good; otherwise why not. */
async function verifyAssertion(
  ctx: SignInContext,
  app: StoredApplication,
  method: JwtAssertionMethod,
  assertion: string,
  environmentId: string,
  endpoint: string,
): Promise<string | undefined> {
  const now = ctx.now();
  const options = {
    issuer: app.id,
    subject: app.id,
    audience: [...new Set([issuerOf(ctx.authUrl, environmentId), endpointOf(ctx, environmentId, "token"), endpoint])],
    requiredClaims: ["exp", "jti"],
    currentDate: new Date(now),
    clockTolerance: ASSERTION_CLOCK_TOLERANCE_SECONDS,
    maxTokenAge: MAX_ASSERTION_LIFETIME_SECONDS,
  };
  let payload: { jti?: string; exp?: number } | undefined;
  if (method === "CLIENT_SECRET_JWT") {
    for (const secret of liveSecrets(app, now)) {
      try {
        payload = (await jwtVerify(assertion, new TextEncoder().encode(secret), { ...options, algorithms: SHARED_SECRET_ASSERTION_ALGORITHMS })).payload;
        if (secret !== app.secret.current && app.secret.previous) app.secret.previous.lastUsed = new Date(now).toISOString();
        break;
      } catch (error) {
        if (!isSignatureFailure(error)) return describe(error);
      }
    }
    if (!payload) return "The client assertion's signature does not match the client secret.";
  } else {
    const keys = applicationKeys(app);
    if (typeof keys === "string") return keys;
    try {
      payload = (await jwtVerify(assertion, keys, { ...options, algorithms: PRIVATE_KEY_ASSERTION_ALGORITHMS })).payload;
    } catch (error) {
      return describe(error);
    }
  }
  // jose checked that `exp` and `jti` are present; `iat` (when sent) bounds the age.
  const jti = `${app.id} ${String(payload.jti)}`;
  const seen = ctx.signin.issued.assertionIds;
  if (seen.has(jti)) return "The client assertion was already used (jti).";
  // Remembered as long as jose would accept the assertion: its exp plus the clock tolerance.
  remember(seen, jti, ((payload.exp ?? 0) + ASSERTION_CLOCK_TOLERANCE_SECONDS) * 1000, now, (expiresAt) => expiresAt);
  return undefined;
}

/** The current secret, and the previous one while it is valid. */
function liveSecrets(app: StoredApplication, now: number): string[] {
  const previous = app.secret.previous;
  return previous !== undefined && Date.parse(previous.expiresAt) > now ? [app.secret.current, previous.secret] : [app.secret.current];
}

/** The application's public keys: its inline `jwks`, or its `jwksUrl` (fetched with a timeout). */
function applicationKeys(app: StoredApplication): JWTVerifyGetKey | string {
  const { jwks, jwksUrl } = app.record;
  if (typeof jwks === "string") {
    try {
      return createLocalJWKSet(JSON.parse(jwks) as Parameters<typeof createLocalJWKSet>[0]);
    } catch {
      return "The application's jwks is not a valid JSON Web Key Set.";
    }
  }
  if (typeof jwksUrl === "string") {
    try {
      return createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: JWKS_FETCH_TIMEOUT_MS });
    } catch {
      return "The application's jwksUrl is not a URL.";
    }
  }
  return "The application has neither jwks nor jwksUrl.";
}

function isSignatureFailure(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
}

/** jose's reason, bounded: it names the failed check (claim, signature, algorithm), never key material. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `The client assertion is not valid: ${message.slice(0, 200)}`;
}

function assertionSubject(assertion: string): string | undefined {
  try {
    const claims = decodeJwt(assertion);
    return typeof claims.sub === "string" ? claims.sub : typeof claims.iss === "string" ? claims.iss : undefined;
  } catch {
    return undefined;
  }
}

/** Basic credentials are application/x-www-form-urlencoded before base64 (RFC 6749 §2.3.1). */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}

/** Whether presented secret credentials are the given id and secret (the worker's check). */
export function presentsSecret(presented: PresentedCredentials, clientId: string, secret: string): boolean {
  if (presented.method === "CLIENT_SECRET_BASIC") return presented.candidates.some(([id, value]) => safeEqual(id, clientId) && safeEqual(value, secret));
  if (presented.method === "CLIENT_SECRET_POST") return safeEqual(presented.clientId, clientId) && safeEqual(presented.secret, secret);
  return false;
}
