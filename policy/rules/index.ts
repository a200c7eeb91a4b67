/**
 * The rule registry: every rule of the pack, and `buildPolicies` to compose them into a pack
 * with per-rule overrides (the role of awsguard's registry and `getInitialConfig`).
 *
 * Published as `pulumi-pingone/policy`:
 *
 * ```typescript
 * import { PolicyPack } from "@pulumi/policy";
 * import { buildPolicies, fapiOptInConfig } from "pulumi-pingone/policy";
 *
 * new PolicyPack("my-oauth-pack", {
 *   policies: buildPolicies({
 *     all: "mandatory",
 *     "prefer-asymmetric-client-auth": "advisory",
 *     "refresh-token-lifetime-bounded": { publicMaxRollingSeconds: 86400 * 30 },
 *     "pkce-required-for-public-clients": "remediate",
 *     ...fapiOptInConfig({ fapiApplications: ["payments-api"] }),
 *   }),
 * });
 * ```
 *
 * Overrides only change the starting point: `--policy-pack-config` still overrides levels and
 * parameters at run time, as for any pack.
 */
import type { EnforcementLevel } from "@pulumi/policy";
import { type ConfigPropertySchema, resolveConfig, type RuleConfigSchema } from "./config";
import { clientAuthRules } from "./client-auth";
import { fapiRules } from "./fapi";
import { grantRules } from "./grants";
import { pkceRules } from "./pkce";
import { postLogoutUriRules } from "./post-logout-uris";
import { redirectUriRules } from "./redirect-uris";
import { refreshTokenRules } from "./refresh-tokens";
import { secretRotationRules } from "./secret-rotation";
import { signInAccessRules, signInAccessStackRules } from "./sign-in-access";
import type { PingOneRule } from "./rule";
import type { PingOneStackRule } from "./stack-rule";

export * from "./client-auth";
export * from "./config";
export * from "./fapi";
export * from "./grants";
export * from "./pkce";
export * from "./post-logout-uris";
export * from "./predicates";
export * from "./redirect-uris";
export * from "./refresh-tokens";
export * from "./rule";
export * from "./secret-rotation";
export * from "./sign-in-access";
export * from "./stack-rule";
export * from "../uri";

/**
 * Every resource rule, in catalogue order (R00–R31, then F01–F05, then S01 on ApplicationSecret,
 * then A02 on ApplicationResourceGrant); companions follow their parent.
 */
export const allRules: readonly PingOneRule[] = [
  ...grantRules,
  ...pkceRules,
  ...clientAuthRules,
  ...redirectUriRules,
  ...postLogoutUriRules,
  ...refreshTokenRules,
  ...fapiRules,
  ...secretRotationRules,
  ...signInAccessRules,
];

/** Every stack rule (A01, A03): rules that join a grant or assignment to its application. */
export const allStackRules: readonly PingOneStackRule[] = [...signInAccessStackRules];

/** A policy of this pack: a resource rule or a stack rule. */
export type PingOnePolicy = PingOneRule | PingOneStackRule;

/** Every policy of the pack: the resource rules, then the stack rules. */
export const allPolicies: readonly PingOnePolicy[] = [...allRules, ...allStackRules];

/** Looks a rule up by its policy name (among the resource rules unless `rules` says otherwise). */
export function ruleByName<T extends PingOnePolicy = PingOneRule>(name: string, rules: readonly T[] = allRules as readonly T[]): T | undefined {
  return rules.find((rule) => rule.name === name);
}

const ENFORCEMENT_LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

/** Whether a value is an `EnforcementLevel`. */
export function isEnforcementLevel(value: unknown): value is EnforcementLevel {
  return typeof value === "string" && ENFORCEMENT_LEVELS.includes(value);
}

/** A rule's override: a level, or parameters with an optional level. */
export type RuleOverride = EnforcementLevel | ({ readonly enforcementLevel?: EnforcementLevel } & Readonly<Record<string, unknown>>);

/** Overrides keyed by rule name; `all` sets the level of every rule (a rule's own entry wins). */
export interface PolicyOverrides {
  readonly all?: EnforcementLevel;
  readonly [ruleName: string]: RuleOverride | undefined;
}

/**
 * Copies of `rules` (by default every policy of the pack, resource and stack rules) with the
 * overrides applied: the level replaces the rule's default, and the parameters become the schema
 * defaults. Throws on an unknown rule name, an invalid level, or a parameter the rule does not
 * declare, so typos fail at composition time.
 */
export function buildPolicies<T extends PingOnePolicy = PingOnePolicy>(
  overrides: PolicyOverrides = {},
  rules: readonly T[] = allPolicies as readonly T[],
): T[] {
  for (const key of Object.keys(overrides)) {
    if (key !== "all" && ruleByName(key, rules) === undefined) {
      throw new Error(`unknown rule "${key}" in policy overrides (known: ${rules.map((r) => r.name).join(", ")})`);
    }
  }
  if (overrides.all !== undefined && !isEnforcementLevel(overrides.all)) {
    throw new Error(`"all": ${JSON.stringify(overrides.all)} is not an enforcement level`);
  }
  return rules.map((rule) => applyOverride(rule, overrides[rule.name], overrides.all));
}

/** One rule with its override applied. */
function applyOverride<T extends PingOnePolicy>(rule: T, override: RuleOverride | undefined, all: EnforcementLevel | undefined): T {
  if (override === undefined) {
    return { ...rule, enforcementLevel: all ?? rule.enforcementLevel };
  }
  if (typeof override === "string") {
    if (!isEnforcementLevel(override)) {
      throw new Error(`"${rule.name}": ${JSON.stringify(override)} is not an enforcement level`);
    }
    return { ...rule, enforcementLevel: override };
  }
  const { enforcementLevel, ...params } = override;
  if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
    throw new Error(`"${rule.name}": enforcementLevel ${JSON.stringify(enforcementLevel)} is not an enforcement level`);
  }
  // Validates names and types; throws PolicyConfigError on a typo.
  resolveConfig(rule.name, rule.configSchema, params);
  const properties: Record<string, ConfigPropertySchema> = {};
  for (const [key, schema] of Object.entries(rule.configSchema.properties)) {
    properties[key] = key in params ? { ...schema, default: params[key] as ConfigPropertySchema["default"] } : schema;
  }
  const configSchema: RuleConfigSchema = { ...rule.configSchema, properties };
  return { ...rule, enforcementLevel: enforcementLevel ?? all ?? rule.enforcementLevel, configSchema };
}
