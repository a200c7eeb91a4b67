// Placeholder: replaced by the module that serves these routes.
import type { EmulatorResponse } from "../http";
import type { SignInContext, SignInRequest } from "./context";
export function handleDiscovery(_ctx: SignInContext, _request: SignInRequest): EmulatorResponse {
  return { status: 501, headers: {}, body: { error: "not implemented" } };
}
