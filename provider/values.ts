/**
 * Plain-value helpers shared by check, diff and lifecycle: the engine's unknown sentinel, the
 * internal input keys, and set-aware normalisation for comparisons.
 */
import { createHash } from "node:crypto";
import { SET_VALUED_PATHS } from "../pingone";

/** Inputs as the dynamic provider receives them: plain JSON values. */
export type Inputs = Record<string, unknown>;

/**
 * The value the engine substitutes for an input that is unknown during preview, whatever the
 * input's type (`sdk/nodejs/runtime/rpc.ts` `unknownValue`).
 */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** `__provider` is the engine's; `__autoname` carries the Pulumi resource name for auto-naming and messages. */
export const INTERNAL_INPUT_KEYS = ["__provider", "__autoname"] as const;

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_SENTINEL;
}

/** The value at a dotted path, or undefined. */
export function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split(".")) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Whether the value or anything inside it is unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * Normalises a value at a dotted path for comparison: set-valued arrays are deduplicated and
 * sorted (PingOne returns them in its own order), objects are normalised key by key.
 */
export function normalize(value: unknown, path: string): unknown {
  // PingOne stores an empty set as no value at all.
  if (Array.isArray(value) && value.length === 0 && SET_VALUED_PATHS.includes(path)) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => normalize(item, `${path}[]`));
    if (!SET_VALUED_PATHS.includes(path)) return items;
    const unique = new Map(items.map((item) => [canonical(item), item] as const));
    return [...unique.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, item]) => item);
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, v]) => [key, normalize(v, path ? `${path}.${key}` : key)]),
    );
  }
  return value;
}

/**
 * A short fingerprint of a value as the user set it (normalised), so that a later run can tell
 * whether the user changed it without the state keeping the value itself (it may be secret).
 */
export function digest(value: unknown, path: string): string {
  return createHash("sha256").update(canonical(normalize(value, path)) ?? "undefined").digest("hex").slice(0, 16);
}

/**
 * Whether what the user asked for (`desired`) is what PingOne holds (`actual`) at `path`.
 * Objects compare as a subset: keys the user did not set inside an object are PingOne's to fill
 * (e.g. mobile defaults), so they do not make a difference.
 */
export function matches(desired: unknown, actual: unknown, path: string): boolean {
  const d = normalize(desired, path);
  const a = normalize(actual, path);
  return subsetEqual(d, a);
}

function subsetEqual(desired: unknown, actual: unknown): boolean {
  if (Array.isArray(desired)) {
    return Array.isArray(actual) && desired.length === actual.length && desired.every((item, i) => subsetEqual(item, actual[i]));
  }
  if (typeof desired === "object" && desired !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return false;
    const record = actual as Record<string, unknown>;
    return Object.entries(desired as Record<string, unknown>).every(([key, v]) => v === undefined || subsetEqual(v, record[key]));
  }
  return desired === actual;
}
