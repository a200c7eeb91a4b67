/**
 * Planning a change: what the user manages (with a digest of each managed value), the diff
 * against what PingOne last returned, and the request bodies and outputs that carry it out.
 *
 * Diff decides no-op, update or replace by comparing what the user asks for (checked inputs)
 * with what PingOne last returned (the outputs in state), never by asking PingOne:
 * - Set-valued arrays compare without regard to order or duplicates.
 * - A field the user never set is PingOne's: its server default (or any value PingOne holds)
 *   is not a difference.
 * - A field the user stops setting goes back to PingOne's default, except the ones PingOne
 *   cannot clear (refreshTokenDuration, refreshTokenRollingDuration), which are kept: the PUT
 *   carries the default explicitly, since PingOne does not restore create-time defaults on PUT.
 * - `__provider` is ignored, so upgrading the provider's code alone is not a change.
 */
import { CREATE_DEFAULTS, CREATE_ONLY_FIELDS, NON_NULLIFIABLE_FIELDS, READ_ONLY_FIELDS, type PingOneApplication } from "../../pingone";
import { PROVIDER_ONLY_FIELDS, REPLACE_ON_CHANGE } from "./properties";
import { containsUnknown, digest, INTERNAL_INPUT_KEYS, matches, PREVIOUS_MANAGED_KEY, type Inputs } from "../kernel/values";

/**
 * Output key recording the properties the user manages (set in the program), each with a digest
 * of the value the user set: removals and changes are then seen at any depth, and the state
 * never holds a second plaintext copy of an input.
 *
 * Recorded as one string, `name:digest` pairs joined by commas, sorted by name (e.g.
 * `description:1865593336a72342,enabled:b5bea41b6c623f7c`). The engine writes every resource's
 * state again after each step, and its cost there grows with the number of values, not their
 * length: as an object (one entry per managed property, what earlier versions of this package
 * wrote) the record was a tenth of an Application's values in state (bench/scaling.ts, `--engine-prof`).
 * Both forms are read; a refresh keeps the form it found, so it reports no change.
 */
export const MANAGED_FIELDS_KEY = "__managedFields";

/** The managed properties and their digests, as recorded: one string, or an object (earlier releases). */
export type ManagedDigests = string | Record<string, string>;

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

/** Digests of the user-set properties of checked inputs, recorded as one string for the outputs. */
export function managedDigests(inputs: Inputs): string {
  return managedFields(inputs)
    .map((key) => `${key}:${digest(inputs[key], key)}`)
    .join(",");
}

/** The record of managed digests in the outputs, as found (for a refresh to keep); `{}` if none is readable. */
export function recordedDigests(outputs: Inputs): ManagedDigests {
  const value = outputs[MANAGED_FIELDS_KEY];
  if (typeof value === "string") return value;
  return Object.keys(previousDigests(outputs)).length > 0 ? (value as Record<string, string>) : {};
}

/** `name:digest` pairs joined by commas (the one-string form), as name → digest. */
function parseDigests(value: string): Record<string, string> {
  const pairs = value === "" ? [] : value.split(",").map((pair) => pair.split(":"));
  return Object.fromEntries(pairs.filter((pair): pair is [string, string] => pair.length === 2 && pair[0] !== "" && pair[1] !== ""));
}

