/**
 * The store's content as plain JSON, and back: what PingOne held at one moment (environments, their
 * resources and sign-on policies, applications with their client secrets, grants and sign-on
 * policy assignments), so a test can start an emulator exactly where an earlier run left off.
 * The upgrade test starts from a store written while an older version of the package deployed a
 * stack (test/fixtures/upgrade/README.md).
 *
 * Ids and timestamps are kept as they were: a stack's state names them. Not kept: test users,
 * sign-in sessions, signing keys, issued tokens, faults and counters (a restored emulator starts
 * with none of them), and the worker's credentials (the provider takes those from its settings,
 * never from state).
 *
 * A snapshot holds each application's client secrets in plain text, as the store does: write it
 * where only test code reads it, or seal the secrets first (the upgrade fixtures do).
 */
import { isJsonObject, deepCopy, type JsonObject, type JsonValue } from "./json";
import type { ApplicationStore, Environment, StoredApplication, StoredResource, StoredSecret, StoredSignOnPolicy } from "./store";

/** Names the format, so a snapshot of another shape is refused instead of half read. */
export const STORE_SNAPSHOT_FORMAT = "pingone-emulator-store/1";

export interface StoreSnapshot {
  format: typeof STORE_SNAPSHOT_FORMAT;
  environments: EnvironmentSnapshot[];
}

export interface EnvironmentSnapshot {
  id: string;
  organizationId: string;
  createdAt: string;
  defaultKeyRotationPolicyId: string;
  resources: StoredResource[];
  signOnPolicies: StoredSignOnPolicy[];
  applications: ApplicationSnapshot[];
}

export interface ApplicationSnapshot {
  /** The stored record: the application's fields plus `id`, `createdAt` and `updatedAt`. */
  record: JsonObject;
  secret: StoredSecret;
  grants: JsonObject[];
  signOnPolicyAssignments: JsonObject[];
}

/** A snapshot is not of the expected shape; the message names the first wrong field by its path. */
export class StoreSnapshotError extends Error {
  override name = "StoreSnapshotError";
}

/** The store's content, deep-copied (a later change to the store does not reach the snapshot). */
export function exportStore(store: ApplicationStore): StoreSnapshot {
  const environments = store.environmentIds().map((id): EnvironmentSnapshot => {
    const env = store.environment(id) as Environment;
    return {
      id: env.id,
      organizationId: env.organizationId,
      createdAt: env.createdAt,
      defaultKeyRotationPolicyId: env.defaultKeyRotationPolicyId,
      resources: env.resources.map((r) => ({ id: r.id, name: r.name, type: r.type, scopes: r.scopes.map((s) => ({ id: s.id, name: s.name })) })),
      signOnPolicies: env.signOnPolicies.map((p) => ({ id: p.id, name: p.name, default: p.default })),
      applications: [...env.applications.values()].map((app) => ({
        record: deepCopy(app.record),
        secret: copySecret(app.secret),
        grants: [...app.grants.values()].map((g) => deepCopy(g)),
        signOnPolicyAssignments: [...app.signOnPolicyAssignments.values()].map((a) => deepCopy(a)),
      })),
    };
  });
  return { format: STORE_SNAPSHOT_FORMAT, environments };
}

/** The environment ids a snapshot holds, after checking its shape (for starting an emulator with exactly those). */
export function snapshotEnvironmentIds(snapshot: unknown): string[] {
  return readSnapshot(snapshot).environments.map((env) => env.id);
}

/**
 * Replaces the content of each environment the snapshot names with the snapshot's. The store must
 * already have exactly those environments (the emulator is started with the snapshot's ids).
 * Throws StoreSnapshotError, before changing anything, when the snapshot is malformed.
 */
export function importStore(store: ApplicationStore, snapshot: unknown): void {
  const checked = readSnapshot(snapshot);
  const ids = checked.environments.map((env) => env.id);
  const have = store.environmentIds();
  if (ids.length !== have.length || ids.some((id) => !have.includes(id))) {
    throw new StoreSnapshotError(`the snapshot's environments (${ids.join(", ")}) are not the store's (${have.join(", ")})`);
  }
  for (const saved of checked.environments) {
    const env = store.environment(saved.id) as Environment;
    env.organizationId = saved.organizationId;
    env.createdAt = saved.createdAt;
    env.defaultKeyRotationPolicyId = saved.defaultKeyRotationPolicyId;
    env.resources = saved.resources.map((r) => ({ ...r, scopes: r.scopes.map((s) => ({ ...s })) }));
    env.signOnPolicies = saved.signOnPolicies.map((p) => ({ ...p }));
    env.applications = new Map(saved.applications.map((app): [string, StoredApplication] => [idOf(app.record), restoreApplication(app)]));
  }
}

function restoreApplication(app: ApplicationSnapshot): StoredApplication {
  return {
    id: idOf(app.record),
    record: deepCopy(app.record),
    secret: copySecret(app.secret),
    grants: new Map(app.grants.map((g): [string, JsonObject] => [idOf(g), deepCopy(g)])),
    signOnPolicyAssignments: new Map(app.signOnPolicyAssignments.map((a): [string, JsonObject] => [idOf(a), deepCopy(a)])),
  };
}

