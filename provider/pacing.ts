/**
 * Request pacing shared by everything one provider process sends to one PingOne host.
 *
 * The engine runs many resource operations at once in a single dynamic-provider process (8 with
 * the default `--parallel` on a 2-core machine), so when PingOne's rate limit is reached, each of
 * them would otherwise find out on its own, with a 429 that costs a round trip and then a whole
 * `Retry-After` (whole seconds) of waiting, while the limit's window frees up long before.
 * PingOne limits API requests per second, per license, shared by every environment of the license
 * (https://developer.pingidentity.com/pingone-api/platform/rate-limiting.html), and asks to retry
 * after `Retry-After` (https://developer.pingidentity.com/pingone-api/platform/working-with-pingone-apis/retry-best-practices.html);
 * hence one pacer per host (scheme, host and port), whose count includes every request sent there:
 * the API's, and the token endpoint's where it is on the same host (as in the emulator, whose
 * budget counts both; PingOne serves tokens from auth.pingone.<region>, another host).
 *
 * The limit itself is not announced, so it is learnt. At a 429, the requests this process started
 * in the second before the refused one and that PingOne admitted are what the limit allowed. They
 * are counted once every request started before the refused one has its answer: answers come back
 * in any order, and counting at the 429 itself would miss admitted requests still in flight (and
 * settle on one request a second fewer than the limit, 5% slower at 20/s). From then on, a request
 * starts only while fewer than that many of this process's requests (refused ones aside) started
 * in the last second plus `GUARD_MS`: the limit's own rolling window, kept on this side with a
 * margin for the requests' varying travel time. A window rather than a fixed interval, so a moment
 * with nothing to send (the engine saving its checkpoint) is made up afterwards instead of lost.
 * The highest limit seen is kept; a refused request still waits its `Retry-After` before it tries
 * again, and if others share the limit, the 429s that follow are handled the same way.
 *
 * Until a 429's earlier requests have their answers, new starts wait for the window before it to
 * pass (at most a second): it is full, whatever the limit turns out to be.
 *
 * Only a limit met while sending at least `MIN_RATE_TO_LEARN` requests a second is learnt: a 429
 * at a trickle says nothing about a rate worth keeping, and is handled by `Retry-After` alone.
 */

/** The window PingOne's limit counts requests in. */
const WINDOW_MS = 1000;
/** Added to the window on this side: a request's travel time varies by a few milliseconds. */
export const GUARD_MS = 10;
/** Fewer requests a second than this at a 429 teach nothing (see the module comment). */
export const MIN_RATE_TO_LEARN = 5;
/** Bounds the record kept, whatever the traffic (it only needs the last two windows). */
const MAX_RECORDED = 10_000;

type Outcome = "pending" | "admitted" | "refused" | "unknown";

/** One request's place in the pace: when it starts, and what became of it. */
export interface PacedStart {
  /** When the request starts (epoch ms): planned by `reserve`, then set by `sent`. */
  at: number;
  outcome: Outcome;
}

/** Whether `start` is in the window a request started at `at` was counted in: (at - window, at]. */
function inWindowBefore(start: PacedStart, at: number): boolean {
  return start.at > at - WINDOW_MS && start.at <= at;
}

/** When `start` no longer counts in this side's window (the limit's window plus the guard). */
function leavesWindowAt(start: PacedStart): number {
  return start.at + WINDOW_MS + GUARD_MS;
}

export class RequestPacer {
  /** Starts in the order reserved (so by time), with their outcomes. */
  private starts: PacedStart[] = [];
  /** Start times of refused requests whose second before is not counted yet. */
  private lessons: number[] = [];
  /** Requests PingOne admits per window, as learnt; 0 until a limit is met. */
  private limitPerWindow = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** The learnt limit: requests per second (0: none learnt yet). */
  limit(): number {
    return this.limitPerWindow;
  }

  /**
   * Reserves the next start: the earliest moment when fewer than the learnt limit of this
   * process's requests started in the window before it. Returns the wait (ms) and the start, to
   * be reported with `sent` and `settle`.
   */
  reserve(): { waitMs: number; start: PacedStart } {
    const now = this.now();
    this.forget(now);
    let at = now;
    if (this.limitPerWindow > 0) {
      const counted = this.starts.filter((start) => start.outcome !== "refused");
      const last = counted[counted.length - 1];
      if (last) at = Math.max(at, last.at);
      const oldestOfLimit = counted[counted.length - this.limitPerWindow];
      if (oldestOfLimit) at = Math.max(at, leavesWindowAt(oldestOfLimit));
    }
    // A 429 not learnt from yet (its earlier requests still await their answers) says the window
    // before it is full: hold new starts until its oldest request has left it, rather than spend
    // the rest of that second on more 429s (each then waiting a whole Retry-After).
    for (const refusedAt of this.lessons) {
      const oldestInWindow = this.starts.find((start) => start.outcome !== "refused" && inWindowBefore(start, refusedAt));
      if (oldestInWindow) at = Math.max(at, leavesWindowAt(oldestInWindow));
    }
    const start: PacedStart = { at, outcome: "pending" };
    this.starts.push(start);
    return { waitMs: at - now, start };
  }

  /** The request is on its way now. */
  sent(start: PacedStart): void {
    start.at = Math.max(start.at, this.now());
  }

  /**
   * The request's outcome: `admitted` (answered with anything but 429), `refused` (429), or
   * `unknown` (no answer: it counts toward the window but teaches nothing; also for a start
   * given up before it was sent).
   */
  settle(start: PacedStart, outcome: Exclude<Outcome, "pending">): void {
    if (start.outcome !== "pending") return;
    start.outcome = outcome;
    if (outcome === "refused") this.lessons.push(start.at);
    this.learn();
  }

  /** Counts the second before each refused start once nothing started before it awaits its answer. */
  private learn(): void {
    const waiting: number[] = [];
    for (const refusedAt of this.lessons) {
      if (this.starts.some((start) => start.outcome === "pending" && start.at <= refusedAt)) {
        waiting.push(refusedAt);
        continue;
      }
      const rate = this.starts.filter((start) => start.outcome === "admitted" && inWindowBefore(start, refusedAt)).length;
      if (rate >= MIN_RATE_TO_LEARN) this.limitPerWindow = Math.max(this.limitPerWindow, rate);
    }
    this.lessons = waiting;
  }

  /** Drops settled starts no window or pending lesson can still need. */
  private forget(now: number): void {
    const oldestLesson = this.lessons.length > 0 ? Math.min(...this.lessons) : now;
    const horizon = Math.min(now, oldestLesson) - WINDOW_MS - GUARD_MS;
    this.starts = this.starts.filter((start) => start.outcome === "pending" || start.at > horizon);
    if (this.starts.length > MAX_RECORDED) {
      this.starts = this.starts.slice(this.starts.length - MAX_RECORDED);
      this.lessons = this.lessons.slice(-MAX_RECORDED);
    }
  }
}

const pacers = new Map<string, RequestPacer>();

/** The process-wide pacer for requests to `origin`. */
export function pacerFor(origin: string): RequestPacer {
  let pacer = pacers.get(origin);
  if (!pacer) {
    pacer = new RequestPacer();
    pacers.set(origin, pacer);
  }
  return pacer;
}

/** Forgets every learnt limit (tests). */
export function clearRequestPacing(): void {
  pacers.clear();
}
