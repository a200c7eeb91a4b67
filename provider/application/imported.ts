/**
 * An existing application's configuration as a program would give it: every writable field
 * PingOne holds, except those equal to what leaving the field out means (from the field table).
 * `pulumi-pingone adopt` writes these into the program it generates, and the provider plugin's
 * `read` rebuilds a resource's inputs from them when `pulumi import` or `.get` gives only an id.
 */
import { ABSENT_MEANS, CREATE_DEFAULTS, TOP_LEVEL_FIELDS } from "../../pingone";

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The value a field takes when a program leaves it out, or undefined when that is not one value:
 * PingOne's create default and what its absence means on an update are the same, or only one of
 * them is documented. `additionalRefreshTokenReplayProtectionEnabled` is created `true` but read
 * as `false` when absent, so a program (and the policy pack) cannot leave it out to mean `true`.
 */
function valueWhenLeftOut(field: string): unknown {
  const created = CREATE_DEFAULTS[field];
  const absent = ABSENT_MEANS[field];
  if (created !== undefined && absent !== undefined) return sameValue(created, absent) ? created : undefined;
  return created ?? absent;
}

/** The application's writable fields that a program must give to hold what PingOne holds. */
export function importedInputs(app: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const field of TOP_LEVEL_FIELDS) {
    const value = app[field];
    if (value === undefined || value === null) continue;
    const leftOut = valueWhenLeftOut(field);
    if (leftOut !== undefined && sameValue(value, leftOut)) continue;
    inputs[field] = value;
  }
  return inputs;
}
