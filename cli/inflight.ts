/**
 * When may a pending create still reach PingOne?
 *
 * Killing `pulumi` does not end the processes it started: the language host and the dynamic
 * provider run in process groups of their own, and a create inside the surviving provider (one
 * waiting out a `Retry-After`, say) still sends its POST after the kill. Until it has given up, a
 * listing that does not show its application proves nothing: recovery that cleared the pending
 * operation then would lose the only record of an application made a moment later.
 *
 * The provider bounds every create: no POST starts after the operation's deadline
 * (`pingone:operationTimeout`, counted from the moment the provider starts the create), and a
 * create whose outcome is unknown may look for what it made for `RECONCILIATION_GRACE_MS` more
 * (never more than the timeout itself; provider/http/deadline.ts). The engine writes a pending create
 * into the checkpoint before it asks the provider to create, and it saves the checkpoint with the
 * time of the save (`manifest.time`, Pulumi's `SnapshotManager.snap`,
 * https://github.com/pulumi/pulumi/blob/master/pkg/backend/snapshot.go): so the last save's time
 * is no earlier than the recording of any pending create, and every create in flight is over by
 * that time + the timeout + the grace. `IN_FLIGHT_MARGIN_MS` more covers the step from the
 * recording to the provider starting the create, a request PingOne is still finishing after the
 * provider gave up on it, and a small difference between the clocks of the machine that ran
 * `pulumi up` and the one that runs `recover`.
 *
 * Why a deadline and not a look for live processes: the crashed `pulumi up` may have run on
 * another machine (a CI runner), and nothing in a provider process's command line names the stack
 * (every stack of a project runs its provider in the same directory). The deadline holds wherever
 * the processes ran, with any backend.
 */
import { RECONCILIATION_GRACE_MS } from "../provider/http/client";
import { SETTING_SOURCES, type ConfigSource } from "../provider/kernel/config";
import type { StackExport } from "./checkpoint";

/** See the module comment: recording → provider start, PingOne finishing a request, clock differences. */
export const IN_FLIGHT_MARGIN_MS = 5_000;

export interface InFlightDeadline {
  /** Epoch ms after which no pending create of the checkpoint can still reach PingOne. */
  at: number;
  /** The latest time a pending create can have been recorded (epoch ms). */
  recordedBy: number;
  /** Where `recordedBy` comes from, for the message. */
  recordedFrom: string;
  operationTimeoutMs: number;
  /** Where the operation timeout was read, for the message (it must be the one `pulumi up` ran with). */
  timeoutFrom: string;
  graceMs: number;
  marginMs: number;
}

/** The time of the checkpoint's last save, or undefined when it records none that parses. */
export function checkpointSavedAt(checkpoint: StackExport): number | undefined {
  const manifest = checkpoint.deployment.manifest;
  const time = typeof manifest === "object" && manifest !== null ? (manifest as Record<string, unknown>).time : undefined;
  const at = typeof time === "string" ? Date.parse(time) : NaN;
  return Number.isFinite(at) ? at : undefined;
}

/**
 * The in-flight deadline of the checkpoint's pending creates, for a provider whose operation
 * timeout is `operationTimeoutMs`. Without a save time, `now` stands in for it: later than any
 * recording, so the wait is never too short.
 */
export function inFlightDeadline(checkpoint: StackExport, operationTimeoutMs: number, now: number, timeoutFrom = "pingone:operationTimeout"): InFlightDeadline {
  const saved = checkpointSavedAt(checkpoint);
  // A save time in the future (another machine's clock ahead of ours) is taken as it is: waiting longer is safe.
  const recordedBy = saved ?? now;
  const graceMs = Math.min(RECONCILIATION_GRACE_MS, operationTimeoutMs);
  return {
    at: recordedBy + operationTimeoutMs + graceMs + IN_FLIGHT_MARGIN_MS,
    recordedBy,
    recordedFrom: saved === undefined ? "now (the checkpoint records no save time)" : "the checkpoint's last save (manifest.time)",
    operationTimeoutMs,
    timeoutFrom,
    graceMs,
    marginMs: IN_FLIGHT_MARGIN_MS,
  };
}

/** What the deadline is made of, in words: "recorded by …, + 120 s operation timeout + 30 s …". */
export function describeDeadline(deadline: InFlightDeadline): string {
  const s = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  return (
    `a create recorded by ${new Date(deadline.recordedBy).toISOString()} (${deadline.recordedFrom}) may reach PingOne until ${new Date(deadline.at).toISOString()}: ` +
    `${s(deadline.operationTimeoutMs)} operation timeout (${deadline.timeoutFrom}) + ${s(deadline.graceMs)} reconciliation grace + ${s(deadline.marginMs)} margin, ` +
    `for a provider process the crash may have left running`
  );
}

/**
 * Where the operation timeout comes from, for the in-flight deadline's message. Only stack config
 * is surely what `pulumi up` ran with; an environment variable or the default is this shell's, and
 * the deadline is too short if `pulumi up` ran with a longer PINGONE_OPERATION_TIMEOUT.
 */
export function timeoutSource(config: ConfigSource, env: NodeJS.ProcessEnv): string {
  const { config: key, env: variable } = SETTING_SOURCES.operationTimeout;
  if (config.get(key) !== undefined) return `stack config ${key}`;
  const caveat = `; if \`pulumi up\` ran with another ${variable}, run this with the same`;
  return env[variable] !== undefined && env[variable]?.trim() !== "" ? `${variable} in this environment${caveat}` : `the default${caveat}`;
}
