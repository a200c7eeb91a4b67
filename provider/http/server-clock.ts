/**
 * An HTTP `Date` header names a whole second (RFC 7231 §7.1.1.1).
 * @see https://www.rfc-editor.org/rfc/rfc7231#section-7.1.1.1
 */
export const DATE_HEADER_RESOLUTION_MS = 1000;

/**
 * PingOne's clock, as far as the `Date` headers of its answers prove it: the largest
 * (`Date` of an answer − our clock when it arrived) seen so far.
 *
 * @see ServerClock.timeAt
 * @see https://www.rfc-editor.org/rfc/rfc7231#section-7.1.1.2
 */
export class ServerClock {
  private offsetMs: number | undefined;

  /**
   * Keeps the tightest PingOne-minus-ours offset an answer's `Date` proves. The caller passes only
   * answers that read as PingOne's API (the expected status, JSON): an error page a gateway or
   * proxy wrote carries that machine's clock, and the token endpoint's host may be another machine.
   */
  note(answer: { headers: { get(name: string): string | null }; receivedAt: number }): void {
    const date = answer.headers.get("date");
    const at = date === null ? NaN : Date.parse(date);
    if (!Number.isFinite(at)) return;
    this.offsetMs = Math.max(this.offsetMs ?? Number.NEGATIVE_INFINITY, at - answer.receivedAt);
  }

  /**
   * A lower bound of PingOne's clock at our moment `localMs`, from the answers noted (any of them,
   * before or after `localMs`); undefined while none carried a readable `Date`.
   *
   * Why it is a lower bound: an answer's `Date` is the second in which PingOne made it, whole
   * seconds, so it is at most the moment PingOne made it; we read the answer after it was made, so
   * PingOne's clock minus ours was at least `Date − (our time on arrival)` then, and both clocks
   * run at the same rate. The bound trails PingOne's true time by up to a second plus the answer's
   * travel time; the largest offset over all answers is the tightest. A server that rounds its
   * `Date` up instead of truncating can make the bound up to half a second late, which can only
   * refuse our own object (an error asking for adoptId), never adopt someone else's.
   *
   * @see https://www.rfc-editor.org/rfc/rfc7231#section-7.1.1.2
   */
  timeAt(localMs: number): number | undefined {
    return this.offsetMs === undefined ? undefined : localMs + this.offsetMs;
  }
}
