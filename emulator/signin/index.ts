/**
 * PingOne's sign-in surface, on the auth host (`{authUrl}/{envId}/as/…`, the flow API
 * `{authUrl}/{envId}/flows/{flowId}`) and its test users on the management API
 * (`/v1/environments/{envId}/users`).
 */
import type { EmulatorResponse } from "../http";
import { methodNotAllowed, notFound } from "../errors";
import type { RouteName } from "../routes";
import type { SignInContext, SignInRequest } from "./context";
import { handleDiscovery } from "./discovery";
import { handleFlow } from "./flows";
import { handleAuthorize, handlePar, handleResume, handleSignoff, handleSignonPage } from "./front-channel";
import { handleJwks } from "./keys";
import { handleUserinfo } from "./userinfo";
import { handleUsers } from "./users";

type Handler = (ctx: SignInContext, request: SignInRequest) => Promise<EmulatorResponse> | EmulatorResponse;

const HANDLERS: Partial<Record<RouteName, Handler>> = {
  discovery: handleDiscovery,
  jwks: handleJwks,
  authorize: handleAuthorize,
  par: handlePar,
  userinfo: handleUserinfo,
  signoff: handleSignoff,
  resume: handleResume,
  signon: handleSignonPage,
  flow: handleFlow,
};

const USER_ROUTES: readonly RouteName[] = ["users", "user", "userPassword"];

/** Routes served here without a bearer token. */
export function isSignInRoute(name: RouteName | null): boolean {
  return name !== null && HANDLERS[name] !== undefined;
}

/** Management-API routes served here (after the server checked the bearer token). */
export function isUserRoute(name: RouteName | null): boolean {
  return name !== null && USER_ROUTES.includes(name);
}

export async function handleSignIn(ctx: SignInContext, request: Omit<SignInRequest, "environment">): Promise<EmulatorResponse> {
  const { match, method } = request;
  const environment = match.environmentId !== undefined ? ctx.store.environment(match.environmentId) : undefined;
  if (!environment || match.name === null) return notFound();
  if (!match.methods.includes(method)) return methodNotAllowed(match.methods);
  const full = { ...request, environment };
  if (isUserRoute(match.name)) return handleUsers(ctx, full);
  const handler = HANDLERS[match.name];
  return handler ? handler(ctx, full) : notFound();
}
