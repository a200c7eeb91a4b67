/**
 * Request bodies and outputs: the pure steps between inputs and PingOne's JSON.
 */
import { CREATE_ONLY_FIELDS, NON_NULLIFIABLE_FIELDS, PROVIDER_ONLY_FIELDS, READ_ONLY_FIELDS, SERVER_DEFAULTS } from "./model";
import { MANAGED_FIELDS_KEY, managedFields, previouslyManaged } from "./diff";
import type { PingOneApplication } from "./client";
import { INTERNAL_INPUT_KEYS, matches, type Inputs } from "./values";

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
  const dropped = previouslyManaged(outputs).filter((key) => !managed.includes(key) && !NON_NULLIFIABLE_FIELDS.includes(key));
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
    if (Object.prototype.hasOwnProperty.call(SERVER_DEFAULTS, key) && !CREATE_ONLY_FIELDS.includes(key)) body[key] = SERVER_DEFAULTS[key];
  }
  return body;
}

/**
 * The resource's outputs: every field as PingOne returned it, plus the environment id, client id,
 * secret link, client secret (marked secret by the resource) and the list of managed properties.
 */
export function toOutputs(app: PingOneApplication, managed: Record<string, string>, clientSecret: string | undefined): Inputs {
  const environment = app.environment as { id?: unknown } | undefined;
  const links = app._links as Record<string, { href?: unknown } | undefined> | undefined;
  const outputs: Inputs = {
    ...app,
    environmentId: typeof environment?.id === "string" ? environment.id : undefined,
    // PingOne uses the application id as the client id; a POST response omits clientId (seeds 001/002).
    clientId: typeof app.clientId === "string" ? app.clientId : app.id,
    secretLink: typeof links?.secret?.href === "string" ? links.secret.href : undefined,
    [MANAGED_FIELDS_KEY]: managed,
  };
  if (clientSecret !== undefined) outputs.clientSecret = clientSecret;
  for (const key of Object.keys(outputs)) if (outputs[key] === undefined) delete outputs[key];
  return outputs;
}
