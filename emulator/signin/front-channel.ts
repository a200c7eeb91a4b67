/**
 * The browser's side of sign-in, at PingOne's paths under the issuer `{authUrl}/{envId}/as`:
 *
 *   GET|POST {issuer}/authorize   validate → 302 to the sign-on page with a new flow (or, with a live
 *                                  `ST` session and no `prompt=login`, straight back with the response);
 *                                  `response_mode=pi.flow` answers the flow JSON instead
 *   POST     {issuer}/par         client authentication, the same checks → 201 { request_uri, expires_in }
 *   GET      {issuer}/resume?flowId=F   the completed flow → the authorization response
 *   GET      {issuer}/signoff     ends the session (id_token_hint and/or the ST cookie)
 *   GET      {authUrl}/{envId}/signon/?flowId=F   a tiny sign-on page driving the flow API
 *
 * PingOne facts relied on (more in authorization-request.ts, authorization-response.ts, flows.ts):
 * - authorize answers 302 with a `Location` of the sign-on page and the flow id; PingOne's own page is
 *   `https://apps.pingone.com/{envId}/signon/?flowId=…` (the emulator serves it on its one host):
 *   https://developer.pingidentity.com/pingone-api/auth/auth-config-options/browserless-authentication-flow-options.html
 * - GET and POST authorize: https://developer.pingidentity.com/pingone-api/foundations/authentication-concepts/authorization-flow-by-grant-type/authorization-code-grant-type.html
 * - PAR: the same parameters as authorize plus client authentication; the request_uri lives
 *   `parTimeout` seconds (default 60) and is accepted once; requests under 1 MB:
 *   https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2/par-intro.html
 *   https://docs.pingidentity.com/pingone/applications/p1_pushed_authorization_request.html
 * - signoff: `id_token_hint` (its application must exist and be enabled; its `iss` must be this
 *   issuer; its user must be the session's), `post_logout_redirect_uri`, `state`:
 *   https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2/signoff.html
 *
 * Not confirmed (emulator choices): the body of errors answered without a redirect (PingOne's error
 * shape, 400, code INVALID_REQUEST, the OAuth error and description in the message); an unknown or
 * used request_uri is answered that way too; resume on a flow that is not completed is 400;
 * `prompt=none` without a session redirects `login_required` (OIDC Core §3.1.2.6); signoff's
 * id_token_hint is decoded, not verified (the signature is the back channel's); a
 * post_logout_redirect_uri not registered is 400; without one, signoff answers a small HTML page.
 */
import { randomBytes } from "node:crypto";
import { compactVerify, decodeJwt } from "jose";
import { authEndpointUrl, ERROR_CODES, FLOW_STATUSES, issuerOf } from "../../pingone";
import { invalidRequest, oauthError, pingOneError } from "../errors";
import { mediaType, type EmulatorResponse } from "../http";
import { stringsIn } from "../json";
import type { Environment, StoredApplication } from "../store";
import { authenticateClient } from "./client-authentication";
import type { SignInContext, SignInRequest } from "./context";
import { checkAuthorizationRequest, excerpt, redirectTarget, type AuthorizationCheck } from "./authorization-request";
import { deliver, deliverError, issueAuthorizationResponse } from "./authorization-response";
import { endpointOf } from "./discovery";
import { flowBody, flowNotFound, liveFlow, startFlow } from "./flows";
import { remember } from "./limits";
import { signingKey, SIGNING_ALGORITHM } from "./keys";
import { clearedSessionCookie, cookieSession, isLive } from "./sessions";
import { SIGN_ON_PAGE } from "./signon-page";
import type { AuthorizationRequest, SignInSession } from "./types";

export const REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";
/** `parTimeout` when the application has none (PingOne's default, see pingone/fields.ts). */
const DEFAULT_PAR_TIMEOUT_SECONDS = 60;

