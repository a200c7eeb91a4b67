/**
 * Signs a user in to a PingOne application the way a relying party and its user's browser do,
 * for `npm start` (demo/run.ts) and the end-to-end tests (test/helpers/signin.ts).
 *
 * The relying party's part is openid-client v6 (panva's certified RP library): discovery, the
 * authorization URL with PKCE/state/nonce, the code exchange (which validates state, iss and the
 * ID token's claims), refresh, client credentials and userinfo. Token signatures are verified with
 * jose against the discovery document's `jwks_uri`.
 *
 * The browser's part is scripts/browser.ts: authorize → sign-on page → the flow API → resume →
 * the redirect back. Here it must end at the redirect URI.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import * as oidc from "openid-client";
import type { TokenEndpointAuthMethod } from "../pingone";
import { DEFAULT_OIDC_SCOPES } from "../provider/oidc-client/options";
import { AuthorizeRefusedError, DEFAULT_HOP_LIMITS, FlowError, isRedirectTo, walkSignIn, type TestUserCredentials } from "./browser";

export { AuthorizeRefusedError, FlowError, type TestUserCredentials } from "./browser";

/**
 * The methods this relying party authenticates with at the token endpoint, in PingOne's words.
 *
 * @see TOKEN_ENDPOINT_AUTH_METHODS in pingone/enums.ts
 */
export const CLIENT_AUTH_METHODS = ["CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "NONE"] as const satisfies readonly TokenEndpointAuthMethod[];

/** How the client authenticates at the token endpoint, in PingOne's words (`tokenEndpointAuthMethod`). */
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

export interface RelyingParty {
  /** `{authUrl}/{envId}/as` */
  issuer: string;
  clientId: string;
  clientSecret?: string;
  authMethod: ClientAuthMethod;
}

/** What the code exchange must check: the values the authorization request carried. */
export interface AuthorizationChecks {
  state: string;
  nonce: string;
  pkceCodeVerifier?: string;
}

/** `none` sends no code challenge; `plain` sends the verifier itself (RFC 7636 §4.2). */
export type PkceMethod = "S256" | "plain" | "none";

export type TokenSet = Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;

/** Each request gives up after this long. */
const REQUEST_TIMEOUT_MS = DEFAULT_HOP_LIMITS.timeoutMs;

/**
 * openid-client's configuration from the issuer's discovery document. Plain HTTP is allowed for a
 * loopback issuer only (the emulator); anything else must be HTTPS.
 */
export function discover(rp: RelyingParty): Promise<oidc.Configuration> {
  const issuer = new URL(rp.issuer);
  const execute = issuer.protocol === "http:" && isLoopback(issuer) ? [oidc.allowInsecureRequests] : [];
  return oidc.discovery(issuer, rp.clientId, rp.clientSecret, clientAuth(rp), { execute, timeout: REQUEST_TIMEOUT_MS / 1000 });
}

function clientAuth(rp: RelyingParty): oidc.ClientAuth {
  if (rp.authMethod === "NONE") return oidc.None();
  if (!rp.clientSecret) throw new TypeError(`${rp.authMethod} needs the client secret of client ${rp.clientId}`);
  return rp.authMethod === "CLIENT_SECRET_POST" ? oidc.ClientSecretPost(rp.clientSecret) : oidc.ClientSecretBasic(rp.clientSecret);
}

/** An authorization request URL with fresh state, nonce and (unless `none`) a PKCE challenge. */
export async function authorizationRequest(
  config: oidc.Configuration,
  options: { redirectUri: string; scope: string; pkce?: PkceMethod; params?: Record<string, string> },
): Promise<{ url: URL; checks: AuthorizationChecks }> {
  const pkce = options.pkce ?? "S256";
  const checks: AuthorizationChecks = { state: oidc.randomState(), nonce: oidc.randomNonce() };
  const params: Record<string, string> = {
    redirect_uri: options.redirectUri,
    scope: options.scope,
    response_type: "code",
    state: checks.state,
    nonce: checks.nonce,
  };
  if (pkce !== "none") {
    checks.pkceCodeVerifier = oidc.randomPKCECodeVerifier();
    params.code_challenge = pkce === "S256" ? await oidc.calculatePKCECodeChallenge(checks.pkceCodeVerifier) : checks.pkceCodeVerifier;
    params.code_challenge_method = pkce;
  }
  return { url: oidc.buildAuthorizationUrl(config, { ...params, ...options.params }), checks };
}

/**
 * The browser's part (scripts/browser.ts): from the authorization URL to where the authorization
 * server sends the browser back (`redirect_uri?code=…` or `redirect_uri?error=…`). Throws
 * AuthorizeRefusedError when authorize answers by itself (an unknown client, a redirect URI not
 * registered), FlowError when a flow step fails or resume does not send the browser back.
 */
export async function signInAsBrowser(config: oidc.Configuration, authorizationUrl: URL, user: TestUserCredentials, redirectUri: string): Promise<URL> {
  const walk = await walkSignIn(authorizationUrl, user, { issuer: config.serverMetadata().issuer, redirectUri });
  if (!walk.resume) {
    if (walk.callback) return walk.callback;
    throw new AuthorizeRefusedError(walk.authorize.status, walk.authorize.body);
  }
  const landed = walk.resume.location;
  if (!landed || !isRedirectTo(landed, redirectUri)) throw new FlowError("resume", walk.resume.status, walk.resume.body);
  return landed;
}

/** The code exchange: openid-client checks state, iss, PKCE and the ID token (nonce, aud, exp). */
export function exchangeCode(config: oidc.Configuration, callback: URL, checks: AuthorizationChecks): Promise<TokenSet> {
  return explained(
    oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: checks.pkceCodeVerifier, expectedState: checks.state, expectedNonce: checks.nonce }),
  );
}

