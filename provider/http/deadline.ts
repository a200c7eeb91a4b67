/**
 * Extra time a create whose outcome is unknown gets to look for what it may have created, even
 * past the operation's deadline: giving up then would leave an application no state knows about.
 *
 * @see Deadline.extendForReconciliation
 */
export const RECONCILIATION_GRACE_MS = 30_000;

/**
 * An operation's overall deadline: it covers every attempt, wait and reconciliation in the
 * operation, not just one request.
 *
 * @see RECONCILIATION_GRACE_MS
 * @see DEFAULT_OPERATION_TIMEOUT_SECONDS in provider/kernel/config.ts
 */
export class Deadline {
  /** When the operation must be over (epoch ms); reconciliation may extend it. */
  private endsAt: number;
  /** The deadline before any extension: no new write starts after it. */
  private readonly writesEndAt: number;

  constructor(
    /** How long the operation may take (ms). */
    readonly timeoutMs: number,
  ) {
    this.endsAt = Date.now() + timeoutMs;
    this.writesEndAt = this.endsAt;
  }

  /**
   * Gives a create whose outcome is unknown time to find what it may have created, even when the
   * deadline has (nearly) passed.
   */
  extendForReconciliation(): void {
    this.endsAt = Math.max(this.endsAt, Date.now() + Math.min(RECONCILIATION_GRACE_MS, this.timeoutMs));
  }

  /** The time left (ms); zero or less once the deadline has passed. */
  remainingMs(): number {
    return this.endsAt - Date.now();
  }

  /** Whether waiting `ms` from now would end past the deadline. */
  passesWithin(ms: number): boolean {
    return Date.now() + ms > this.endsAt;
  }

  /** Whether the deadline, before any extension, has passed: then no new write may start. */
  writesClosed(): boolean {
    return Date.now() >= this.writesEndAt;
  }

  /** What an error says when the deadline passed, with how to change it. */
  passedText(): string {
    const seconds = Math.round(this.timeoutMs / 100) / 10;
    return `the operation's deadline of ${seconds} s passed (set pingone:operationTimeout or PINGONE_OPERATION_TIMEOUT, in seconds, to change it)`;
  }
}
