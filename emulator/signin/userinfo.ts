/**
 * `GET|POST {issuer}/userinfo` (OpenID Connect Core §5.3): with a bearer access token this
 * environment issued to a user (signature checked with jose against the environment's key, not
 * expired, not revoked, for the PingOne API audience, with the `openid` scope), answers `sub` and
 * the claims the token's scopes release. Errors per RFC 6750 §3: 401 with
 * `WWW-Authenticate: Bearer error="invalid_token"`, 403 `insufficient_scope`, 400 `invalid_request`.
 * The token travels in the `Authorization` header only (RFC 6750 §2.1).
 */
import { jwtVerify } from "jose";
import { issuerOf, OPENID_SCOPE } from "../../pingone";
import type { EmulatorResponse } from "../http";
import { apiAudience, userClaims } from "./claims";
import { findUser } from "./users";
import type { SignInContext, SignInRequest } from "./context";
import { SIGNING_ALGORITHM, signingKey } from "./keys";

export async function handleUserinfo(ctx: SignInContext, request: SignInRequest): Promise<EmulatorResponse> {
  const environmentId = request.environment.id;
  const header = request.req.headers.authorization;
  if (header === undefined) return bearerError(401, undefined, "The request has no access token.");
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  if (!match) return bearerError(400, "invalid_request", "The Authorization header must be 'Bearer <access token>'.");

  const key = await signingKey(ctx, environmentId);
  let claims;
  try {
    ({ payload: claims } = await jwtVerify(match[1], key.publicKey, {
      issuer: issuerOf(ctx.authUrl, environmentId),
      audience: apiAudience(ctx),
      algorithms: [SIGNING_ALGORITHM],
      currentDate: new Date(ctx.now()),
      requiredClaims: ["exp", "jti"],
    }));
  } catch {
    return bearerError(401, "invalid_token", "The access token is invalid or expired.");
  }
  const record = typeof claims.jti === "string" ? ctx.signin.issued.accessTokens.get(claims.jti) : undefined;
  if (!record || record.revoked || record.expiresAt <= ctx.now()) return bearerError(401, "invalid_token", "The access token was revoked or has expired.");
  if (typeof claims.sub !== "string") return bearerError(401, "invalid_token", "The access token was not issued to a user.");
  const scopes = typeof claims.scope === "string" ? claims.scope.split(" ") : [];
  if (!scopes.includes(OPENID_SCOPE)) return bearerError(403, "insufficient_scope", "The access token does not have the openid scope.");
  const user = findUser(ctx.signin, environmentId, claims.sub);
  if (!user) return bearerError(401, "invalid_token", "The user of the access token no longer exists.");
  return { status: 200, headers: { "cache-control": "no-store" }, body: { sub: user.id, ...userClaims(user, scopes) } };
}

/** RFC 6750 §3: the challenge names the error; a request without any token gets no error code (§3.1). */
function bearerError(
  status: 400 | 401 | 403,
  error: "invalid_request" | "invalid_token" | "insufficient_scope" | undefined,
  description: string,
): EmulatorResponse {
  const challenge = error === undefined ? 'Bearer realm="PingOne"' : `Bearer realm="PingOne", error="${error}", error_description="${description}"`;
  const body = error === undefined ? { error: "invalid_token", error_description: description } : { error, error_description: description };
  return { status, headers: { "www-authenticate": challenge, "cache-control": "no-store" }, body };
}
