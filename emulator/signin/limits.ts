/**
 * Bounds for what the sign-in endpoints hold in memory. Every map of records is capped: when a
 * new record would exceed the cap, expired records go first, then the oldest (Maps keep
 * insertion order), so a client looping over authorize cannot grow the emulator without limit.
 */

/**
 * Records of one kind kept at most: flows, sessions, codes, pushed requests (SignInState); access
 * and refresh tokens, token families, codes' families, client-assertion ids (TokenState); the
 * token endpoint's issued tokens (auth.ts TokenService).
 */
export const MAX_RECORDS = 10_000;
/** Test users per environment. */
export const MAX_USERS_PER_ENVIRONMENT = 1_000;
/** A single authorization parameter (state, nonce, scope, …) is at most this many characters. */
export const MAX_PARAMETER_LENGTH = 2_048;

/** Stores `value` under `key`, first dropping expired records and then the oldest ones over `max`. */
export function remember<T>(map: Map<string, T>, key: string, value: T, now: number, expiresAt: (record: T) => number | undefined, max = MAX_RECORDS): void {
  if (map.size >= max) {
    for (const [k, record] of map) {
      const expiry = expiresAt(record);
      if (expiry !== undefined && expiry <= now) map.delete(k);
    }
    for (const k of map.keys()) {
      if (map.size < max) break;
      map.delete(k);
    }
  }
  map.set(key, value);
}
