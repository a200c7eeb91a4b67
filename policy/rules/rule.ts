/**
 * The shape every rule shares, and `defineRule`, which turns a rule's check into a
 * `ResourceValidationPolicy`.
 *
 * What `defineRule` adds around a rule's own `check`:
 * - Type matching by token: dynamic resources carry no class type, so `validateResourceOfType`
 *   never matches them. Other resources get `args.notApplicable(...)`.
 * - Config: schema defaults merged with `getConfig()`, unknown or mistyped keys rejected
 *   (see `config.ts` for why the pack must do that itself).
 * - Preview: an `UnknownValueError` from the check is held while the findings made from known
 *   values are reported, then rethrown, so the framework adds its advisory "can't run during
 *   preview". It is never swallowed and never turned into a pass or a violation.
 * - Disabled apps (`disabledAppsAdvisory`): a policy's enforcement level is fixed per policy, and
 *   `reportViolation` has no level argument, so a mandatory rule cannot emit one advisory finding.
 *   When the parameter is on and the app is disabled (`enabled` is not `true`; PingOne's default
 *   is false), the rule calls `notApplicable` with the findings in the reason instead of
 *   reporting them: nothing blocks, and the findings remain in the policy results. The parameter
 *   is off by default, as the docs/oauth-client-rules.md §4.10 recommends evaluating every app.
 * - Remediation: `remediate` returns the property changes; they are applied to `args.props`
 *   (which keeps secret values such as `__provider` secret) and the props are returned. The
 *   engine runs it only when the user sets the rule's level to `remediate`.
 */
import type { EnforcementLevel, PolicyComplianceFramework, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, Severity } from "@pulumi/policy";
import { APPLICATION_TYPE_TOKEN, type ApplicationProperties } from "../../provider";
import { isUnknownValueError, type UnknownValue } from "../preview";
import { BASE_PARAMS, type BaseConfig, closedSchema, type ParamSchemas, resolveConfig, type RuleConfigSchema } from "./config";
import { BRIDGE_TYPE_TOKENS, lift, nativeTypeOf } from "../bridge";
import { type ApplicationInput, isDisabled, show } from "./predicates";

/** What a rule's check sees. */
export interface RuleContext<C, P = ApplicationInput> {
  /** The resource's input props (possibly behind the unknown-checking proxy); an Application's unless the rule says otherwise. */
  readonly app: P;
  /** The rule's parameters, defaults applied. */
  readonly config: C;
  /** The Pulumi resource name (not the PingOne display name). */
  readonly resourceName: string;
  /** Marks the rule not applicable to this app, with the reason. Throws. */
  readonly notApplicable: (reason: string) => never;
}

/** What a rule's check sees, plus the way to report a finding. */
export interface CheckContext<C, P = ApplicationInput> extends RuleContext<C, P> {
  /** Reports one finding: what is wrong, where, which spec section, and the exact fix. */
  readonly report: (message: string) => void;
}

/** A rule of this pack: a `ResourceValidationPolicy` with its catalogue code and closed schema. */
export interface PingOneRule extends ResourceValidationPolicy {
  /** The catalogue code (`R08`, `F01`, ...). Companion rules share their parent's code. */
  readonly code: string;
  /** The type token of the resources it applies to. */
  readonly resourceType: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity: Severity;
  readonly configSchema: RuleConfigSchema;
  readonly validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => void;
}

/** What every rule of the pack declares about itself, resource rule or stack rule. */
export interface RuleMetadata {
  /** The catalogue code (`R08`, `A01`, ...). */
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: "mandatory" | "advisory";
  readonly severity: Severity;
  /** The primary specification section, as a link. */
  readonly url: string;
  readonly framework?: PolicyComplianceFramework;
  readonly tags?: readonly string[];
}

/** A rule's metadata as CrossGuard takes it (a copy, so a spec's arrays are never shared). */
export function ruleMetadata(spec: RuleMetadata): RuleMetadata & { tags: string[] | undefined } {
  return {
    code: spec.code,
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    severity: spec.severity,
    url: spec.url,
    tags: spec.tags ? [...spec.tags] : undefined,
    framework: spec.framework,
  };
}

/** A rule as written in a concern module. */
export interface RuleSpec<C extends BaseConfig, P = ApplicationInput> extends RuleMetadata {
  /**
   * The type token of the resources the rule applies to; default the Application's. Rules on other
   * resources take no `disabledAppsAdvisory`: it is about applications.
   */
  readonly resourceType?: string;
  readonly remediationSteps?: string;
  /** Parameters beyond {@link BaseConfig}, each with a default. */
  readonly params: ParamSchemas<Omit<C, keyof BaseConfig>>;
  /** Reports findings through `ctx.report`; calls `ctx.notApplicable` when the rule does not apply. */
  readonly check: (ctx: CheckContext<C, P>) => void;
  /**
   * The property changes that fix the finding, or `undefined` when there is nothing to fix.
   * Only for rules whose safe fix is unambiguous.
   */
  readonly remediate?: (ctx: RuleContext<C, P>) => Partial<ApplicationProperties> | undefined;
}

