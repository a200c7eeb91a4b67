/**
 * Sign-in sessions at the authorization server: created when a flow's password check succeeds,
 * carried by the browser in PingOne's `ST` session cookie, ended by signoff.
 *
 * PingOne facts relied on:
 * - The password check "generates a session token cookie", e.g.
 *   `set-cookie: ST=…; Path=/{envId}; Max-Age=2592000; …; HttpOnly; SameSite=None`; the emulator's
 *   session lives as long as that cookie (30 days from the password check):
 *   https://prod-developer.pingidentity.com/pingone-api/getting-started/simple-sso-workflow/step-5-submit-login-credentials.html
 * - Sign-on policies are evaluated in assignment priority order, 1 first; an application without
 *   assignments uses the environment's default policy ("Single_Factor"): see pingone/sign-on-policies.ts.
 *
 * Emulator choices: the cookie is not `Secure` (the emulator speaks plain HTTP on loopback) and is
 * `SameSite=Lax`; `acr` is the name of the first-evaluated assigned policy (PingOne's `acr` for a
 * sign-on policy sign-in is the policy's name; not confirmed beyond the design notes).
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { DEFAULT_SIGN_ON_POLICY_NAME, SESSION_COOKIE, SESSION_COOKIE_MAX_AGE_SECONDS } from "../../pingone";
import { valueAt } from "../json";
import { safeEqual } from "../client-auth";
import type { Environment, StoredApplication } from "../store";
import type { SignInContext } from "./context";
import { remember } from "./limits";
import type { SignInSession, TestUser } from "./types";

/** PingOne's sample session cookie lives 30 days; so does the session it names. */
const SESSION_LIFETIME_SECONDS = SESSION_COOKIE_MAX_AGE_SECONDS;

export function startSession(ctx: SignInContext, env: Environment, app: StoredApplication, user: TestUser): SignInSession {
  const now = ctx.now();
  const session: SignInSession = {
    id: randomUUID(),
    cookieSecret: randomBytes(32).toString("base64url"),
    environmentId: env.id,
    userId: user.id,
    authTime: Math.floor(now / 1000),
    acr: signOnPolicyName(env, app),
    expiresAt: now + SESSION_LIFETIME_SECONDS * 1000,
  };
  remember(ctx.signin.sessions, session.id, session, now, (s) => s.expiresAt);
  return session;
}

/** A session that still signs its user in: not ended by signoff, not past its lifetime. */
export function isLive(session: SignInSession | undefined, now: number): session is SignInSession {
  return session !== undefined && session.endedAt === undefined && session.expiresAt > now;
}

export function sessionCookie(session: SignInSession): string {
  return `${SESSION_COOKIE}=${session.id}.${session.cookieSecret}; Path=/${session.environmentId}; Max-Age=${SESSION_LIFETIME_SECONDS}; HttpOnly; SameSite=Lax`;
}

export function clearedSessionCookie(environmentId: string): string {
  return `${SESSION_COOKIE}=; Path=/${environmentId}; Max-Age=0; HttpOnly; SameSite=Lax`;
}

/** The live session the request's `ST` cookie names in this environment, if any (its user still exists and is enabled). */
export function cookieSession(ctx: SignInContext, req: IncomingMessage, environmentId: string): SignInSession | undefined {
  const [id, secret] = (cookieValue(req, SESSION_COOKIE) ?? "").split(".", 2);
  const session = id ? ctx.signin.sessions.get(id) : undefined;
  if (!isLive(session, ctx.now()) || session.environmentId !== environmentId) return undefined;
  if (secret === undefined || !safeEqual(secret, session.cookieSecret)) return undefined;
  const user = ctx.signin.users.get(session.userId);
  return user?.enabled ? session : undefined;
}

/** `acr`: the first-evaluated sign-on policy assigned to the application, else the environment's default. */
export function signOnPolicyName(env: Environment, app: StoredApplication): string {
  const first = [...app.signOnPolicyAssignments.values()]
    .map((a) => ({ id: valueAt(a, "signOnPolicy.id"), priority: typeof a.priority === "number" ? a.priority : Number.MAX_SAFE_INTEGER }))
    .sort((x, y) => x.priority - y.priority)[0];
  const assigned = first === undefined ? undefined : env.signOnPolicies.find((p) => p.id === first.id);
  return assigned?.name ?? env.signOnPolicies.find((p) => p.default)?.name ?? DEFAULT_SIGN_ON_POLICY_NAME;
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
