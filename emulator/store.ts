/**
 * In-memory state: environments, their applications and each application's client secret.
 *
 * A stored record holds the application's own fields plus `id`, `createdAt` and `updatedAt`;
 * `_links`, `environment` and `clientId` are derived when a response is shaped.
 */
import { randomBytes, randomUUID } from "node:crypto";
import {
  DEFAULT_SIGN_ON_POLICY_NAME,
  OPENID_RESOURCE_NAME,
  OPENID_RESOURCE_TYPE,
  OPENID_SCOPE_NAMES,
  PINGONE_API_RESOURCE_NAME,
  PINGONE_API_RESOURCE_TYPE,
  PINGONE_API_SAMPLE_SCOPE_NAMES,
} from "../pingone";
import { deepCopy, type JsonObject } from "./json";

function builtInResources(): StoredResource[] {
  const scopes = (names: readonly string[]): StoredResource["scopes"] => names.map((name) => ({ id: randomUUID(), name }));
  return [
    { id: randomUUID(), name: OPENID_RESOURCE_NAME, type: OPENID_RESOURCE_TYPE, scopes: scopes(OPENID_SCOPE_NAMES) },
    // A few of its scopes: enough to test that a grant cannot mix one resource's scopes into another's.
    { id: randomUUID(), name: PINGONE_API_RESOURCE_NAME, type: PINGONE_API_RESOURCE_TYPE, scopes: scopes(PINGONE_API_SAMPLE_SCOPE_NAMES) },
  ];
}

export interface StoredSecret {
  current: string;
  /** The replaced secret, valid until `expiresAt`; `lastUsed` is its last use at the token endpoint. */
  previous?: { secret: string; expiresAt: string; lastUsed?: string };
}

export interface StoredApplication {
  readonly id: string;
  record: JsonObject;
  secret: StoredSecret;
  /** Resource access grants by id (`…/applications/{appId}/grants`): deleted with the application. */
  grants: Map<string, JsonObject>;
  /** Sign-on policy assignments by id (`…/applications/{appId}/signOnPolicyAssignments`): deleted with the application. */
  signOnPolicyAssignments: Map<string, JsonObject>;
}

/** A resource (built-in or custom) with its scopes, as `GET …/resources` and `…/scopes` list them. */
export interface StoredResource {
  id: string;
  name: string;
  type: string;
  scopes: { id: string; name: string }[];
}

export interface StoredSignOnPolicy {
  id: string;
  name: string;
  default: boolean;
}

export interface Environment {
  id: string;
  /** The organization the environment belongs to (the `org` claim): one per emulator instance. */
  organizationId: string;
  createdAt: string;
  /** The key rotation policy PingOne assigns when `signing` is not sent (seeds 001/002). */
  defaultKeyRotationPolicyId: string;
  applications: Map<string, StoredApplication>;
  /** The built-in resources every environment has: "openid" (OPENID_CONNECT) and "PingOne API" (PINGONE_API). */
  resources: StoredResource[];
  /** The sign-on policies; a new environment has the default "Single_Factor". */
  signOnPolicies: StoredSignOnPolicy[];
}

/** PingOne client secrets are at least 64 characters (docs/pingone-applications-api.md §4 Secret GET). 48 random bytes → 64 base64url chars. */
export function newClientSecret(): string {
  return randomBytes(48).toString("base64url");
}

export class ApplicationStore {
  private readonly environments = new Map<string, Environment>();

  constructor(
    environmentIds: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    const createdAt = new Date(this.now()).toISOString();
    const organizationId = randomUUID();
    for (const id of environmentIds) {
      this.environments.set(id, {
        id,
        organizationId,
        createdAt,
        defaultKeyRotationPolicyId: randomUUID(),
        applications: new Map(),
        resources: builtInResources(),
        signOnPolicies: [{ id: randomUUID(), name: DEFAULT_SIGN_ON_POLICY_NAME, default: true }],
      });
    }
  }

  environmentIds(): string[] {
    return [...this.environments.keys()];
  }

  environment(id: string): Environment | undefined {
    return this.environments.get(id);
  }

  list(environmentId: string): StoredApplication[] {
    return [...(this.environments.get(environmentId)?.applications.values() ?? [])];
  }

  get(environmentId: string, applicationId: string): StoredApplication | undefined {
    return this.environments.get(environmentId)?.applications.get(applicationId);
  }

  /** Stores a new application with a fresh id, timestamps and client secret. */
  create(environmentId: string, fields: JsonObject): StoredApplication {
    const env = this.require(environmentId);
    const id = randomUUID();
    const at = new Date(this.now()).toISOString();
    const app: StoredApplication = {
      id,
      record: { ...deepCopy(fields), id, createdAt: at, updatedAt: at },
      secret: { current: newClientSecret() },
      grants: new Map(),
      signOnPolicyAssignments: new Map(),
    };
    env.applications.set(id, app);
    return app;
  }

  /** Full replacement of the fields, keeping id and createdAt. */
  replace(environmentId: string, applicationId: string, fields: JsonObject): StoredApplication {
    const app = this.requireApp(environmentId, applicationId);
    const { id, createdAt, updatedAt } = app.record;
    app.record = { ...deepCopy(fields), id, createdAt, updatedAt: this.laterThan(updatedAt) };
    return app;
  }

  /** Out-of-band top-level merge; `null` removes a field. Bumps updatedAt unless the patch sets it. */
  patch(environmentId: string, applicationId: string, patch: JsonObject): StoredApplication {
    const app = this.requireApp(environmentId, applicationId);
    const next: JsonObject = { ...app.record };
    for (const [key, value] of Object.entries(deepCopy(patch))) {
      if (value === null) delete next[key];
      else next[key] = value;
    }
    if (patch.updatedAt === undefined) next.updatedAt = this.laterThan(app.record.updatedAt);
    app.record = next;
    return app;
  }

  delete(environmentId: string, applicationId: string): boolean {
    return this.environments.get(environmentId)?.applications.delete(applicationId) ?? false;
  }

  /** New secret; the old one stays valid as `previous` until `previousExpiresAt` when given. */
  rotateSecret(environmentId: string, applicationId: string, previousExpiresAt?: string): StoredSecret {
    const app = this.requireApp(environmentId, applicationId);
    app.secret = previousExpiresAt
      ? { current: newClientSecret(), previous: { secret: app.secret.current, expiresAt: previousExpiresAt } }
      : { current: newClientSecret() };
    return app.secret;
  }

  deletePreviousSecret(environmentId: string, applicationId: string): void {
    const app = this.requireApp(environmentId, applicationId);
    app.secret = { current: app.secret.current };
  }

  /**
   * An updatedAt strictly after the previous one, so "updatedAt changes on PUT" holds even when
   * two writes land in the same millisecond.
   */
  private laterThan(previous: unknown): string {
    const prev = typeof previous === "string" ? Date.parse(previous) : NaN;
    const now = this.now();
    return new Date(Number.isNaN(prev) || now > prev ? now : prev + 1).toISOString();
  }

  private require(environmentId: string): Environment {
    const env = this.environments.get(environmentId);
    if (!env) throw new Error(`Unknown environment ${environmentId}`);
    return env;
  }

  private requireApp(environmentId: string, applicationId: string): StoredApplication {
    const app = this.require(environmentId).applications.get(applicationId);
    if (!app) throw new Error(`Unknown application ${applicationId} in environment ${environmentId}`);
    return app;
  }
}
