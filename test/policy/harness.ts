/**
 * A small harness that runs one rule the way the policy server does (`@pulumi/policy`
 * server.js `makeAnalyzeRpcFun` / `makeRemediateRpcFun`), without constructing a PolicyPack:
 * props are wrapped in `unknownCheckingProxy`, `getConfig` returns the schema defaults merged
 * with the test's overrides (as the engine's `ReconcilePolicyPackConfig` does), `notApplicable`
 * throws, and an `UnknownValueError` becomes the framework's advisory "can't run during preview".
 * `runStackRule` does the same for stack rules (`makeAnalyzeStackRpcFun`).
 */
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { APPLICATION_TYPE_TOKEN } from "../../provider";
import { isUnknownValueError, type UnknownValue, unknownCheckingProxy } from "../../policy/preview";
import { type PingOneRule, type PingOneStackRule, schemaDefaults } from "../../policy/rules";
import { defaultResourceOptions } from "../../policy/evaluate";

/** The preview sentinels `@pulumi/policy` uses for unknown values (`proxy.js`). */
const proxyModule = require("@pulumi/policy/proxy") as Record<string, string>;
export const UNKNOWN = {
  string: proxyModule.unknownStringValue,
  array: proxyModule.unknownArrayValue,
  boolean: proxyModule.unknownBooleanValue,
  number: proxyModule.unknownNumberValue,
  object: proxyModule.unknownObjectValue,
} as const;

/** What `args.notApplicable` throws in the harness (the server's NotApplicableError is private). */
export class NotApplicableSignal extends Error {
  constructor(readonly reason: string | undefined) {
    super(reason ?? "not applicable");
  }
}

export interface RunOptions {
  /** Config overrides, merged over the schema defaults. */
  readonly config?: Record<string, unknown>;
  /** Resource type token; defaults to the Application token. */
  readonly type?: string;
  /** Pulumi resource name. */
  readonly name?: string;
}

export interface RunResult {
  readonly violations: string[];
  readonly notApplicable?: string;
  /** Set when the rule touched an unknown value (the server reports an advisory). */
  readonly unknown?: UnknownValue;
}

type Props = Record<string, unknown>;

/** Builds the args the server would pass for an Application with these props. */
export function makeArgs(rule: PingOneRule, props: Props, options: RunOptions = {}): ResourceValidationArgs {
  const type = options.type ?? APPLICATION_TYPE_TOKEN;
  const name = options.name ?? "app";
  const config = { ...schemaDefaults(rule.configSchema), ...(options.config ?? {}) };
  return {
    type,
    props: unknownCheckingProxy(structuredClone(props)),
    urn: `urn:pulumi:test::pingone::${type}::${name}`,
    name,
    opts: defaultResourceOptions(),
    stackTags: new Map<string, string>(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicableSignal(reason);
    },
  };
}

/** Runs a rule's validation and collects what the server would record. */
export function runRule(rule: PingOneRule, props: Props, options: RunOptions = {}): RunResult {
  const violations: string[] = [];
  const args = makeArgs(rule, props, options);
  try {
    rule.validateResource(args, (message) => violations.push(message));
  } catch (e) {
    if (e instanceof NotApplicableSignal) {
      return { violations, notApplicable: e.reason ?? "" };
    }
    if (isUnknownValueError(e)) {
      return { violations, unknown: e };
    }
    throw e;
  }
  return { violations };
}

export interface RemediationResult {
  /** The props the remediation returned (plain object), or undefined when it changed nothing. */
  readonly props?: Props;
  readonly notApplicable?: string;
  readonly unknown?: UnknownValue;
}

/** Runs a rule's remediation as the server does. */
export function runRemediation(rule: PingOneRule, props: Props, options: RunOptions = {}): RemediationResult {
  if (rule.remediateResource === undefined) {
    throw new Error(`${rule.name} has no remediation`);
  }
  const args = makeArgs(rule, props, options);
  try {
    const result = rule.remediateResource(args) as Props | undefined;
    if (result === undefined) {
      return {};
    }
    // Unwrap the proxy as the server's serializer does (`getSpecialProxyTarget`), so unknown
    // sentinels come back as they went in.
    const raw = (result["__getSpecialProxyTarget"] ?? result) as Props;
    return { props: structuredClone(raw) };
  } catch (e) {
    if (e instanceof NotApplicableSignal) {
      return { notApplicable: e.reason ?? "" };
    }
    if (isUnknownValueError(e)) {
      return { unknown: e };
    }
    throw e;
  }
}

/** The violations, failing the test if the rule was not applicable or hit an unknown. */
export function violationsOf(rule: PingOneRule, props: Props, options: RunOptions = {}): string[] {
  const result = runRule(rule, props, options);
  if (result.notApplicable !== undefined) {
    throw new Error(`${rule.name} was not applicable: ${result.notApplicable}`);
  }
  if (result.unknown !== undefined) {
    throw new Error(`${rule.name} hit an unknown value: ${result.unknown.message}`);
  }
  return result.violations;
}

/** A resource of a stack as a test states it: dependencies by the other resources' names. */
export interface StackResourceSpec {
  readonly type: string;
  readonly name: string;
  readonly props: Props;
  /** Names of the resources it depends on. */
  readonly dependsOn?: readonly string[];
  /** Per property, names of the resources the property was computed from. */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

export interface StackRunResult {
  readonly violations: { readonly message: string; readonly urn?: string }[];
  readonly notApplicable?: string;
  readonly unknown?: UnknownValue;
}

/** The URN the harness gives a resource. */
export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::pingone::${type}::${name}`;
}

/**
 * Runs a stack rule as the policy server does (`makeAnalyzeStackRpcFun`): every resource's props
 * behind `unknownCheckingProxy`, dependencies and property dependencies as resource objects,
 * config defaults merged with the test's, `notApplicable` throwing, an `UnknownValueError`
 * becoming the advisory.
 */
export function runStackRule(rule: PingOneStackRule, specs: readonly StackResourceSpec[], options: { config?: Record<string, unknown> } = {}): StackRunResult {
  const config = { ...schemaDefaults(rule.configSchema), ...(options.config ?? {}) };
  const resources: PolicyResource[] = specs.map((spec) => ({
    type: spec.type,
    props: unknownCheckingProxy(structuredClone(spec.props)),
    urn: urnOf(spec.type, spec.name),
    name: spec.name,
    opts: defaultResourceOptions(),
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  }));
  const byName = (name: string): PolicyResource => {
    const found = resources.find((r) => r.name === name);
    if (found === undefined) throw new Error(`no resource ${name} in the test stack`);
    return found;
  };
  specs.forEach((spec, i) => {
    const resource = resources[i];
    resource.dependencies = (spec.dependsOn ?? []).map(byName);
    for (const [key, names] of Object.entries(spec.propertyDependencies ?? {})) resource.propertyDependencies[key] = names.map(byName);
  });
  const violations: { message: string; urn?: string }[] = [];
  try {
    void rule.validateStack(
      {
        resources,
        stackTags: new Map<string, string>(),
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string): never => {
          throw new NotApplicableSignal(reason);
        },
      },
      (message, urn) => violations.push({ message, urn }),
    );
  } catch (e) {
    if (e instanceof NotApplicableSignal) return { violations, notApplicable: e.reason ?? "" };
    if (isUnknownValueError(e)) return { violations, unknown: e };
    throw e;
  }
  return { violations };
}
