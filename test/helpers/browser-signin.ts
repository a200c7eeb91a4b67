/**
 * The browser's part of a sign-in against the emulator, for tests: scripts/browser.ts, with an
 * assertion on each hop (authorize → 302 to the sign-on page `{authUrl}/{envId}/signon/?flowId=F`
 * → `GET {authUrl}/{envId}/flows/F` → the usernamePassword.check POST → `resumeUrl` → the
 * authorization response: a 302 to the redirect URI, a form_post page, or pi.flow JSON), and
 * single requests (`hop`) for probing one endpoint. The authorization URL itself comes from
 * openid-client in the tests; this module never builds protocol parameters.
 */
import { strict as assert } from "node:assert";
import * as oidc from "openid-client";
import type { JsonObject } from "../../emulator";
import { authEndpointUrl, FLOW_STATUSES, issuerParts } from "../../pingone";
import * as browser from "../../scripts/browser";

/**
 * openid-client's configuration for building authorization URLs at an emulator issuer (no
 * discovery round trip); plain HTTP is allowed because the emulator speaks it on loopback.
 */
export function authorizationConfig(issuer: string, clientId: string): oidc.Configuration {
  const parts = issuerParts(issuer);
  assert.ok(parts, `${issuer} is not a PingOne issuer`);
  const config = new oidc.Configuration({ issuer, authorization_endpoint: authEndpointUrl(parts.authUrl, "authorize", parts.environmentId) }, clientId);
  oidc.allowInsecureRequests(config);
  return config;
}

/** One request and what came back, without following redirects. */
export interface Hop {
  status: number;
  /** The `Location` header, or "". */
  location: string;
  /** The body parsed as a JSON object, or undefined (empty, not JSON, or not an object). */
  body: JsonObject | undefined;
  /** The raw body. */
  text: string;
  headers: Headers;
}

function testHop(answer: browser.Hop): Hop {
  return {
    status: answer.status,
    location: answer.headers.get("location") ?? "",
    body: answer.body as JsonObject | undefined,
    text: answer.text,
    headers: answer.headers,
  };
}

/** One request, as scripts/browser.ts sends it (no cookie jar: pass a `cookie` header to send one). */
export async function hop(url: string | URL, init: RequestInit = {}): Promise<Hop> {
  return testHop(await browser.sendHop(url, init));
}

/** The flow API's URL for the sign-on page authorize redirected to (`…/{envId}/signon/?flowId=F` → `{authUrl}/{envId}/flows/F`, beside the issuer). */
export function flowUrlOf(issuer: string, signonPage: string): string {
  const flowId = new URL(signonPage).searchParams.get("flowId");
  assert.ok(flowId, `no flowId in ${signonPage}`);
  return browser.flowUrlOf(issuer, flowId).href;
}

/** The username/password check on a flow, as PingOne's sign-on page sends it. */
export function checkPassword(flowUrl: string, username: string, password: string): Promise<Hop> {
  return hop(flowUrl, browser.usernamePasswordCheck({ username, password }));
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
 * Signs a user in through the flow API, starting from an authorization URL (openid-client's) at
 * this issuer, and answers where the browser ends up. Fails the test at the first hop that is not
 * what a successful sign-in answers.
 */
export async function signInAsBrowser(authorizationUrl: URL, user: { username: string; password: string }, issuer: string): Promise<BrowserSignIn> {
  const walk = await browser.walkSignIn(authorizationUrl, user, {
    issuer,
    hooks: {
      authorize(answer) {
        const { status, location, text } = testHop(answer);
        assert.equal(status, 302, `authorize: ${text.slice(0, 300)}`);
        assert.match(location, /\/signon\/\?flowId=/, `authorize redirected elsewhere: ${location}`);
      },
      flow(answer) {
        assert.equal(answer.body?.status, FLOW_STATUSES.usernamePasswordRequired, `flow: ${answer.text.slice(0, 300)}`);
      },
      check(answer) {
        assert.equal(answer.body?.status, FLOW_STATUSES.completed, `check: ${answer.text.slice(0, 300)}`);
        assert.equal(typeof answer.body?.resumeUrl, "string");
      },
    },
  });
  // The authorize hook lets only a redirect to the sign-on page through, so the walk went on to resume.
  assert.ok(walk.resume && walk.flowUrl, "the sign-in did not reach resume");
  const resume = testHop(walk.resume);
  return { callback: resume.status === 302 ? walk.resume.location : undefined, resume, cookie: walk.cookie, flowUrl: walk.flowUrl.href };
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
