/**
 * Request pacing shared by everything one provider process sends to one PingOne API host.
 *
 * The engine runs many resource operations at once in a single dynamic-provider process (8 with
 * the default `--parallel` on a 2-core machine), so when PingOne's rate limit is reached, each of
 * them would otherwise find out on its own, with a 429 that costs a round trip and then a whole
 * `Retry-After` (whole seconds) of waiting, while the limit's window frees up long before.
 * PingOne limits API requests per second, per license, shared by every environment of the license
 * (https://developer.pingidentity.com/pingone-api/platform/rate-limiting.html), and asks to retry
 * after `Retry-After` (https://developer.pingidentity.com/pingone-api/platform/working-with-pingone-apis/retry-best-practices.html);
 * hence one pacer per API host. The limit itself is not announced, so it is learnt: at a 429, the
 * requests the process had started, and PingOne admitted, in the second before the refused one
 * started are what the limit allowed, and from then on requests start at most that often, one at
 * a time (a token bucket of one token), at the highest such rate seen. The refused request still
 * waits its `Retry-After` before it tries again; if others share the limit and the pace is too
 * fast for it, the 429s that follow are handled the same way.
 *
 * Only a limit met while sending at least `MIN_RATE_TO_LEARN` requests a second is learnt: a 429
 * at a trickle says nothing about a rate worth keeping, and is handled by `Retry-After` alone.
 */

/** The window PingOne's limit counts requests in. */
const WINDOW_MS = 1000;
/** Fewer requests a second than this at a 429 teach nothing (see the module comment). */
export const MIN_RATE_TO_LEARN = 5;

export class RequestPacer {
  /** Start times (epoch ms) of requests PingOne admitted within the last two windows, in the order answered (so the first is not always the oldest). */
  private recent: number[] = [];
  /** The learnt spacing between request starts; 0 until a limit is met. */
  private intervalMs = 0;
  /** When the next request may start. */
  private nextStartAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** The spacing currently kept between request starts (0: none). */
  interval(): number {
    return this.intervalMs;
  }

  /** Reserves the next start for a request; returns how long it must wait for it (ms). */
  reserve(): number {
    if (this.intervalMs === 0) return 0;
    const now = this.now();
    const start = Math.max(now, this.nextStartAt);
    this.nextStartAt = start + this.intervalMs;
    return start - now;
  }

  /** A request that started at `startedAt` was admitted (answered with anything but 429). */
  admitted(startedAt: number): void {
    this.recent.push(startedAt);
    // Two windows: a 429 is matched against the window before its own start, which may lie in the past.
    this.forgetBefore(this.now() - WINDOW_MS - WINDOW_MS);
  }

  /** A request that started at `startedAt` was refused with 429: learn the rate admitted in the window before it. */
  limited(startedAt: number): void {
    this.forgetBefore(this.now() - WINDOW_MS - WINDOW_MS);
    const rate = this.recent.filter((time) => time > startedAt - WINDOW_MS && time <= startedAt).length;
    if (rate < MIN_RATE_TO_LEARN) return;
    const interval = WINDOW_MS / rate;
    this.intervalMs = this.intervalMs === 0 ? interval : Math.min(this.intervalMs, interval);
  }

  private forgetBefore(time: number): void {
    this.recent = this.recent.filter((start) => start > time);
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
