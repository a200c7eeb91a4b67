/**
 * The token endpoint's grants for applications (`POST {issuer}/token`), after client
 * authentication (client-authentication.ts):
 *
 * - `authorization_code` (RFC 6749 §4.1.3): the code the front channel issued to this client, not
 *   expired, `redirect_uri` equal to the authorization request's; PKCE (RFC 7636 §4.6): a code
 *   with a challenge needs the matching `code_verifier` (S256 or plain), and a `code_verifier`
 *   for a code without a challenge is refused (RFC 9700 §2.1.1, against PKCE downgrade). A
 *   second exchange of a code is refused and revokes what the first one issued (RFC 6749 §4.1.2).
 * - `refresh_token` (RFC 6749 §6): rotation (a new refresh token on each use, the used one
 *   stops working: https://docs.pingidentity.com/pingone/applications/p1_refresh_token_rotation.html),
 *   PingOne's durations and replay protection (see `refreshPolicy`). Scopes may narrow, never widen.
 * - `client_credentials` (RFC 6749 §4.4): tokens for the application itself, no user.
 *
 * The application must have the grant type (`grantTypes`), else `unauthorized_client`; a grant
 * type the emulator does not know is `unsupported_grant_type`. Errors are RFC 6749 §5.2 bodies.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { APPLICATION_FIELDS, OPENID_SCOPE, TOKEN_ENDPOINT_AUTH_METHOD } from "../../pingone";
import { tokenGrants } from "../client-auth";
import { oauthError } from "../errors";
import type { EmulatorResponse } from "../http";
import type { StoredApplication } from "../store";
import { findUser } from "./users";
import type { SignInContext } from "./context";
import { excerpt } from "./authorization-request";
import { grantedScopes, scopeList, scopesNotGranted } from "./granted-scopes";
import { remember } from "./limits";
import type { RefreshTokenRecord, TokenFamily } from "./token-state";
import { mintAccessToken, mintIdToken, type TokenSubject } from "./tokens";

/** The grant types the emulator's token endpoint serves to applications. */
const SERVED_GRANT_TYPES = ["authorization_code", "refresh_token", "client_credentials"];
/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export async function handleApplicationGrant(
  ctx: SignInContext,
  app: StoredApplication,
  form: URLSearchParams,
  environmentId: string,
): Promise<EmulatorResponse> {
  const grantType = form.get("grant_type");
  if (!grantType) return oauthError(400, "invalid_request", "The request is missing the grant_type parameter.");
  if (!SERVED_GRANT_TYPES.includes(grantType)) return oauthError(400, "unsupported_grant_type", `The grant type '${excerpt(grantType)}' is not supported.`);
  if (!tokenGrants(app).includes(grantType))
    return oauthError(400, "unauthorized_client", `The application is not allowed the grant type '${excerpt(grantType)}'.`);
  ctx.signin.sweep();
  ctx.signin.issued.sweep();
  switch (grantType) {
    case "authorization_code":
      return exchangeCode(ctx, app, form, environmentId);
    case "refresh_token":
      return refresh(ctx, app, form, environmentId);
    default:
      return clientCredentials(ctx, app, form, environmentId);
  }
}