/** The managed properties and their digests at the last apply, as recorded in the outputs (either form). */
export function previousDigests(outputs: Inputs): Record<string, string> {
  const value = outputs[MANAGED_FIELDS_KEY];
  if (typeof value === "string") return parseDigests(value);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/**
 * The checked inputs, carrying the digests of what the program set at the last step when the
 * program has changed since. `olds` are the state's inputs (the engine hands them to check); a
 * refresh never rewrites them, unlike the outputs' record (see `lastManaged`). An unchanged
 * program gets nothing added, so that an upgrade alone leaves the state's inputs as they were.
 */
export function withPreviousManaged(olds: Inputs, inputs: Inputs): Inputs {
  const { [PREVIOUS_MANAGED_KEY]: _stale, ...checked } = inputs;
  const before = managedDigests(olds);
  return before === "" || before === managedDigests(checked) ? checked : { ...checked, [PREVIOUS_MANAGED_KEY]: before };
}

/**
 * The managed properties and their digests at the last apply, for planning: the outputs' record,
 * unless it names nothing. No apply writes an empty record (an application has at least `type`
 * and `protocol`), but a refresh by a build that reads only the object form (f4f17e2 and earlier)
 * rewrites the one string of later versions as `{}` (CHANGELOG.md, "Rolling back"). Then what the
 * program set at the last step, which check carried over from the state's inputs, stands in for it.
 */
export function lastManaged(outputs: Inputs, inputs: Inputs): Record<string, string> {
  const recorded = previousDigests(outputs);
  const carried = inputs[PREVIOUS_MANAGED_KEY];
  return Object.keys(recorded).length === 0 && typeof carried === "string" ? parseDigests(carried) : recorded;
}

/** The value PingOne holds for a property, as recorded in the outputs. */
function heldValue(outputs: Inputs, property: string): unknown {
  return property === "environmentId" ? outputs.environmentId : outputs[property];
}

/** The nested replace triggers (e.g. `mobile.bundleId`) that differ. */
function nestedReplaceTriggers(property: string, desired: unknown, held: unknown): string[] {
  return REPLACE_ON_CHANGE.filter((path) => path.startsWith(`${property}.`)).filter((path) => {
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
  const previous = lastManaged(outputs, inputs);

  for (const property of managedNow) {
    const desired = inputs[property];
    const held = heldValue(outputs, property);
    const unknown = containsUnknown(desired);
    // PingOne holds what the user asks (as a subset: it may add keys), and the user asks what they
    // asked last time (so a key removed inside an object is a change too).
    const unchangedByUser = previous[property] === undefined || previous[property] === digest(desired, property);
    if (!unknown && matches(desired, held, property) && unchangedByUser) continue;
    changed.add(property);
    if (REPLACE_ON_CHANGE.includes(property) || CREATE_ONLY_FIELDS.includes(property)) replaces.add(property);
    if (unknown) {
      // An unknown nested value may turn out to change an immutable id: plan for the worst.
      for (const path of REPLACE_ON_CHANGE) if (path.startsWith(`${property}.`)) replaces.add(path);
    } else {
      for (const path of nestedReplaceTriggers(property, desired, held)) replaces.add(path);
    }
  }

  for (const property of Object.keys(previous)) {
    if (managedNow.includes(property) || NON_NULLIFIABLE_FIELDS.includes(property) || CREATE_ONLY_FIELDS.includes(property)) continue;
    const held = heldValue(outputs, property);
    const reset = Object.prototype.hasOwnProperty.call(CREATE_DEFAULTS, property) ? CREATE_DEFAULTS[property] : undefined;
    if (held === undefined || matches(reset, held, property)) continue;
    changed.add(property);
    for (const path of nestedReplaceTriggers(property, undefined, held)) replaces.add(path);
  }

  return { changes: changed.size > 0, replaces: [...replaces].sort(), changed: [...changed].sort() };
}

/** Output keys this provider adds on top of PingOne's body; never sent back to PingOne. */
const COMPUTED_OUTPUT_KEYS = ["environmentId", "secretLink", "clientSecret", MANAGED_FIELDS_KEY] as const;
const NEVER_SENT = new Set<string>([...READ_ONLY_FIELDS, ...COMPUTED_OUTPUT_KEYS, ...INTERNAL_INPUT_KEYS, ...PROVIDER_ONLY_FIELDS]);

/** The POST body: the user's properties as PingOne names them. */
export function createBody(inputs: Inputs): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of managedFields(inputs)) if (!NEVER_SENT.has(key)) body[key] = inputs[key];
  return body;
}

/**
 * The sent fields that PingOne does not hold as sent (none: the application is what this body
 * asked for). Lets a create whose answer was lost, or a crash, be matched to the app it made.
 */
export function unmatchedFields(app: PingOneApplication, body: Record<string, unknown>): string[] {
  return Object.entries(body)
    .filter(([key, value]) => !matches(value, app[key], key))
    .map(([key]) => key);
}

/** Whether PingOne holds every field of the body as sent. */
export function matchesBody(app: PingOneApplication, body: Record<string, unknown>): boolean {
  return unmatchedFields(app, body).length === 0;
}

/**
 * The PUT body. PUT replaces the whole application, so it starts from everything PingOne last
 * returned (keeping settings the user does not manage, e.g. `signing.keyRotationPolicy`: the
 * Terraform provider's issue #1326), drops what the user stopped managing so that PingOne resets
 * it (except fields PingOne cannot clear), and lays the user's properties on top.
 */
export function updateBody(outputs: Inputs, inputs: Inputs): Record<string, unknown> {
  const managed = managedFields(inputs);
  const dropped = Object.keys(lastManaged(outputs, inputs)).filter((key) => !managed.includes(key) && !NON_NULLIFIABLE_FIELDS.includes(key));
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outputs)) {
    if (NEVER_SENT.has(key) || CREATE_ONLY_FIELDS.includes(key) || dropped.includes(key) || value === undefined) continue;
    body[key] = value;
  }
  for (const key of managed) if (!NEVER_SENT.has(key) && !CREATE_ONLY_FIELDS.includes(key)) body[key] = inputs[key];
  // Omitting a field from a PUT does not bring back PingOne's create-time default (seed 000's PUT
  // response has no additionalRefreshTokenReplayProtectionEnabled, which PingOne reads as false),
  // so a field the user stopped setting is sent with its default explicitly.
  for (const key of dropped) {
    if (Object.prototype.hasOwnProperty.call(CREATE_DEFAULTS, key) && !CREATE_ONLY_FIELDS.includes(key)) body[key] = CREATE_DEFAULTS[key];
  }
  return body;
}