export async function handleAuthorize(ctx: SignInContext, request: SignInRequest): Promise<EmulatorResponse> {
  const { environment: env, req } = request;
  let params = request.query;
  if (request.method === "POST") {
    if (mediaType(req) !== "application/x-www-form-urlencoded")
      return direct("invalid_request", "POST authorize takes an application/x-www-form-urlencoded body.");
    params = new URLSearchParams(request.raw);
  }
  const checked = params.has("request_uri") ? pushedRequest(ctx, env, params) : checkAuthorizationRequest(env, params, "authorize");
  if (!checked.ok) return refuse(checked);
  const { request: authorization } = checked;
  const target = redirectTarget(authorization);

  const prompts = (authorization.prompt ?? "").split(" ");
  const session = cookieSession(ctx, req, env.id);
  const fresh = session !== undefined && (authorization.maxAge === undefined || ctx.now() / 1000 - session.authTime <= authorization.maxAge);
  if (session && fresh && !prompts.includes("login")) return deliver(target, await issueAuthorizationResponse(ctx, authorization, session));
  if (prompts.includes("none")) return deliverError(target, "login_required", "The user is not signed in.");

  const flow = startFlow(ctx, authorization);
  if (target.responseMode === "pi.flow") return { status: 200, headers: { "cache-control": "no-store" }, body: flowBody(ctx, flow) };
  return { status: 302, headers: { location: `${authEndpointUrl(ctx.authUrl, "signon", env.id)}?flowId=${flow.id}`, "cache-control": "no-store" } };
}

export async function handlePar(ctx: SignInContext, request: SignInRequest): Promise<EmulatorResponse> {
  const { environment: env, req, raw } = request;
  if (mediaType(req) !== "application/x-www-form-urlencoded") return oauthError(400, "invalid_request", "PAR takes an application/x-www-form-urlencoded body.");
  const form = new URLSearchParams(raw);
  const endpoint = endpointOf(ctx, env.id, "par");
  const client = await authenticateClient(ctx, req, form, env.id, endpoint);
  if (!client.ok) return client.response;
  const formClientId = form.get("client_id");
  if (formClientId !== null && formClientId !== client.app.id) return oauthError(400, "invalid_request", "client_id does not match the authenticated client.");
  if (formClientId === null) form.set("client_id", client.app.id);
  // Client credentials are not authorization parameters: they are neither checked nor kept.
  for (const key of ["client_secret", "client_assertion", "client_assertion_type"]) form.delete(key);

  const checked = checkAuthorizationRequest(env, form, "par");
  if (!checked.ok) return oauthError(400, checked.error, checked.description);
  const timeout = typeof checked.app.record.parTimeout === "number" ? checked.app.record.parTimeout : DEFAULT_PAR_TIMEOUT_SECONDS;
  const requestUri = `${REQUEST_URI_PREFIX}${randomBytes(24).toString("base64url")}`;
  const now = ctx.now();
  remember(ctx.signin.pushedRequests, requestUri, { requestUri, request: checked.request, expiresAt: now + timeout * 1000 }, now, (p) => p.expiresAt);
  return { status: 201, headers: { "cache-control": "no-store", pragma: "no-cache" }, body: { request_uri: requestUri, expires_in: timeout } };
}

export async function handleResume(ctx: SignInContext, request: SignInRequest): Promise<EmulatorResponse> {
  const { environment: env, query } = request;
  const flowId = query.get("flowId") ?? "";
  const flow = liveFlow(ctx, env.id, flowId);
  if (!flow) return flowNotFound(flowId);
  if (flow.status !== FLOW_STATUSES.completed || flow.sessionId === undefined)
    return invalidRequest(`The request could not be completed. The flow's status is ${flow.status}.`);
  // Resume belongs to the browser that signed in: PingOne requires its ST session cookie
  // (https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2/resume.html); the
  // flowId alone travels in URLs and logs.
  if (cookieSession(ctx, request.req, env.id)?.id !== flow.sessionId) {
    return invalidRequest("The request could not be completed. The session cookie of the sign-in is missing or does not match the flow.");
  }
  const session = ctx.signin.sessions.get(flow.sessionId);
  const app = env.applications.get(flow.request.applicationId);
  // A flow resumes once: the code it yields is the only way on.
  ctx.signin.flows.delete(flow.id);
  if (!isLive(session, ctx.now())) return invalidRequest("The request could not be completed. The session has ended.");
  if (!app || app.record.enabled !== true) return direct("unauthorized_client", "The application is disabled or no longer exists.");
  return deliver(redirectTarget(flow.request), await issueAuthorizationResponse(ctx, flow.request, session));
}