async function exchangeCode(ctx: SignInContext, app: StoredApplication, form: URLSearchParams, environmentId: string): Promise<EmulatorResponse> {
  const code = form.get("code");
  if (!code) return oauthError(400, "invalid_request", "The request is missing the code parameter.");
  const now = ctx.now();
  const record = ctx.signin.codes.get(code);
  const issued = ctx.signin.issued;
  if (!record || record.expiresAt <= now || record.request.environmentId !== environmentId) {
    return oauthError(400, "invalid_grant", "The authorization code is invalid or expired.");
  }
  if (record.request.applicationId !== app.id) return oauthError(400, "invalid_grant", "The authorization code was issued to another client.");
  if (record.redeemedAt !== undefined) {
    const first = issued.codeFamilies.get(code);
    if (first) issued.revokeFamily(first.familyId);
    return oauthError(400, "invalid_grant", "The authorization code was already used; the tokens it gave are revoked.");
  }
  if (!sameRedirectUri(form.get("redirect_uri"), record.request.redirectUri)) {
    return oauthError(400, "invalid_grant", "The redirect_uri does not match the authorization request's.");
  }
  const pkce = checkPkce(record.request.codeChallenge, record.request.codeChallengeMethod, form.get("code_verifier"));
  if (pkce !== undefined) return oauthError(400, "invalid_grant", pkce);
  const user = findUser(ctx.signin, environmentId, record.userId);
  if (!user) return oauthError(400, "invalid_grant", "The user of the authorization code no longer exists.");

  record.redeemedAt = now;
  const session = ctx.signin.sessions.get(record.sessionId);
  const family = startFamily(ctx, app, environmentId, now);
  remember(issued.codeFamilies, code, { familyId: family.id, expiresAt: now + familyMemory(app) }, now, (entry) => entry.expiresAt);
  const subject: TokenSubject = {
    environmentId,
    applicationId: app.id,
    userId: record.userId,
    sessionId: record.sessionId,
    scopes: record.request.scopes,
    nonce: record.request.nonce,
    authTime: session?.authTime ?? Math.floor(record.issuedAt / 1000),
    acr: session?.acr,
    familyId: family.id,
  };
  return issueUserTokens(ctx, app, subject, subject.scopes);
}

/** Undefined when the verifier fits the challenge; otherwise why not. */
function checkPkce(challenge: string | undefined, method: "S256" | "plain" | undefined, verifier: string | null): string | undefined {
  if (challenge === undefined) {
    return verifier === null ? undefined : "A code_verifier was sent but the authorization request had no code_challenge.";
  }
  if (verifier === null) return "The code_verifier is required: the authorization request had a code_challenge.";
  if (!CODE_VERIFIER.test(verifier)) return "The code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_' and '~'.";
  const transformed = (method ?? "plain") === "S256" ? createHash("sha256").update(verifier, "ascii").digest("base64url") : verifier;
  return transformed === challenge ? undefined : "The code_verifier does not match the code_challenge.";
}

/**
 * PingOne's refresh token settings of an application
 * (https://github.com/patrickcping/pingone-go-sdk-v2, management/docs/ApplicationOIDC.md):
 * - `refreshTokenDuration`: "the lifetime in seconds of the refresh token"; 2592000 when absent;
 * - `refreshTokenRollingDuration`: "the number of seconds a refresh token can be exchanged before
 *   re-authentication is required. If a value is not provided, the refresh token is valid
 *   forever": counted here from the code exchange that started the family;
 * - `refreshTokenRollingGracePeriodDuration`: "the number of seconds that a refresh token may be
 *   reused after having been exchanged for a new set of tokens … Null is treated the same as 0";
 * - `additionalRefreshTokenReplayProtectionEnabled`: "if you attempt to reuse the refresh token,
 *   the authorization server immediately revokes the reused refresh token, as well as all
 *   descendant tokens. Setting this to null equates to a false setting"; PingOne's rotation page
 *   adds that this invalidates the access tokens too
 *   (https://docs.pingidentity.com/pingone/applications/p1_refresh_token_rotation.html).
 *   Without it, a reused (rotated) refresh token is refused and nothing else happens.
 */
function refreshPolicy(app: StoredApplication): { durationMs: number; rollingMs?: number; graceMs: number; replayProtection: boolean } {
  const seconds = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
  const rolling = seconds(app.record.refreshTokenRollingDuration);
  return {
    durationMs: (seconds(app.record.refreshTokenDuration) ?? APPLICATION_FIELDS.refreshTokenDuration.absentMeans) * 1000,
    rollingMs: rolling === undefined ? undefined : rolling * 1000,
    graceMs: (seconds(app.record.refreshTokenRollingGracePeriodDuration) ?? 0) * 1000,
    replayProtection: app.record.additionalRefreshTokenReplayProtectionEnabled === true,
  };
}