/** Whether the client secret is read and kept (`exposeSecret` is not `false`), in inputs or outputs. */
export function exposesSecret(values: Inputs): boolean {
  return values.exposeSecret !== false;
}

/**
 * Fields of PingOne's answer that the outputs do not keep as such: `_links` (about 0.9 KB of URLs,
 * of which only the secret's is of use, kept as `secretLink`) and `environment` (kept as
 * `environmentId`). Every byte of an output is written again with each checkpoint the engine saves
 * during a run, once per resource step, so a copy of either would cost N times over.
 */
const NOT_KEPT_IN_OUTPUTS = ["_links", "environment"] as const;

function stringOr(value: unknown, fallback: unknown): string | undefined {
  if (typeof value === "string") return value;
  return typeof fallback === "string" ? fallback : undefined;
}

/**
 * The resource's outputs: every field as PingOne returned it, plus the environment id, client id,
 * secret link, client secret (marked secret by the resource; never with `exposeSecret: false`) and
 * the list of managed properties. `app` is PingOne's answer, or the outputs of a previous step
 * (which hold `environmentId` and `secretLink` instead of `environment` and `_links`).
 */
export function toOutputs(app: PingOneApplication, managed: ManagedDigests, clientSecret: string | undefined, exposeSecret = true): Inputs {
  const environment = app.environment as { id?: unknown } | undefined;
  const links = app._links as Record<string, { href?: unknown } | undefined> | undefined;
  const outputs: Inputs = {
    ...app,
    environmentId: stringOr(environment?.id, app.environmentId),
    // PingOne uses the application id as the client id; a POST response omits clientId (seeds 001/002).
    clientId: typeof app.clientId === "string" ? app.clientId : app.id,
    secretLink: stringOr(links?.secret?.href, app.secretLink),
    [MANAGED_FIELDS_KEY]: managed,
  };
  for (const key of NOT_KEPT_IN_OUTPUTS) delete outputs[key];
  if (clientSecret !== undefined && exposeSecret) outputs.clientSecret = clientSecret;
  // Recorded only when off, so that states written before the setting existed read as "on".
  if (!exposeSecret) outputs.exposeSecret = false;
  for (const key of Object.keys(outputs)) if (outputs[key] === undefined) delete outputs[key];
  return outputs;
}
