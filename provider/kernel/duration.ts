/** Durations and times as users write them in rotation settings. */

const UNIT_MS: Readonly<Record<string, number>> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
const DURATION = /^(?:\d+(?:\.\d+)?[dhms])+$/;
const TERM = /(\d+(?:\.\d+)?)([dhms])/g;
/** RFC 3339 `date-time` (section 5.6): full date, `T`, time with optional fraction, `Z` or an offset. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/**
 * What the notation allows, for error messages.
 * @see parseDuration
 */
export const DURATION_SYNTAX = 'a duration such as "24h", "1h30m", "90d" (units d, h, m, s)';

/**
 * Milliseconds of a duration, or undefined when the text is not one. A duration is Go's notation
 * (as Terraform's `timeadd`, `time_rotating` and `time_offset` take it): one or more
 * `<number><unit>` terms such as "24h", "1h30m" or "90s", with units h, m and s, plus d for days
 * (24h) because rotation periods are counted in days ("90d" = "2160h").
 * @see https://pkg.go.dev/time#ParseDuration
 */
export function parseDuration(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(TERM)) total += Number(amount) * UNIT_MS[unit];
  return Number.isFinite(total) ? Math.round(total) : undefined;
}

/**
 * Epoch milliseconds of an RFC 3339 time with an explicit offset ("2030-01-01T00:00:00Z", as
 * PingOne's `previous.expiresAt` is), or undefined when the text is not one.
 * @see https://www.rfc-editor.org/rfc/rfc3339#section-5.6
 */
export function parseRfc3339(text: string): number | undefined {
  if (!RFC3339.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
}

/** A duration for messages, in the largest whole unit: "30d", "36h", "90s". */
export function formatDuration(ms: number): string {
  for (const unit of ["d", "h", "m", "s"]) {
    const size = UNIT_MS[unit];
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
