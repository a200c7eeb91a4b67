/**
 * Request bodies and outputs: the pure steps between inputs and PingOne's JSON.
 */
import { CREATE_ONLY_FIELDS, NON_NULLIFIABLE_FIELDS, PROVIDER_ONLY_FIELDS, READ_ONLY_FIELDS, SERVER_DEFAULTS } from "./model";
import { MANAGED_FIELDS_KEY, managedFields, previouslyManaged } from "./diff";
import type { PingOneApplication } from "./client";
import { INTERNAL_INPUT_KEYS, type Inputs } from "./values";

/** Output keys this provider adds on top of PingOne's body; never sent back to PingOne. */
const COMPUTED_OUTPUT_KEYS = ["environmentId", "secretLink", "clientSecret", MANAGED_FIELDS_KEY] as const;

/** Whether the client secret is read and kept (`exposeSecret` is not `false`), in inputs or outputs. */
export function exposesSecret(values: Inputs): boolean {
  return values.exposeSecret !== false;
}
const NEVER_SENT = new Set<string>([...READ_ONLY_FIELDS, ...COMPUTED_OUTPUT_KEYS, ...INTERNAL_INPUT_KEYS, ...PROVIDER_ONLY_FIELDS]);

/** The POST body: the user's properties as PingOne names them. */
export function createBody(inputs: Inputs): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of managedFields(inputs)) if (!NEVER_SENT.has(key)) body[key] = inputs[key];
  return body;
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
 * secret link, client secret (marked secret by the resource; never with `exposeSecret: false`) and
 * the list of managed properties.
 */
export function toOutputs(app: PingOneApplication, managed: Record<string, string>, clientSecret: string | undefined, exposeSecret = true): Inputs {
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
  if (clientSecret !== undefined && exposeSecret) outputs.clientSecret = clientSecret;
  // Recorded only when off, so that states written before the setting existed read as "on".
  if (!exposeSecret) outputs.exposeSecret = false;
  for (const key of Object.keys(outputs)) if (outputs[key] === undefined) delete outputs[key];
  return outputs;
}
