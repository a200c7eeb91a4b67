/**
 * Failure injection for the API and token routes (never for /__admin).
 *
 * For each request the controller decides, before it is handled: extra latency, drop the
 * connection, answer with a 429/5xx, or handle it and then drop the connection (the ambiguous
 * "did my create happen?" case). Scripted one-shot faults come first and are deterministic;
 * rate-based ones draw from the seeded generator.
 */
import { ERROR_CODES, type ErrorCode } from "../pingone";
import { pingOneError, rateLimited, serverError } from "./errors";
import type { EmulatorResponse } from "./http";
import { isJsonObject } from "./json";
import type { Random } from "./rng";
import type { FaultKind, FaultSettings, ScriptedFault, ScriptedFaultAction } from "./types";

export class FaultSettingsError extends Error {}

export function defaultFaultSettings(tokenLifetimeSeconds: number): FaultSettings {
  return {
    latencyMs: 0,
    rate429: 0,
    retryAfterSeconds: 1,
    requestsPerSecond: 0,
    rate5xx: 0,
    status5xx: 503,
    rateReset: 0,
    rateResetAfterCommit: 0,
    tokenLifetimeSeconds,
    script: [],
  };
}

export type FaultOutcome = { kind: "proceed"; resetAfterCommit: boolean } | { kind: "respond"; response: EmulatorResponse } | { kind: "reset-before" };

export interface FaultDecision {
  latencyMs: number;
  /** Faults that applied, for the request log. */
  applied: FaultKind[];
  outcome: FaultOutcome;
}

interface QueuedFault {
  entry: ScriptedFault;
  method?: string;
  path?: RegExp;
  remaining: number;
}

const MAX_LATENCY_MS = 120_000;

export class FaultController {
  private current: Omit<FaultSettings, "script">;
  private queue: QueuedFault[] = [];
  /** Times (ms) of requests admitted in the last second, for `requestsPerSecond`. */
  private admitted: number[] = [];

  constructor(
    private readonly baseline: FaultSettings,
    private readonly random: Random,
    private readonly now: () => number = Date.now,
  ) {
    this.current = withoutScript(baseline);
    this.queue = baseline.script.map(queued);
  }

  settings(): FaultSettings {
    return {
      ...this.current,
      script: this.queue.map((q) => ({ ...structuredClone(q.entry), times: q.remaining })),
    };
  }

  /** Validates, then merges. A given `script` replaces the queue. */
  set(patch: unknown): void {
    const valid = parseFaultPatch(patch);
    const { script, ...rest } = valid;
    this.current = { ...this.current, ...rest };
    if (script !== undefined) this.queue = script.map(queued);
  }

  /** Appends scripted faults to the queue. */
  enqueue(entries: unknown): void {
    const list = Array.isArray(entries) ? entries : [entries];
    this.queue.push(...parseScript(list).map(queued));
  }

  clear(): void {
    this.current = withoutScript(this.baseline);
    this.queue = [];
    this.admitted = [];
  }

  tokenLifetimeSeconds(): number {
    return this.current.tokenLifetimeSeconds;
  }

