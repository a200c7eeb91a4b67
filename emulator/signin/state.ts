/**
 * What the sign-in endpoints hold for one emulator instance: users, flows, sessions, codes and
 * pushed requests. Bounded: users by MAX_USERS_PER_ENVIRONMENT, the environments' ids and
 * populations by the fixed set of environments, and every other record by its expiry (`sweep`)
 * and by MAX_RECORDS per map (limits.ts `remember`, used for every insertion).
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

  /** Drops flows, sessions, codes and pushed requests past their expiry. */
  sweep(): void {
    const now = this.now();
    for (const map of [this.flows, this.sessions, this.codes, this.pushedRequests] as Map<string, { expiresAt: number }>[]) {
      for (const [key, record] of map) if (record.expiresAt <= now) map.delete(key);
    }
  }
}
