/**
 * Signs a user in to a PingOne application the way a relying party and its user's browser do,
 * for `npm start` (demo/run.ts) and the end-to-end tests (test/helpers/signin.ts).
 *
 * The relying party's part is openid-client v6 (panva's certified RP library): discovery, the
 * authorization URL with PKCE/state/nonce, the code exchange (which validates state, iss and the
 * ID token's claims), refresh, client credentials and userinfo. Token signatures are verified with
 * jose against the discovery document's `jwks_uri`.
 *
 * The browser's part is plain `fetch` with `redirect: "manual"`, following PingOne's flow API as
 * its workflow pages do (https://developer.pingidentity.com/pingone-api/getting-started/simple-sso-workflow/step-5-get-the-flow.html
 * and the steps after it):
 *   1. `GET {issuer}/authorize?…` answers 302 to the sign-on page with `?flowId=…`;
 *   2. `GET {authUrl}/{envId}/flows/{flowId}` answers the flow, status `USERNAME_PASSWORD_REQUIRED`;
 *   3. `POST` the same URL with `Content-Type: application/vnd.pingidentity.usernamePassword.check+json`
 *      and `{ username, password }` answers status `COMPLETED`, `resumeUrl`, and the session cookie
 *      `ST` (https://developer.pingidentity.com/pingone-api/getting-started/simple-sso-workflow/step-5-submit-login-credentials.html);
 *   4. `GET resumeUrl` with that cookie answers 302 to `redirect_uri?code=…&state=…`
 *      (https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2/resume.html).
 * The flow URL is built from the issuer, never taken from a redirect, so the password only ever
 * goes to the issuer's own host; cookies are kept for that host only.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import * as oidc from "openid-client";

/** How the client authenticates at the token endpoint, in PingOne's words (`tokenEndpointAuthMethod`). */
export type ClientAuthMethod = "CLIENT_SECRET_BASIC" | "CLIENT_SECRET_POST" | "NONE";

export interface RelyingParty {
  /** `{authUrl}/{envId}/as` */
  issuer: string;
  clientId: string;
  clientSecret?: string;
  authMethod: ClientAuthMethod;
}

export interface TestUserCredentials {
  username: string;
  password: string;
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

/** The flow API's media type for the username/password step. */
export const USERNAME_PASSWORD_CHECK = "application/vnd.pingidentity.usernamePassword.check+json";
/** Each request of the browser's part gives up after this long. */
const REQUEST_TIMEOUT_MS = 10_000;
/** The most the browser's part reads of any answer (a flow or an error body is a few hundred bytes). */
const MAX_BODY_BYTES = 64 * 1024;

/** The authorize endpoint answered the browser itself instead of redirecting (PingOne's `{ code, message }` body). */
export class AuthorizeRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown> | undefined,
  ) {
    super(`authorize answered ${status} without a redirect: ${bodyExcerpt(body)}`);
    this.name = "AuthorizeRefusedError";
  }
}

/** A step of the flow API did not go as the username/password sign-on policy says it should. */
export class FlowError extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    readonly body: Record<string, unknown> | undefined,
  ) {
    super(`sign-in flow, ${step}: ${status} ${bodyExcerpt(body)}`);
    this.name = "FlowError";
  }
}

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
  const params: Record<string, string> = { redirect_uri: options.redirectUri, scope: options.scope, response_type: "code", state: checks.state, nonce: checks.nonce };
  if (pkce !== "none") {
    checks.pkceCodeVerifier = oidc.randomPKCECodeVerifier();
    params.code_challenge = pkce === "S256" ? await oidc.calculatePKCECodeChallenge(checks.pkceCodeVerifier) : checks.pkceCodeVerifier;
    params.code_challenge_method = pkce;
  }
  return { url: oidc.buildAuthorizationUrl(config, { ...params, ...options.params }), checks };
}

/**
 * The browser's part: from the authorization URL to where the authorization server sends the
 * browser back (`redirect_uri?code=…` or `redirect_uri?error=…`). Throws AuthorizeRefusedError
 * when authorize answers by itself (an unknown client, a redirect URI not registered), FlowError
 * when a flow step fails.
 */
