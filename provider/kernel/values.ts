/** Plain-value helpers shared by check, diff and lifecycle: the unknown sentinel, internal keys, set-aware comparison. */
import { createHash } from "node:crypto";
import { SET_VALUED_PATHS } from "../../pingone";

/** Inputs as the dynamic provider receives them: plain JSON values. */
export type Inputs = Record<string, unknown>;

/**
 * The value the engine substitutes for an input that is unknown during preview, whatever the
 * input's type.
 * @see https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/runtime/rpc.ts (`unknownValue`)
 * @see UnknownInputError
 */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Input key on which an Application's check hands diff and update what the program set at the last
 * step, when the program changed since (plan.ts `withPreviousManaged`, `lastManaged`).
 */
export const PREVIOUS_MANAGED_KEY = "__previousManagedFields";

/** `__provider` is the engine's; `__autoname` carries the Pulumi resource name for auto-naming and messages; `PREVIOUS_MANAGED_KEY` is the provider's own. */
export const INTERNAL_INPUT_KEYS = ["__provider", "__autoname", PREVIOUS_MANAGED_KEY] as const;

/**
 * Whether a value is the engine's placeholder for one unknown during preview.
 * @see UNKNOWN_SENTINEL
 */
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

/** One value met by `walk`: where it is (a path such as `accessControl.group.groups[0].id`) and how deep (path segments). */
export interface WalkStep {
  value: unknown;
  path: string;
  depth: number;
}

/** Longest object key a path quotes in full (a key is user data, and may be huge). */
const MAX_PATH_KEY_LENGTH = 100;

/** A path segment for an object key, cut when the key is long. */
function keySegment(key: string): string {
  return key.length > MAX_PATH_KEY_LENGTH ? `${key.slice(0, MAX_PATH_KEY_LENGTH)}…` : key;
}

/**
 * Visits `value` and everything inside it, depth first in document order, with an explicit stack
 * instead of recursion, so that no input (a list nested 100,000 levels deep, say) can overflow
 * the call stack. `visit` returns `"skip"` to leave a value's contents unvisited, or `"stop"` to
 * end the walk; `walk` returns false when it was stopped.
 */
export function walk(value: unknown, path: string, visit: (step: WalkStep) => "skip" | "stop" | void): boolean {
  const stack: WalkStep[] = [{ value, path, depth: path === "" ? 0 : 1 }];
  for (let step = stack.pop(); step !== undefined; step = stack.pop()) {
    const verdict = visit(step);
    if (verdict === "stop") return false;
    if (verdict === "skip") continue;
    const { value: current, path: at, depth } = step;
    const children: WalkStep[] = [];
    if (Array.isArray(current)) {
      current.forEach((item, index) => children.push({ value: item, path: `${at}[${index}]`, depth: depth + 1 }));
    } else if (typeof current === "object" && current !== null) {
      for (const [key, item] of Object.entries(current as Record<string, unknown>)) {
        children.push({ value: item, path: at === "" ? keySegment(key) : `${at}.${keySegment(key)}`, depth: depth + 1 });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return true;
}

/** The path of the first unknown value in `value` (`path` names `value` itself), or undefined. */
export function findUnknown(value: unknown, path = ""): string | undefined {
  let found: string | undefined;
  walk(value, path, (step) => {
    if (!isUnknown(step.value)) return undefined;
    found = step.path;
    return "stop";
  });
  return found;
}

/** Whether the value or anything inside it is unknown. */
export function containsUnknown(value: unknown): boolean {
  return findUnknown(value) !== undefined;
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
 * @see SET_VALUED_PATHS (pingone/)
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
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, v]) => [key, normalize(v, path ? `${path}.${key}` : key)]));
  }
  return value;
}

/**
 * A short fingerprint of a value as the user set it (normalised), so that a later run can tell
 * whether the user changed it without the state keeping the value itself (it may be secret).
 */
export function digest(value: unknown, path: string): string {
  return createHash("sha256")
    .update(canonical(normalize(value, path)) ?? "undefined")
    .digest("hex")
    .slice(0, 16);
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

/** A value without `undefined` at any depth, as JSON would carry it (protobuf's Struct refuses `undefined`). */
export function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(withoutUndefined);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, withoutUndefined(v)]])));
  return value;
}
