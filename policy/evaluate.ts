/**
 * The pack's rules run outside the policy server, as the server runs them: for
 * `pulumi-pingone audit`, which judges resources read from PingOne or from a stack export with the
 * same rules and the same `--policy-pack-config` file, and for the tests.
 *
 * As the server does (`@pulumi/policy` server.js `makeAnalyzeRpcFun`, `makeAnalyzeStackRpcFun`):
 * props are behind `unknownCheckingProxy`, `getConfig` returns the rule's parameters from the
 * config, `notApplicable` throws, and an `UnknownValueError` is reported as such, never as a pass.
 * @see https://github.com/pulumi/pulumi-policy/blob/master/sdk/nodejs/policy/server.ts
 * @see https://www.pulumi.com/docs/iac/using-pulumi/crossguard/configuration/ (the config file)
 */
import type { EnforcementLevel, PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { nativeTypeOf } from "./bridge";
import { isUnknownValueError, unknownCheckingProxy } from "./preview";
import { allPolicies, allRules, allStackRules, PolicyConfigError, type PingOnePolicy, type PingOneRule, type PingOneStackRule } from "./rules";

type Props = Record<string, unknown>;

/** A resource to judge: its type token, Pulumi name and input props, and which resource its `applicationId` came from. */
export interface JudgedResource {
  readonly type: string;
  readonly name: string;
  readonly props: Props;
  /** The Pulumi name of the Application this grant or assignment's `applicationId` came from. */
  readonly applicationFrom?: string;
}

/** A `--policy-pack-config` file: per policy name (or `all`), a level, or an object with `enforcementLevel` and parameters. */
export type PackConfig = Readonly<Record<string, unknown>>;

/** One finding of one rule on one resource. */
export interface Finding {
  readonly policy: PingOnePolicy;
  readonly level: "mandatory" | "advisory";
  readonly resource: JudgedResource;
  readonly message: string;
}

/** A rule that could not judge a resource: an unknown value, or (stack rules) the whole stack. */
export interface Unjudged {
  readonly policy: PingOnePolicy;
  readonly resource?: JudgedResource;
  readonly reason: string;
}

export interface Judgement {
  readonly findings: Finding[];
  readonly unjudged: Unjudged[];
}

/**
 * What `args.notApplicable` throws here (the server's own error is private): one instance, since
 * the reason is not reported and a stack trace per call would be most of an audit's CPU time.
 */
class NotApplicable extends Error {}
const NOT_APPLICABLE = new NotApplicable("not applicable");

const LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

function entry(config: PackConfig, key: string): { level?: string; params: object } {
  const value = config[key];
  if (value === undefined) return { params: {} };
  if (typeof value === "string") return { level: value, params: {} };
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const { enforcementLevel, ...params } = value as Record<string, unknown>;
    return { level: typeof enforcementLevel === "string" ? enforcementLevel : undefined, params };
  }
  throw new PolicyConfigError(key, "", `must be an enforcement level or an object, got ${JSON.stringify(value).slice(0, 80)}`);
}

/**
 * Checks a config file before anything is judged: every key names a policy of this pack (or is
 * `all`), and every level is one of Pulumi's.
 */
export function checkPackConfig(config: PackConfig): void {
  const names = new Set(["all", ...allPolicies.map((p) => p.name)]);
  for (const key of Object.keys(config)) {
    if (!names.has(key)) throw new PolicyConfigError(key, "", `is not a policy of this pack (its policies: ${[...names].join(", ")})`);
    const { level } = entry(config, key);
    if (level !== undefined && !LEVELS.includes(level))
      throw new PolicyConfigError(key, "enforcementLevel", `is ${JSON.stringify(level)}; allowed: ${LEVELS.join(", ")}`);
  }
}

/** A policy's level under the config: its own entry, else `all`, else the pack's default; `remediate` judges as `mandatory`. */
export function levelOf(policy: PingOnePolicy, config: PackConfig): "mandatory" | "advisory" | "disabled" {
  const level = (entry(config, policy.name).level ?? entry(config, "all").level ?? policy.enforcementLevel) as EnforcementLevel;
  return level === "remediate" ? "mandatory" : level;
}

