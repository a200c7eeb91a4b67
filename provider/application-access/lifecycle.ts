/**
 * The base of the ApplicationResourceGrant and ApplicationSignOnPolicyAssignment lifecycles: each
 * manages one object in a collection of an application (`…/applications/{appId}/grants`,
 * `…/signOnPolicyAssignments`).
 *
 * - check → validation of the inputs, no request; the environment defaults as for Application.
 * - diff → no request: another environment, application or target (the resource or sign-on
 *   policy it points at) replaces; other changes update.
 * - create → name look-ups (cached per process, see ../http/lookups.ts), then one POST whose
 *   answer must be an object of this application with the settings sent; an unknown outcome is
 *   settled by listing the collection (../kernel/reconcile.ts `reconcileCreate`).
 * - read → one GET (PingOne's NOT_FOUND: gone); update → one PUT; delete → one DELETE (PingOne's
 *   NOT_FOUND: already gone). Any other 404 is an error and keeps the state.
 */
import { AccessLookup } from "../http/lookups";
import { AmbiguousWriteError, type AccessKind, type AccessRecord, type Caller, type PingOneClient } from "../http/client";
import { InputChecks } from "../kernel/check";
import { InputError, RESOURCE_NOUNS } from "../kernel/errors";
import { excerpt, excerptText } from "../kernel/excerpt";
import {
  gone,
  LifecycleBase,
  readUnlessGone,
  type CheckOutcome,
  type CreateOutcome,
  type DiffDecision,
  type ReadOutcome,
  type UpdateOutcome,
} from "../kernel/lifecycle";
import { describeMatches, reconcileCreate } from "../kernel/reconcile";
import { isUnknown, type Inputs } from "../kernel/values";

/** The provider's own bound on list inputs (scopes). */
export const MAX_ACCESS_LIST_ITEMS = 100;

/** An input PingOne would refuse, found before or instead of a write: names the property. */
export class AccessInputError extends InputError {
  override name = "AccessInputError";
}

/** A list of 1..MAX_ACCESS_LIST_ITEMS distinct non-empty strings (scopes, scope ids). */
export function checkNameList(checks: InputChecks, property: string, value: unknown): void {
  if (value === undefined || isUnknown(value)) return;
  if (!Array.isArray(value)) return checks.fail(property, `must be a list of strings, got ${excerpt(value)}`);
  if (value.length === 0 || value.length > MAX_ACCESS_LIST_ITEMS) {
    return checks.fail(
      property,
      `must list 1 to ${MAX_ACCESS_LIST_ITEMS} items (PingOne requires at least one; the maximum is the provider's own bound), got ${value.length}`,
    );
  }
  const seen = new Set<string>();
  value.forEach((item, i) => {
    if (isUnknown(item)) return;
    if (typeof item !== "string" || item.trim() === "") checks.fail(`${property}[${i}]`, `must be a non-empty string, got ${excerpt(item)}`);
    else if (seen.has(item)) checks.fail(`${property}[${i}]`, `repeats ${excerpt(item)}; each may be listed once`);
    else seen.add(item);
  });
}

/** Same members, any order. */
export function sameSet(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return a === b;
  const left = (a as unknown[]).map(String).sort();
  const right = (b as unknown[]).map(String).sort();
  return left.length === right.length && left.every((v, i) => v === right[i]);
}

/** A resolved request body and the outputs it adds (ids behind names). */
export interface ResolvedBody {
  body: Record<string, unknown>;
  resolved: Inputs;
}

export abstract class AccessLifecycle extends LifecycleBase {
  protected abstract readonly kind: AccessKind;
  protected abstract override readonly resourceKind: "ApplicationResourceGrant" | "ApplicationSignOnPolicyAssignment";
  /**
   * The two alternative properties that name the object this one points at (a resource, a sign-on
   * policy), in the order messages give them: exactly one is set, and another target is another
   * object (PingOne's reference is read-only), so a change of it replaces.
   */
  protected abstract readonly target: readonly [string, string];
  /** Validation beyond environmentId, applicationId and the target. */
  protected abstract validate(checks: InputChecks, inputs: Inputs): void;
  /** The properties that differ between the outputs in state and the desired inputs, other than environment, application and target. */
  protected abstract changed(olds: Inputs, news: Inputs): string[];
  /** The request body, with names looked up; throws AccessInputError for a name PingOne does not know. */
  protected abstract resolve(inputs: Inputs, lookup: AccessLookup, label: string): Promise<ResolvedBody>;
  /** Whether an object found while reconciling is the one this body would have created. */
  protected abstract matches(record: AccessRecord, body: Record<string, unknown>): boolean;
  /** Outputs from what PingOne holds, keeping the input form (names or ids) of `previous`. */
  protected abstract outputs(previous: Inputs, record: AccessRecord, lookup: AccessLookup): Promise<Inputs>;

  /** Who asks PingOne, as errors name it: this resource by its Pulumi name. */
  protected caller(values: Inputs): Caller {
    return { resourceKind: this.resourceKind, applicationName: this.resourceName(values) };
  }

  protected lookup(client: PingOneClient, values: Inputs): AccessLookup {
    return new AccessLookup(client, this.settings().apiUrl, String(values.environmentId), this.caller(values));
  }

