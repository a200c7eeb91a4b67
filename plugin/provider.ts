/**
 * The provider plugin: the Node SDK's provider server (`@pulumi/pulumi/provider` `main`) over the
 * same lifecycles as the dynamic providers (provider/*\/lifecycle.ts). This file only adapts the
 * plugin protocol to them; check, diff, bodies, the client, pacing, reconciliation and rotation
 * are the lifecycles' own.
 *
 * What the Node SDK's server does not do, and what this adapter does instead (docs/plugin.md):
 * - `configure` never hands over its arguments (pulumi/pulumi#10915), so the settings come from
 *   `PULUMI_CONFIG`, which the engine sets to the plugin's own namespace keys, namespace removed
 *   (pkg/host/host.go `Provider`), then from the `PINGONE_*` environment as for the dynamic provider.
 * - Secret inputs arrive wrapped in the secret signature (`configure` accepts secrets); they are
 *   unwrapped before the lifecycle sees them, and the registry's secret outputs are wrapped on the
 *   way out, so the engine stores them encrypted whatever the caller's SDK does.
 * - `read` is not given the old inputs, and `pulumi import` or `.get` give it nothing but an id:
 *   then the id is Terraform's (`<env>/<app>`, `<env>/<app>/<id>`), and the inputs are rebuilt
 *   from the live object.
 * - The resource's name (for auto-naming and messages) comes from the URN, where the dynamic
 *   resource classes pass it as `__autoname`.
 *
 * `construct` builds the `OidcClient` component (plugin/component.ts), whose children are this
 * plugin's own resources.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { isRpcSecret, specialSecretSig, specialSigKey, unwrapRpcSecret } from "@pulumi/pulumi/runtime/rpc";
import type { ConfigSource } from "../provider/kernel/config";
import { ResourceInitError } from "../provider/kernel/errors";
import type { ResourceLifecycle } from "../provider/kernel/lifecycle";
import { withoutUndefined, type Inputs } from "../provider/kernel/values";
import { CUSTOM_RESOURCES, PLUGIN_PACKAGE, pluginTypeToken } from "../provider/resources";
import { importTarget, isImport, rebuiltInputs } from "./import";
import { PLUGIN_OIDC_CLIENT_TOKEN } from "./schema";

/** The lifecycle of each resource type, by its name in the registry. */
export type Lifecycles = Readonly<Record<string, ResourceLifecycle>>;

/** The stack config the engine passes a plugin, read as the dynamic provider reads `pingone:*`. */
export function pluginConfig(env: NodeJS.ProcessEnv): ConfigSource {
  let values: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(env.PULUMI_CONFIG ?? "{}");
    if (typeof parsed === "object" && parsed !== null) values = parsed as Record<string, unknown>;
  } catch {
    // No usable config: the PINGONE_* environment alone decides.
  }
  return {
    get(key: string): string | undefined {
      const name = key.slice(key.indexOf(":") + 1);
      const value = values[name] ?? values[`${PLUGIN_PACKAGE}:${name}`];
      return typeof value === "string" ? value : undefined;
    },
  };
}

/** A value with every secret wrapper removed, at any depth. */
export function unwrapSecrets(value: unknown): unknown {
  if (isRpcSecret(value)) return unwrapSecrets(unwrapRpcSecret(value));
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  return value;
}

function wrapSecret(value: unknown): unknown {
  return isRpcSecret(value) ? value : { [specialSigKey]: specialSecretSig, value };
}

