/**
 * The browser's part of a PingOne sign-in: plain `fetch` with `redirect: "manual"`, following the
 * flow API as PingOne's hosted sign-on page does, so that every hop can be seen. One module for
 * `npm start` and the end-to-end tests (scripts/signin.ts) and for the emulator's tests
 * (test/helpers/browser-signin.ts, which asserts on each hop through the hooks).
 *
 * The hops (https://developer.pingidentity.com/pingone-api/getting-started/simple-sso-workflow/step-5-get-the-flow.html
 * and the steps after it):
 *   1. `GET {issuer}/authorize?…` answers 302 to the sign-on page with `?flowId=…`;
 *   2. the sign-on page is not loaded: the browser plays its script, which calls the flow API;
 *   3. `GET {authUrl}/{envId}/flows/{flowId}` answers the flow, status `USERNAME_PASSWORD_REQUIRED`;
 *   4. `POST` the same URL with the usernamePassword.check media type and `{ username, password }`
 *      answers status `COMPLETED`, `resumeUrl`, and the session cookie `ST`
 *      (https://developer.pingidentity.com/pingone-api/getting-started/simple-sso-workflow/step-5-submit-login-credentials.html);
 *   5. `GET resumeUrl` with that cookie answers the authorization response: a 302 to
 *      `redirect_uri?code=…&state=…` (the callback), a form_post page or pi.flow JSON
 *      (https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2/resume.html).
 * The flow URL is built from the issuer, never taken from a redirect, so the password only ever
 * goes to the issuer's own host; cookies are kept for that host only. Paths, media type and
 * statuses are PingOne's facts from pingone/. No protocol parameter is built here: the
 * authorization URL comes from openid-client.
 */
import { endpointPath, FLOW_STATUSES, issuerParts, MEDIA_TYPES } from "../pingone";

/** A test user's name and password. */
export interface TestUserCredentials {
  username: string;
  password: string;
}

/** How long the browser waits for an answer and how much of it it reads. */
export interface HopLimits {
  /** Each request gives up after this long. */
  timeoutMs: number;
  /** The most read of any answer (a flow, an error body or a form_post page is a few kilobytes). */
  maxBodyBytes: number;
}

/**
 * The limits of every request unless told otherwise.
 *
 * @see HopLimits
 */
export const DEFAULT_HOP_LIMITS: Readonly<HopLimits> = { timeoutMs: 10_000, maxBodyBytes: 64 * 1024 };

/**
 * One request and what came back, redirects not followed.
 *
 * @see sendHop
 */
export interface Hop {
  readonly method: string;
  readonly url: URL;
  readonly status: number;
  /** The `Location` header, resolved against the request's URL. */
  readonly location: URL | undefined;
  readonly headers: Headers;
  /** The body as text; "" when it was larger than the limit. */
  readonly text: string;
  /** The body when it is a JSON object. */
  readonly body: Record<string, unknown> | undefined;
}

/**
 * One request without following redirects: the unit every hop of the browser is made of, and a
 * probe for tests. `init.signal` replaces the timeout.
 *
 * @see Hop
 * @see DEFAULT_HOP_LIMITS
 */
export async function sendHop(url: string | URL, init: RequestInit = {}, limits: HopLimits = DEFAULT_HOP_LIMITS): Promise<Hop> {
  const target = new URL(url);
  const res = await fetch(target, { ...init, redirect: "manual", signal: init.signal ?? AbortSignal.timeout(limits.timeoutMs) });
  const text = await readText(res, limits.maxBodyBytes);
  const location = res.headers.get("location");
  return {
    method: (init.method ?? "GET").toUpperCase(),
    url: target,
    status: res.status,
    location: location ? new URL(location, target) : undefined,
    headers: res.headers,
    text,
    body: jsonObject(text),
  };
}

/**
 * The flow API's URL for a flow of the issuer's environment: `{authUrl}/{envId}/flows/{flowId}`
 * beside the issuer `{authUrl}/{envId}/as`.
 *
 * @see ENDPOINTS in pingone/endpoints.ts (`flow`)
 * @see issuerParts in pingone/endpoints.ts
 */
export function flowUrlOf(issuer: string | URL, flowId: string): URL {
  const parts = issuerParts(issuer);
  if (!parts) throw new TypeError(`${String(issuer)} is not a PingOne issuer ({authUrl}/{envId}/as)`);
  return new URL(`${parts.authUrl}${endpointPath("flow", { envId: parts.environmentId, flowId })}`);
}

/**
 * The username/password check on a flow, as PingOne's sign-on page sends it.
 *
 * @see MEDIA_TYPES in pingone/media-types.ts (`usernamePasswordCheck`)
 */
export function usernamePasswordCheck(user: TestUserCredentials): { method: "POST"; headers: Record<string, string>; body: string } {
  return {
    method: "POST",
    headers: { "content-type": MEDIA_TYPES.usernamePasswordCheck },
    body: JSON.stringify({ username: user.username, password: user.password }),
  };
}

/**
 * Whether a redirect goes to the redirect URI: the same origin and path (the authorization
 * response adds its parameters to the query or the fragment).
 */
