// Placeholder: replaced by the back channel's client authentication (token and PAR endpoints).
import type { IncomingMessage } from "node:http";
import type { EmulatorResponse } from "../http";
import type { StoredApplication } from "../store";
import type { SignInContext } from "./context";

export type ClientAuthentication = { ok: true; app: StoredApplication } | { ok: false; response: EmulatorResponse };

/**
 * Authenticates the client of a back-channel request (token, PAR) by the method its application
 * is configured for. `endpoint` is the URL the request was sent to (a client assertion's `aud`).
 */
export function authenticateClient(
  _ctx: SignInContext,
  _req: IncomingMessage,
  _form: URLSearchParams,
  _environmentId: string,
  _endpoint: string,
): Promise<ClientAuthentication> {
  return Promise.resolve({ ok: false, response: { status: 501, headers: {}, body: { error: "not implemented" } } });
}