async function refresh(ctx: SignInContext, app: StoredApplication, form: URLSearchParams, environmentId: string): Promise<EmulatorResponse> {
  const token = form.get("refresh_token");
  if (!token) return oauthError(400, "invalid_request", "The request is missing the refresh_token parameter.");
  const now = ctx.now();
  const issued = ctx.signin.issued;
  const record = issued.refreshTokens.get(token);
  const family = record ? issued.families.get(record.familyId) : undefined;
  if (!record || !family || record.environmentId !== environmentId || record.expiresAt <= now) {
    return oauthError(400, "invalid_grant", "The refresh token is invalid or expired.");
  }
  if (record.applicationId !== app.id) return oauthError(400, "invalid_grant", "The refresh token was issued to another client.");
  if (family.revoked) return oauthError(400, "invalid_grant", "The refresh token was revoked.");
  const policy = refreshPolicy(app);
  if (record.rotatedAt !== undefined && now >= record.rotatedAt + policy.graceMs) {
    if (policy.replayProtection) {
      issued.revokeFamily(family.id);
      return oauthError(400, "invalid_grant", "The refresh token was already used; it and every token issued from it are revoked.");
    }
    return oauthError(400, "invalid_grant", "The refresh token was already used.");
  }
  const requested = scopeList(form.get("scope"));
  const widened = requested.filter((scope) => !record.scopes.includes(scope));
  if (widened.length > 0) return oauthError(400, "invalid_scope", `The scopes ${excerpt(widened.join(", "))} were not granted to the refresh token.`);
  // Only granted scopes are issued: a grant deleted since the sign-in ends what it allowed.
  const env = ctx.store.environment(environmentId);
  const ungranted = env ? scopesNotGranted(env, app, requested.length > 0 ? requested : record.scopes) : [];
  if (ungranted.length > 0) return oauthError(400, "invalid_scope", `The scopes ${excerpt(ungranted.join(", "))} are no longer granted to the application.`);
  if (!findUser(ctx.signin, environmentId, record.userId)) return oauthError(400, "invalid_grant", "The user of the refresh token no longer exists.");

  record.rotatedAt ??= now;
  const subject: TokenSubject = {
    environmentId,
    applicationId: app.id,
    userId: record.userId,
    sessionId: record.sessionId,
    scopes: requested.length > 0 ? requested : record.scopes,
    nonce: record.nonce,
    authTime: record.authTime,
    acr: record.acr,
    familyId: family.id,
  };
  return issueUserTokens(ctx, app, subject, record.scopes);
}

/** Access token, ID token (with `openid`), refresh token (with the REFRESH_TOKEN grant type). */
async function issueUserTokens(ctx: SignInContext, app: StoredApplication, subject: TokenSubject, grantScopes: string[]): Promise<EmulatorResponse> {
  const access = await mintAccessToken(ctx, subject);
  const body: Record<string, string | number> = {
    access_token: access.token,
    token_type: "Bearer",
    expires_in: access.expiresIn,
    scope: subject.scopes.join(" "),
  };
  if (subject.scopes.includes(OPENID_SCOPE)) body.id_token = await mintIdToken(ctx, subject, { accessToken: access.token });
  if (tokenGrants(app).includes("refresh_token") && subject.familyId !== undefined) {
    body.refresh_token = issueRefreshToken(ctx, app, subject, grantScopes);
  }
  return { status: 200, headers: { "cache-control": "no-store", pragma: "no-cache" }, body };
}