/** Whether a value holds a secret anywhere inside it. */
function holdsSecret(value: unknown): boolean {
  if (isRpcSecret(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(holdsSecret);
  return false;
}

/** The top-level keys whose value holds a secret anywhere: the engine keeps secretness per value, so such a value is wrapped whole. */
export function secretKeys(values: unknown): Set<string> {
  return new Set(typeof values === "object" && values !== null ? Object.keys(values).filter((key) => holdsSecret((values as Inputs)[key])) : []);
}

/** `values` with the given keys wrapped as secrets. */
function wrapKeys(values: Inputs, keys: Iterable<string>): Inputs {
  const out: Inputs = { ...values };
  for (const key of keys) if (out[key] !== undefined && out[key] !== null) out[key] = wrapSecret(out[key]);
  return out;
}

function plain(value: unknown): Inputs {
  const unwrapped = unwrapSecrets(value);
  return typeof unwrapped === "object" && unwrapped !== null && !Array.isArray(unwrapped) ? (unwrapped as Inputs) : {};
}

/** The resource's name: the URN's part after its type (a name may itself hold "::"). */
function nameOf(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

export class PingOneOidcProvider implements provider.Provider {
  private readonly byToken: Map<string, { type: string; lifecycle: ResourceLifecycle; secretOutputs: readonly string[] }>;

  constructor(
    readonly version: string,
    private readonly schemaText: string,
    lifecycles: Lifecycles,
    /** The auth base URL an OidcClient's issuer is built on when it gives no `authUrl`: the plugin's settings. */
    private readonly defaultAuthUrl: () => string,
  ) {
    this.byToken = new Map(
      CUSTOM_RESOURCES.map((entry) => [
        pluginTypeToken(entry.type),
        { type: entry.type, lifecycle: lifecycles[entry.type], secretOutputs: entry.secretOutputs },
      ]),
    );
  }

  getSchema(): Promise<string> {
    return Promise.resolve(this.schemaText);
  }

  private resource(urn: string): { type: string; lifecycle: ResourceLifecycle; secretOutputs: readonly string[] } {
    const token = urn.split("::")[2]?.split("$").pop() ?? "";
    const found = this.byToken.get(token);
    if (found === undefined) throw new Error(`${PLUGIN_PACKAGE}: unknown resource type ${JSON.stringify(token.slice(0, 120))}`);
    return found;
  }

  /**
   * Outputs as the engine must record them: the registry's secret outputs, and every output whose
   * input (or earlier state) held a secret, wrapped as secrets. The engine marks outputs secret
   * from secret inputs only for providers that do not accept secrets, which this one does.
   */
  private outputs(urn: string, outs: Inputs, secretSources: Iterable<string> = []): Inputs {
    return wrapKeys(withoutUndefined(outs) as Inputs, [...this.resource(urn).secretOutputs, ...secretSources]);
  }

  /**
   * Runs a write; a write that happened but whose follow-up failed (ResourceInitError) is passed
   * on with state the server can send: no `undefined`, secrets wrapped. Otherwise the server
   * fails while building its answer and never answers the engine.
   */
  private async partial<T>(urn: string, secretSources: Iterable<string>, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof ResourceInitError)
        throw new ResourceInitError(error.message, error.id, this.outputs(urn, error.properties, secretSources), error.reasons);
      throw error;
    }
  }

  async check(urn: string, olds: unknown, news: unknown): Promise<provider.CheckResult> {
    const { lifecycle } = this.resource(urn);
    const registered = { ...plain(news), __autoname: nameOf(urn) };
    const outcome = await lifecycle.check(plain(olds), registered);
    // A value the program gave as a secret, at any depth, stays one in state.
    return { inputs: wrapKeys(withoutUndefined(outcome.inputs) as Inputs, secretKeys(news)), failures: outcome.failures };
  }

  async diff(id: string, urn: string, olds: unknown, news: unknown): Promise<provider.DiffResult> {
    const decision = await this.resource(urn).lifecycle.diff(id, plain(olds), plain(news));
    return { changes: decision.changes, replaces: decision.replaces, deleteBeforeReplace: decision.deleteBeforeReplace };
  }

  async create(urn: string, inputs: unknown): Promise<provider.CreateResult> {
    const secrets = secretKeys(inputs);
    const outcome = await this.partial(urn, secrets, () => this.resource(urn).lifecycle.create(plain(inputs)));
    return { id: outcome.id, outs: this.outputs(urn, outcome.outs, secrets) };
  }

  async read(id: string, urn: string, props?: unknown): Promise<provider.ReadResult> {
    const { type, lifecycle } = this.resource(urn);
    const state = plain(props);
    if (!isImport(state)) {
      const outcome = await lifecycle.read(id, state);
      return { id: outcome.id, props: this.outputs(urn, outcome.props, secretKeys(props)) };
    }
    // `pulumi import` or `.get`: only Terraform's id; the inputs are rebuilt from the live object,
    // through the provider's own check, as a program giving them would have them.
    const target = importTarget(type, id);
    const outcome = await lifecycle.read(target.id, target.props);
    if (outcome.id === "")
      throw new Error(`${PLUGIN_PACKAGE}:index:${type}: nothing to import at ${JSON.stringify(id.slice(0, 200))}: PingOne has no such object`);
    const checked = await lifecycle.check({}, { ...rebuiltInputs(type, target.props, outcome.props), __autoname: nameOf(urn) });
    if (checked.failures.length > 0) throw new Error(checked.failures.map((f) => f.reason).join("; "));
    // Read once more as a refresh of those inputs would, so that the outputs record what a
    // program's state holds (the settings an ApplicationSecret keeps, say) and the next diff is empty.
    const settled = await lifecycle.read(outcome.id, checked.inputs);
    return { id: settled.id, props: this.outputs(urn, settled.props), inputs: checked.inputs };
  }

  async update(id: string, urn: string, olds: unknown, news: unknown): Promise<provider.UpdateResult> {
    const secrets = new Set([...secretKeys(olds), ...secretKeys(news)]);
    const outcome = await this.partial(urn, secrets, () => this.resource(urn).lifecycle.update(id, plain(olds), plain(news)));
    return { outs: this.outputs(urn, outcome.outs, secrets) };
  }

  async delete(id: string, urn: string, props: unknown): Promise<void> {
    await this.resource(urn).lifecycle.delete(id, plain(props));
  }

  /**
   * Builds an `OidcClient` (plugin/component.ts): its children are registered by this plugin's
   * tokens. The component needs the whole Pulumi SDK, about a second to load, so it is loaded
   * here and not at the plugin's start, which every `pulumi` command pays (test/plugin/startup.spec.ts).
   */
  async construct(name: string, type: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions): Promise<provider.ConstructResult> {
    if (type !== PLUGIN_OIDC_CLIENT_TOKEN) throw new Error(`${PLUGIN_PACKAGE}: unknown component type ${JSON.stringify(type.slice(0, 120))}`);
    const { PluginOidcClient } = await import("./component");
    const client = new PluginOidcClient(name, inputs, options, this.defaultAuthUrl);
    return { urn: client.urn, state: client.state };
  }
}
