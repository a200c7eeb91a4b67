/**
 * The user claims each OpenID scope releases (OpenID Connect Core §5.4,
 * https://openid.net/specs/openid-connect-core-1_0.html#ScopeClaims), from a test user's record,
 * and the audience of the tokens the `openid` resource's scopes give.
 */
import { MANAGEMENT_API_VERSION_PREFIX, OPENID_SCOPE_BY_NAME } from "../../pingone";
import type { SignInContext } from "./context";
import type { TestUser } from "./types";

/** `profile` and `email` claims of a user for the scopes given; `address` and `phone` have no data here. */
export function userClaims(user: TestUser, scopes: readonly string[]): Record<string, string | number> {
  const claims: Record<string, string | number> = {};
  if (scopes.includes(OPENID_SCOPE_BY_NAME.profile)) {
    claims.preferred_username = user.username;
    if (user.givenName !== undefined) claims.given_name = user.givenName;
    if (user.familyName !== undefined) claims.family_name = user.familyName;
    const name = [user.givenName, user.familyName].filter((part) => part !== undefined).join(" ");
    if (name !== "") claims.name = name;
    const updatedAt = Date.parse(user.updatedAt);
    if (!Number.isNaN(updatedAt)) claims.updated_at = Math.floor(updatedAt / 1000);
  }
  if (scopes.includes(OPENID_SCOPE_BY_NAME.email) && user.email !== undefined) claims.email = user.email;
  return claims;
}

/**
 * The audience of access tokens for the `openid` resource's scopes (and of the client-credentials
 * tokens, whose resources here are all PingOne's own): the PingOne API's base, the management
 * API URL without `/v1` (`https://api.pingone.com` on PingOne). PingOne's token claims page says
 * `aud` "lists the names of resources that this token is intended for" and that `env`/`org` are
 * present when the audience includes the PingOne platform API resource
 * (https://developer.pingidentity.com/pingone-api/foundations/authentication-concepts/access-tokens-and-id-tokens/token-claims.html).
 */
export function apiAudience(ctx: Pick<SignInContext, "apiUrl">): string {
  for (const tail of [MANAGEMENT_API_VERSION_PREFIX, `${MANAGEMENT_API_VERSION_PREFIX}/`]) {
    if (ctx.apiUrl.endsWith(tail)) return ctx.apiUrl.slice(0, -tail.length);
  }
  return ctx.apiUrl;
}
