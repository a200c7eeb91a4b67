/**
 * Rule parameters: their JSON schemas, the parameters several rules share, and the check that
 * rejects unknown or mistyped keys.
 *
 * Why a check of our own: the engine validates `--policy-pack-config` against
 * `{type: "object", properties, required}` only (pulumi `pkg/resource/analyzer/config.go`
 * `convertSchema`), and `@pulumi/policy` sends just `properties` and `required` to it. A schema's
 * top-level `additionalProperties: false` therefore never reaches the engine, and a typo such as
 * `customAppIsNativ` would be silently ignored. Each rule carries `additionalProperties: false`
 * in its schema as the statement of intent and enforces it itself with {@link resolveConfig},
 * which throws: the engine then fails the preview with an error naming the rule and the key.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";

/** One property's JSON schema, as `@pulumi/policy` types it. */
export type ConfigPropertySchema = PolicyConfigSchema["properties"][string];

/** A rule's config schema: closed (`additionalProperties: false`), every property with a default. */
export interface RuleConfigSchema extends PolicyConfigSchema {
  readonly additionalProperties: false;
}

/** A schema per config key, each with a default of the key's type. */
export type ParamSchemas<C> = { readonly [K in keyof C]-?: ConfigPropertySchema & { default: C[K] } };

/** Parameters every rule accepts. */
export interface BaseConfig {
  /**
   * When true, findings on a disabled application (`enabled` not `true`; PingOne's default is
   * `false`) are not reported as violations; the rule marks itself not applicable with the
   * findings in the reason. See `rules/rule.ts` for why this is the mechanism.
   */
  readonly disabledAppsAdvisory: boolean;
}

/** Parameters of the rules that decide "native app" or "loopback host" (R18, R19, R20, R28). */
export interface NativeLoopbackConfig {
  /** Treat `CUSTOM_APP` as a native app for the loopback rules (desktop apps built as CUSTOM_APP). */
  readonly customAppIsNative: boolean;
  /** Hosts to add to the loopback set {127.0.0.1, ::1, localhost}; matched after lowercasing. */
  readonly extraLoopbackHosts: readonly string[];
}

export const BASE_PARAMS: ParamSchemas<BaseConfig> = {
  disabledAppsAdvisory: {
    type: "boolean",
    default: false,
    description:
      "Do not enforce this rule on applications whose `enabled` is not true (PingOne's default is false). " +
      "Findings are then recorded as 'not applicable' with the findings in the reason instead of violations. " +
      "Off by default: no specification exempts disabled clients, and a disabled app can be enabled later.",
  },
};

export const CUSTOM_APP_IS_NATIVE_PARAM: ParamSchemas<Pick<NativeLoopbackConfig, "customAppIsNative">> = {
  customAppIsNative: {
    type: "boolean",
    default: false,
    description:
      "Treat CUSTOM_APP as a native application, so that it may use http loopback redirect URIs " +
      "(RFC 8252 §7.3). Set it when CUSTOM_APP is used for desktop apps.",
  },
};

export const EXTRA_LOOPBACK_HOSTS_PARAM: ParamSchemas<Pick<NativeLoopbackConfig, "extraLoopbackHosts">> = {
  extraLoopbackHosts: {
    type: "array",
    items: { type: "string", minLength: 1 },
    uniqueItems: true,
    default: [],
    description:
      "Hosts to treat as loopback in addition to 127.0.0.1, ::1 and localhost (exact match after " + 'lowercasing; IPv6 without brackets), e.g. "127.0.0.2".',
  },
};

export const NATIVE_LOOPBACK_PARAMS: ParamSchemas<NativeLoopbackConfig> = {
  ...CUSTOM_APP_IS_NATIVE_PARAM,
  ...EXTRA_LOOPBACK_HOSTS_PARAM,
};

/** Builds a closed schema from parameter schemas. */
export function closedSchema(params: Readonly<Record<string, ConfigPropertySchema>>): RuleConfigSchema {
  return { properties: { ...params }, additionalProperties: false };
}

/** The defaults of a schema's properties. */
export function schemaDefaults(schema: PolicyConfigSchema): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    if (typeof property === "object" && property.default !== undefined) {
      defaults[key] = property.default;
    }
  }
  return defaults;
}

/** A config value that does not fit a rule's schema. Thrown, so the engine fails loudly. */
export class PolicyConfigError extends Error {
  constructor(
    readonly policyName: string,
    readonly key: string,
    detail: string,
  ) {
    super(`policy "${policyName}": config "${key}" ${detail}`);
    this.name = "PolicyConfigError";
  }
}

/**
 * Merges a rule's config over its schema defaults, after rejecting keys the schema does not
 * declare and values of the wrong JSON type. `enforcementLevel` is never part of it: the engine
 * and `getConfig()` strip it.
 */
export function resolveConfig<C>(policyName: string, schema: RuleConfigSchema, given: object): C {
  const entries = Object.entries(given) as [string, unknown][];
  for (const [key, value] of entries) {
    const property = schema.properties[key];
    if (property === undefined) {
      const allowed = Object.keys(schema.properties).join(", ");
      throw new PolicyConfigError(policyName, key, `is not a parameter of this rule (allowed: ${allowed})`);
    }
    const problem = typeof property === "object" ? valueProblem(property, value) : undefined;
    if (problem !== undefined) {
      throw new PolicyConfigError(policyName, key, problem);
    }
  }
  return { ...schemaDefaults(schema), ...Object.fromEntries(entries) } as C;
}

/** The subset of JSON-schema checking the rules' parameters need: type, minimum, array items. */
function valueProblem(schema: ConfigPropertySchema, value: unknown): string | undefined {
  if (typeof schema !== "object") {
    return undefined;
  }
  switch (schema.type) {
    case "boolean":
      return typeof value === "boolean" ? undefined : `must be a boolean, got ${JSON.stringify(value)}`;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) {
        return `must be an integer, got ${JSON.stringify(value)}`;
      }
      return schema.minimum !== undefined && value < schema.minimum ? `must be at least ${schema.minimum}` : undefined;
    case "string":
      return typeof value === "string" ? undefined : `must be a string, got ${JSON.stringify(value)}`;
    case "array": {
      if (!Array.isArray(value)) {
        return `must be an array, got ${JSON.stringify(value)}`;
      }
      const items = schema.items;
      if (typeof items === "object" && !Array.isArray(items) && items.type === "string") {
        const bad = (value as unknown[]).find((v) => typeof v !== "string");
        return bad === undefined ? undefined : `must contain only strings, got ${JSON.stringify(bad)}`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
