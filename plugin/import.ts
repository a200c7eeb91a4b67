/**
 * `pulumi import <token> <name> <id>` and `.get(name, id)`: the engine calls `read` with the id
 * alone (pkg/resource/deploy/step.go `ImportStep`: no inputs, no state). The id is Terraform's
 * import id, so that the two packages import the same way:
 * - Application and ApplicationSecret: `<environmentId>/<applicationId>`;
 * - ApplicationResourceGrant and ApplicationSignOnPolicyAssignment: `<environmentId>/<applicationId>/<id>`.
 * `read` then answers the plain id (the engine keeps the id `read` answers), the outputs, and the
 * inputs a program would give, rebuilt from the live object (the engine refuses an import without them).
 * @see https://registry.terraform.io/providers/pingidentity/pingone/latest/docs/resources/application#import
 */
import { importedInputs } from "../provider/application/imported";
import type { Inputs } from "../provider/kernel/values";

/** Each resource's import id: the parts of Terraform's id, and how to read them. */
const ID_PARTS: Readonly<Record<string, readonly ("environmentId" | "applicationId" | "id")[]>> = {
  Application: ["environmentId", "id"],
  ApplicationSecret: ["environmentId", "applicationId"],
  ApplicationResourceGrant: ["environmentId", "applicationId", "id"],
  ApplicationSignOnPolicyAssignment: ["environmentId", "applicationId", "id"],
};

/** What `read` needs from an import id: the object's own id, and the props that locate it. */
export interface ImportTarget {
  id: string;
  props: Inputs;
}

const ID_PART = /^[A-Za-z0-9-]{1,64}$/;

/** Whether `read` was given state to refresh, or only an id to import. */
export function isImport(props: Inputs): boolean {
  return props.environmentId === undefined;
}

/** The object and its location, from Terraform's import id; a usage error names the expected form. */
export function importTarget(type: string, importId: string): ImportTarget {
  const parts = ID_PARTS[type];
  const given = importId.split("/");
  if (parts === undefined || given.length !== parts.length || !given.every((part) => ID_PART.test(part))) {
    const form = (parts ?? []).map((part) => `<${part === "id" ? `${type[0].toLowerCase()}${type.slice(1)}Id` : part}>`).join("/");
    throw new Error(`pingone-oidc:index:${type}: cannot import ${JSON.stringify(importId.slice(0, 120))}; the import id is ${form}, as for Terraform`);
  }
  const value = Object.fromEntries(parts.map((part, i) => [part, given[i]]));
  const id = parts.includes("id") ? value.id : value.applicationId;
  const props: Inputs = { environmentId: value.environmentId };
  if (value.applicationId !== undefined) props.applicationId = value.applicationId;
  return { id, props };
}

/** The inputs a program would give to hold the object `read` found (before the provider's own check). */
export function rebuiltInputs(type: string, location: Inputs, outs: Inputs): Inputs {
  const pick = (keys: readonly string[]): Inputs => Object.fromEntries(keys.filter((key) => outs[key] !== undefined).map((key) => [key, outs[key]]));
  switch (type) {
    case "Application":
      return { environmentId: location.environmentId, ...importedInputs(outs) };
    case "ApplicationResourceGrant":
      return { ...location, ...pick(["resourceId", "scopeIds"]) };
    case "ApplicationSignOnPolicyAssignment":
      return { ...location, ...pick(["signOnPolicyId", "priority"]) };
    default:
      return { ...location };
  }
}