  check(_olds: Inputs, news: Inputs): Promise<CheckOutcome> {
    const inputs = this.withDefaults(news);
    const checks = new InputChecks(this.label(inputs));
    checks.nonEmptyString("environmentId", inputs.environmentId, true);
    checks.nonEmptyString("applicationId", inputs.applicationId, true);
    const [first, second] = this.target;
    checks.exactlyOne(inputs, first, second);
    checks.nonEmptyString(first, inputs[first], false);
    checks.nonEmptyString(second, inputs[second], false);
    this.validate(checks, inputs);
    return Promise.resolve({ inputs, failures: checks.list() });
  }

  diff(_id: string, olds: Inputs, news: Inputs): Promise<DiffDecision> {
    // The target as the program names it now (by id or by name), compared with that property in state.
    const target = news[this.target[0]] !== undefined ? this.target[0] : this.target[1];
    const replaces = ["environmentId", "applicationId", target].filter((key) => olds[key] !== news[key]);
    const changes = replaces.length > 0 || this.changed(olds, news).length > 0;
    return Promise.resolve({ changes, replaces, deleteBeforeReplace: false });
  }

  async create(inputs: Inputs): Promise<CreateOutcome> {
    this.refuseUnknowns(inputs, "create");
    const client = this.client();
    const lookup = this.lookup(client, inputs);
    const { body, resolved } = await this.resolve(inputs, lookup, this.label(inputs));
    const record = await this.createReconciled(client, inputs, body);
    return { id: record.id, outs: await this.recordedOutputs(inputs, resolved, record, lookup) };
  }

  /**
   * What `create` records for `record`, which PingOne already holds, with checked `inputs`: the
   * names are looked up as a create looks them up (one list per environment and process, cached),
   * and nothing is written. `pulumi-pingone adopt` computes an import file's outputs with it.
   */
  async createdOutputs(inputs: Inputs, record: AccessRecord): Promise<Inputs> {
    const lookup = this.lookup(this.client(), inputs);
    const { resolved } = await this.resolve(inputs, lookup, this.label(inputs));
    return this.recordedOutputs(inputs, resolved, record, lookup);
  }

  /** The outputs of a create or an update: the inputs, the ids behind their names, and what PingOne holds. */
  private async recordedOutputs(inputs: Inputs, resolved: Inputs, record: AccessRecord, lookup: AccessLookup): Promise<Inputs> {
    return { ...inputs, ...resolved, ...(await this.outputs({ ...inputs, ...resolved }, record, lookup)) };
  }

  async read(id: string, props: Inputs): Promise<ReadOutcome> {
    const client = this.client();
    const record = await readUnlessGone(() => client.getAccess(this.kind, String(props.environmentId), String(props.applicationId), id, this.caller(props)));
    if (record === undefined) return gone();
    return { id, props: { ...props, ...(await this.outputs(props, record, this.lookup(client, props))) } };
  }

  async update(id: string, _olds: Inputs, news: Inputs): Promise<UpdateOutcome> {
    this.refuseUnknowns(news, "update");
    const client = this.client();
    const lookup = this.lookup(client, news);
    const { body, resolved } = await this.resolve(news, lookup, this.label(news));
    const record = await client.updateAccess(this.kind, String(news.environmentId), String(news.applicationId), id, body, this.caller(news));
    return { outs: await this.recordedOutputs(news, resolved, record, lookup) };
  }

  async delete(id: string, props: Inputs): Promise<void> {
    await this.client().deleteAccess(this.kind, String(props.environmentId), String(props.applicationId), id, this.caller(props));
  }

  /** POST; when the outcome is unknown, list the application's collection and adopt the match, or POST again only if there is none. */
  private createReconciled(client: PingOneClient, inputs: Inputs, body: Record<string, unknown>): Promise<AccessRecord> {
    const environmentId = String(inputs.environmentId);
    const applicationId = String(inputs.applicationId);
    const caller = this.caller(inputs);
    const noun = RESOURCE_NOUNS[this.resourceKind];
    const leftAlone = "Nothing was adopted, recorded or deleted: delete the ones that are not wanted in PingOne, then run up again";
    return reconcileCreate(client, {
      subject: { operation: `create ${noun}`, ...caller, applicationId },
      post: async () => {
        const record = await client.createAccess(this.kind, environmentId, applicationId, body, caller);
        if (this.matches(record, body)) return record;
        // The client proved the answer is a new object of this application; not the one asked for all the same.
        throw new AmbiguousWriteError(
          `the answer is ${noun} ${excerptText(record.id, 64)} with other settings than were sent (${excerpt(record)}); nothing was recorded from it`,
          201,
        );
      },
      listMatches: async () => (await client.listAccess(this.kind, environmentId, applicationId, caller)).filter((record) => this.matches(record, body)),
      listFailed: (problem) =>
        `the create's outcome is unknown, and looking for the ${noun} failed (${problem}): application ${applicationId} may hold a ${noun} with these settings; delete it in PingOne if it is not wanted, then run up again`,
      several: (ours) =>
        `${ours.length} matching ${noun}s of application ${applicationId} were created since this create started, so the one it made cannot be told apart: ${describeMatches(ours)}. ${leftAlone}`,
      unproven: (twins, since) =>
        `application ${applicationId} has a ${noun} with these settings that this create did not provably make: ${describeMatches(twins)}, ` +
        `${since === undefined ? "and PingOne's answers carried no Date header to tell when this create started" : `created before this create started (${new Date(since).toISOString()} by PingOne's clock)`}; ` +
        `someone else may have made it. ${leftAlone}`,
    });
  }
}
