/**
 * Access and ID tokens: JWTs signed with the environment's RS256 key (keys.ts), with PingOne's
 * claims (https://developer.pingidentity.com/pingone-api/foundations/authentication-concepts/access-tokens-and-id-tokens/token-claims.html):
 * - access token: `iss` (`{authUrl}/{envId}/as`), `sub` (the user; absent for client_credentials),
 *   `aud` (the resources it is for), `client_id`, `scope` (space-separated), `iat`, `exp`, `sid`,
 *   `auth_time` and `acr` (absent for client_credentials), `env` and `org`;
 * - ID token: signed with the same key; `iss`, `sub`, `aud` (the client id), `iat`, `exp`,
 *   `auth_time`, `acr`, `amr`, `nonce`, `sid`, `at_hash`/`c_hash` (OpenID Connect Core §3.3.2.11),
 *   `env`, `org`, and the user claims the granted OpenID scopes release (claims.ts).
 * `jti` is the emulator's handle for revoking an access token (a reused code, a replayed refresh
 * token), which a userinfo call then sees.
 */
import { createHash, randomUUID } from "node:crypto";
import { SignJWT, type JWTPayload } from "jose";
import { DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS, issuerOf } from "../../pingone";
import { apiAudience, userClaims } from "./claims";
import { findUser } from "./users";
import type { SignInContext } from "./context";
import { SIGNING_ALGORITHM, signingKey } from "./keys";
import { remember } from "./limits";

/**
 * PingOne's default access token lifetime (pingone/grants.ts). The emulator uses it for ID tokens
 * too (not documented by PingOne; see the README).
 *
 * @see DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS
 */
export const ACCESS_TOKEN_LIFETIME_SECONDS = DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS;
/** The ID token's lifetime: the access token's (the emulator's choice). */
export const ID_TOKEN_LIFETIME_SECONDS = ACCESS_TOKEN_LIFETIME_SECONDS;
/** The authentication method reference of a password check (RFC 8176 §2). */
const PASSWORD_AMR = "pwd";

/** Who a token is for and what it carries. */
export interface TokenSubject {
  environmentId: string;
  applicationId: string;
  /** Absent for client_credentials tokens. */
  userId?: string;
  sessionId?: string;
  scopes: string[];
  nonce?: string;
  /** Epoch seconds. */
  authTime?: number;
  acr?: string;
  /** The grant family the token belongs to (revoked together); absent for client_credentials. */
  familyId?: string;
}

export async function mintAccessToken(ctx: SignInContext, subject: TokenSubject): Promise<{ token: string; expiresIn: number; jti: string }> {
  const issuedAt = Math.floor(ctx.now() / 1000);
  const expiresIn = ACCESS_TOKEN_LIFETIME_SECONDS;
  const jti = randomUUID();
  const claims: JWTPayload = {
    client_id: subject.applicationId,
    scope: subject.scopes.join(" "),
    ...sessionClaims(subject),
    ...environmentClaims(ctx, subject.environmentId),
  };
  let jwt = new SignJWT(claims)
    .setIssuer(issuerOf(ctx.authUrl, subject.environmentId))
    .setAudience([apiAudience(ctx)])
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + expiresIn)
    .setJti(jti);
  if (subject.userId !== undefined) jwt = jwt.setSubject(subject.userId);
  const token = await sign(ctx, subject.environmentId, jwt);

  const expiresAt = (issuedAt + expiresIn) * 1000;
  const issued = ctx.signin.issued;
  remember(
    issued.accessTokens,
    jti,
    { environmentId: subject.environmentId, expiresAt, revoked: false, familyId: subject.familyId },
    ctx.now(),
    (r) => r.expiresAt,
  );
  if (subject.familyId !== undefined) issued.families.get(subject.familyId)?.accessTokenIds.add(jti);
  // Known to the management API's bearer check, which refuses it (403): it is not a worker token.
  ctx.tokens.remember(token, expiresAt);
  return { token, expiresIn, jti };
}

/** `accessToken`/`code` give `at_hash`/`c_hash` when the ID token travels with them. */
export async function mintIdToken(ctx: SignInContext, subject: TokenSubject, travelsWith?: { accessToken?: string; code?: string }): Promise<string> {
  if (subject.userId === undefined) throw new TypeError("an ID token needs a user");
  const issuedAt = Math.floor(ctx.now() / 1000);
  const user = findUser(ctx.signin, subject.environmentId, subject.userId);
  const claims: JWTPayload = {
    ...(user ? userClaims(user, subject.scopes) : {}),
    ...sessionClaims(subject),
    amr: [PASSWORD_AMR],
    ...environmentClaims(ctx, subject.environmentId),
  };
  if (subject.nonce !== undefined) claims.nonce = subject.nonce;
  if (travelsWith?.accessToken !== undefined) claims.at_hash = leftHalfHash(travelsWith.accessToken);
  if (travelsWith?.code !== undefined) claims.c_hash = leftHalfHash(travelsWith.code);
  const jwt = new SignJWT(claims)
    .setIssuer(issuerOf(ctx.authUrl, subject.environmentId))
    .setSubject(subject.userId)
    .setAudience(subject.applicationId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ID_TOKEN_LIFETIME_SECONDS);
  return sign(ctx, subject.environmentId, jwt);
}

async function sign(ctx: SignInContext, environmentId: string, jwt: SignJWT): Promise<string> {
  const key = await signingKey(ctx, environmentId);
  return jwt.setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid }).sign(key.privateKey);
}

/** `sid`, `auth_time` and `acr`: present for tokens of a user's sign-in only. */
function sessionClaims(subject: TokenSubject): JWTPayload {
  const claims: JWTPayload = {};
  if (subject.sessionId !== undefined) claims.sid = subject.sessionId;
  if (subject.authTime !== undefined) claims.auth_time = subject.authTime;
  if (subject.acr !== undefined) claims.acr = subject.acr;
  return claims;
}

function environmentClaims(ctx: SignInContext, environmentId: string): JWTPayload {
  const organizationId = ctx.store.environment(environmentId)?.organizationId;
  return organizationId === undefined ? { env: environmentId } : { env: environmentId, org: organizationId };
}

/** base64url of the left half of SHA-256 of the value (RS256's hash): OpenID Connect Core §3.3.2.11. */
function leftHalfHash(value: string): string {
  const digest = createHash("sha256").update(value, "ascii").digest();
  return digest.subarray(0, digest.length / 2).toString("base64url");
}