  decide(method: string, path: string): FaultDecision {
    const s = this.current;
    const applied: FaultKind[] = [];
    const scripted = this.takeScripted(method, path);
    const latencyMs = s.latencyMs + (scripted?.latencyMs ?? 0);
    if (latencyMs > 0) applied.push("latency");
    const done = (outcome: FaultOutcome): FaultDecision => ({ latencyMs, applied, outcome });

    if (scripted?.reset === "before") {
      applied.push("reset-before");
      return done({ kind: "reset-before" });
    }
    if (scripted?.status !== undefined) {
      applied.push("scripted-status");
      return done({ kind: "respond", response: scriptedResponse(scripted, s.retryAfterSeconds) });
    }
    if (scripted?.reset === "after-commit") {
      applied.push("reset-after-commit");
      return done({ kind: "proceed", resetAfterCommit: true });
    }

    if (this.chance(s.rateReset)) {
      applied.push("reset-before");
      return done({ kind: "reset-before" });
    }
    const wait = this.overBudget(s.requestsPerSecond);
    if (wait !== undefined) {
      applied.push("requests-per-second");
      return done({ kind: "respond", response: rateLimited(Math.max(s.retryAfterSeconds, wait)) });
    }
    if (this.chance(s.rate429)) {
      applied.push("rate-limit");
      return done({ kind: "respond", response: rateLimited(s.retryAfterSeconds) });
    }
    if (this.chance(s.rate5xx)) {
      applied.push("server-error");
      return done({ kind: "respond", response: serverError(s.status5xx) });
    }
    const resetAfterCommit = this.chance(s.rateResetAfterCommit);
    if (resetAfterCommit) applied.push("reset-after-commit");
    return done({ kind: "proceed", resetAfterCommit });
  }

  /** Draws only when the rate is positive, so unrelated settings do not shift the sequence. */
  private chance(rate: number): boolean {
    return rate > 0 && this.random() < rate;
  }

  /** Seconds until a slot frees up when the rolling one-second budget is spent; undefined if admitted. */
  private overBudget(perSecond: number): number | undefined {
    if (perSecond <= 0) return undefined;
    const now = this.now();
    this.admitted = this.admitted.filter((t) => t > now - 1000);
    if (this.admitted.length >= perSecond) {
      return Math.max(1, Math.ceil((this.admitted[0] + 1000 - now) / 1000));
    }
    this.admitted.push(now);
    return undefined;
  }

  private takeScripted(method: string, path: string): ScriptedFaultAction | undefined {
    const index = this.queue.findIndex((q) => (q.method === undefined || q.method === method.toUpperCase()) && (q.path === undefined || q.path.test(path)));
    if (index < 0) return undefined;
    const q = this.queue[index];
    q.remaining -= 1;
    if (q.remaining <= 0) this.queue.splice(index, 1);
    return q.entry.fault;
  }
}

function withoutScript(settings: FaultSettings): Omit<FaultSettings, "script"> {
  const rest: Partial<FaultSettings> = { ...settings };
  delete rest.script;
  return rest as Omit<FaultSettings, "script">;
}

function queued(entry: ScriptedFault): QueuedFault {
  return {
    entry,
    method: entry.match?.method?.toUpperCase(),
    path: entry.match?.path !== undefined ? new RegExp(entry.match.path) : undefined,
    remaining: entry.times ?? 1,
  };
}

function scriptedResponse(action: ScriptedFaultAction, defaultRetryAfter: number): EmulatorResponse {
  const status = action.status ?? 500;
  const retryAfter = action.retryAfterSeconds ?? defaultRetryAfter;
  let response: EmulatorResponse;
  if (status === 429) response = rateLimited(retryAfter);
  else if (status >= 500) response = serverError(status);
  else response = pingOneError(status, defaultCode(status), "The request could not be completed.");
  if (status === 503 && action.retryAfterSeconds !== undefined) response.headers["retry-after"] = String(retryAfter);
  if (isJsonObject(response.body)) {
    if (action.code !== undefined) response.body.code = action.code;
    if (action.message !== undefined) response.body.message = action.message;
  }
  return response;
}

function defaultCode(status: number): ErrorCode {
  if (status === 401 || status === 403) return ERROR_CODES.accessFailed;
  if (status === 404) return ERROR_CODES.notFound;
  return ERROR_CODES.requestFailed;
}