function resourceArgs(resource: JudgedResource, props: Props, params: object, stackTags: Map<string, string>): ResourceValidationArgs {
  return {
    type: resource.type,
    props,
    urn: `urn:pulumi:audit::pingone::${resource.type}::${resource.name}`,
    name: resource.name,
    opts: defaultResourceOptions(),
    stackTags,
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => params as T,
    notApplicable: (): never => {
      throw NOT_APPLICABLE;
    },
  };
}

/** The resource options a program that sets none registers, as the policy server passes them. */
export function defaultResourceOptions(): ResourceValidationArgs["opts"] {
  return {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
  };
}

/** The resources as the stack rules see them: a grant or assignment depends on the Application its applicationId came from. */
export function policyResources(resources: readonly JudgedResource[]): PolicyResource[] {
  const built: PolicyResource[] = resources.map((resource) => ({
    type: resource.type,
    props: unknownCheckingProxy(structuredClone(resource.props)),
    urn: `urn:pulumi:audit::pingone::${resource.type}::${resource.name}`,
    name: resource.name,
    opts: defaultResourceOptions(),
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  }));
  resources.forEach((resource, i) => {
    const app = resource.applicationFrom === undefined ? undefined : built[resources.findIndex((r) => r.name === resource.applicationFrom)];
    if (app !== undefined) {
      built[i].dependencies = [app];
      built[i].propertyDependencies.applicationId = [app];
    }
  });
  return built;
}

/** Runs one resource rule on one resource, whose props are already behind the proxy (rules only read them). */
function judgeResource(rule: PingOneRule, resource: JudgedResource, props: Props, params: object, level: "mandatory" | "advisory", out: Judgement): void {
  if (nativeTypeOf(resource.type) !== rule.resourceType) return;
  const found: string[] = [];
  try {
    rule.validateResource(resourceArgs(resource, props, params, new Map()), (message) => found.push(message));
  } catch (e) {
    if (e instanceof NotApplicable) return;
    if (!isUnknownValueError(e)) throw e;
    out.unjudged.push({ policy: rule, resource, reason: e.message });
  }
  for (const message of found) out.findings.push({ policy: rule, level, resource, message });
}

/** Runs one stack rule on every resource. */
async function judgeStack(
  rule: PingOneStackRule,
  resources: readonly JudgedResource[],
  params: object,
  level: "mandatory" | "advisory",
  out: Judgement,
): Promise<void> {
  const built = policyResources(resources);
  const found: { message: string; urn?: string }[] = [];
  try {
    await rule.validateStack(
      {
        resources: built,
        stackTags: new Map(),
        getConfig: <T extends object>() => params as T,
        notApplicable: (): never => {
          throw NOT_APPLICABLE;
        },
      },
      (message, urn) => found.push({ message, urn }),
    );
  } catch (e) {
    if (e instanceof NotApplicable) return;
    if (!isUnknownValueError(e)) throw e;
    out.unjudged.push({ policy: rule, reason: e.message });
  }
  for (const { message, urn } of found) {
    const index = built.findIndex((r) => r.urn === urn);
    const resource = index >= 0 ? resources[index] : undefined;
    if (resource !== undefined) out.findings.push({ policy: rule, level, resource, message });
  }
}

/** Every finding of every enabled rule on `resources`, under `config` (the same file as `--policy-pack-config`). */
export async function judge(resources: readonly JudgedResource[], config: PackConfig = {}): Promise<Judgement> {
  checkPackConfig(config);
  const out: Judgement = { findings: [], unjudged: [] };
  // One copy behind the proxy per resource, read by every rule: validation never writes to props.
  const proxied = resources.map((resource) => unknownCheckingProxy(structuredClone(resource.props)));
  for (const rule of allRules) {
    const level = levelOf(rule, config);
    if (level === "disabled") continue;
    const params = entry(config, rule.name).params;
    resources.forEach((resource, i) => judgeResource(rule, resource, proxied[i], params, level, out));
  }
  for (const rule of allStackRules) {
    const level = levelOf(rule, config);
    if (level === "disabled") continue;
    await judgeStack(rule, resources, entry(config, rule.name).params, level, out);
  }
  return out;
}