/** A refresh; with rotation the answer carries the next refresh token. */
export function refresh(config: oidc.Configuration, refreshToken: string): Promise<Awaited<ReturnType<typeof oidc.refreshTokenGrant>>> {
  return explained(oidc.refreshTokenGrant(config, refreshToken));
}

/**
 * openid-client's errors say "server responded with an error in the response body"; this adds the
 * OAuth error and a bounded excerpt of its description to the message (same error object).
 */
async function explained<T>(step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) {
      const description = (error.error_description ?? "").slice(0, 200);
      error.message = `${error.message}: ${error.error}${description ? ` (${description})` : ""}`;
    }
    throw error;
  }
}

export interface SignedIn {
  config: oidc.Configuration;
  tokens: TokenSet;
  /** The ID token's claims, its signature verified against `jwks_uri`. */
  idClaims: JWTPayload;
  /** The access token's claims, its signature verified against `jwks_uri`. */
  accessClaims: JWTPayload;
}

/** Discovery, authorization request, the browser's sign-in, the code exchange, and both tokens verified. */
export async function signIn(
  rp: RelyingParty,
  options: { redirectUri: string; user: TestUserCredentials; scope?: string; pkce?: PkceMethod },
): Promise<SignedIn> {
  const config = await discover(rp);
  const request = await authorizationRequest(config, {
    redirectUri: options.redirectUri,
    scope: options.scope ?? DEFAULT_OIDC_SCOPES.join(" "),
    pkce: options.pkce,
  });
  const callback = await signInAsBrowser(config, request.url, options.user, options.redirectUri);
  const tokens = await exchangeCode(config, callback, request.checks);
  if (!tokens.id_token) throw new Error(`client ${rp.clientId}: the token response has no ID token`);
  return { config, tokens, idClaims: await verifyJwt(config, tokens.id_token, rp.clientId), accessClaims: await verifyJwt(config, tokens.access_token) };
}

/** A `client_credentials` token (a worker), its signature verified. */
export async function clientCredentials(rp: RelyingParty, scope?: string): Promise<{ config: oidc.Configuration; accessToken: string; claims: JWTPayload }> {
  const config = await discover(rp);
  const tokens = await explained(oidc.clientCredentialsGrant(config, scope ? { scope } : {}));
  return { config, accessToken: tokens.access_token, claims: await verifyJwt(config, tokens.access_token) };
}

const keySets = new Map<string, JWTVerifyGetKey>();

/**
 * Verifies a JWT's RS256 signature against the discovery document's `jwks_uri`, its issuer, its
 * expiry and (when given) its audience; answers the claims.
 */
export async function verifyJwt(config: oidc.Configuration, token: string, audience?: string): Promise<JWTPayload> {
  const { issuer, jwks_uri: jwksUri } = config.serverMetadata();
  if (!jwksUri) throw new Error(`${issuer}: the discovery document has no jwks_uri`);
  let keys = keySets.get(jwksUri);
  if (!keys) keySets.set(jwksUri, (keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: REQUEST_TIMEOUT_MS })));
  const { payload } = await jwtVerify(token, keys, { issuer, algorithms: ["RS256"], ...(audience === undefined ? {} : { audience }) });
  return payload;
}

/**
 * A token for printing. A JWT keeps its first 10 characters (the start of its JOSE header, which
 * holds no claim and no secret); any other token is masked whole.
 */
export function maskToken(token: string | undefined): string {
  if (token === undefined) return "(none)";
  return token.startsWith("eyJ") ? `${token.slice(0, 10)}…(masked)` : `(masked, ${token.length} characters)`;
}

function isLoopback(url: URL): boolean {
  return url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
}
