/**
 * The Application provider's implementation: Pulumi's lifecycle mapped onto the PingOne
 * management API. check → validation (no request), diff → comparison (no request),
 * create → POST (+ secret read), read → GET, update → PUT of the whole app, delete → DELETE.
 *
 * The serialized provider stored in state is only a shim (see `shim.ts`) that requires this
 * module by package name, so the engine runs exactly the code the tests exercise.
 */
import { randomBytes } from "node:crypto";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { AmbiguousWriteError, type AttemptOutcome, type PingOneClient } from "./client";
import { checkInputShape, validateInputs } from "./check";
import { createBody, diffApplication, exposesSecret, managedDigests, matchesBody, recordedDigests, toOutputs, updateBody, withPreviousManaged } from "./plan";
import { isGone, PingOneApiError } from "./errors";
import { UNIQUE_IN_ENVIRONMENT, usesSharedSecret, type PingOneApplication } from "../pingone";
import { excerpt, excerptText } from "./excerpt";
import { valueAt, type Inputs } from "./values";
import { MAX_CREATE_ATTEMPTS, ProviderBase, refuseUnknownInputs, ResourceInitError, splitBySince, type CheckOutcome, type CreateOutcome, type DiffDecision, type ReadOutcome, type UpdateOutcome } from "./provider-base";

export { ResourceInitError, UnknownInputError, type LifecycleOptions, type CheckOutcome, type CreateOutcome, type DiffDecision, type ReadOutcome, type UpdateOutcome } from "./provider-base";

/** Longest resource name a message quotes in full. */
const MAX_LABEL_NAME_LENGTH = 100;
function resourceLabel(inputs: Inputs): string {
  const name = typeof inputs.__autoname === "string" ? inputs.__autoname : typeof inputs.name === "string" ? inputs.name : "?";
  return `pingone:Application "${name.length > MAX_LABEL_NAME_LENGTH ? `${name.slice(0, MAX_LABEL_NAME_LENGTH)}…` : name}"`;
}

/** Refuses inputs that still hold the unknown-value placeholder anywhere (see UnknownInputError). */
function refuseUnknowns(inputs: Inputs, operation: "create application" | "update application"): void {
  refuseUnknownInputs(inputs, resourceLabel(inputs), operation);
}

/** Plain properties, whatever the engine passed (null, a string, a list...). */
function asInputs(value: unknown): Inputs {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Inputs) : {};
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Pulumi-style auto-naming: `<resource name>-<7 hex>`, generated once and then kept: a later
 * check reuses the old name while it still has that form for the same resource name.
 */
export function autoName(olds: Inputs, news: Inputs): string | undefined {
  const base = news.__autoname;
  if (typeof base !== "string") return undefined;
  const previous = olds.name;
  if (typeof previous === "string" && isAutoName(base, previous)) return previous;
  return `${base}-${randomBytes(4).toString("hex").slice(0, 7)}`;
}

/** Whether `name` has the form `autoName` generates for the resource name `base`. */
export function isAutoName(base: string, name: string): boolean {
  return new RegExp(`^${escapeRegExp(base)}-[0-9a-f]{7}$`).test(name);
}

export class ApplicationLifecycle extends ProviderBase implements dynamic.ResourceProvider {
  check(oldInputs: Inputs, news: Inputs): Promise<CheckOutcome> {
    const olds = asInputs(oldInputs);
    const shape = checkInputShape(news, resourceLabel(asInputs(news)));
    if (shape) return Promise.resolve({ inputs: {}, failures: [shape] });
    const inputs: Inputs = { ...news };
    inputs.protocol ??= "OPENID_CONNECT";
    inputs.environmentId ??= this.settings().environmentId;
    // An adopted application keeps its PingOne name unless the program sets one.
    if (inputs.adoptId === undefined) inputs.name ??= autoName(olds, news);
    for (const key of Object.keys(inputs)) if (inputs[key] === undefined) delete inputs[key];
    const failures = validateInputs(inputs, resourceLabel(news), olds);
    // Digests only of inputs that passed (bounded in size and depth); refused ones are never applied.
    return Promise.resolve({ inputs: failures.length === 0 ? withPreviousManaged(olds, inputs) : inputs, failures });
  }

  diff(_id: string, olds: Inputs, news: Inputs): Promise<DiffDecision> {
    const outcome = diffApplication(olds, news);
    // Values unique in an environment (devicePathId, mobile ids) cannot exist twice, so the old
    // application goes first when the replacement carries one; otherwise the new one is created first.
    const carriesUnique = UNIQUE_IN_ENVIRONMENT.some((path) => valueAt(news, path) !== undefined);
    // exposeSecret is not PingOne's: switching it changes only what the state keeps.
    const changes = outcome.changes || exposesSecret(olds) !== exposesSecret(news);
    return Promise.resolve({ changes, replaces: outcome.replaces, deleteBeforeReplace: outcome.replaces.length > 0 && carriesUnique });
  }

