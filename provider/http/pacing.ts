/**
 * Request pacing shared by everything one provider process sends to one PingOne host: a
 * {@link RequestPacer} per host ({@link pacerFor}) learns PingOne's rate limit from the 429s that
 * show it and spaces requests under it. How it learns and paces: {@link RequestPacer}.
 *
 * @see https://developer.pingidentity.com/pingone-api/platform/rate-limiting.html
 */

/**
 * The environment variable of the diagnostic switch: `PULUMI_PINGONE_PACING=off` in the
 * environment of `pulumi` (the engine starts the dynamic-provider process with it) turns pacing
 * off: every request starts at once and each 429 is handled by its `Retry-After` alone. It is how
 * the benchmark measures pacing against no pacing (`npm run bench -- --random-429`); leave it unset
 * in real use.
 *
 * @see pacingSwitchedOff
 */
export const PACING_VARIABLE = "PULUMI_PINGONE_PACING";

/** The window PingOne's limit counts requests in. */
const WINDOW_MS = 1000;
/**
 * Added to the window on this side: a request's travel time varies by a few milliseconds.
 * @see RequestPacer
 */
export const GUARD_MS = 10;
/**
 * Fewer requests a second than this at a 429 teach nothing: a 429 at a trickle says nothing about
 * a rate worth keeping.
 * @see RequestPacer
 */
export const MIN_RATE_TO_LEARN = 5;
/**
 * The fewest refusals at about one count that make a cluster there: one 429 teaches nothing.
 * @see RequestPacer
 */
export const MIN_REFUSALS_TO_LEARN = 2;
/** Refusals at a level must outnumber the requests admitted there this many times over. */
const REFUSALS_PER_ADMITTED = 2;
/** Weights of clusters (see `Cluster`): two strong ones teach, four weak ones, or one and two. */
const STRONG = 2;
const WEAK = 1;
const WEIGHT_TO_LEARN = 4;
/** How long a cluster of 429s waits for another at the same count to confirm it. */
const CLUSTERS_KEPT_MS = 10_000;
/** How far below a refusal's count another refusal still counts as at the same level. */
const LEVEL_TOLERANCE = 1;
/** Bounds the record kept, whatever the traffic (it only needs the last three windows). */
const MAX_RECORDED = 10_000;

type Outcome = "pending" | "admitted" | "refused" | "unknown";

/**
 * One request's place in the pace: when it starts, and what became of it.
 * @see RequestPacer.reserve
 */
export interface PacedStart {
  /** When the request starts (epoch ms): planned by `reserve`, then set by `sent`. */
  at: number;
  outcome: Outcome;
}

/** When `start` no longer counts in this side's window (the limit's window plus the guard). */
function leavesWindowAt(start: PacedStart): number {
  return start.at + WINDOW_MS + GUARD_MS;
}

/** 429s that look like a limit's at one count (see {@link RequestPacer}), and their weight. */
interface Cluster {
  level: number;
  /** When its refused request started. */
  at: number;
  /** `STRONG` when its refusals are more than twice the admitted requests, `WEAK` when merely more. */
  weight: number;
}

