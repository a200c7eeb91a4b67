/**
 * The Application's lifecycle: Pulumi's operations mapped onto the PingOne management API.
 * check → validation (no request), diff → comparison (no request), create → POST (+ secret
 * read), read → GET, update → PUT of the whole app, delete → DELETE. The package entry
 * (`entry.ts`) serves it to the dynamic-provider host.
 */
import { randomBytes } from "node:crypto";
import type { PingOneClient } from "../http/client";
import { checkInputShape, validateInputs } from "./check";
import { createBody, diffApplication, exposesSecret, managedDigests, matchesBody, recordedDigests, toOutputs, updateBody, withPreviousManaged } from "./plan";
import { PingOneApiError, ResourceInitError } from "../kernel/errors";
import { type PingOneApplication, PROTOCOL, UNIQUE_IN_ENVIRONMENT, usesSharedSecret } from "../../pingone";
import { excerptText } from "../kernel/excerpt";
import {
  asInputs,
  gone,
  LifecycleBase,
  readUnlessGone,
  type CheckOutcome,
  type CreateOutcome,
  type DiffDecision,
  type ReadOutcome,
  type UpdateOutcome,
} from "../kernel/lifecycle";
import { describeMatches, reconcileCreate, splitBySince, type Claim } from "../kernel/reconcile";
import { valueAt, type Inputs } from "../kernel/values";

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

/**
 * Whether the state keeps the application's client secret: it authenticates with a shared secret,
 * and `exposeSecret` (in inputs or outputs) is not false.
 */
export function keepsClientSecret(app: PingOneApplication, values: Inputs): boolean {
  return exposesSecret(values) && usesSharedSecret(app.tokenEndpointAuthMethod);
}

/**
 * Fields PingOne requires that `check` fills in when the program leaves them out (see `check`):
 * a program need not give them, so the plugin's schema does not require them.
 */
export const FILLED_BY_CHECK = ["protocol", "name"] as const;

export class ApplicationLifecycle extends LifecycleBase {
  protected readonly resourceKind = "Application";

  /** The Pulumi resource's name, or the application's own name when there is none. */
  protected override resourceName(values: Inputs): string | undefined {
    return super.resourceName(values) ?? (typeof values.name === "string" ? values.name : undefined);
  }

  check(oldInputs: Inputs, news: Inputs): Promise<CheckOutcome> {
    const olds = asInputs(oldInputs);
    const label = this.label(asInputs(news));
    const shape = checkInputShape(news, label);
    if (shape) return Promise.resolve({ inputs: {}, failures: [shape] });
    // An adopted application keeps its PingOne name unless the program sets one.
    const inputs = this.withDefaults(news, { protocol: PROTOCOL.OPENID_CONNECT, name: news.adoptId === undefined ? autoName(olds, news) : undefined });
    const failures = validateInputs(inputs, label, olds);
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
    this.refuseUnknowns(inputs, "create");
    const client = this.client();
    const environmentId = String(inputs.environmentId);
    const name = typeof inputs.name === "string" ? inputs.name : undefined;
    const managed = managedDigests(inputs);
    const app =
      typeof inputs.adoptId === "string"
        ? await this.adopt(client, environmentId, inputs.adoptId, inputs, name)
        : await this.createReconciled(
            client,
            environmentId,
            createBody(inputs),
            name,
            typeof inputs.__autoname === "string" && name !== undefined && isAutoName(inputs.__autoname, name),
          );
    let secret: string | undefined;
    try {
      secret = keepsClientSecret(app, inputs) ? (await client.getApplicationSecret(environmentId, app.id, { applicationName: name })).reveal() : undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ResourceInitError(message, app.id, { ...toOutputs(app, managed, undefined, exposesSecret(inputs)), __provider: inputs.__provider });
    }
    return { id: app.id, outs: this.createdOutputs(app, inputs, secret) };
  }

  /**
   * What `create` records for `app`, created (or adopted) with checked `inputs`: PingOne's answer,
   * the record of the managed properties, and the client secret unless `exposeSecret` is false.
   * Sends nothing; `pulumi-pingone adopt` computes an import file's outputs with it.
   * @see toOutputs
   */
  createdOutputs(app: PingOneApplication, inputs: Inputs, clientSecret: string | undefined): Inputs {
    return toOutputs(app, managedDigests(inputs), clientSecret, exposesSecret(inputs));
  }

  /** Brings an existing application under management: one GET, then one PUT of the desired properties. */
  private async adopt(client: PingOneClient, environmentId: string, id: string, inputs: Inputs, name: string | undefined): Promise<PingOneApplication> {
    const existing = await client.getApplication(environmentId, id, { applicationName: name });
    for (const field of ["protocol", "type"] as const) {
      if (existing[field] !== inputs[field]) {
        throw new PingOneApiError({
          operation: "update application",
          errorCode: "ERR_INVALID_INPUT",
          applicationName: name,
          applicationId: id,
          cause: `adoptId names an application whose ${field} is ${JSON.stringify(existing[field])}, but ${field} is ${JSON.stringify(inputs[field])}; PingOne cannot change an application's ${field}`,
        });
      }
    }
    return client.updateApplication(environmentId, id, updateBody(toOutputs(existing, {}, undefined), inputs), { applicationName: name });
  }

