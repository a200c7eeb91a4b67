/**
 * The environment's issuer, its endpoints, and `GET {issuer}/.well-known/openid-configuration`.
 *
 * Shape and values follow PingOne's published example response
 * (https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2/discovery-openid-configuration.html):
 * issuer `https://auth.pingone.com/{envId}/as`; endpoints `{issuer}/authorize`, `/par`, `/token`,
 * `/userinfo`, `/jwks`, `/signoff`; `claims_parameter_supported: false`,
 * `request_parameter_supported: true`, `request_uri_parameter_supported: false`,
 * `require_pushed_authorization_requests: false`; scopes `openid profile email address phone`;
 * response types and modes (`pi.flow`, `query`, `fragment`, `form_post`) as listed there.
 * `claims_supported`, `claim_types_supported`, `subject_types_supported` and
 * `id_token_signing_alg_values_supported` are those of PingOne's document as PingOne's
 * "Discover OpenID Provider Metadata" example shows it
 * (https://developer.pingidentity.com/pingone-api/platform/identity-provider-management/identity-providers/discover-openid-provider-metadata.html).
 * The client authentication methods and their signing algorithms are PingOne's five methods
 * (https://docs.pingidentity.com/pingone/applications/p1_token_endpoint_authentication_methods.html:
 * CLIENT_SECRET_JWT with HS256/384/512, PRIVATE_KEY_JWT with RS256/384/512).
 *
 * Where the emulator differs from PingOne's document, it advertises only what it serves:
 * `request_parameter_supported` is false (PingOne's is true) because authorize refuses request
 * objects with `request_not_supported`, so `request_object_signing_alg_values_supported` is left
 * out; `authorization_response_iss_parameter_supported` (RFC 9207) is left out because the
 * authorization response carries no `iss` (see authorization-response.ts).
 *
 * Left out on purpose: the introspection, revocation and device-authorization endpoints and the
 * device-code grant, which PingOne publishes but the emulator does not serve (a client must not be
 * sent to a 404).
 */
import { authEndpointUrl, issuerOf, OPENID_SCOPE_NAMES, type EnvironmentAuthEndpointName } from "../../pingone";
import type { EmulatorResponse } from "../http";
import type { SignInContext, SignInRequest } from "./context";
import { SIGNING_ALGORITHM } from "./keys";

/** The issuer's endpoints the discovery document names (each `{issuer}/{name}` in PingOne). */
export type Endpoint = Extract<EnvironmentAuthEndpointName, "authorize" | "par" | "token" | "userinfo" | "jwks" | "signoff">;

/**
 * The URL of one of an environment's authorization-server endpoints on the emulator's auth host.
 *
 * @see authEndpointUrl in pingone/endpoints.ts
 */
export function endpointOf(ctx: Pick<SignInContext, "authUrl">, environmentId: string, endpoint: Endpoint): string {
  return authEndpointUrl(ctx.authUrl, endpoint, environmentId);
}

const CLAIMS_SUPPORTED = [
  "sub",
  "iss",
  "auth_time",
  "acr",
  "name",
  "given_name",
  "family_name",
  "middle_name",
  "preferred_username",
  "profile",
  "picture",
  "zoneinfo",
  "phone_number",
  "updated_at",
  "address",
  "email",
  "locale",
];
export const CLIENT_AUTH_METHODS_SUPPORTED = ["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"];
export const SHARED_SECRET_ASSERTION_ALGORITHMS = ["HS256", "HS384", "HS512"];
export const PRIVATE_KEY_ASSERTION_ALGORITHMS = ["RS256", "RS384", "RS512"];

export function discoveryDocument(ctx: Pick<SignInContext, "authUrl">, environmentId: string): Record<string, unknown> {
  const at = (endpoint: Endpoint): string => endpointOf(ctx, environmentId, endpoint);
  return {
    issuer: issuerOf(ctx.authUrl, environmentId),
    authorization_endpoint: at("authorize"),
    pushed_authorization_request_endpoint: at("par"),
    token_endpoint: at("token"),
    userinfo_endpoint: at("userinfo"),
    jwks_uri: at("jwks"),
    end_session_endpoint: at("signoff"),
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    require_pushed_authorization_requests: false,
    scopes_supported: [...OPENID_SCOPE_NAMES],
    response_types_supported: ["code", "id_token", "token id_token", "code id_token", "code token", "code token id_token"],
    response_modes_supported: ["pi.flow", "query", "fragment", "form_post"],
    grant_types_supported: ["authorization_code", "implicit", "client_credentials", "refresh_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
    userinfo_signing_alg_values_supported: ["none"],
    token_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS_SUPPORTED,
    token_endpoint_auth_signing_alg_values_supported: [...SHARED_SECRET_ASSERTION_ALGORITHMS, ...PRIVATE_KEY_ASSERTION_ALGORITHMS],
    claim_types_supported: ["normal"],
    claims_supported: CLAIMS_SUPPORTED,
    code_challenge_methods_supported: ["plain", "S256"],
  };
}

export function handleDiscovery(ctx: SignInContext, request: SignInRequest): EmulatorResponse {
  const document = discoveryDocument(ctx, request.environment.id) as EmulatorResponse["body"];
  return { status: 200, headers: { "cache-control": "public, max-age=300" }, body: document };
}
