/** What a sign-in handler may use of the emulator. */
import type { IncomingMessage } from "node:http";
import type { TokenService } from "../auth";
import type { RouteMatch } from "../routes";
import type { ApplicationStore, Environment } from "../store";
import type { SignInState } from "./state";

export interface SignInContext {
  store: ApplicationStore;
  signin: SignInState;
  tokens: TokenService;
  /** `{authUrl}/{envId}/as` is the issuer. */
  authUrl: string;
  apiUrl: string;
  now: () => number;
}

export interface SignInRequest {
  match: RouteMatch;
  method: string;
  req: IncomingMessage;
  raw: string;
  /** The request's query (`?…`). */
  query: URLSearchParams;
  environment: Environment;
}
