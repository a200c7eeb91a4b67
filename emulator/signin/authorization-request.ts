/**
 * Validates an authorization request (authorize's query or form, or a PAR body) against the
 * deployed application, in the order that decides where an error may go: until the client and
 * its redirect URI are known, errors are answered to the browser directly (never redirected to
 * an unverified address, RFC 6749 §4.1.2.1); after that, they travel back to the redirect URI.
 *
 * PingOne facts relied on:
 * - Response types `code`, `token`, `id_token` and their grants (authorization code; implicit):
 *   https://developer.pingidentity.com/pingone-api/foundations/authentication-concepts/access-tokens-and-id-tokens/response-types.html
 * - Response modes `query`, `fragment`, `form_post` and PingOne's redirectless `pi.flow`:
 *   https://docs.pingidentity.com/pingone/applications/p1_response_mode_values.html
 * - `pkceEnforcement`: OPTIONAL (any method, or none), REQUIRED (a code_challenge, any method),
 *   S256_REQUIRED (S256 only); it applies to the authorization code grant only:
 *   https://docs.pingidentity.com/pingone/applications/p1_pkce_enforcement.html
 * - Without `code_challenge_method` the method is `plain`, which S256_REQUIRED refuses:
 *   https://developer.pingidentity.com/pingone-api/workflow-library/authorization-and-authentication/configure-a-pkce-authorization-workflow.html
 * - Redirect URIs match exactly; with `allowWildcardInRedirectUris` one `*` after the authority
 *   matches (`https://www.example.com/th*\/callback` accepts `/this/callback` and `/that/callback`,
 *   refuses `/oidc/callback`) and a mismatch answers "Redirect URI mismatch":
 *   https://docs.pingidentity.com/pingone/applications/p1_wildcard_redirect_uri.html
 * - `redirect_uri` is a required parameter (PAR request model, same parameters as authorize):
 *   https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2/par-client-secret-basic.html
 * - `acr_values` names sign-on policies assigned to the application:
 *   https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2.html
 *
 * Not confirmed (the emulator's choices, RFC 6749 §4.1.2.1 / OIDC Core §3.1.2.6 codes with its own
 * descriptions): the body and code of the directly answered errors (PingOne's error shape with
 * code INVALID_REQUEST), the error descriptions, that a response type the application does not
 * list is `unsupported_response_type` while one its grants do not cover is `unauthorized_client`,
 * and whether a wildcard may span `/`.
 */
import { GRANT_TYPE, OPENID_SCOPE, PAR_REQUIREMENT, PKCE_ENFORCEMENT, PROTOCOL, RESPONSE_TYPE } from "../../pingone";
import type { Environment, StoredApplication } from "../store";
import { stringsIn } from "../json";
import { scopeList, scopesNotGranted } from "./granted-scopes";
import { MAX_PARAMETER_LENGTH } from "./limits";
import type { AuthorizationRequest } from "./types";

/** The `response_type` words and what the application must allow for each (its `responseTypes` and `grantTypes`). */
const RESPONSE_TYPE_RULES: Readonly<Record<string, { responseType: string; grantType: string }>> = {
  code: { responseType: RESPONSE_TYPE.CODE, grantType: GRANT_TYPE.AUTHORIZATION_CODE },
  token: { responseType: RESPONSE_TYPE.TOKEN, grantType: GRANT_TYPE.IMPLICIT },
  id_token: { responseType: RESPONSE_TYPE.ID_TOKEN, grantType: GRANT_TYPE.IMPLICIT },
};
export const RESPONSE_MODES = ["query", "fragment", "form_post", "pi.flow"] as const;
const PROMPTS = ["none", "login", "consent", "select_account"];
/** RFC 7636 §4.1: 43-128 unreserved characters (a plain challenge is the verifier itself; S256 gives 43). */
const CODE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Where an error can be sent once the redirect URI is verified. */
export interface RedirectTarget {
  redirectUri: string;
  responseMode: string;
  state?: string;
}

export type AuthorizationCheck =
  { ok: true; app: StoredApplication; request: AuthorizationRequest } | { ok: false; error: string; description: string; redirect?: RedirectTarget };

