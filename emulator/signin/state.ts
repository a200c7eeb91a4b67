/**
 * What the sign-in endpoints hold for one emulator instance: users, flows, sessions, codes and
 * pushed requests. Bounded: every record carries an expiry, and `sweep` drops the expired ones.
 */
import { TokenState } from "./token-state";
import type { AuthorizationCodeRecord, FlowRecord, PushedRequest, SignInSession, TestUser } from "./types";

export class SignInState {
  readonly users = new Map<string, TestUser>();
  readonly flows = new Map<string, FlowRecord>();
  readonly sessions = new Map<string, SignInSession>();
  readonly codes = new Map<string, AuthorizationCodeRecord>();
  readonly pushedRequests = new Map<string, PushedRequest>();
  /** Each environment's default population id (users created without `population.id` join it). */
  readonly defaultPopulations = new Map<string, string>();
  /** What the back channel issued: signing keys, access and refresh tokens (token-state.ts). */
  readonly issued: TokenState;

  constructor(readonly now: () => number = Date.now) {
    this.issued = new TokenState(now);
  }

  /** Drops flows, codes and pushed requests past their expiry. */
  sweep(): void {
    const now = this.now();
    for (const map of [this.flows, this.codes, this.pushedRequests] as Map<string, { expiresAt: number }>[]) {
      for (const [key, record] of map) if (record.expiresAt <= now) map.delete(key);
    }
  }
}
