/**
 * Request counters (per `METHOD route-template`) and the request log.
 *
 * Tests use them to assert how many calls a provider made (retries, extra reads) and with which
 * bodies. The log is built to be safe to print: it never holds headers, token-endpoint bodies or
 * values under secret-looking keys.
 */
import { deepCopy, isJsonObject, type JsonValue } from "./json";
import type { FaultKind, LoggedRequest, RequestCounters } from "./types";

/** Keys whose values are credentials (mobile.integrityDetection.googlePlay keys, an import's clientSecret). */
const SECRET_KEY = /(secret|password)$|^(access_?token|refresh_?token|id_?token|decryptionKey|verificationKey|serviceAccountCredentials|privateKey)$/i;
const MAX_LOG_ENTRIES = 10_000;

/** A request as handed to the recorder: everything but the sequence number and time it assigns. */
export type LogInput = Omit<LoggedRequest, "seq" | "time">;

export class RequestRecorder {
  private total = 0;
  private byRoute = new Map<string, number>();
  private byFault = new Map<FaultKind, number>();
  private log: LoggedRequest[] = [];
  private seq = 0;

  count(routeKey: string): void {
    this.total += 1;
    this.byRoute.set(routeKey, (this.byRoute.get(routeKey) ?? 0) + 1);
  }

  record(input: LogInput): void {
    for (const fault of new Set(input.faults)) this.byFault.set(fault, (this.byFault.get(fault) ?? 0) + 1);
    this.seq += 1;
    const entry: LoggedRequest = {
      seq: this.seq,
      time: new Date().toISOString(),
      method: input.method,
      path: input.path,
      route: input.route,
      status: input.status,
      faults: [...input.faults],
    };
    if (input.committedStatus !== undefined) entry.committedStatus = input.committedStatus;
    if (input.body !== undefined) entry.body = redact(input.body);
    this.log.push(entry);
    if (this.log.length > MAX_LOG_ENTRIES) this.log.splice(0, this.log.length - MAX_LOG_ENTRIES);
  }

  counters(): RequestCounters {
    return { total: this.total, byRoute: Object.fromEntries(this.byRoute), byFault: Object.fromEntries(this.byFault) };
  }

  entries(): LoggedRequest[] {
    return this.log.map((e) => {
      const copy: LoggedRequest = { ...e, faults: [...e.faults] };
      if (e.body !== undefined) copy.body = deepCopy(e.body);
      return copy;
    });
  }

  clearLog(): void {
    this.log = [];
  }

  reset(): void {
    this.total = 0;
    this.byRoute = new Map();
    this.byFault = new Map();
    this.log = [];
  }
}

export function redact(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(redact);
  if (isJsonObject(value)) {
    const out: Record<string, JsonValue> = {};
    for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? "[REDACTED]" : redact(v);
    return out;
  }
  return value;
}