export async function signInAsBrowser(config: oidc.Configuration, authorizationUrl: URL, user: TestUserCredentials, redirectUri: string): Promise<URL> {
  const issuer = new URL(config.serverMetadata().issuer);
  const browser = new Browser(issuer.origin);
  const isCallback = (url: URL): boolean => `${url.origin}${url.pathname}` === `${new URL(redirectUri).origin}${new URL(redirectUri).pathname}`;

  const authorize = await browser.get(authorizationUrl);
  if (!authorize.location) throw new AuthorizeRefusedError(authorize.status, authorize.body);
  if (isCallback(authorize.location)) return authorize.location;
  const flowId = authorize.location.searchParams.get("flowId");
  if (!flowId) throw new AuthorizeRefusedError(authorize.status, { location: authorize.location.origin + authorize.location.pathname });

  // `{authUrl}/{envId}/flows/{flowId}`: the issuer is `{authUrl}/{envId}/as`.
  const flowUrl = new URL(`${issuer.pathname.replace(/\/as\/?$/, "")}/flows/${encodeURIComponent(flowId)}`, issuer.origin);
  const flow = await browser.get(flowUrl);
  if (flow.status !== 200 || flow.body?.status !== "USERNAME_PASSWORD_REQUIRED") throw new FlowError("read the flow", flow.status, flow.body);
  const checked = await browser.post(flowUrl, USERNAME_PASSWORD_CHECK, JSON.stringify({ username: user.username, password: user.password }));
  if (checked.status !== 200 || checked.body?.status !== "COMPLETED" || typeof checked.body.resumeUrl !== "string") {
    throw new FlowError("usernamePassword.check", checked.status, checked.body);
  }
  const resumeUrl = new URL(checked.body.resumeUrl);
  if (resumeUrl.origin !== issuer.origin) throw new FlowError("resume", checked.status, { resumeUrl: resumeUrl.origin });
  const resume = await browser.get(resumeUrl);
  if (!resume.location || !isCallback(resume.location)) throw new FlowError("resume", resume.status, resume.body);
  return resume.location;
}

/** The code exchange: openid-client checks state, iss, PKCE and the ID token (nonce, aud, exp). */
export function exchangeCode(config: oidc.Configuration, callback: URL, checks: AuthorizationChecks): Promise<TokenSet> {
  return explained(oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: checks.pkceCodeVerifier, expectedState: checks.state, expectedNonce: checks.nonce }));
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
  const request = await authorizationRequest(config, { redirectUri: options.redirectUri, scope: options.scope ?? "openid profile email", pkce: options.pkce });
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

interface Hop {
  status: number;
  location?: URL;
  body?: Record<string, unknown>;
}

/** The little a browser does here: one cookie jar for the authorization server's origin, no automatic redirects. */
class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly origin: string) {}

  get(url: URL): Promise<Hop> {
    return this.send(url, { method: "GET" });
  }

  post(url: URL, contentType: string, body: string): Promise<Hop> {
    return this.send(url, { method: "POST", headers: { "content-type": contentType }, body });
  }

  private async send(url: URL, init: { method: string; headers?: Record<string, string>; body?: string }): Promise<Hop> {
    const ours = url.origin === this.origin;
    const headers: Record<string, string> = { accept: "application/json", ...init.headers };
    if (ours && this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const res = await fetch(url, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (ours) this.keepCookies(res.headers.getSetCookie());
    const location = res.headers.get("location");
    return { status: res.status, location: location ? new URL(location, url) : undefined, body: await readJsonObject(res) };
  }

  private keepCookies(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      // An empty value or Max-Age=0 is how a server clears a cookie.
      if (value === "" || /;\s*max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** The answer's JSON object, read up to MAX_BODY_BYTES; undefined for anything else. */
async function readJsonObject(res: Response): Promise<Record<string, unknown> | undefined> {
  if (!res.body) return undefined;
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function bodyExcerpt(body: Record<string, unknown> | undefined): string {
  if (!body) return "(no JSON body)";
  const text = JSON.stringify(body);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function isLoopback(url: URL): boolean {
  return url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
}