export async function handleSignoff(ctx: SignInContext, request: SignInRequest): Promise<EmulatorResponse> {
  const { environment: env, query, req } = request;
  const hint = query.get("id_token_hint");
  const postLogout = query.get("post_logout_redirect_uri");
  let hinted: { app: StoredApplication; sid?: string; sub?: string } | undefined;
  if (hint !== null) {
    const read = await readIdTokenHint(ctx, env, hint);
    if ("error" in read) return read.error;
    hinted = read;
  }
  const cookie = cookieSession(ctx, req, env.id);
  if (hinted?.sub !== undefined && cookie !== undefined && cookie.userId !== hinted.sub) {
    return direct("invalid_request", "The id_token_hint's user is not the signed-in user.");
  }
  if (postLogout !== null) {
    if (!hinted) return direct("invalid_request", "post_logout_redirect_uri needs an id_token_hint naming the application.");
    if (!stringsIn(hinted.app.record.postLogoutRedirectUris).includes(postLogout)) {
      return direct("invalid_request", "post_logout_redirect_uri is not one of the application's postLogoutRedirectUris.");
    }
  }

  const ended: SignInSession | undefined = (hinted?.sid !== undefined ? ctx.signin.sessions.get(hinted.sid) : undefined) ?? cookie;
  if (ended && ended.environmentId === env.id) ended.endedAt ??= ctx.now();
  const headers = { "set-cookie": clearedSessionCookie(env.id), "cache-control": "no-store" };
  if (postLogout !== null) {
    const url = new URL(postLogout);
    const state = query.get("state");
    if (state !== null) url.searchParams.set("state", state);
    return { status: 302, headers: { ...headers, location: url.toString() } };
  }
  return {
    status: 200,
    headers,
    text: { contentType: "text/html; charset=utf-8", content: "<!doctype html><title>Signed off</title><p>You are signed off.</p>" },
  };
}

export function handleSignonPage(_ctx: SignInContext, _request: SignInRequest): EmulatorResponse {
  return { status: 200, headers: { "cache-control": "no-store" }, text: { contentType: "text/html; charset=utf-8", content: SIGN_ON_PAGE } };
}

/** authorize with a `request_uri` from PAR: its stored request, once, if unexpired and for this client. */
function pushedRequest(ctx: SignInContext, env: Environment, params: URLSearchParams): AuthorizationCheck {
  const requestUri = params.get("request_uri") ?? "";
  const pushed = ctx.signin.pushedRequests.get(requestUri);
  if (pushed) ctx.signin.pushedRequests.delete(requestUri);
  if (!pushed || pushed.expiresAt <= ctx.now() || pushed.request.environmentId !== env.id) {
    return { ok: false, error: "invalid_request_uri", description: "The request_uri is unknown, expired or already used." };
  }
  if (params.get("client_id") !== pushed.request.applicationId) {
    return { ok: false, error: "invalid_request", description: "client_id must be the client that pushed the request." };
  }
  const app = env.applications.get(pushed.request.applicationId);
  if (!app || app.record.enabled !== true) return { ok: false, error: "unauthorized_client", description: "The application is disabled." };
  const request: AuthorizationRequest = pushed.request;
  return { ok: true, app, request };
}

function refuse(checked: Extract<AuthorizationCheck, { ok: false }>): EmulatorResponse {
  return checked.redirect ? deliverError(checked.redirect, checked.error, checked.description) : direct(checked.error, checked.description);
}

/** An error the browser sees itself: nothing is redirected to an unverified address. */
function direct(error: string, description: string): EmulatorResponse {
  return pingOneError(400, ERROR_CODES.invalidRequest, `${error}: ${description}`);
}

/**
 * The ID token a signoff names: it must carry this environment's signature (PingOne's signoff:
 * the id_token_hint "must be signed", https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2/signoff.html),
 * else anyone who saw a `sid` could end that session. Expiry is not checked: a logout typically
 * comes after the ID token expired (OpenID Connect RP-Initiated Logout §2).
 */
async function readIdTokenHint(
  ctx: SignInContext,
  env: Environment,
  hint: string,
): Promise<{ app: StoredApplication; sid?: string; sub?: string } | { error: EmulatorResponse }> {
  let claims: Record<string, unknown>;
  try {
    await compactVerify(hint, (await signingKey(ctx, env.id)).publicKey, { algorithms: [SIGNING_ALGORITHM] });
    claims = decodeJwt(hint);
  } catch {
    return { error: direct("invalid_request", "id_token_hint is not an ID token signed by this environment.") };
  }
  if (claims.iss !== issuerOf(ctx.authUrl, env.id)) return { error: direct("invalid_request", "id_token_hint was not issued by this issuer.") };
  const aud = Array.isArray(claims.aud) ? (claims.aud as unknown[])[0] : claims.aud;
  const app = typeof aud === "string" ? env.applications.get(aud) : undefined;
  if (!app || app.record.enabled !== true)
    return { error: direct("invalid_request", `id_token_hint's application '${excerpt(String(aud))}' does not exist or is disabled.`) };
  const out: { app: StoredApplication; sid?: string; sub?: string } = { app };
  if (typeof claims.sid === "string") out.sid = claims.sid;
  if (typeof claims.sub === "string") out.sub = claims.sub;
  return out;
}
