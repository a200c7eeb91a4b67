/**
 * The authorization response: what resume (or authorize, for a live session) sends back to the
 * application's redirect URI. A `code` becomes an `AuthorizationCodeRecord` for the token
 * endpoint; `token`/`id_token` (implicit and hybrid) are minted here by the back channel's
 * signin/tokens.ts.
 *
 * PingOne facts relied on:
 * - resume answers 302 with the code (or tokens) in the `Location` header:
 *   https://developer.pingidentity.com/pingone-api/foundations/authentication-concepts/authorization-flow-by-grant-type/authorization-code-grant-type.html
 *   https://developer.pingidentity.com/pingone-api/workflow-library/authorization-and-authentication/add-a-custom-claim-to-an-access-token/step-12-call-the-resume-endpoint.html
 * - Response modes query, fragment, form_post, pi.flow (the JSON `authorizeResponse`):
 *   https://docs.pingidentity.com/pingone/applications/p1_response_mode_values.html
 *   https://developer.pingidentity.com/pingone-api/workflow-library/multi-factor-authentication/create-an-mfa-transaction-approval-using-sms/step-18-call-the-resume-endpoint.html
 *
 * Not confirmed: PingOne's authorization code lifetime (not documented; 60 s here, the default of
 * Ping's other authorization server, PingFederate); whether PingOne adds RFC 9207's `iss` to the
 * response (its documented Location examples carry only the code/token and state, so the emulator
 * does not, and its discovery document must not claim `authorization_response_iss_parameter_supported`).
 */
import { randomBytes } from "node:crypto";
import type { EmulatorResponse } from "../http";
import type { SignInContext } from "./context";
import { remember } from "./limits";
import { mintAccessToken, mintIdToken, type TokenSubject } from "./tokens";
import type { RedirectTarget } from "./authorization-request";
import type { AuthorizationRequest, SignInSession } from "./types";

export const AUTHORIZATION_CODE_LIFETIME_MS = 60_000;

/** Issues what the request's response_type asks for, for the session's user. */
export async function issueAuthorizationResponse(ctx: SignInContext, request: AuthorizationRequest, session: SignInSession): Promise<Record<string, string>> {
  const now = ctx.now();
  const out: Record<string, string> = {};
  if (request.responseType.includes("code")) {
    const code = randomBytes(32).toString("base64url");
    remember(
      ctx.signin.codes,
      code,
      { code, request, userId: session.userId, sessionId: session.id, issuedAt: now, expiresAt: now + AUTHORIZATION_CODE_LIFETIME_MS },
      now,
      (c) => c.expiresAt,
    );
    out.code = code;
  }
  const subject: TokenSubject = {
    environmentId: request.environmentId,
    applicationId: request.applicationId,
    userId: session.userId,
    sessionId: session.id,
    scopes: request.scopes,
    authTime: session.authTime,
    acr: session.acr,
  };
  if (request.nonce !== undefined) subject.nonce = request.nonce;
  if (request.responseType.includes("token")) {
    const { token, expiresIn } = await mintAccessToken(ctx, subject);
    Object.assign(out, { access_token: token, token_type: "Bearer", expires_in: String(expiresIn), scope: request.scopes.join(" ") });
  }
  if (request.responseType.includes("id_token")) {
    const withValues: { accessToken?: string; code?: string } = {};
    if (out.access_token !== undefined) withValues.accessToken = out.access_token;
    if (out.code !== undefined) withValues.code = out.code;
    out.id_token = await mintIdToken(ctx, subject, withValues);
  }
  if (request.state !== undefined) out.state = request.state;
  return out;
}

/** The answer that carries `params` to the application by its response mode. */
export function deliver(target: RedirectTarget, params: Record<string, string>): EmulatorResponse {
  const headers = { "cache-control": "no-store", pragma: "no-cache" };
  const all = { ...params };
  if (target.state !== undefined && all.state === undefined && all.error !== undefined) all.state = target.state;
  if (target.responseMode === "form_post") {
    const inputs = Object.entries(all)
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
      .join("");
    const content = `<!doctype html><html><head><title>Submit</title></head><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(target.redirectUri)}">${inputs}<noscript><button>Continue</button></noscript></form></body></html>`;
    return { status: 200, headers, text: { contentType: "text/html; charset=utf-8", content } };
  }
  if (target.responseMode === "pi.flow") return { status: 200, headers, body: { authorizeResponse: all } };
  const url = new URL(target.redirectUri);
  if (target.responseMode === "fragment") url.hash = new URLSearchParams(all).toString();
  else for (const [k, v] of Object.entries(all)) url.searchParams.append(k, v);
  return { status: 302, headers: { ...headers, location: url.toString() }, body: undefined };
}

export function deliverError(target: RedirectTarget, error: string, description: string): EmulatorResponse {
  return deliver(target, { error, error_description: description });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
