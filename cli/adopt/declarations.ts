/**
 * What the adopted program declares, before it is written as code or as an import file: one
 * `Application` per application with its live configuration (leaving out what equals PingOne's
 * defaults, from the field table), and one `ApplicationResourceGrant`,
 * `ApplicationSignOnPolicyAssignment` and, when asked, `ApplicationSecret` per object that belongs
 * to it, referring to the application's variable and naming resources, scopes and sign-on
 * policies by name where the name is unique in the environment.
 */
import type { PingOneResource, PingOneScope, PingOneSignOnPolicy } from "../../pingone";
import { importedInputs } from "../../provider/application/imported";
import type { AccessLookup } from "../../provider/http/lookups";
import type { CustomResourceType } from "../../provider/resources";
import { isValidVariable, resourceNameOf, UniqueNames, variableOf } from "./names";
import type { LiveApplication } from "./environment";
import { CliError } from "../errors";

/** A value taken from something the program declares: rendered as `code`, resolved to `value`. */
export class Reference {
  constructor(
    /** The TypeScript expression, e.g. `webPortal.id`. */
    readonly code: string,
    /** What it resolves to once the program runs: the adopted object's id, or the environment id. */
    readonly value: string,
  ) {}
}

/** A property value of a declaration. */
export type ArgValue = null | boolean | number | string | Reference | ArgValue[] | { [key: string]: ArgValue };

/** One resource the program declares, and the object it adopts. */
export interface Declaration {
  type: CustomResourceType;
  /** The Pulumi resource name (the URN's last part). */
  resourceName: string;
  /** The program's variable for it, when something refers to it. */
  variable?: string;
  /** The object's id in PingOne, as the import file gives it. */
  id: string;
  args: Record<string, ArgValue>;
  /** The application it belongs to (itself for an Application). */
  live: LiveApplication;
}

/** The program-level constant holding the environment id. */
export const ENVIRONMENT_VARIABLE = "environmentId";

/** An application's arguments: its environment, and every writable field a program must give to hold what PingOne holds. */
export function applicationArgs(live: LiveApplication, environment: Reference): Record<string, ArgValue> {
  return { environmentId: environment, ...(importedInputs(live.app) as Record<string, ArgValue>) };
}

/** Names that occur once in a list, so that a name can stand for its object. */
function uniqueNames<T extends { name: string }>(items: readonly T[]): Set<string> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.name, (counts.get(item.name) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n === 1).map(([name]) => name));
}

/** What declaring the environment's objects needs from its look-ups. */
export interface EnvironmentNames {
  resources: PingOneResource[];
  scopes: (resourceId: string) => Promise<PingOneScope[]>;
  signOnPolicies: PingOneSignOnPolicy[];
}

/** The look-ups `declare` names objects with, read once. */
export async function environmentNames(lookup: AccessLookup, apps: readonly LiveApplication[]): Promise<EnvironmentNames> {
  const needsResources = apps.some((a) => a.grants.length > 0);
  const needsPolicies = apps.some((a) => a.assignments.length > 0);
  return {
    resources: needsResources ? await lookup.resourceList() : [],
    scopes: (resourceId) => lookup.scopes(resourceId),
    signOnPolicies: needsPolicies ? await lookup.signOnPolicyList() : [],
  };
}

/**
 * `--as <applicationId>=<name>`: what to call an application instead of the name derived from
 * PingOne's: a TypeScript identifier, used as its Pulumi resource name and as its variable.
 */
export type NameOverrides = ReadonlyMap<string, string>;

/** Checks the names a user gave, before anything is read: each a valid identifier, and each used once. */
export function checkOverrides(overrides: NameOverrides): void {
  const seen = new Map<string, string>();
  for (const [id, name] of overrides) {
    if (!isValidVariable(name)) {
      throw new CliError(
        "ERR_USAGE",
        `--as ${id}=${JSON.stringify(name.slice(0, 80))}: not a valid name; allowed: a TypeScript identifier that is not a reserved word (letters, digits, _ and $, not starting with a digit, e.g. webPortal), since it names both the resource and the program's variable`,
      );
    }
    const other = seen.get(name);
    if (other !== undefined)
      throw new CliError("ERR_USAGE", `--as gives the name ${JSON.stringify(name)} to both ${other} and ${id}; each application needs its own`);
    seen.set(name, id);
  }
}

