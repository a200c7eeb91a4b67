/**
 * Diff: decides no-op, update or replace by comparing what the user asks for (checked inputs)
 * with what PingOne last returned (the outputs in state), never by asking PingOne.
 *
 * - Set-valued arrays compare without regard to order or duplicates.
 * - A field the user never set is PingOne's: its server default (or any value PingOne holds)
 *   is not a difference.
 * - A field the user stops setting goes back to PingOne's default, except the ones PingOne
 *   cannot clear (refreshTokenDuration, refreshTokenRollingDuration), which are kept.
 * - `__provider` is ignored, so upgrading the provider's code alone is not a change.
 */
import { CREATE_ONLY_FIELDS, NON_NULLIFIABLE_FIELDS, PROVIDER_ONLY_FIELDS, REPLACE_TRIGGERS, SERVER_DEFAULTS } from "./model";
import { containsUnknown, INTERNAL_INPUT_KEYS, matches, type Inputs } from "./values";

/** Output key listing the input properties the user manages (set in the program). */
export const MANAGED_FIELDS_KEY = "__managedFields";

export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  /** Properties that differ, for tests and logs. */
  changed: string[];
}

/** The user-set properties of checked inputs (internal keys excluded). */
export function managedFields(inputs: Inputs): string[] {
  return Object.keys(inputs)
    .filter((key) => !(INTERNAL_INPUT_KEYS as readonly string[]).includes(key) && !PROVIDER_ONLY_FIELDS.includes(key) && inputs[key] !== undefined)
    .sort();
}

/** The properties the user managed at the last apply, as recorded in the outputs. */
export function previouslyManaged(outputs: Inputs): string[] {
  const value = outputs[MANAGED_FIELDS_KEY];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The value PingOne holds for a property, as recorded in the outputs. */
function heldValue(outputs: Inputs, property: string): unknown {
  return property === "environmentId" ? outputs.environmentId : outputs[property];
}

/** The nested replace triggers (e.g. `mobile.bundleId`) that differ. */
function nestedReplaceTriggers(property: string, desired: unknown, held: unknown): string[] {
  return REPLACE_TRIGGERS.filter((path) => path.startsWith(`${property}.`)).filter((path) => {
    const key = path.slice(property.length + 1);
    const want = (desired as Record<string, unknown> | undefined)?.[key];
    const have = (held as Record<string, unknown> | undefined)?.[key];
    return want !== have && !(want === undefined && have === undefined);
  });
}

export function diffApplication(outputs: Inputs, inputs: Inputs): DiffOutcome {
  const changed = new Set<string>();
  const replaces = new Set<string>();
  const managedNow = managedFields(inputs);

  for (const property of managedNow) {
    const desired = inputs[property];
    const held = heldValue(outputs, property);
    const unknown = containsUnknown(desired);
    if (!unknown && matches(desired, held, property)) continue;
    changed.add(property);
    if (REPLACE_TRIGGERS.includes(property) || CREATE_ONLY_FIELDS.includes(property)) replaces.add(property);
    if (unknown) {
      // An unknown nested value may turn out to change an immutable id: plan for the worst.
      for (const path of REPLACE_TRIGGERS) if (path.startsWith(`${property}.`)) replaces.add(path);
    } else {
      for (const path of nestedReplaceTriggers(property, desired, held)) replaces.add(path);
    }
  }

  for (const property of previouslyManaged(outputs)) {
    if (managedNow.includes(property) || NON_NULLIFIABLE_FIELDS.includes(property) || CREATE_ONLY_FIELDS.includes(property)) continue;
    const held = heldValue(outputs, property);
    const reset = Object.prototype.hasOwnProperty.call(SERVER_DEFAULTS, property) ? SERVER_DEFAULTS[property] : undefined;
    if (held === undefined || matches(reset, held, property)) continue;
    changed.add(property);
    for (const path of nestedReplaceTriggers(property, undefined, held)) replaces.add(path);
  }

  return { changes: changed.size > 0, replaces: [...replaces].sort(), changed: [...changed].sort() };
}
