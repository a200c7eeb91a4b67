/**
 * The records the sign-in endpoints share. The front channel (authorize, PAR, the flow API,
 * resume, signoff: `front-channel.ts`, `flows.ts`) writes them; the back channel (token,
 * userinfo: `token-endpoint.ts`, `userinfo.ts`) reads and consumes them. Every record lives in memory
 * for the emulator's life and is bounded by its own expiry.
 */
import type { FlowStatus } from "../../pingone";

/** A test user: created through `POST /v1/environments/{envId}/users`, `/__admin` or the CLI. */
export interface TestUser {
  id: string;
  environmentId: string;
  username: string;
  email?: string;
  givenName?: string;
  familyName?: string;
  enabled: boolean;
  /** The population it belongs to (PingOne puts a user without one in the environment's default population). */
  populationId: string;
  createdAt: string;
  updatedAt: string;
  /** Test fixture only: held in memory, never answered, never logged. */
  password?: string;
  /** Wrong passwords since the last successful check (the flow API's `failuresRemaining`). */
  failedPasswordChecks: number;
}

/** The authorization request after validation (from the query, the form body or a PAR request_uri). */
export interface AuthorizationRequest {
  environmentId: string;
  /** The application's id, which is its client id in PingOne. */
  applicationId: string;
  redirectUri: string;
  /** The OAuth response_type words, e.g. ["code"]. */
  responseType: string[];
  /** The scopes that will be issued: the requested ones, all granted to the application. */
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: "S256" | "plain";
  responseMode?: string;
  prompt?: string;
  maxAge?: number;
}

/** A PingOne flow (`/{envId}/flows/{flowId}`): the login step of one authorization request. */
export interface FlowRecord {
  id: string;
  environmentId: string;
  request: AuthorizationRequest;
  status: FlowStatus;
  /** Set when the username/password check succeeded. */
  userId?: string;
  sessionId?: string;
  createdAt: number;
  /** Epoch ms. */
  expiresAt: number;
}

/** A signed-in user's session at the authorization server (`sid` in the tokens). */
export interface SignInSession {
  /** The `sid` claim: in every token the session yields, so it is not a credential. */
  id: string;
  /**
   * The secret half of the `ST` cookie (`ST=<id>.<cookieSecret>`): the cookie signs the browser in
   * again without a password, so it must not be derivable from `sid`. Never answered or logged.
   */
  cookieSecret: string;
  environmentId: string;
  userId: string;
  /** Epoch seconds of the password check (`auth_time`). */
  authTime: number;
  /** The authentication context class (`acr`): the sign-on policy's name. */
  acr: string;
  /** Epoch ms: the `ST` cookie's Max-Age after the password check (sessions.ts). */
  expiresAt: number;
  /** Epoch ms; set by signoff. */
  endedAt?: number;
}

/** An authorization code, issued by resume and consumed once by the token endpoint. */
export interface AuthorizationCodeRecord {
  code: string;
  request: AuthorizationRequest;
  userId: string;
  sessionId: string;
  /** Epoch ms. */
  issuedAt: number;
  expiresAt: number;
  /** Set by the first exchange; a second exchange is refused and revokes what the first issued. */
  redeemedAt?: number;
}

/** A pushed authorization request (`POST /{envId}/as/par`), redeemed by `request_uri`. */
export interface PushedRequest {
  requestUri: string;
  request: AuthorizationRequest;
  /** Epoch ms. */
  expiresAt: number;
}
