/**
 * Everything one emulator instance holds, and the out-of-band operations on it. Both the
 * programmatic handle (index.ts) and the /__admin endpoints (admin.ts) go through this class, so
 * the two control surfaces cannot drift apart.
 */
import { DETAIL_CODES } from "../pingone";
import { canonicalize } from "./canonical";
import { TokenService, type WorkerCredentials } from "./auth";
import { RequestRecorder } from "./counters";
import { FaultController } from "./faults";
import type { JsonObject } from "./json";
import type { Random } from "./rng";
import { storeNewApplication } from "./management";
import { applicationBody } from "./shape";
import { SignInState } from "./signin/state";
import { addTestUser, type NewTestUser } from "./signin/users";
import { ApplicationStore } from "./store";
import type { ApplicationRecord, CreatedTestUser, FaultSettings } from "./types";

/** Fields derived on output or fixed for the application's life: a patch may not set them. */
const UNPATCHABLE = ["id", "_links", "clientId", "environment"];

export class UnknownResourceError extends Error {}

/** A test user's username is already taken in its environment (usernames are case-insensitive). */
export class TestUserConflictError extends Error {}

export class EmulatorState {
  readonly store: ApplicationStore;
  readonly tokens: TokenService;
  readonly faults: FaultController;
  readonly recorder = new RequestRecorder();
  readonly signin: SignInState;
  /** Set once the server listens and the port is known. */
  apiUrl = "";
  authUrl = "";
  /** Largest page of application lists. */
  listPageSize = Number.MAX_SAFE_INTEGER;

  constructor(
    environmentIds: readonly string[],
    credentials: WorkerCredentials,
    baselineFaults: FaultSettings,
    random: Random,
    readonly now: () => number = Date.now,
  ) {
    this.store = new ApplicationStore(environmentIds, now);
    this.signin = new SignInState(now);
    this.faults = new FaultController(baselineFaults, random, now);
    this.tokens = new TokenService(credentials, () => this.faults.tokenLifetimeSeconds(), now);
  }

  applications(environmentId?: string): ApplicationRecord[] {
    const ids = environmentId === undefined ? this.store.environmentIds() : [this.requireEnvironment(environmentId)];
    return ids.flatMap((env) => this.store.list(env).map((app) => applicationBody(app, { apiUrl: this.apiUrl, environmentId: env, includeClientId: true })));
  }

  defaultKeyRotationPolicyId(environmentId: string): string {
    const env = this.store.environment(environmentId);
    if (!env) throw new UnknownResourceError(`Unknown environment ${environmentId}`);
    return env.defaultKeyRotationPolicyId;
  }

  mutateApplication(environmentId: string, applicationId: string, patch: JsonObject): ApplicationRecord {
    this.requireApplication(environmentId, applicationId);
    const forbidden = Object.keys(patch).filter((key) => UNPATCHABLE.includes(key));
    if (forbidden.length > 0) throw new TypeError(`Cannot patch ${forbidden.join(", ")}`);
    const app = this.store.patch(environmentId, applicationId, patch);
    // The API always answers with PingOne's array order, whatever was written behind its back.
    canonicalize(app.record);
    return applicationBody(app, { apiUrl: this.apiUrl, environmentId, includeClientId: true });
  }

  /**
   * Adds a test user (the /__admin endpoint, `RunningEmulator.createUser`, the CLI's `--user`).
   * Throws TypeError naming what is wrong, TestUserConflictError for a taken username.
   */
  createUser(environmentId: string, input: NewTestUser): CreatedTestUser {
    this.requireEnvironment(environmentId);
    const created = addTestUser(this.signin, environmentId, input, this.now());
    if (created.ok) return { id: created.user.id, username: created.user.username };
    if ("full" in created) throw new RangeError("too many test users in this environment");
    const conflict = created.details.find((d) => d.code === DETAIL_CODES.uniquenessViolation);
    if (conflict) throw new TestUserConflictError(`username '${input.username}' is already taken in environment ${environmentId}`);
    throw new TypeError(created.details.map((d) => `${d.target}: ${d.message}`).join("; "));
  }

  importApplications(environmentId: string, bodies: Iterable<JsonObject>): string[] {
    const env = this.store.environment(this.requireEnvironment(environmentId));
    if (!env) throw new UnknownResourceError(`Unknown environment ${environmentId}`);
    const ids: string[] = [];
    for (const body of bodies) {
      const stored = storeNewApplication(this.store, env, body);
      if (Array.isArray(stored)) throw new TypeError(stored.map((d) => `${d.target}: ${d.message}`).join("; "));
      ids.push(stored.id);
    }
    return ids;
  }

  deleteApplicationOutOfBand(environmentId: string, applicationId: string): boolean {
    this.requireEnvironment(environmentId);
    return this.store.delete(environmentId, applicationId);
  }

  private requireEnvironment(environmentId: string): string {
    if (!this.store.environment(environmentId)) throw new UnknownResourceError(`Unknown environment ${environmentId}`);
    return environmentId;
  }

  private requireApplication(environmentId: string, applicationId: string): void {
    this.requireEnvironment(environmentId);
    if (!this.store.get(environmentId, applicationId)) {
      throw new UnknownResourceError(`Unknown application ${applicationId} in environment ${environmentId}`);
    }
  }
}