  /**
   * POSTs, and when the outcome is unknown (the connection dropped, a timeout, a 5xx that may have
   * been committed, an answer that is not the application asked for) looks for the application
   * among the environment's apps before trying again: adopting it only if it can only be ours (see
   * `claimCreated`), so there is neither a duplicate nor an orphan, and never another stack's
   * application.
   */
  private createReconciled(
    client: PingOneClient,
    environmentId: string,
    body: Record<string, unknown>,
    name: string | undefined,
    autoNamed: boolean,
  ): Promise<PingOneApplication> {
    return reconcileCreate(client, {
      subject: { operation: "create application", applicationName: name },
      post: () => client.createApplication(environmentId, body, { applicationName: name }),
      // Only applications of the name sent are kept while listing: a match has every sent field, the name first.
      listMatches: async () =>
        (await client.listApplications(environmentId, (app) => body.name === undefined || app.name === body.name)).filter((app) => matchesBody(app, body)),
      claim: (matches, since) => claimCreated(matches, since, autoNamed),
      listFailed: (problem) =>
        `the create's outcome is unknown, and looking for the application failed (${problem}): an application named ${JSON.stringify(name)} may exist in environment ${environmentId}; delete it, or bring it under management with adoptId`,
      several: (ours) =>
        `afterwards ${ours.length} matching applications exist (${describeMatches(ours)}), so the one this request created cannot be told apart: nothing was recorded; keep one, bring it under management with adoptId (set adoptId to its id), and delete the others`,
      unproven: (twins, since) => {
        const when =
          since === undefined
            ? "PingOne's answers carried no Date header, so it cannot be shown to have been created by this request"
            : `created before this request started (${new Date(since).toISOString()} by PingOne's clock)`;
        return (
          `PingOne holds ${twins.length === 1 ? "an application" : `${twins.length} applications`} with this name and these settings (${describeMatches(twins)}), ` +
          `${when}: another stack or person may have made ${twins.length === 1 ? "it" : "them"}, so nothing was adopted, recorded or deleted. ` +
          `If one is this resource's application, set adoptId: "${excerptText(twins[0].id, 64)}" (its id) on the resource and run up again; otherwise give this resource another name`
        );
      },
    });
  }

  async read(id: string, props: Inputs): Promise<ReadOutcome> {
    const client = this.client();
    const environmentId = String(props.environmentId);
    const name = typeof props.name === "string" ? props.name : undefined;
    const app = await readUnlessGone(() => client.getApplication(environmentId, id, { applicationName: name }));
    if (app === undefined) return gone();
    // A refresh follows the latest secret (a rotation in the console or by an ApplicationSecret).
    const secret = keepsClientSecret(app, props) ? (await client.getApplicationSecret(environmentId, id, { applicationName: name })).reveal() : undefined;
    // The client has checked that the answer is for `id`; state keeps the id it asked about.
    return { id, props: toOutputs(app, recordedDigests(props), secret, exposesSecret(props)) };
  }

  async update(id: string, olds: Inputs, news: Inputs): Promise<UpdateOutcome> {
    this.refuseUnknowns(news, "update");
    const client = this.client();
    const environmentId = String(olds.environmentId);
    const name = typeof news.name === "string" ? news.name : undefined;
    // Only exposeSecret changed: nothing to PUT, the outputs are PingOne's as last read.
    const app = diffApplication(olds, news).changes
      ? await client.updateApplication(environmentId, id, updateBody(olds, news), { applicationName: name })
      : heldApplication(id, olds);
    const expose = exposesSecret(news);
    let secret: string | undefined;
    if (keepsClientSecret(app, news)) {
      // A PUT does not rotate the secret: reuse the known one, read it only when there is none yet.
      secret =
        typeof olds.clientSecret === "string" ? olds.clientSecret : (await client.getApplicationSecret(environmentId, id, { applicationName: name })).reveal();
    }
    return { outs: toOutputs(app, managedDigests(news), secret, expose) };
  }

  async delete(id: string, props: Inputs): Promise<void> {
    const name = typeof props.name === "string" ? props.name : undefined;
    await this.client().deleteApplication(String(props.environmentId), id, { applicationName: name });
  }
}

/** The application as PingOne last returned it: the outputs without what the provider added. */
function heldApplication(id: string, outputs: Inputs): PingOneApplication {
  const { clientSecret: _secret, exposeSecret: _expose, ...app } = outputs;
  return { ...app, id };
}

/**
 * Which matches a create made: those created after our first POST started by PingOne's own clock
 * (`since`, from its answers' Date headers; our clock may be minutes off).
 * - An explicit name may be another stack's too: a match from before, or any match when no answer
 *   gave PingOne's time, cannot be shown to be ours. It is a twin, never adopted.
 * - An auto-named application (`<resource name>-<7 hex>`, see `autoName`) is no other stack's: no
 *   one else picks the same random suffix. But a replacement that creates before it deletes keeps
 *   the generated name, so the application being replaced has this name and settings the body
 *   matches: a match from before is that one, neither ours nor a twin, and is left alone. Only when
 *   no answer gave PingOne's time is the suffix alone taken as proof.
 */
function claimCreated(matches: PingOneApplication[], since: number | undefined, autoNamed: boolean): Claim<PingOneApplication> {
  const { made, before } = splitBySince(matches, since);
  if (autoNamed) return { ours: since === undefined ? matches : made, twins: [] };
  return { ours: made, twins: before };
}