/** Checks the parameters of an authorization request against the application in `env` they name. */
export function checkAuthorizationRequest(env: Environment, params: URLSearchParams, via: "authorize" | "par"): AuthorizationCheck {
  const direct = (error: string, description: string): AuthorizationCheck => ({ ok: false, error, description });

  const clientId = single(params, "client_id");
  if (clientId === null) return direct("invalid_request", "client_id is required, once.");
  if (clientId.length > MAX_PARAMETER_LENGTH) return direct("invalid_request", "client_id is too long.");
  const app = env.applications.get(clientId);
  if (!app || app.record.protocol !== PROTOCOL.OPENID_CONNECT) {
    return direct("invalid_client", `No OpenID Connect application has client_id '${excerpt(clientId)}'.`);
  }
  if (app.record.enabled !== true) return direct("unauthorized_client", "The application is disabled.");

  const redirectUri = single(params, "redirect_uri");
  if (redirectUri === null) return direct("invalid_request", "redirect_uri is required, once.");
  if (!redirectUriAllowed(app, redirectUri)) return direct("invalid_request", "Redirect URI mismatch");

  // From here on the redirect URI is the application's own: errors go back to it.
  const state = params.get("state") ?? undefined;
  const words = (params.get("response_type") ?? "").split(" ").filter((w) => w !== "");
  const requestedMode = params.get("response_mode");
  const defaultMode = words.some((w) => w !== "code") ? "fragment" : "query";
  const redirect: RedirectTarget = { redirectUri, responseMode: isResponseMode(requestedMode) ? requestedMode : defaultMode };
  if (state !== undefined) redirect.state = state;
  const fail = (error: string, description: string): AuthorizationCheck => ({ ok: false, error, description, redirect });

  for (const [key] of params) {
    if (params.getAll(key).length > 1) return fail("invalid_request", `${key} must not be repeated.`);
    if ((params.get(key) ?? "").length > MAX_PARAMETER_LENGTH) return fail("invalid_request", `${key} is longer than ${MAX_PARAMETER_LENGTH} characters.`);
  }
  if (params.has("request")) return fail("request_not_supported", "Request objects are not supported by the emulator.");
  if (via === "par" && params.has("request_uri")) return fail("invalid_request", "request_uri must not be pushed.");
  if (requestedMode !== null && !isResponseMode(requestedMode)) return fail("invalid_request", `response_mode must be one of ${RESPONSE_MODES.join(", ")}.`);

  if (words.length === 0) return fail("invalid_request", "response_type is required.");
  if (new Set(words).size !== words.length || words.some((w) => RESPONSE_TYPE_RULES[w] === undefined)) {
    return fail("unsupported_response_type", `response_type '${excerpt(words.join(" "))}' is not supported.`);
  }
  if (requestedMode === "query" && words.some((w) => w !== "code")) {
    return fail("invalid_request", "response_mode query cannot carry tokens.");
  }
  const allowedResponseTypes = stringsIn(app.record.responseTypes);
  const allowedGrants = stringsIn(app.record.grantTypes);
  for (const word of words) {
    const rule = RESPONSE_TYPE_RULES[word];
    if (!allowedResponseTypes.includes(rule.responseType)) {
      return fail("unsupported_response_type", `The application's responseTypes do not include ${rule.responseType}.`);
    }
    if (!allowedGrants.includes(rule.grantType)) return fail("unauthorized_client", `The application's grantTypes do not include ${rule.grantType}.`);
  }

  const scopes = scopeList(params.get("scope"));
  const notGranted = scopesNotGranted(env, app, scopes);
  if (notGranted.length > 0) return fail("invalid_scope", `Not granted to the application: ${excerpt(notGranted.join(" "))}.`);
  if (words.includes("id_token") && !scopes.includes(OPENID_SCOPE)) return fail("invalid_scope", "response_type id_token needs the openid scope.");

  const nonce = params.get("nonce") ?? undefined;
  if (words.includes("id_token") && nonce === undefined)
    return fail("invalid_request", "nonce is required when an ID token is returned from the authorization endpoint.");

  const pkce = checkPkce(app, params, words.includes("code"));
  if (typeof pkce === "string") return fail("invalid_request", pkce);

  const prompt = params.get("prompt") ?? undefined;
  if (prompt !== undefined) {
    const values = prompt.split(" ").filter((p) => p !== "");
    if (values.length === 0 || values.some((p) => !PROMPTS.includes(p)) || (values.includes("none") && values.length > 1)) {
      return fail("invalid_request", `prompt must be none, or any of ${PROMPTS.slice(1).join(", ")}.`);
    }
  }
  const maxAgeText = params.get("max_age");
  const maxAge = maxAgeText === null ? undefined : Number(maxAgeText);
  if (maxAge !== undefined && (!/^\d+$/.test(maxAgeText ?? "") || !Number.isSafeInteger(maxAge))) {
    return fail("invalid_request", "max_age must be a non-negative integer (seconds).");
  }

  if (via === "authorize" && app.record.parRequirement === PAR_REQUIREMENT.REQUIRED) {
    return fail("invalid_request", "The application requires pushed authorization requests: send a request_uri from the PAR endpoint.");
  }

  const request: AuthorizationRequest = { environmentId: env.id, applicationId: app.id, redirectUri, responseType: words, scopes };
  if (state !== undefined) request.state = state;
  if (nonce !== undefined) request.nonce = nonce;
  if (pkce.challenge !== undefined) {
    request.codeChallenge = pkce.challenge;
    request.codeChallengeMethod = pkce.method;
  }
  if (requestedMode !== null) request.responseMode = requestedMode;
  if (prompt !== undefined) request.prompt = prompt;
  if (maxAge !== undefined) request.maxAge = maxAge;
  return { ok: true, app, request };
}

