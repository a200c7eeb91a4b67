/**
 * What `audit` judges, as the pack sees resources at `pulumi preview`: a live environment's
 * applications with their grants and sign-on policy assignments, declared as `adopt` would declare
 * them (the same reader and the same declarations), or the resources of a `pulumi stack export`.
 */
import { BRIDGE_TYPE_TOKENS, nativeTypeOf } from "../../policy/bridge";
import type { JudgedResource } from "../../policy/evaluate";
import { parseRfc3339 } from "../../provider";
import type { ApplicationSecretAnswer, PingOneClient } from "../../provider/http/client";
import type { ProviderSettings } from "../../provider/kernel/config";
import { CUSTOM_RESOURCES, dynamicTypeToken } from "../../provider/resources";
import { declare, environmentNames, resolved } from "../adopt/declarations";
import { lookupFor, readEnvironment, type Selection, type SkippedApplication } from "../adopt/environment";
import { CliError } from "../errors";

/** A judged resource, and where a finding on it points: the environment and the application. */
export interface AuditedResource extends JudgedResource {
  readonly environmentId: string;
  readonly applicationId: string;
  readonly applicationName: string;
}

export interface AuditInput {
  resources: AuditedResource[];
  skipped: SkippedApplication[];
}

/**
 * What a live secret tells the rules: when its previous secret stops working, as the
 * `previousSecretExpiresAt` the rule judges (a program's value means the same: the replaced secret
 * works until then). The secrets themselves are dropped here and go no further.
 */
function secretProps(secret: ApplicationSecretAnswer | undefined): Record<string, unknown> {
  const expiresAt = secret?.previous?.expiresAt;
  return typeof expiresAt === "string" && parseRfc3339(expiresAt) !== undefined ? { previousSecretExpiresAt: expiresAt } : {};
}

/** A live environment's applications, grants and assignments, and with `withSecrets` their secrets' rotation. */
export async function liveResources(request: {
  environmentId: string;
  selection: Selection;
  withSecrets: boolean;
  client: () => PingOneClient;
  settings: ProviderSettings;
  progress?: (done: number, total: number) => void;
}): Promise<AuditInput> {
  const { apps, skipped } = await readEnvironment(request);
  const names = await environmentNames(lookupFor(request.client(), request.settings, request.environmentId), apps);
  const declarations = await declare(apps, request.environmentId, names, { withSecrets: request.withSecrets, overrides: new Map() });
  const appNames = new Map(declarations.filter((d) => d.type === "Application").map((d) => [d.live.app.id, d.resourceName]));
  const resources = declarations.map((d): AuditedResource => ({
    type: dynamicTypeToken(d.type),
    name: d.resourceName,
    props: { ...(resolved(d.args) as Record<string, unknown>), ...(d.type === "ApplicationSecret" ? secretProps(d.live.secret) : {}) },
    applicationFrom: d.type === "Application" ? undefined : appNames.get(d.live.app.id),
    environmentId: request.environmentId,
    applicationId: d.live.app.id,
    applicationName: String(d.live.app.name),
  }));
  return { resources, skipped };
}

interface ExportedResource {
  urn?: unknown;
  type?: unknown;
  id?: unknown;
  inputs?: unknown;
  outputs?: unknown;
  propertyDependencies?: unknown;
}

/** This package's resources, and the Terraform bridge's that the pack judges as them. */
const TOKENS = new Set(CUSTOM_RESOURCES.flatMap((r) => [dynamicTypeToken(r.type), BRIDGE_TYPE_TOKENS[dynamicTypeToken(r.type)]]));

/** A string, or undefined for anything else. */
function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The resources of this package (or of the Terraform bridge's) in a `pulumi stack export` file, with the inputs the program gave them. */
export function stateResources(text: string, source: string): AuditInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      "ERR_AUDIT_INPUT",
      `${source} is not JSON (${error instanceof Error ? error.message.slice(0, 120) : "unreadable"}); expected the output of \`pulumi stack export\``,
    );
  }
  const list = record(record(parsed).deployment).resources;
  if (!Array.isArray(list)) throw new CliError("ERR_AUDIT_INPUT", `${source} has no deployment.resources; expected the output of \`pulumi stack export\``);
  const candidates = (list as ExportedResource[]).filter((r) => typeof r.type === "string" && TOKENS.has(r.type) && typeof r.urn === "string");
  // A bridge application without oidcOptions (SAML, WS-Fed, external link) is not judged: listed as skipped, as live.
  const notOidc = (r: ExportedResource): boolean =>
    r.type === BRIDGE_TYPE_TOKENS[dynamicTypeToken("Application")] && record(r.inputs).oidcOptions === undefined;
  const skipped = candidates.filter(notOidc).map((r) => ({
    id: stringOf(r.id) ?? "",
    name: stringOf(record(r.inputs).name) ?? String(r.urn),
    reason: "it has no oidcOptions (a SAML, WS-Fed or external-link application), which the pack does not judge",
  }));
  const ours = candidates.filter((r) => !notOidc(r));
  const nameOf = (urn: string): string => urn.split("::").pop() ?? urn;
  const byUrn = new Map(ours.map((r) => [String(r.urn), r]));
  const resources = ours.map((r): AuditedResource => {
    const inputs = record(r.inputs);
    const outputs = record(r.outputs);
    const { __provider: _provider, ...props } = inputs;
    const dependencies = record(r.propertyDependencies).applicationId;
    const appUrn = Array.isArray(dependencies) ? dependencies.map(stringOf).find((urn) => urn !== undefined && byUrn.has(urn)) : undefined;
    const app = appUrn === undefined ? r : byUrn.get(appUrn);
    const appOutputs = record(app?.outputs);
    return {
      type: String(r.type),
      name: nameOf(String(r.urn)),
      props,
      applicationFrom: appUrn === undefined ? undefined : nameOf(appUrn),
      environmentId: stringOf(outputs.environmentId) ?? stringOf(inputs.environmentId) ?? "",
      applicationId: (nativeTypeOf(String(r.type)) === dynamicTypeToken("Application") ? stringOf(r.id) : stringOf(inputs.applicationId)) ?? "",
      applicationName: stringOf(appOutputs.name) ?? stringOf(record(app?.inputs).name) ?? nameOf(String(r.urn)),
    };
  });
  return { resources, skipped };
}
