/**
 * The HTTP layer's public face: `PingOneClient`, one object per provider operation, over the
 * transport (transport.ts) and the endpoint families (applications.ts, secrets.ts, access.ts,
 * lookups.ts), with the types its callers need.
 */
import type { PingOneApplication, PingOneResource, PingOneScope, PingOneSignOnPolicy } from "../../pingone";
import type { ProviderSettings } from "../kernel/config";
import type { Redacted } from "../kernel/redact";
import { ApplicationAccess, type AccessKind, type AccessRecord } from "./access";
import { Applications } from "./applications";
import type { Caller, CallerOperation } from "./caller";
import { LookupLists } from "./lookups";
import type { AttemptOutcome } from "./retry";
import { ApplicationSecrets, type ApplicationSecretAnswer } from "./secrets";
import { Transport, type ClientOptions } from "./transport";

export type { AccessKind, AccessRecord } from "./access";
export type { Caller } from "./caller";
export { RECONCILIATION_GRACE_MS } from "./deadline";
export { AmbiguousWriteError, type AttemptOutcome } from "./retry";
export type { ApplicationSecretAnswer } from "./secrets";
export type { ClientOptions } from "./transport";
export { clearTokenCache } from "./worker-token";

/**
 * PingOne's management API for one provider operation: every call shares the operation's
 * deadline, and every answer is checked to be what was asked for before it is returned.
 *
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/
 */
export class PingOneClient {
  private readonly http: Transport;
  private readonly applications: Applications;
  private readonly secrets: ApplicationSecrets;
  private readonly access: ApplicationAccess;
  private readonly lookups: LookupLists;

  /** A client for one operation: its deadline starts now (`ClientOptions.operationTimeoutMs`). */
  constructor(settings: ProviderSettings, options: ClientOptions = {}) {
    this.http = new Transport(settings, options);
    this.applications = new Applications(this.http);
    this.secrets = new ApplicationSecrets(this.http);
    this.access = new ApplicationAccess(this.http);
    this.lookups = new LookupLists(this.http);
  }

  /**
   * Gives a create whose outcome is unknown time to find what it may have created, even when the
   * operation's deadline has (nearly) passed.
   */
  allowReconciliation(): void {
    this.http.deadline.extendForReconciliation();
  }

  /** A lower bound of PingOne's clock at our moment `localMs`, from its answers' `Date` headers (see `ServerClock.timeAt`). */
  serverTimeAt(localMs: number): number | undefined {
    return this.http.serverTimeAt(localMs);
  }

  /**
   * The one retry loop, for requests and for a lifecycle's reconciling create alike: each attempt
   * says done, retry (after the server's Retry-After or the backoff) or fail; waits never reach
   * past the operation's deadline, and the last failure is reported for `asking`.
   */
  retrying<T>(asking: CallerOperation, maxAttempts: number, attempt: (n: number) => Promise<AttemptOutcome<T>>): Promise<T> {
    return this.http.retrying(asking, maxAttempts, attempt);
  }

  /** See `Applications.create`: an answer not proven to be this POST's raises `AmbiguousWriteError`. */
  createApplication(environmentId: string, body: Record<string, unknown>, caller: Caller = {}): Promise<PingOneApplication> {
    return this.applications.create(environmentId, body, caller);
  }

  /** See `Applications.get`. */
  getApplication(environmentId: string, id: string, caller: Caller = {}): Promise<PingOneApplication> {
    return this.applications.get(environmentId, id, caller);
  }

  /** See `Applications.list`: only the applications `keep` accepts are held. */
  listApplications(environmentId: string, keep?: (app: PingOneApplication) => boolean): Promise<PingOneApplication[]> {
    return this.applications.list(environmentId, keep);
  }

  /** See `Applications.update`. */
  updateApplication(environmentId: string, id: string, body: Record<string, unknown>, caller: Caller = {}): Promise<PingOneApplication> {
    return this.applications.update(environmentId, id, body, caller);
  }

  /** See `Applications.delete`: PingOne's NOT_FOUND counts as already deleted. */
  deleteApplication(environmentId: string, id: string, caller: Caller = {}): Promise<void> {
    return this.applications.delete(environmentId, id, caller);
  }

  /** The application's current secret (Application's `clientSecret`). */
  async getApplicationSecret(environmentId: string, id: string, caller: Caller = {}): Promise<Redacted> {
    return (await this.secrets.read(environmentId, id, caller)).secret;
  }

  /** See `ApplicationSecrets.read`: the current secret and, while valid, the previous one. */
  readApplicationSecret(environmentId: string, id: string, caller: Caller = {}): Promise<ApplicationSecretAnswer> {
    return this.secrets.read(environmentId, id, caller);
  }

  /** See `ApplicationSecrets.rotate`: an answer not proven to be this rotation's raises `AmbiguousWriteError`. */
  rotateApplicationSecret(environmentId: string, id: string, previousExpiresAt: string | undefined, caller: Caller = {}): Promise<ApplicationSecretAnswer> {
    return this.secrets.rotate(environmentId, id, previousExpiresAt, caller);
  }

  /** See `ApplicationSecrets.revokePrevious`. */
  revokePreviousApplicationSecret(environmentId: string, id: string, caller: Caller = {}): Promise<void> {
    return this.secrets.revokePrevious(environmentId, id, caller);
  }

  /** See `LookupLists.resources`. */
  listResources(environmentId: string, caller: Caller): Promise<PingOneResource[]> {
    return this.lookups.resources(environmentId, caller);
  }

  /** See `LookupLists.resourceScopes`. */
  listResourceScopes(environmentId: string, resourceId: string, caller: Caller): Promise<PingOneScope[]> {
    return this.lookups.resourceScopes(environmentId, resourceId, caller);
  }

  /** See `LookupLists.signOnPolicies`. */
  listSignOnPolicies(environmentId: string, caller: Caller): Promise<PingOneSignOnPolicy[]> {
    return this.lookups.signOnPolicies(environmentId, caller);
  }

  /** See `ApplicationAccess.create`: an answer not proven to be this POST's raises `AmbiguousWriteError`. */
  createAccess(kind: AccessKind, environmentId: string, applicationId: string, body: Record<string, unknown>, caller: Caller): Promise<AccessRecord> {
    return this.access.create(kind, environmentId, applicationId, body, caller);
  }

  /** See `ApplicationAccess.get`. */
  getAccess(kind: AccessKind, environmentId: string, applicationId: string, id: string, caller: Caller): Promise<AccessRecord> {
    return this.access.get(kind, environmentId, applicationId, id, caller);
  }

  /** See `ApplicationAccess.update`. */
  updateAccess(
    kind: AccessKind,
    environmentId: string,
    applicationId: string,
    id: string,
    body: Record<string, unknown>,
    caller: Caller,
  ): Promise<AccessRecord> {
    return this.access.update(kind, environmentId, applicationId, id, body, caller);
  }

  /** See `ApplicationAccess.delete`: PingOne's NOT_FOUND counts as already deleted. */
  deleteAccess(kind: AccessKind, environmentId: string, applicationId: string, id: string, caller: Caller): Promise<void> {
    return this.access.delete(kind, environmentId, applicationId, id, caller);
  }

  /** See `ApplicationAccess.list`. */
  listAccess(kind: AccessKind, environmentId: string, applicationId: string, caller: Caller): Promise<AccessRecord[]> {
    return this.access.list(kind, environmentId, applicationId, caller);
  }
}
