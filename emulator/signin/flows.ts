/**
 * PingOne's flow API for the login step, on the auth host:
 *
 *   GET  {authUrl}/{envId}/flows/{flowId}   the flow: `status` USERNAME_PASSWORD_REQUIRED, `_links`
 *                                            (`usernamePassword.check`, `self`), `resumeUrl`
 *   POST {authUrl}/{envId}/flows/{flowId}   `Content-Type: application/vnd.pingidentity.usernamePassword.check+json`,
 *                                            `{ "username", "password" }` → status COMPLETED (+ `ST` cookie)
 *
 * PingOne facts relied on:
 * - The media type, the body and the statuses USERNAME_PASSWORD_REQUIRED → COMPLETED; the flow
 *   offers a `usernamePassword.check` link and a `resumeUrl`; the check sets the `ST` cookie:
 *   https://developer.pingidentity.com/pingone-api/auth/flows/flows-1/check-username-password.html
 *   https://developer.pingidentity.com/pingone-api/getting-started/simple-sso-workflow/step-5-get-the-flow.html
 *   https://prod-developer.pingidentity.com/pingone-api/getting-started/simple-sso-workflow/step-5-submit-login-credentials.html
 * - A flow JSON is `{ id, status, _links, _embedded, resumeUrl }` (Ping's own custom sign-on sample):
 *   https://github.com/pingidentity/pingone-sample-custom-signon/blob/master/src/sdk/index.js
 * - A wrong password is 400 INVALID_DATA with detail `INVALID_VALUE`, target `password`, message
 *   "The provided password did not match provisioned password", `innerError.failuresRemaining`
 *   (4 after the first failure: PingOne's default lockout after 5), as PingOne's raw response in
 *   Ping's SDK fixtures: https://github.com/ForgeRock/ping-javascript-sdk/blob/main/packages/davinci-client/src/lib/mock-data/davinci.error.mock.ts
 *
 * Not confirmed (emulator choices): the flow lifetime (15 minutes here); an unknown username and a
 * user without a password get the same wrong-password detail without `failuresRemaining`; a
 * disabled user gets `INVALID_VALUE` on `username`; no lockout after the failures run out
 * (`failuresRemaining` stops at 0); a check on a flow that is not waiting for one is 400
 * INVALID_REQUEST; a wrong media type is 415.
 */
import { randomUUID } from "node:crypto";
import { authEndpointUrl, DETAIL_CODES, endpointPath, ERROR_CODES, FLOW_STATUSES, MEDIA_TYPES, USERNAME_PASSWORD_CHECK_LINK } from "../../pingone";
import { invalidRequest, notFound, pingOneError, VALIDATION_MESSAGE } from "../errors";
import { jsonBody, mediaType, type EmulatorResponse } from "../http";
import type { JsonObject } from "../json";
import type { Environment } from "../store";
import type { SignInContext, SignInRequest } from "./context";
import { excerpt } from "./authorization-request";
import { remember } from "./limits";
import { sessionCookie, startSession } from "./sessions";
import type { AuthorizationRequest, FlowRecord } from "./types";
import { findUserByUsername } from "./users";

export const FLOW_LIFETIME_MS = 15 * 60_000;
/** PingOne's default password policy locks an account after 5 failures. */
const PASSWORD_FAILURES_ALLOWED = 5;

export function startFlow(ctx: SignInContext, request: AuthorizationRequest): FlowRecord {
  const now = ctx.now();
  const flow: FlowRecord = {
    id: randomUUID(),
    environmentId: request.environmentId,
    request,
    status: FLOW_STATUSES.usernamePasswordRequired,
    createdAt: now,
    expiresAt: now + FLOW_LIFETIME_MS,
  };
  remember(ctx.signin.flows, flow.id, flow, now, (f) => f.expiresAt);
  return flow;
}

/** A live flow of this environment, or undefined (unknown, expired or another environment's). */
export function liveFlow(ctx: SignInContext, environmentId: string, flowId: string): FlowRecord | undefined {
  const flow = ctx.signin.flows.get(flowId);
  if (!flow || flow.environmentId !== environmentId) return undefined;
  if (flow.expiresAt <= ctx.now()) {
    ctx.signin.flows.delete(flowId);
    return undefined;
  }
  return flow;
}