/** Where an authorization response goes and how, for a validated request. */
export function redirectTarget(request: AuthorizationRequest): RedirectTarget {
  const target: RedirectTarget = {
    redirectUri: request.redirectUri,
    responseMode: request.responseMode ?? (request.responseType.some((w) => w !== "code") ? "fragment" : "query"),
  };
  if (request.state !== undefined) target.state = request.state;
  return target;
}

/** Exact match, or (with `allowWildcardInRedirectUris`) one `*` after the authority matching any characters. */
export function redirectUriAllowed(app: StoredApplication, candidate: string): boolean {
  const registered = stringsIn(app.record.redirectUris);
  if (registered.includes(candidate)) return true;
  if (app.record.allowWildcardInRedirectUris !== true) return false;
  return registered.some((pattern) => wildcardMatches(pattern, candidate));
}

function wildcardMatches(pattern: string, candidate: string): boolean {
  const star = pattern.indexOf("*");
  if (star < 0 || pattern.indexOf("*", star + 1) >= 0) return false;
  let patternOrigin: string;
  let candidateOrigin: string;
  try {
    patternOrigin = new URL(pattern.replace("*", "x")).origin;
    candidateOrigin = new URL(candidate).origin;
  } catch {
    return false;
  }
  if (patternOrigin !== candidateOrigin || candidate.includes("#")) return false;
  const [before, after] = [pattern.slice(0, star), pattern.slice(star + 1)];
  return candidate.length >= before.length + after.length && candidate.startsWith(before) && candidate.endsWith(after);
}

/** The PKCE parameters, or why they are refused. */
function checkPkce(app: StoredApplication, params: URLSearchParams, code: boolean): { challenge?: string; method?: "S256" | "plain" } | string {
  const challenge = params.get("code_challenge") ?? undefined;
  const methodText = params.get("code_challenge_method") ?? undefined;
  if (!code) return {};
  if (methodText !== undefined && challenge === undefined) return "code_challenge_method was sent without code_challenge.";
  if (methodText !== undefined && methodText !== "S256" && methodText !== "plain") return "code_challenge_method must be S256 or plain.";
  const enforcement = typeof app.record.pkceEnforcement === "string" ? app.record.pkceEnforcement : PKCE_ENFORCEMENT.OPTIONAL;
  if (challenge === undefined) {
    return enforcement === PKCE_ENFORCEMENT.OPTIONAL ? {} : `The application's pkceEnforcement is ${enforcement}: code_challenge is required.`;
  }
  if (!CODE_CHALLENGE.test(challenge)) return "code_challenge must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~.";
  const method = methodText === "S256" ? "S256" : "plain";
  if (enforcement === PKCE_ENFORCEMENT.S256_REQUIRED && method !== "S256") {
    return "The application's pkceEnforcement is S256_REQUIRED: code_challenge_method must be S256.";
  }
  return { challenge, method };
}

function isResponseMode(value: string | null): value is string {
  return value !== null && (RESPONSE_MODES as readonly string[]).includes(value);
}

/** The one value of a parameter that must appear exactly once, or null. */
function single(params: URLSearchParams, key: string): string | null {
  const values = params.getAll(key);
  return values.length === 1 && values[0] !== "" ? values[0] : null;
}

/** A bounded excerpt of caller input for an error message. */
export function excerpt(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
