/**
 * A simulated provider process sending through a `RequestPacer` on a fake clock, for unit tests of
 * the pacer's decisions over many requests (deterministic: seeded draws, no timers, no sockets).
 *
 * `workers` operations run at once (the engine's `--parallel`), each sending `requestsPerWorker`
 * requests one after the other, as `client.ts` does: reserve a turn, wait it, send; the answer comes
 * `latencyMs` (plus up to `jitterMs`) later; a refused request waits `retryAfterMs` and tries again.
 * The server either refuses at random (`random429`, a proxy's or a burst's 429s), or admits at most
 * `limitPerSecond` requests in any rolling second (PingOne's rate limit), counted on arrival.
 */
import { createRandom } from "../../emulator/rng";
import { RequestPacer, type PacedStart } from "../../provider/http/pacing";

export interface TrafficOptions {
  workers: number;
  requestsPerWorker: number;
  latencyMs: number;
  jitterMs?: number;
  retryAfterMs?: number;
  random429?: number;
  limitPerSecond?: number;
  /** Without the pacer (every start at once), for the baseline. */
  unpaced?: boolean;
  seed?: number;
}

export interface TrafficReport {
  /** From the first start to the last answer. */
  ms: number;
  refused: number;
  admitted: number;
  /** The pacer's learnt limit at the end (0: none). */
  limit: number;
  /** When the limit was first learnt (ms from the start), if it was. */
  learntAtMs?: number;
}

type Event = { at: number; seq: number; run: () => void };

export function simulateTraffic(options: TrafficOptions): TrafficReport {
  if (!Number.isInteger(options.workers) || !Number.isInteger(options.requestsPerWorker)) {
    throw new RangeError(`workers and requestsPerWorker must be integers, got ${options.workers} and ${options.requestsPerWorker}`);
  }
  const random = createRandom(options.seed ?? 1);
  const clock = { time: 1_000_000 };
  const began = clock.time;
  const pacer = new RequestPacer(() => clock.time);
  const events: Event[] = [];
  let seq = 0;
  const at = (time: number, run: () => void): void => {
    events.push({ at: time, seq: seq++, run });
  };
  const arrivals: number[] = [];
  const report: TrafficReport = { ms: 0, refused: 0, admitted: 0, limit: 0 };

  const serverAdmits = (arrival: number): boolean => {
    if (options.random429 !== undefined && random() < options.random429) return false;
    if (options.limitPerSecond !== undefined) {
      while (arrivals.length > 0 && arrivals[0] <= arrival - 1000) arrivals.shift();
      if (arrivals.length >= options.limitPerSecond) return false;
      arrivals.push(arrival);
    }
    return true;
  };

  const send = (remaining: number): void => {
    if (remaining === 0) return;
    let start: PacedStart | undefined;
    let waitMs = 0;
    if (!options.unpaced) ({ waitMs, start } = pacer.reserve());
    at(clock.time + waitMs, () => {
      if (start) pacer.sent(start);
      const travel = (options.jitterMs ?? 0) * random();
      const arrival = clock.time + travel / 2;
      at(arrival, () => {
        const admitted = serverAdmits(clock.time);
        at(clock.time + options.latencyMs + travel / 2, () => {
          if (start) pacer.settle(start, admitted ? "admitted" : "refused");
          if (report.learntAtMs === undefined && pacer.limit() > 0) report.learntAtMs = clock.time - began;
          if (admitted) {
            report.admitted += 1;
            send(remaining - 1);
          } else {
            report.refused += 1;
            at(clock.time + (options.retryAfterMs ?? 1000), () => send(remaining));
          }
        });
      });
    });
  };

  for (let w = 0; w < options.workers; w++) send(options.requestsPerWorker);
  // Bounded: every request is answered, and each answer schedules at most one more start.
  for (let steps = 0; events.length > 0 && steps < 1_000_000; steps++) {
    events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = events.shift();
    if (!next) break;
    clock.time = Math.max(clock.time, next.at);
    next.run();
  }
  report.ms = clock.time - began;
  report.limit = pacer.limit();
  return report;
}