/**
 * The pace of requests to one host: learns PingOne's rate limit from the 429s that show it, and
 * spaces starts under it.
 *
 * Why: the engine runs many resource operations at once in a single dynamic-provider process (8
 * with the default `--parallel` on a 2-core machine), so when PingOne's rate limit is reached,
 * each of them would otherwise find out on its own, with a 429 that costs a round trip and then a
 * whole `Retry-After` (whole seconds) of waiting, while the limit's window frees up long before.
 * PingOne limits API requests per second, per license, shared by every environment of the
 * license, and asks to retry after `Retry-After`.
 *
 * What a 429 shows: the limit itself is not announced, so it is learnt, but only from 429s that
 * show it. A 429 is also what a proxy, a gateway or a momentary burst answers, and those say
 * nothing about a rate. PingOne's own limit is a rate (requests per second per license, and by
 * default 35% of it per IP per environment, as the rate-limiting page says), and it shows in how
 * its 429s fall: once the requests admitted in the last second reach the limit, the requests in
 * flight are all refused, none is admitted at that count or above, and the same happens at the
 * same count each time the window fills again. A 429 that is not rate-driven falls among requests
 * admitted at the same count or higher, and the next one comes at whatever count the traffic has
 * then.
 *
 * Learning: each refused request is a hypothesis, "the limit is `n`", `n` being the requests of
 * this process that PingOne admitted in the second before it (counted once every request started
 * before it has its answer: answers come back in any order, and counting at the 429 itself would
 * miss admitted requests still in flight and settle on one fewer than the limit, 5% slower at
 * 20/s). It is judged once its second after has passed (plus {@link GUARD_MS}), against the
 * requests started from a second before it to a second after it, each with its own count of
 * admitted requests in the second before it. Counted at about its count (`n - LEVEL_TOLERANCE` or
 * more: requests travel for varying times, so PingOne's window may hold one that has just left
 * this side's, or the reverse), the refused ones must be at least {@link MIN_REFUSALS_TO_LEARN}
 * and more than the admitted ones: then the refusals are a cluster at that count, a strong one
 * where they are more than `REFUSALS_PER_ADMITTED` times the admitted ones. Several refusals in
 * one filling of the window (less than half a second apart) are one cluster, weighing as its
 * strongest. The limit is learnt once the clusters at about the same count within
 * `CLUSTERS_KEPT_MS` weigh `WEIGHT_TO_LEARN`: two strong ones, a strong one and two weak ones, or
 * four weak ones. Only a limit met while sending at least {@link MIN_RATE_TO_LEARN} requests a
 * second is learnt.
 *
 * How fast: under a rate limit with four or more requests in flight, the first two fillings of
 * the window are strong clusters and teach it, about two seconds after the first 429. With two in
 * flight, a filling is two refusals against the one admitted request that filled it, a weak
 * cluster: four fillings teach it. Under random 429s (10% of requests, at 4 to 16 operations at
 * once), nothing is learnt and nothing is held: each refused request waits its `Retry-After` (or
 * the backoff) and tries again, exactly as without pacing. (At 20% random 429s and 4 operations, a
 * simulated run can meet four weak clusters at one low count by chance and learn it.)
 * test/provider/pacing.spec.ts simulates 2 to 32 operations at once against a limit;
 * `npm run bench -- --random-429 --rate-limit` measures both through the engine.
 *
 * Pacing: once a limit is learnt, a request starts only while fewer than that many of this
 * process's requests (refused ones aside) started in the last second plus {@link GUARD_MS}: the
 * limit's own rolling window, kept on this side with a margin for the requests' varying travel
 * time. A window rather than a fixed interval, so a moment with nothing to send (the engine saving
 * its checkpoint) is made up afterwards instead of lost. The highest limit seen is kept; if others
 * share the limit, the 429s that follow are handled by `Retry-After` (and teach a lower limit
 * nothing).
 *
 * @see https://developer.pingidentity.com/pingone-api/platform/rate-limiting.html
 * @see https://developer.pingidentity.com/pingone-api/platform/working-with-pingone-apis/retry-best-practices.html
 * @see pacerFor
 * @see PACING_VARIABLE
 */
export class RequestPacer {
  /** Starts in the order reserved (so by time), with their outcomes. */
  private starts: PacedStart[] = [];
  /** Refused starts not judged yet (see the class comment). */
  private lessons: PacedStart[] = [];
  /** Clusters of 429s seen in the last `CLUSTERS_KEPT_MS`, one per refused request judged to be in one. */
  private clusters: Cluster[] = [];
  /** Requests PingOne admits per window, as learnt; 0 until a limit is met. */
  private limitPerWindow = 0;

