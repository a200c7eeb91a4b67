/**
 * A small seeded pseudo-random generator (mulberry32).
 *
 * Rate-based faults draw from it, so a run started with the same `seed` and the same request
 * sequence fails the same requests. It is not used for anything security related: ids, tokens
 * and secrets come from node:crypto.
 */
import { randomInt } from "node:crypto";

export type Random = () => number;

export function createRandom(seed?: number): Random {
  let state = (seed ?? randomInt(0, 2 ** 32 - 1)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