/** Every declaration of the adopted program, in order: each application, then what belongs to it. */
export async function declare(
  apps: readonly LiveApplication[],
  environmentId: string,
  names: EnvironmentNames,
  options: { withSecrets: boolean; overrides: NameOverrides },
): Promise<Declaration[]> {
  const environment = new Reference(ENVIRONMENT_VARIABLE, environmentId);
  const resourceNames = new UniqueNames();
  const variables = new UniqueNames("");
  variables.claim(ENVIRONMENT_VARIABLE);
  for (const name of options.overrides.values()) {
    resourceNames.claim(name);
    variables.claim(name);
  }
  const uniqueResources = uniqueNames(names.resources);
  const uniquePolicies = uniqueNames(names.signOnPolicies);
  const declarations: Declaration[] = [];
  for (const live of apps) {
    const override = options.overrides.get(live.app.id);
    const appName = override ?? resourceNames.take(resourceNameOf(String(live.app.name)));
    const dependents: Declaration[] = [];
    const variable = override ?? variables.take(variableOf(appName));
    const application = new Reference(`${variable}.id`, live.app.id);
    for (const grant of live.grants) {
      const resource = names.resources.find((r) => r.id === grant.resource.id);
      const byName = resource !== undefined && uniqueResources.has(resource.name);
      const args: Record<string, ArgValue> = { environmentId: environment, applicationId: application };
      const scopeIds = grant.scopes.map((s) => s.id);
      if (byName) {
        args.resourceName = resource.name;
        const scopes = await names.scopes(resource.id);
        const unique = uniqueNames(scopes);
        const named = scopeIds.map((id) => scopes.find((s) => s.id === id));
        if (named.every((s) => s !== undefined && unique.has(s.name))) args.scopes = named.map((s) => (s as PingOneScope).name);
        else args.scopeIds = scopeIds;
      } else {
        args.resourceId = grant.resource.id;
        args.scopeIds = scopeIds;
      }
      const suffix = byName ? resourceNameOf(resource.name).slice(0, 40).replace(/-+$/, "") : "grant";
      dependents.push({ type: "ApplicationResourceGrant", resourceName: resourceNames.take(`${appName}-${suffix}`), id: grant.id, args, live });
    }
    for (const assignment of live.assignments) {
      const policy = names.signOnPolicies.find((p) => p.id === assignment.signOnPolicy.id);
      const byName = policy !== undefined && uniquePolicies.has(policy.name);
      const args: Record<string, ArgValue> = { environmentId: environment, applicationId: application };
      if (byName) args.signOnPolicyName = policy.name;
      else args.signOnPolicyId = assignment.signOnPolicy.id;
      args.priority = assignment.priority;
      dependents.push({ type: "ApplicationSignOnPolicyAssignment", resourceName: resourceNames.take(`${appName}-sign-on`), id: assignment.id, args, live });
    }
    if (options.withSecrets && live.secret !== undefined) {
      dependents.push({
        type: "ApplicationSecret",
        resourceName: resourceNames.take(`${appName}-secret`),
        id: live.app.id,
        args: { environmentId: environment, applicationId: application },
        live,
      });
    }
    declarations.push(
      {
        type: "Application",
        resourceName: appName,
        variable: dependents.length > 0 ? variable : undefined,
        id: live.app.id,
        args: applicationArgs(live, environment),
        live,
      },
      ...dependents,
    );
  }
  return declarations;
}

/** A declaration's arguments as the program passes them once it runs: every reference resolved. */
export function resolved(value: ArgValue): unknown {
  if (value instanceof Reference) return value.value;
  if (Array.isArray(value)) return value.map(resolved);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolved(item)]));
  return value;
}
