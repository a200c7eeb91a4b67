/**
 * Rules that relate two resources, e.g. a grant and the application it is for: CrossGuard stack
 * policies (`validateStack`), which see every resource of the stack at once, and
 * `defineStackRule`, which gives them what `defineRule` gives resource rules: config checked
 * against a closed schema, the preview's unknown values held back (findings made from known values
 * are still reported, then the framework's advisory "can't run during preview"), and one message
 * format.
 *
 * A grant names its application by `applicationId`, which is unknown during the preview of a new
 * stack. The engine still records which resource that property came from
 * (`propertyDependencies.applicationId`, and `dependencies`), so `applicationOf` joins the two by
 * that, never by the id's value.
 */
import type { PolicyResource, ReportViolation, Severity, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { APPLICATION_TYPE_TOKEN } from "../../provider";
import { liftResources } from "../bridge";
import { isUnknownValueError, type UnknownValue } from "../preview";
import { closedSchema, type ParamSchemas, resolveConfig, type RuleConfigSchema } from "./config";
import type { ApplicationInput } from "./predicates";
import { ruleMetadata, type RuleMetadata } from "./rule";

/** What a stack rule's check sees. */
export interface StackCheckContext<C> {
  /** The resources of the type the rule judges (never empty: the rule is not applicable otherwise). */
  readonly subjects: readonly PolicyResource[];
  /** Every resource of the stack. */
  readonly resources: readonly PolicyResource[];
  readonly config: C;
  /** Reports one finding on one resource. */
  readonly report: (message: string, resource: PolicyResource) => void;
}

/** A stack rule of this pack: a `StackValidationPolicy` with its catalogue code and closed schema. */
export interface PingOneStackRule extends StackValidationPolicy {
  readonly code: string;
  /** The type token of the resources it judges. */
  readonly resourceType: string;
  readonly enforcementLevel: "mandatory" | "advisory" | "remediate" | "disabled";
  readonly severity: Severity;
  readonly configSchema: RuleConfigSchema;
  readonly validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => Promise<void> | void;
}

/** A stack rule as written in a concern module. */
export interface StackRuleSpec<C extends object> extends RuleMetadata {
  readonly resourceType: string;
  readonly params: ParamSchemas<C>;
  /** Reports findings through `ctx.report`. An UnknownValueError it throws becomes the preview advisory. */
  readonly check: (ctx: StackCheckContext<C>) => void;
}

/** Builds a {@link PingOneStackRule} from a {@link StackRuleSpec}. */
export function defineStackRule<C extends object>(spec: StackRuleSpec<C>): PingOneStackRule {
  const configSchema = closedSchema({ ...spec.params });
  return {
    ...ruleMetadata(spec),
    resourceType: spec.resourceType,
    configSchema,
    validateStack: (args, reportViolation) => {
      // Config first, so a typo in the pack config fails on any stack.
      const config = resolveConfig<C>(spec.name, configSchema, args.getConfig<object>());
      // Terraform-bridge resources are judged as the resources of this package they stand for.
      const resources = liftResources(args.resources);
      const subjects = resources.filter((resource) => resource.type === spec.resourceType);
      if (subjects.length === 0) {
        args.notApplicable(`the stack has no ${spec.resourceType}`);
      }
      const findings: [string, string][] = [];
      let unknown: UnknownValue | undefined;
      try {
        spec.check({ subjects, resources, config, report: (message, resource) => findings.push([message, resource.urn]) });
      } catch (e) {
        if (!isUnknownValueError(e)) throw e;
        unknown = e;
      }
      for (const [message, urn] of findings) reportViolation(message, urn);
      if (unknown !== undefined) throw unknown;
    },
  };
}

/**
 * The Application a grant or assignment is for: the one Application its `applicationId` was
 * computed from (`propertyDependencies`), else the one Application it depends on. Undefined when
 * the stack holds no such Application (an id typed in by hand, or an app of another stack) or when
 * it depends on more than one.
 */
export function applicationOf(resource: PolicyResource): PolicyResource | undefined {
  const only = (candidates: readonly PolicyResource[] | undefined): PolicyResource | undefined => {
    const apps = (candidates ?? []).filter((candidate) => candidate.type === APPLICATION_TYPE_TOKEN);
    return apps.length === 1 ? apps[0] : undefined;
  };
  return only(resource.propertyDependencies.applicationId) ?? only(resource.dependencies);
}

/** An Application's props as the rules read them. */
export function applicationProps(app: PolicyResource): ApplicationInput {
  return app.props as ApplicationInput;
}

/** How messages name a resource: its Pulumi name. */
export function named(resource: PolicyResource): string {
  return JSON.stringify(resource.name);
}

/**
 * Runs `judge` on each subject so that an unknown value in one does not hide a finding in
 * another, then rethrows the first UnknownValueError.
 */
export function forEachSubject(subjects: readonly PolicyResource[], judge: (subject: PolicyResource) => void): void {
  let deferred: UnknownValue | undefined;
  for (const subject of subjects) {
    try {
      judge(subject);
    } catch (e) {
      if (!isUnknownValueError(e)) throw e;
      deferred ??= e;
    }
  }
  if (deferred !== undefined) throw deferred;
}
