// Placeholder: replaced by the module that serves these routes.
import type { EmulatorResponse } from "../http";
import type { SignInContext, SignInRequest } from "./context";
export function handleAuthorize(_ctx: SignInContext, _request: SignInRequest): EmulatorResponse {
  return { status: 501, headers: {}, body: { error: "not implemented" } };
}
export function handlePar(_ctx: SignInContext, _request: SignInRequest): EmulatorResponse {
  return { status: 501, headers: {}, body: { error: "not implemented" } };
}
export function handleResume(_ctx: SignInContext, _request: SignInRequest): EmulatorResponse {
  return { status: 501, headers: {}, body: { error: "not implemented" } };
}
export function handleSignoff(_ctx: SignInContext, _request: SignInRequest): EmulatorResponse {
  return { status: 501, headers: {}, body: { error: "not implemented" } };
}
export function handleSignonPage(_ctx: SignInContext, _request: SignInRequest): EmulatorResponse {
  return { status: 501, headers: {}, body: { error: "not implemented" } };
}