  async create(inputs: Inputs): Promise<CreateOutcome> {
    refuseUnknowns(inputs, "create application");
    const client = this.client();
    const environmentId = String(inputs.environmentId);
    const name = typeof inputs.name === "string" ? inputs.name : undefined;
    const managed = managedDigests(inputs);
    const app =
      typeof inputs.adoptId === "string"
        ? await this.adopt(client, environmentId, inputs.adoptId, inputs, name)
        : await this.createOnce(client, environmentId, createBody(inputs), name, typeof inputs.__autoname === "string" && name !== undefined && isAutoName(inputs.__autoname, name));
    const expose = exposesSecret(inputs);
    let secret: string | undefined;
    try {
      secret = expose && usesSharedSecret(app.tokenEndpointAuthMethod) ? (await client.getApplicationSecret(environmentId, app.id, name)).reveal() : undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ResourceInitError(message, app.id, { ...toOutputs(app, managed, undefined, expose), __provider: inputs.__provider });
    }
    return { id: app.id, outs: toOutputs(app, managed, secret, expose) };
  }

  /** Brings an existing application under management: one GET, then one PUT of the desired properties. */
  private async adopt(client: PingOneClient, environmentId: string, id: string, inputs: Inputs, name: string | undefined): Promise<PingOneApplication> {
    const existing = await client.getApplication(environmentId, id, name);
    for (const field of ["protocol", "type"] as const) {
      if (existing[field] !== inputs[field]) {
        throw new PingOneApiError({
          operation: "update application",
          applicationName: name,
          applicationId: id,
          cause: `adoptId names an application whose ${field} is ${JSON.stringify(existing[field])}, but ${field} is ${JSON.stringify(inputs[field])}; PingOne cannot change an application's ${field}`,
        });
      }
    }
    return client.updateApplication(environmentId, id, updateBody(toOutputs(existing, {}, undefined), inputs), name);
  }

  /**
   * POSTs once, and when the outcome is unknown (the connection dropped, a timeout, a 5xx that
   * may have been committed, an answer that is not the application asked for) looks for the
   * application among the environment's apps before trying again: adopting it only if it can only
   * be ours (see `findCreated`), so there is neither a duplicate nor an orphan, and never another
   * stack's application.
   */
  private async createOnce(client: PingOneClient, environmentId: string, body: Record<string, unknown>, name: string | undefined, autoNamed: boolean): Promise<PingOneApplication> {
    const subject = { operation: "create application", applicationName: name } as const;
    // Whatever any attempt of this create made, PingOne made after this moment.
    const startedAt = Date.now();
    return client.retrying(subject, MAX_CREATE_ATTEMPTS, async (): Promise<AttemptOutcome<PingOneApplication>> => {
      let ambiguous: AmbiguousWriteError;
      try {
        return { kind: "done", value: await client.createApplication(environmentId, body, name) };
      } catch (error) {
        if (!(error instanceof AmbiguousWriteError)) throw error;
        ambiguous = error;
      }
      client.allowReconciliation();
      let found: Found;
      try {
        // Only applications of the name sent are kept while listing: a match has every sent field, the name first.
        const apps = await client.listApplications(environmentId, (app) => body.name === undefined || app.name === body.name);
        // Judged after the list: its answers' Date headers tighten the bound on PingOne's clock.
        found = findCreated(apps, body, client.serverTimeAt(startedAt), autoNamed);
      } catch (error) {
        // Without the list nobody can tell whether PingOne created the application: say so, by name.
        const problem = error instanceof Error ? error.message : String(error);
        const cause = `${ambiguous.cause}; the create's outcome is unknown, and looking for the application failed (${problem}): an application named ${JSON.stringify(name)} may exist in environment ${environmentId}; delete it, or bring it under management with adoptId`;
        return { kind: "fail", failure: { status: ambiguous.status, cause } };
      }
      const { ours, twins, since } = found;
      if (ours.length === 1) return { kind: "done", value: ours[0] };
      if (ours.length > 1) {
        const cause = `${ambiguous.cause}; afterwards ${ours.length} matching applications exist (${describeApps(ours)}), so the one this request created cannot be told apart: nothing was recorded; keep one, bring it under management with adoptId (set adoptId to its id), and delete the others`;
        return { kind: "fail", failure: { status: ambiguous.status, cause } };
      }
      if (twins.length > 0) {
        const when = since === undefined ? "PingOne's answers carried no Date header, so it cannot be shown to have been created by this request" : `created before this request started (${new Date(since).toISOString()} by PingOne's clock)`;
        const cause =
          `${ambiguous.cause}; PingOne holds ${twins.length === 1 ? "an application" : `${twins.length} applications`} with this name and these settings (${describeApps(twins)}), ` +
          `${when}: another stack or person may have made ${twins.length === 1 ? "it" : "them"}, so nothing was adopted, recorded or deleted. ` +
          `If one is this resource's application, set adoptId: "${excerptText(twins[0].id, 64)}" (its id) on the resource and run up again; otherwise give this resource another name`;
        return { kind: "fail", failure: { status: ambiguous.status, cause } };
      }
      return { kind: "retry", failure: { status: ambiguous.status, cause: ambiguous.cause } };
    });
  }