export function isRedirectTo(location: URL, redirectUri: string | URL): boolean {
  const redirect = new URL(redirectUri);
  return `${location.origin}${location.pathname}` === `${redirect.origin}${redirect.pathname}`;
}

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
 * Observers of a sign-in's hops, each called as soon as its hop is answered and before the
 * browser judges the answer, so that a hook that throws (a test's assertion) stops the sign-in
 * there with its own message.
 *
 * @see walkSignIn
 */
export interface SignInHooks {
  /** authorize's answer: a 302 to the sign-on page, a redirect straight back, or a refusal. */
  authorize?(hop: Hop): void | Promise<void>;
  /** The sign-on page authorize sent the browser to, with its flow id (the page is not loaded). */
  signonPage?(page: URL, flowId: string): void | Promise<void>;
  /** `GET` of the flow. */
  flow?(hop: Hop, flowUrl: URL): void | Promise<void>;
  /** The usernamePassword.check `POST`. */
  check?(hop: Hop): void | Promise<void>;
  /** `GET resumeUrl`: the authorization response. */
  resume?(hop: Hop): void | Promise<void>;
  /** Where the authorization server redirected the browser back to the client. */
  callback?(url: URL): void | Promise<void>;
}

/** Where a sign-in went, hop by hop. */
export interface SignInWalk {
  readonly authorize: Hop;
  /** Absent when authorize sent the browser straight back to the redirect URI. */
  readonly flowUrl?: URL;
  readonly flow?: Hop;
  readonly check?: Hop;
  readonly resume?: Hop;
  /** The redirect back to the client (authorize's or resume's `Location`), when there was one. */
  readonly callback: URL | undefined;
  /** The browser's cookies for the issuer's origin as a `Cookie` header (`ST=…` after a sign-in). */
  readonly cookie: string;
}

/**
 * Plays the browser from an authorization URL (openid-client's) to the authorization response.
 * Throws AuthorizeRefusedError when authorize answers by itself (an unknown client, a redirect URI
 * not registered), FlowError when a flow step fails.
 *
 * `options.issuer` is the authorization server's issuer, beside which the flow API is found;
 * `options.redirectUri`, the client's redirect URI: a redirect there from authorize (a signed-in
 * session, or an error) ends the walk.
 *
 * @see SignInHooks
 */
export async function walkSignIn(
  authorizationUrl: URL,
  user: TestUserCredentials,
  options: { issuer: string | URL; redirectUri?: string; hooks?: SignInHooks; limits?: HopLimits },
): Promise<SignInWalk> {
  const issuer = new URL(options.issuer);
  const hooks = options.hooks ?? {};
  const browser = new Browser(issuer.origin, options.limits);
  const isCallback = (url: URL): boolean => options.redirectUri !== undefined && isRedirectTo(url, options.redirectUri);

  const authorize = await browser.go(authorizationUrl);
  await hooks.authorize?.(authorize);
  if (!authorize.location) throw new AuthorizeRefusedError(authorize.status, authorize.body);
  if (isCallback(authorize.location)) {
    await hooks.callback?.(authorize.location);
    return { authorize, callback: authorize.location, cookie: browser.cookie() };
  }
  const flowId = authorize.location.searchParams.get("flowId");
  if (!flowId) throw new AuthorizeRefusedError(authorize.status, { location: authorize.location.origin + authorize.location.pathname });
  await hooks.signonPage?.(authorize.location, flowId);

  const flowUrl = flowUrlOf(issuer, flowId);
  const flow = await browser.go(flowUrl);
  await hooks.flow?.(flow, flowUrl);
  if (flow.status !== 200 || flow.body?.status !== FLOW_STATUSES.usernamePasswordRequired) throw new FlowError("read the flow", flow.status, flow.body);

  const check = await browser.go(flowUrl, usernamePasswordCheck(user));
  await hooks.check?.(check);
  if (check.status !== 200 || check.body?.status !== FLOW_STATUSES.completed || typeof check.body.resumeUrl !== "string") {
    throw new FlowError("usernamePassword.check", check.status, check.body);
  }
  const resumeUrl = new URL(check.body.resumeUrl);
  if (resumeUrl.origin !== issuer.origin) throw new FlowError("resume", check.status, { resumeUrl: resumeUrl.origin });

  const resume = await browser.go(resumeUrl);
  await hooks.resume?.(resume);
  if (resume.location) await hooks.callback?.(resume.location);
  return { authorize, flowUrl, flow, check, resume, callback: resume.location, cookie: browser.cookie() };
}

/** The little a browser does here: one cookie jar for the authorization server's origin, no automatic redirects. */
class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly origin: string,
    private readonly limits: HopLimits = DEFAULT_HOP_LIMITS,
  ) {}

  async go(url: URL, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Hop> {
    const ours = url.origin === this.origin;
    const headers: Record<string, string> = { accept: "application/json", ...init.headers };
    if (ours && this.cookies.size > 0) headers.cookie = this.cookie();
    const hop = await sendHop(url, { ...init, headers }, this.limits);
    if (ours) this.keepCookies(hop.headers.getSetCookie());
    return hop;
  }

  cookie(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
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

/** The answer's text, read up to `maxBytes`; "" beyond it. */
async function readText(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return "";
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return "";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
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