function issueRefreshToken(ctx: SignInContext, app: StoredApplication, subject: TokenSubject, grantScopes: string[]): string {
  const issued = ctx.signin.issued;
  const family = issued.families.get(subject.familyId ?? "");
  if (!family || subject.userId === undefined || subject.sessionId === undefined) throw new Error("a refresh token needs a family and a user session");
  const now = ctx.now();
  const policy = refreshPolicy(app);
  const rollingEnd = policy.rollingMs === undefined ? Number.POSITIVE_INFINITY : family.startedAt + policy.rollingMs;
  const token = randomBytes(32).toString("base64url");
  const record: RefreshTokenRecord = {
    familyId: family.id,
    environmentId: subject.environmentId,
    applicationId: app.id,
    userId: subject.userId,
    sessionId: subject.sessionId,
    scopes: grantScopes,
    nonce: subject.nonce,
    authTime: subject.authTime ?? Math.floor(now / 1000),
    acr: subject.acr ?? "",
    issuedAt: now,
    expiresAt: Math.min(now + policy.durationMs, rollingEnd),
  };
  remember(issued.refreshTokens, token, record, now, (r) => r.expiresAt);
  family.refreshTokens.add(token);
  return token;
}

function startFamily(ctx: SignInContext, app: StoredApplication, environmentId: string, now: number): TokenFamily {
  const family: TokenFamily = {
    id: randomUUID(),
    environmentId,
    applicationId: app.id,
    startedAt: now,
    revoked: false,
    accessTokenIds: new Set(),
    refreshTokens: new Set(),
  };
  // A family has no expiry of its own (sweep drops it with its last token); over the cap the oldest goes.
  remember(ctx.signin.issued.families, family.id, family, now, () => undefined);
  return family;
}

/** How long to remember which family a code started: as long as anything it led to can live. */
function familyMemory(app: StoredApplication): number {
  const policy = refreshPolicy(app);
  return Math.max(policy.rollingMs ?? policy.durationMs, policy.durationMs);
}

/**
 * Client credentials: an access token for the application itself, with the scopes of its grants
 * outside the `openid` resource (user-claim scopes mean nothing without a user); a requested
 * `scope` must be among them.
 */
async function clientCredentials(ctx: SignInContext, app: StoredApplication, form: URLSearchParams, environmentId: string): Promise<EmulatorResponse> {
  // RFC 6749 §4.4: the client credentials grant is for confidential clients only; a public client
  // (NONE) would get tokens for its bare client_id.
  if (app.record.tokenEndpointAuthMethod === TOKEN_ENDPOINT_AUTH_METHOD.NONE) {
    return oauthError(400, "unauthorized_client", "The client credentials grant needs a client that authenticates (tokenEndpointAuthMethod is NONE).");
  }
  const env = ctx.store.environment(environmentId);
  const granted = (env ? grantedScopes(env, app) : []).filter((scope) => !scope.openid).map((scope) => scope.name);
  const requested = scopeList(form.get("scope"));
  const refused = requested.filter((scope) => !granted.includes(scope));
  if (refused.length > 0) return oauthError(400, "invalid_scope", `The scopes ${excerpt(refused.join(", "))} are not granted to the application.`);
  const scopes = requested.length > 0 ? requested : granted;
  const access = await mintAccessToken(ctx, { environmentId, applicationId: app.id, scopes });
  const body: Record<string, string | number> = { access_token: access.token, token_type: "Bearer", expires_in: access.expiresIn };
  if (scopes.length > 0) body.scope = scopes.join(" ");
  return { status: 200, headers: { "cache-control": "no-store", pragma: "no-cache" }, body };
}

/**
 * The token request's `redirect_uri` names the authorization request's when both parse to the
 * same URL. WHATWG parsing applies RFC 3986 §6.2.2-6.2.3 normalisation (scheme and host case, the
 * default port, an empty path as "/"); openid-client v6 sends the normalised form of the URL the
 * browser landed on and cannot be told otherwise (github.com/panva/openid-client/issues/791).
 * What PingOne itself compares is not documented. Unparseable values must be identical.
 */
function sameRedirectUri(sent: string | null, authorized: string): boolean {
  if (sent === null) return false;
  if (sent === authorized) return true;
  try {
    return new URL(sent).href === new URL(authorized).href;
  } catch {
    return false;
  }
}