/** Why a disabled app's findings were not reported. */
function disabledReason(app: ApplicationInput, findings: readonly string[]): string {
  const state = app.enabled === undefined || app.enabled === null ? "enabled is absent (PingOne default: false)" : `enabled is ${show(app.enabled)}`;
  return (
    `advisory only: the application is disabled (${state}) and disabledAppsAdvisory is true, ` + `so these findings are not enforced: ${findings.join(" | ")}`
  );
}

/** Builds a {@link PingOneRule} from a {@link RuleSpec}. */
export function defineRule<C extends BaseConfig, P = ApplicationInput>(spec: RuleSpec<C, P>): PingOneRule {
  const resourceType = spec.resourceType ?? APPLICATION_TYPE_TOKEN;
  const forApplications = resourceType === APPLICATION_TYPE_TOKEN;
  const configSchema = closedSchema(forApplications ? { ...BASE_PARAMS, ...spec.params } : { ...spec.params });
  /** Whether findings on this resource are held back as advisory (disabled applications only). */
  const heldBack = (ctx: RuleContext<C, P>): boolean => forApplications && ctx.config.disabledAppsAdvisory && isDisabled(ctx.app as ApplicationInput);

  function context(args: ResourceValidationArgs): RuleContext<C, P> & { write: (field: string, value: unknown) => void } {
    // Config first, so a typo in the pack config fails on any resource, not only on apps.
    const config = resolveConfig<C>(spec.name, configSchema, args.getConfig<object>());
    const props = args.props as Record<string, unknown>;
    if (args.type === resourceType) {
      // This package's own resource, the common case: read as it is, written in place.
      return {
        app: props as P,
        write: (field, value) => (props[field] = value),
        config,
        resourceName: args.name,
        notApplicable: (reason) => args.notApplicable(reason),
      };
    }
    if (nativeTypeOf(args.type) !== resourceType) {
      args.notApplicable(`applies only to ${resourceType} and ${BRIDGE_TYPE_TOKENS[resourceType] ?? "no other type"}`);
    }
    // A Terraform-bridge (or plugin) resource is judged as the resource of this package it stands for.
    const lifted = lift(args.type, props);
    if (lifted.notJudged !== undefined) {
      args.notApplicable(lifted.notJudged);
    }
    return {
      app: lifted.props as P,
      write: lifted.write,
      config,
      resourceName: args.name,
      notApplicable: (reason: string) => args.notApplicable(reason),
    };
  }

  const rule: PingOneRule = {
    ...ruleMetadata(spec),
    resourceType,
    remediationSteps: spec.remediationSteps,
    configSchema,
    validateResource: (args, reportViolation) => {
      const ctx = context(args);
      const findings: string[] = [];
      let unknown: UnknownValue | undefined;
      try {
        spec.check({ ...ctx, report: (message) => findings.push(message) });
      } catch (e) {
        // Only the preview's unknown is held back; NotApplicable and real errors propagate.
        if (!isUnknownValueError(e)) {
          throw e;
        }
        unknown = e;
      }
      if (findings.length > 0) {
        if (heldBack(ctx)) {
          args.notApplicable(disabledReason(ctx.app as ApplicationInput, findings));
        }
        for (const message of findings) {
          reportViolation(message);
        }
      }
      if (unknown !== undefined) {
        throw unknown;
      }
    },
  };
  if (spec.remediate !== undefined) {
    const remediate = spec.remediate;
    rule.remediateResource = (args) => {
      const ctx = context(args);
      const changes = remediate(ctx);
      if (changes === undefined || Object.keys(changes).length === 0) {
        return undefined;
      }
      if (heldBack(ctx)) {
        // The rule does not enforce on this app, so it does not rewrite it either.
        args.notApplicable("the application is disabled and disabledAppsAdvisory is true");
      }
      // Assign through the proxy rather than copying: the engine's props object preserves
      // secrets (`__provider`) and unknowns when serialised back. A bridge resource gets the
      // value where it keeps the field (`oidcOptions`).
      for (const [key, value] of Object.entries(changes)) {
        ctx.write(key, value);
      }
      return args.props;
    };
  }
  return rule;
}

/**
 * A finding's message in the pack's one format: what is wrong and where, which specification
 * requires otherwise (with section), and the exact change that fixes it.
 */
export function finding(problem: string, requirement: string, fix: string): string {
  return `${problem} Required by ${requirement}. Fix: ${fix}`;
}