/** The `id` of a record that `readSnapshot` checked (a non-empty string). */
function idOf(record: JsonObject): string {
  return typeof record.id === "string" ? record.id : "";
}

function copySecret(secret: StoredSecret): StoredSecret {
  return secret.previous === undefined ? { current: secret.current } : { current: secret.current, previous: { ...secret.previous } };
}

// ---- Shape checks: a snapshot usually comes from a file, so every field is checked before use. ----

function readSnapshot(value: unknown): StoreSnapshot {
  const root = object(value, "snapshot");
  if (root.format !== STORE_SNAPSHOT_FORMAT) {
    throw new StoreSnapshotError(`snapshot.format is ${JSON.stringify(root.format)}; expected ${JSON.stringify(STORE_SNAPSHOT_FORMAT)}`);
  }
  const environments = array(root.environments, "snapshot.environments").map((env, i) => readEnvironment(env, `snapshot.environments[${i}]`));
  if (environments.length === 0) throw new StoreSnapshotError("snapshot.environments is empty; an emulator needs at least one environment");
  unique(
    environments.map((env) => env.id),
    "snapshot.environments[].id",
  );
  return { format: STORE_SNAPSHOT_FORMAT, environments };
}

function readEnvironment(value: JsonValue, at: string): EnvironmentSnapshot {
  const env = object(value, at);
  const applications = array(env.applications, `${at}.applications`).map((app, i) => readApplication(app, `${at}.applications[${i}]`));
  unique(
    applications.map((app) => idOf(app.record)),
    `${at}.applications[].record.id`,
  );
  return {
    id: string(env.id, `${at}.id`),
    organizationId: string(env.organizationId, `${at}.organizationId`),
    createdAt: string(env.createdAt, `${at}.createdAt`),
    defaultKeyRotationPolicyId: string(env.defaultKeyRotationPolicyId, `${at}.defaultKeyRotationPolicyId`),
    resources: array(env.resources, `${at}.resources`).map((r, i) => {
      const resource = object(r, `${at}.resources[${i}]`);
      const where = `${at}.resources[${i}]`;
      return {
        id: string(resource.id, `${where}.id`),
        name: string(resource.name, `${where}.name`),
        type: string(resource.type, `${where}.type`),
        scopes: array(resource.scopes, `${where}.scopes`).map((s, j) => {
          const scope = object(s, `${where}.scopes[${j}]`);
          return { id: string(scope.id, `${where}.scopes[${j}].id`), name: string(scope.name, `${where}.scopes[${j}].name`) };
        }),
      };
    }),
    signOnPolicies: array(env.signOnPolicies, `${at}.signOnPolicies`).map((p, i) => {
      const policy = object(p, `${at}.signOnPolicies[${i}]`);
      const where = `${at}.signOnPolicies[${i}]`;
      if (typeof policy.default !== "boolean") throw new StoreSnapshotError(`${where}.default must be a boolean`);
      return { id: string(policy.id, `${where}.id`), name: string(policy.name, `${where}.name`), default: policy.default };
    }),
    applications,
  };
}

function readApplication(value: JsonValue, at: string): ApplicationSnapshot {
  const app = object(value, at);
  const record = object(app.record, `${at}.record`);
  for (const key of ["id", "createdAt", "updatedAt"]) string(record[key], `${at}.record.${key}`);
  const secret = object(app.secret, `${at}.secret`);
  const stored: StoredSecret = { current: string(secret.current, `${at}.secret.current`) };
  if (secret.previous !== undefined) {
    const previous = object(secret.previous, `${at}.secret.previous`);
    stored.previous = {
      secret: string(previous.secret, `${at}.secret.previous.secret`),
      expiresAt: string(previous.expiresAt, `${at}.secret.previous.expiresAt`),
    };
    if (previous.lastUsed !== undefined) stored.previous.lastUsed = string(previous.lastUsed, `${at}.secret.previous.lastUsed`);
  }
  const withIds = (key: "grants" | "signOnPolicyAssignments"): JsonObject[] =>
    array(app[key], `${at}.${key}`).map((item, i) => {
      const entry = object(item, `${at}.${key}[${i}]`);
      string(entry.id, `${at}.${key}[${i}].id`);
      return entry;
    });
  return { record, secret: stored, grants: withIds("grants"), signOnPolicyAssignments: withIds("signOnPolicyAssignments") };
}

function object(value: unknown, at: string): JsonObject {
  if (!isJsonObject(value)) throw new StoreSnapshotError(`${at} must be an object`);
  return value;
}

function array(value: JsonValue | undefined, at: string): JsonValue[] {
  if (!Array.isArray(value)) throw new StoreSnapshotError(`${at} must be a list`);
  return value;
}

function string(value: JsonValue | undefined, at: string): string {
  if (typeof value !== "string" || value === "") throw new StoreSnapshotError(`${at} must be a non-empty string`);
  return value;
}

function unique(values: string[], at: string): void {
  const repeated = values.find((v, i) => values.indexOf(v) !== i);
  if (repeated !== undefined) throw new StoreSnapshotError(`${at}: ${JSON.stringify(repeated)} appears more than once`);
}
