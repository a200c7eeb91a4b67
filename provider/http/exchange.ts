import * as http from "node:http";
import * as https from "node:https";
import fetch from "node-fetch";
import { excerptText } from "../kernel/excerpt";
import type { Deadline } from "./deadline";

/**
 * A complete HTTP exchange: status, headers, the body's text and its JSON reading.
 * @see exchange
 */
export interface Exchange {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
  /** The parsed JSON, or undefined for an empty or unreadable body. */
  body: unknown;
  /** Set when the body is not empty and not JSON. */
  unreadable: boolean;
  /** Our clock when the answer's headers arrived. */
  receivedAt: number;
}

/**
 * The operation's deadline ended an exchange (or came before it started).
 * @see Deadline
 */
export class DeadlineReached extends Error {
  override name = "DeadlineReached";
}

/**
 * What bounds one exchange.
 * @see exchange
 */
export interface ExchangeLimits {
  /** The only bases a request may go to: the configured API and auth URLs. */
  bases: readonly string[];
  /** Cap on the answer's bytes. */
  maxBytes: number;
  /** Per-attempt timeout, covering the whole answer. */
  timeoutMs: number;
  deadline: Deadline;
}

const keepAliveHttp = new http.Agent({ keepAlive: true });
const keepAliveHttps = new https.Agent({ keepAlive: true });

/**
 * One request and its whole answer, body included, within the attempt's timeout and the
 * operation's deadline, and within `maxBytes`. Redirects come back as answers, never followed.
 *
 * @see ExchangeLimits
 * @see redirectRefusal
 */
export async function exchange(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  limits: ExchangeLimits,
): Promise<Exchange> {
  if (!limits.bases.some((base) => url.startsWith(`${base}/`))) {
    // Unreachable by construction; kept so that no future path can send a token elsewhere.
    throw new Error(`refusing to send a request outside ${limits.bases.join(" and ")}`);
  }
  const remaining = limits.deadline.remainingMs();
  if (remaining <= 0) throw new DeadlineReached();
  const limitedByDeadline = remaining < limits.timeoutMs;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.min(limits.timeoutMs, remaining));
  try {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      size: limits.maxBytes,
      agent: url.startsWith("https:") ? keepAliveHttps : keepAliveHttp,
      // node-fetch 2 types its own AbortSignal; the global one is compatible at run time.
      signal: controller.signal as unknown as import("node-fetch").RequestInit["signal"],
    });
    const receivedAt = Date.now();
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, receivedAt, ...parseJson(text) };
  } catch (error) {
    if (limitedByDeadline && error instanceof Error && error.name === "AbortError") throw new DeadlineReached();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Why a redirect was not followed: PingOne's API never redirects, so a token goes only to `bases`.
 * @see ExchangeLimits.bases
 */
export function redirectRefusal(response: Exchange, bases: readonly string[]): string {
  const location = response.headers.get("location");
  let target = "";
  try {
    target = location ? ` to ${new URL(location).origin}` : "";
  } catch {
    target = location ? ` to ${excerptText(location, 64)}` : "";
  }
  return `PingOne's API never redirects, so the redirect${target} was not followed: requests with credentials go only to ${bases.join(" and ")}`;
}

/**
 * A byte count as a cap is written: `1 MiB`, `16 KiB`, `100 bytes`.
 * @see ExchangeLimits.maxBytes
 */
export function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

function parseJson(text: string): { body: unknown; unreadable: boolean } {
  if (text === "") return { body: undefined, unreadable: false };
  try {
    return { body: JSON.parse(text) as unknown, unreadable: false };
  } catch {
    return { body: undefined, unreadable: true };
  }
}