  /** `enabled` false: every start at once, nothing recorded or learnt (the diagnostic switch). */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly enabled = true,
  ) {}

  /** The learnt limit: requests per second (0: none learnt yet). */
  limit(): number {
    this.learn(this.now());
    return this.limitPerWindow;
  }

  /**
   * Reserves the next start: the earliest moment when fewer than the learnt limit of this
   * process's requests started in the window before it. Returns the wait (ms) and the start, to
   * be reported with `sent` and `settle`.
   */
  reserve(): { waitMs: number; start: PacedStart } {
    const now = this.now();
    if (!this.enabled) return { waitMs: 0, start: { at: now, outcome: "pending" } };
    this.learn(now);
    this.forget(now);
    let at = now;
    if (this.limitPerWindow > 0) {
      const counted = this.starts.filter((start) => start.outcome !== "refused");
      const last = counted[counted.length - 1];
      if (last) at = Math.max(at, last.at);
      const oldestOfLimit = counted[counted.length - this.limitPerWindow];
      if (oldestOfLimit) at = Math.max(at, leavesWindowAt(oldestOfLimit));
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
    if (!this.enabled) return;
    if (outcome === "refused") this.lessons.push(start);
    this.learn(this.now());
  }

  /**
   * Judges each refusal whose second after has passed and whose earlier requests all have their
   * answers (see the class comment); keeps the others for later.
   */
  private learn(now: number): void {
    const waiting: PacedStart[] = [];
    for (const refused of this.lessons) {
      // Only the starts `cluster` counts need their answers: those of the two seconds up to the
      // refusal. One that started earlier and still has none (a slow answer) counts in neither
      // second, and waiting for it would keep every later lesson, and the limit, from being learnt.
      const ripe =
        now >= leavesWindowAt(refused) &&
        !this.starts.some((start) => start.outcome === "pending" && start.at > refused.at - 2 * WINDOW_MS && start.at <= refused.at);
      if (!ripe) {
        waiting.push(refused);
        continue;
      }
      const cluster = this.cluster(refused);
      if (cluster === undefined) continue;
      this.clusters = this.clusters.filter((earlier) => earlier.at > refused.at - CLUSTERS_KEPT_MS);
      this.clusters.push(cluster);
      if (this.confirmed(cluster)) this.limitPerWindow = Math.max(this.limitPerWindow, cluster.level);
    }
    this.lessons = waiting;
  }

  /**
   * Whether the clusters kept at about `latest`'s count, one per filling of the window (those
   * less than half a second apart are one), weigh enough to teach that count.
   */
  private confirmed(latest: Cluster): boolean {
    const atLevel = this.clusters.filter((cluster) => Math.abs(cluster.level - latest.level) <= LEVEL_TOLERANCE).sort((a, b) => a.at - b.at);
    let weight = 0;
    let filling: Cluster | undefined;
    let fillingWeight = 0;
    for (const cluster of atLevel) {
      if (filling === undefined || cluster.at - filling.at >= WINDOW_MS / 2) {
        weight += fillingWeight;
        filling = cluster;
        fillingWeight = 0;
      }
      fillingWeight = Math.max(fillingWeight, cluster.weight);
    }
    return weight + fillingWeight >= WEIGHT_TO_LEARN;
  }

  /** The cluster `refused` is part of, or undefined when the requests around it say it is no rate limit's. */
  private cluster(refused: PacedStart): Cluster | undefined {
    // Each start from a second before the refusal to a second after it, with the admitted
    // requests started in the second before it (in start order: ties go to the one reserved first).
    const around = this.starts.filter((start) => start.at > refused.at - 2 * WINDOW_MS && start.at <= refused.at + WINDOW_MS).sort((a, b) => a.at - b.at);
    const counts = new Map<PacedStart, number>();
    let oldest = 0;
    let admitted = 0;
    for (const start of around) {
      for (; around[oldest].at <= start.at - WINDOW_MS; oldest++) if (around[oldest].outcome === "admitted") admitted -= 1;
      counts.set(start, admitted);
      if (start.outcome === "admitted") admitted += 1;
    }
    const level = counts.get(refused) ?? 0;
    if (level < MIN_RATE_TO_LEARN) return undefined;
    let refusalsAtLevel = 0;
    let admittedAtLevel = 0;
    for (const start of around) {
      if (start.at <= refused.at - WINDOW_MS) continue;
      const count = counts.get(start) ?? 0;
      if (start.outcome === "refused" && count >= level - LEVEL_TOLERANCE) refusalsAtLevel += 1;
      if (start.outcome === "admitted" && count >= level - LEVEL_TOLERANCE) admittedAtLevel += 1;
    }
    if (refusalsAtLevel < MIN_REFUSALS_TO_LEARN || refusalsAtLevel <= admittedAtLevel) return undefined;
    return { level, at: refused.at, weight: refusalsAtLevel > REFUSALS_PER_ADMITTED * admittedAtLevel ? STRONG : WEAK };
  }

  /** Drops settled starts no window or pending lesson can still need. */
  private forget(now: number): void {
    const oldestLesson = this.lessons.length > 0 ? Math.min(...this.lessons.map((start) => start.at)) : now;
    const horizon = Math.min(now, oldestLesson) - 2 * WINDOW_MS - GUARD_MS;
    this.starts = this.starts.filter((start) => start.outcome === "pending" || start.at > horizon);
    if (this.starts.length > MAX_RECORDED) {
      this.starts = this.starts.slice(this.starts.length - MAX_RECORDED);
      this.lessons = this.lessons.slice(-MAX_RECORDED);
    }
  }
}

const pacers = new Map<string, RequestPacer>();

/**
 * Whether the diagnostic switch turns pacing off: `off`, in any case; anything else leaves it on.
 * @see PACING_VARIABLE
 */
export function pacingSwitchedOff(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[PACING_VARIABLE]?.trim().toLowerCase() === "off";
}

/**
 * The process-wide pacer for requests to `origin` (scheme, host and port). One per host, because
 * PingOne's limit is per license and counts every request sent there: the API's, and the token
 * endpoint's where it is on the same host (as in the emulator, whose budget counts both; PingOne
 * serves tokens from auth.pingone.<region>, another host).
 *
 * @see RequestPacer
 * @see https://developer.pingidentity.com/pingone-api/platform/rate-limiting.html
 */
export function pacerFor(origin: string): RequestPacer {
  let pacer = pacers.get(origin);
  if (!pacer) {
    pacer = new RequestPacer(Date.now, !pacingSwitchedOff());
    pacers.set(origin, pacer);
  }
  return pacer;
}

/**
 * Forgets every learnt limit (tests).
 * @see pacerFor
 */
export function clearRequestPacing(): void {
  pacers.clear();
}
