/**
 * The browser's part of a sign-in against the emulator, played with plain `fetch` and
 * `redirect: "manual"` so every hop can be seen: authorize → 302 to the sign-on page
 * (`{authUrl}/{envId}/signon/?flowId=F`) → `GET {authUrl}/{envId}/flows/F` → the
 * usernamePassword.check POST → `resumeUrl` → the authorization response (a 302 to the
 * redirect URI, a form_post page, or pi.flow JSON). The authorization URL itself comes from
 * openid-client in the tests; this module never builds protocol parameters.
 */
import { strict as assert } from "node:assert";
import * as oidc from "openid-client";
import type { JsonObject } from "../../emulator";

/** PingOne's media type of the flow API's username/password check. */
export const USERNAME_PASSWORD_CHECK = "application/vnd.pingidentity.usernamePassword.check+json";

/**
 * openid-client's configuration for building authorization URLs at an emulator issuer (no
 * discovery round trip); plain HTTP is allowed because the emulator speaks it on loopback.
 */
export function authorizationConfig(issuer: string, clientId: string): oidc.Configuration {
  const config = new oidc.Configuration({ issuer, authorization_endpoint: `${issuer}/authorize` }, clientId);
  oidc.allowInsecureRequests(config);
  return config;
}

/** One request and what came back, without following redirects. */
export interface Hop {
  status: number;
  /** The `Location` header, or "". */
  location: string;
  /** The body parsed as JSON, or undefined (empty or not JSON). */
  body: JsonObject | undefined;
  /** The raw body. */
  text: string;
  headers: Headers;
}

export async function hop(url: string | URL, init: RequestInit = {}): Promise<Hop> {
  const res = await fetch(url, { redirect: "manual", ...init });
  const text = await res.text();
  let body: JsonObject | undefined;
  try {
    body = text === "" ? undefined : (JSON.parse(text) as JsonObject);
  } catch {
    body = undefined;
  }
  return { status: res.status, location: res.headers.get("location") ?? "", body, text, headers: res.headers };
}

/** The flow API's URL for the sign-on page authorize redirected to (`…/{envId}/signon/?flowId=F` → `…/{envId}/flows/F`). */
export function flowUrlOf(signonPage: string): string {
  const page = new URL(signonPage);
  const flowId = page.searchParams.get("flowId");
  assert.ok(flowId, `no flowId in ${signonPage}`);
  return new URL(`../flows/${encodeURIComponent(flowId)}`, page).toString();
}

/** The username/password check on a flow, as PingOne's sign-on page sends it. */
export function checkPassword(flowUrl: string, username: string, password: string): Promise<Hop> {
  return hop(flowUrl, { method: "POST", headers: { "content-type": USERNAME_PASSWORD_CHECK }, body: JSON.stringify({ username, password }) });
}

export interface BrowserSignIn {
  /** Where the authorization response went (resume's 302 `Location`); undefined for form_post and pi.flow. */
  callback: URL | undefined;
  /** resume's answer: the 302, the form_post page, or the pi.flow JSON. */
  resume: Hop;
  /** The `ST` session cookie (`ST=…`) the check set, for a later SSO request. */
  cookie: string;
  flowUrl: string;
}

/**
 * Signs a user in through the flow API, starting from an authorization URL (openid-client's),
 * and answers where the browser ends up. Fails the test at the first hop that is not what a
 * successful sign-in answers.
 */
export async function signInAsBrowser(authorizationUrl: URL, user: { username: string; password: string }): Promise<BrowserSignIn> {
  const authorize = await hop(authorizationUrl);
  assert.equal(authorize.status, 302, `authorize: ${authorize.text.slice(0, 300)}`);
  assert.match(authorize.location, /\/signon\/\?flowId=/, `authorize redirected elsewhere: ${authorize.location}`);
  const flowUrl = flowUrlOf(authorize.location);
  const flow = await hop(flowUrl);
  assert.equal(flow.body?.status, "USERNAME_PASSWORD_REQUIRED", `flow: ${flow.text.slice(0, 300)}`);
  const checked = await checkPassword(flowUrl, user.username, user.password);
  assert.equal(checked.body?.status, "COMPLETED", `check: ${checked.text.slice(0, 300)}`);
  const resumeUrl = checked.body?.resumeUrl;
  assert.equal(typeof resumeUrl, "string");
  const cookie = (checked.headers.get("set-cookie") ?? "").split(";")[0];
  // Resume needs the sign-in's ST cookie, as a browser sends it.
  const resume = await hop(resumeUrl as string, { headers: { cookie } });
  return { callback: resume.status === 302 ? new URL(resume.location) : undefined, resume, cookie, flowUrl };
}

/** The authorization response's parameters: from the fragment when there is one, else the query. */
export function responseParams(callback: URL): URLSearchParams {
  return callback.hash !== "" ? new URLSearchParams(callback.hash.slice(1)) : callback.searchParams;
}

/** The hidden inputs of a form_post page (the emulator escapes values as `&#NN;`). */
export function formPostFields(html: string): { action: string; fields: URLSearchParams } {
  const unescape = (text: string): string => text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
  const action = /<form method="post" action="([^"]*)"/.exec(html)?.[1];
  assert.ok(action !== undefined, "no form in the form_post page");
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields.append(unescape(m[1]), unescape(m[2]));
  return { action: unescape(action), fields };
}

/** Asserts that an openid-client call failed with this OAuth error (its error, or the body behind a 401 challenge). */
export async function rejectsWith(promise: Promise<unknown>, error: string): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected ${error}, but the request succeeded`);
  let code = (caught as { error?: unknown }).error;
  if (caught instanceof oidc.WWWAuthenticateChallengeError) code = ((await caught.response.json()) as { error?: unknown }).error;
  assert.equal(code, error, `expected ${error}, got ${caught instanceof Error ? caught.message : typeof caught}`);
}