/** Checks a partial FaultSettings coming from options, the CLI or the admin endpoint. */
export function parseFaultPatch(input: unknown): Partial<FaultSettings> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new FaultSettingsError("fault settings must be an object");
  }
  const source = input as Record<string, unknown>;
  const out: Partial<FaultSettings> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    switch (key) {
      case "latencyMs":
        out.latencyMs = number(key, value, 0, MAX_LATENCY_MS);
        break;
      case "rate429":
      case "rate5xx":
      case "rateReset":
      case "rateResetAfterCommit":
        out[key] = number(key, value, 0, 1);
        break;
      case "retryAfterSeconds":
        out.retryAfterSeconds = integer(key, value, 0, 3600);
        break;
      case "requestsPerSecond":
        out.requestsPerSecond = integer(key, value, 0, 1_000_000);
        break;
      case "status5xx":
        out.status5xx = integer(key, value, 500, 599);
        break;
      case "tokenLifetimeSeconds":
        out.tokenLifetimeSeconds = integer(key, value, 0, 31_536_000);
        break;
      case "script":
        if (!Array.isArray(value)) throw new FaultSettingsError("script must be an array");
        out.script = parseScript(value);
        break;
      default:
        throw new FaultSettingsError(`unknown fault setting '${key}'`);
    }
  }
  return out;
}

function parseScript(entries: unknown[]): ScriptedFault[] {
  return entries.map((raw, i) => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new FaultSettingsError(`script[${i}] must be an object`);
    const entry = raw as Record<string, unknown>;
    const out: ScriptedFault = { fault: parseAction(entry.fault, i) };
    if (entry.match !== undefined) {
      if (typeof entry.match !== "object" || entry.match === null) throw new FaultSettingsError(`script[${i}].match must be an object`);
      const match = entry.match as Record<string, unknown>;
      out.match = {};
      if (match.method !== undefined) {
        if (typeof match.method !== "string") throw new FaultSettingsError(`script[${i}].match.method must be a string`);
        out.match.method = match.method;
      }
      if (match.path !== undefined) {
        if (typeof match.path !== "string") throw new FaultSettingsError(`script[${i}].match.path must be a string`);
        try {
          new RegExp(match.path);
        } catch {
          throw new FaultSettingsError(`script[${i}].match.path is not a valid regular expression`);
        }
        out.match.path = match.path;
      }
    }
    if (entry.times !== undefined) out.times = integer(`script[${i}].times`, entry.times, 1, 1_000_000);
    return out;
  });
}

function parseAction(raw: unknown, i: number): ScriptedFaultAction {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new FaultSettingsError(`script[${i}].fault must be an object`);
  const fault = raw as Record<string, unknown>;
  const out: ScriptedFaultAction = {};
  if (fault.latencyMs !== undefined) out.latencyMs = number(`script[${i}].fault.latencyMs`, fault.latencyMs, 0, MAX_LATENCY_MS);
  if (fault.status !== undefined) out.status = integer(`script[${i}].fault.status`, fault.status, 400, 599);
  if (fault.retryAfterSeconds !== undefined) {
    out.retryAfterSeconds = integer(`script[${i}].fault.retryAfterSeconds`, fault.retryAfterSeconds, 0, 3600);
  }
  for (const key of ["code", "message"] as const) {
    if (fault[key] !== undefined) {
      if (typeof fault[key] !== "string") throw new FaultSettingsError(`script[${i}].fault.${key} must be a string`);
      out[key] = fault[key];
    }
  }
  if (fault.reset !== undefined) {
    if (fault.reset !== "before" && fault.reset !== "after-commit") {
      throw new FaultSettingsError(`script[${i}].fault.reset must be "before" or "after-commit"`);
    }
    out.reset = fault.reset;
  }
  if (out.status !== undefined && out.reset !== undefined) {
    throw new FaultSettingsError(`script[${i}].fault cannot have both status and reset`);
  }
  if (out.latencyMs === undefined && out.status === undefined && out.reset === undefined) {
    throw new FaultSettingsError(`script[${i}].fault needs latencyMs, status or reset`);
  }
  return out;
}

function number(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new FaultSettingsError(`${name} must be a number between ${min} and ${max}`);
  }
  return value;
}

function integer(name: string, value: unknown, min: number, max: number): number {
  const n = number(name, value, min, max);
  if (!Number.isInteger(n)) throw new FaultSettingsError(`${name} must be an integer`);
  return n;
}