export function flowNotFound(flowId: string): EmulatorResponse {
  return notFound(`Unable to find Flow with ID: '${excerpt(flowId)}'`);
}

export function flowBody(ctx: SignInContext, flow: FlowRecord): JsonObject {
  const self = `${ctx.authUrl}${endpointPath("flow", { envId: flow.environmentId, flowId: flow.id })}`;
  const links: JsonObject = { self: { href: self } };
  if (flow.status === FLOW_STATUSES.usernamePasswordRequired) links[USERNAME_PASSWORD_CHECK_LINK] = { href: self };
  const body: JsonObject = {
    _links: links,
    id: flow.id,
    environment: { id: flow.environmentId },
    status: flow.status,
    resumeUrl: `${authEndpointUrl(ctx.authUrl, "resume", flow.environmentId)}?flowId=${flow.id}`,
    createdAt: new Date(flow.createdAt).toISOString(),
    expiresAt: new Date(flow.expiresAt).toISOString(),
  };
  const user = flow.userId === undefined ? undefined : ctx.signin.users.get(flow.userId);
  if (user) body._embedded = { user: { id: user.id, username: user.username } };
  return body;
}

export function handleFlow(ctx: SignInContext, request: SignInRequest): EmulatorResponse {
  const { match, method, environment } = request;
  const flowId = match.itemId ?? "";
  const flow = liveFlow(ctx, environment.id, flowId);
  if (!flow) return flowNotFound(flowId);
  if (method === "GET") return { status: 200, headers: { "cache-control": "no-store" }, body: flowBody(ctx, flow) };
  return checkUsernamePassword(ctx, request, environment, flow);
}

function checkUsernamePassword(ctx: SignInContext, request: SignInRequest, env: Environment, flow: FlowRecord): EmulatorResponse {
  const { req, raw } = request;
  // Media types are case-insensitive (RFC 9110 §8.3.1); mediaType() lower-cases.
  if (mediaType(req) !== MEDIA_TYPES.usernamePasswordCheck.toLowerCase()) {
    return invalidRequest(`The request could not be completed. Content-Type must be ${MEDIA_TYPES.usernamePasswordCheck}.`, 415);
  }
  if (flow.status !== FLOW_STATUSES.usernamePasswordRequired) return invalidRequest(`The request could not be completed. The flow's status is ${flow.status}.`);
  const parsed = jsonBody(req, raw, false);
  if ("error" in parsed) return parsed.error;
  const { username, password } = parsed.body;
  const missing = (["username", "password"] as const).filter((k) => typeof parsed.body[k] !== "string" || parsed.body[k] === "");
  if (missing.length > 0 || typeof username !== "string" || typeof password !== "string") {
    return invalidData(missing.map((target) => ({ code: DETAIL_CODES.requiredValue, target, message: `${target} is required.` })));
  }

  const user = findUserByUsername(ctx.signin, env.id, username);
  if (!user || user.password === undefined) return invalidData([wrongPassword()]);
  if (user.password !== password) {
    user.failedPasswordChecks += 1;
    return invalidData([wrongPassword(Math.max(0, PASSWORD_FAILURES_ALLOWED - user.failedPasswordChecks))]);
  }
  if (!user.enabled) return invalidData([{ code: DETAIL_CODES.invalidValue, target: "username", message: "The user is disabled." }]);
  const app = env.applications.get(flow.request.applicationId);
  if (!app) return flowNotFound(flow.id);

  user.failedPasswordChecks = 0;
  const session = startSession(ctx, env, app, user);
  flow.status = FLOW_STATUSES.completed;
  flow.userId = user.id;
  flow.sessionId = session.id;
  return { status: 200, headers: { "cache-control": "no-store", "set-cookie": sessionCookie(session) }, body: flowBody(ctx, flow) };
}

function wrongPassword(failuresRemaining?: number): JsonObject {
  const detail: JsonObject = { code: DETAIL_CODES.invalidValue, target: "password", message: "The provided password did not match provisioned password" };
  if (failuresRemaining !== undefined) detail.innerError = { failuresRemaining };
  return detail;
}

function invalidData(details: JsonObject[]): EmulatorResponse {
  const response = pingOneError(400, ERROR_CODES.invalidData, VALIDATION_MESSAGE);
  return { ...response, body: { ...(response.body as JsonObject), details } };
}