  async read(id: string, props: Inputs): Promise<ReadOutcome> {
    const client = this.client();
    const environmentId = String(props.environmentId);
    const name = typeof props.name === "string" ? props.name : undefined;
    let app: PingOneApplication;
    try {
      app = await client.getApplication(environmentId, id, name);
    } catch (error) {
      // Gone: an empty id drops the resource from state, and the next `up` recreates it.
      if (isGone(error)) return { id: "", props: {} };
      throw error;
    }
    // A refresh follows the latest secret (a rotation in the console or by an ApplicationSecret).
    const expose = exposesSecret(props);
    const secret = expose && usesSharedSecret(app.tokenEndpointAuthMethod) ? (await client.getApplicationSecret(environmentId, id, name)).reveal() : undefined;
    // The client has checked that the answer is for `id`; state keeps the id it asked about.
    return { id, props: toOutputs(app, recordedDigests(props), secret, expose) };
  }

  async update(id: string, olds: Inputs, news: Inputs): Promise<UpdateOutcome> {
    refuseUnknowns(news, "update application");
    const client = this.client();
    const environmentId = String(olds.environmentId);
    const name = typeof news.name === "string" ? news.name : undefined;
    // Only exposeSecret changed: nothing to PUT, the outputs are PingOne's as last read.
    const app = diffApplication(olds, news).changes ? await client.updateApplication(environmentId, id, updateBody(olds, news), name) : heldApplication(id, olds);
    const expose = exposesSecret(news);
    let secret: string | undefined;
    if (expose && usesSharedSecret(app.tokenEndpointAuthMethod)) {
      // A PUT does not rotate the secret: reuse the known one, read it only when there is none yet.
      secret = typeof olds.clientSecret === "string" ? olds.clientSecret : (await client.getApplicationSecret(environmentId, id, name)).reveal();
    }
    return { outs: toOutputs(app, managedDigests(news), secret, expose) };
  }

  async delete(id: string, props: Inputs): Promise<void> {
    const name = typeof props.name === "string" ? props.name : undefined;
    await this.client().deleteApplication(String(props.environmentId), id, name);
  }
}

/** The application as PingOne last returned it: the outputs without what the provider added. */
function heldApplication(id: string, outputs: Inputs): PingOneApplication {
  const { clientSecret: _secret, exposeSecret: _expose, ...app } = outputs;
  return { ...app, id };
}

/** Applications whose every sent field matches a create's body, split by whether they can only be ours. */
interface Found {
  /** Those this create made, as far as PingOne's answers can tell. */
  ours: PingOneApplication[];
  /** Those someone else may have made: an explicit name, created before our first POST (or when unknown). */
  twins: PingOneApplication[];
  /** The first POST's start by PingOne's clock, when known. */
  since?: number;
}

/**
 * Which of `apps` a create with `body` made: a match created after our first POST started by
 * PingOne's own clock (`since`, from its answers' Date headers; our clock may be minutes off).
 * - An explicit name may be another stack's too: a match from before, or any match when no answer
 *   gave PingOne's time, cannot be shown to be ours. It is a twin, never adopted.
 * - An auto-named application (`<resource name>-<7 hex>`, see `autoName`) is no other stack's: no
 *   one else picks the same random suffix. But a replacement that creates before it deletes keeps
 *   the generated name, so the application being replaced has this name and settings the body
 *   matches: a match from before is that one, neither ours nor a twin, and is left alone. Only when
 *   no answer gave PingOne's time is the suffix alone taken as proof.
 */
function findCreated(apps: PingOneApplication[], body: Record<string, unknown>, since: number | undefined, autoNamed: boolean): Found {
  const matches = apps.filter((app) => matchesBody(app, body));
  const { made, before } = splitBySince(matches, since);
  if (autoNamed) return { ours: since === undefined ? matches : made, twins: [], since };
  return { ours: made, twins: before, since };
}

/** `"name" (id …, created …)` for each application, bounded. */
function describeApps(apps: PingOneApplication[]): string {
  const shown = apps.slice(0, 5).map((app) => `${excerpt(app.name)} (id ${excerptText(app.id, 64)}, created ${typeof app.createdAt === "string" ? excerptText(app.createdAt, 64) : "at an unknown time"})`);
  return apps.length > shown.length ? `${shown.join(", ")} and ${apps.length - shown.length} more` : shown.join(", ");
}

/** The process-wide instance the serialized shim loads by package name. */
export const lifecycle = new ApplicationLifecycle();
