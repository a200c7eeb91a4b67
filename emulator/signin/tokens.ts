// Placeholder: replaced by the back channel's JWT minting (the environment's RS256 key, PingOne's claims).
import type { SignInContext } from "./context";

/** Who a token is for and what it carries. */
export interface TokenSubject {
  environmentId: string;
  applicationId: string;
  /** Absent for client_credentials tokens. */
  userId?: string;
  sessionId?: string;
  scopes: string[];
  nonce?: string;
  /** Epoch seconds. */
  authTime?: number;
  acr?: string;
}

export function mintAccessToken(_ctx: SignInContext, _subject: TokenSubject): Promise<{ token: string; expiresIn: number }> {
  return Promise.reject(new Error("not implemented"));
}

/** `accessToken`/`code` give `at_hash`/`c_hash` when the ID token travels with them. */
export function mintIdToken(_ctx: SignInContext, _subject: TokenSubject, _with?: { accessToken?: string; code?: string }): Promise<string> {
  return Promise.reject(new Error("not implemented"));
}
