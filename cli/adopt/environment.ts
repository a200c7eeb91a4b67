/**
 * What `adopt` reads from a live environment: its applications (one list, page by page), and for
 * each application this package manages, its resource grants and sign-on policy assignments (one
 * list each) and, when asked, its secret (one read). Names behind ids (resources, scopes, sign-on
 * policies) come from the provider's own cached look-ups, so the import file's outputs, which the
 * provider's code computes with the same look-ups, cost no second list.
 */
import {
  APPLICATION_TYPES,
  fieldFact,
  PROTOCOLS,
  SENSITIVE_FIELD_PATHS,
  TOP_LEVEL_FIELDS,
  usesSharedSecret,
  type PingOneApplication,
  type PingOneGrant,
  type PingOneSignOnPolicyAssignment,
} from "../../pingone";
import type { ApplicationSecretAnswer, PingOneClient } from "../../provider/http/client";
import { AccessLookup } from "../../provider/http/lookups";
import type { ProviderSettings } from "../../provider/kernel/config";
import { PingOneApiError } from "../../provider/kernel/errors";
import { CliError } from "../errors";

/** An application `adopt` brings under management, with what belongs to it. */
export interface LiveApplication {
  app: PingOneApplication;
  grants: PingOneGrant[];
  assignments: PingOneSignOnPolicyAssignment[];
  /** Read only when secrets are adopted too, and only for an application with a shared secret. */
  secret?: ApplicationSecretAnswer;
}

/** An application left out, and why. */
export interface SkippedApplication {
  id: string;
  name: string;
  reason: string;
}

/** Which applications to adopt: each filter given must match (all of them when none is given). */
export interface Selection {
  /** Exact names or globs (`*`, `?`) on the application's name. */
  names: readonly string[];
  ids: readonly string[];
  types: readonly string[];
}

/** How many requests run at once while reading the applications' grants, assignments and secrets. */
export const READ_CONCURRENCY = 8;

/** A glob on names (`*` any run, `?` one character) as an anchored regular expression. */
export function globPattern(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "s");
}

/** Whether an application is selected. */
export function selected(app: PingOneApplication, selection: Selection): boolean {
  const name = typeof app.name === "string" ? app.name : "";
  if (selection.names.length > 0 && !selection.names.some((glob) => globPattern(glob).test(name))) return false;
  if (selection.ids.length > 0 && !selection.ids.includes(app.id)) return false;
  if (selection.types.length > 0 && !selection.types.includes(String(app.type))) return false;
  return true;
}

/** Why this package cannot manage an application, or undefined when it can. */
export function unmanagedReason(app: PingOneApplication): string | undefined {
  const protocol = String(app.protocol);
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    return `protocol ${protocol} is not managed by this package (it manages ${PROTOCOLS.join(", ")} applications only)`;
  }
  const type = String(app.type);
  if (!(APPLICATION_TYPES as readonly string[]).includes(type)) {
    // PingOne's own applications (its self-service and admin console apps) have types of their own.
    return `type ${type} is not one this package manages (it manages ${APPLICATION_TYPES.join(", ")}); PingOne manages its built-in applications itself`;
  }
  const unknown = unknownFieldPaths(app);
  if (unknown.length > 0)
    return `it holds ${unknown.slice(0, 3).join(", ")}, which this package does not know, so a program could not declare it; adopt it with adoptId`;
  const secrets = SENSITIVE_FIELD_PATHS.filter((path) => valueAt(app as Record<string, unknown>, path) !== undefined);
  if (secrets.length > 0) return `it holds ${secrets.join(", ")}, which adopt does not write to a file; declare it by hand with adoptId`;
  return undefined;
}

function valueAt(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split(".")) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/**
 * Nested keys of an application that the field table does not know (below a field of kind
 * `json`, anything goes): a program could not declare them, since the argument types would refuse them.
 */
export function unknownFieldPaths(app: Record<string, unknown>): string[] {
  const unknown: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return;
    const fact = fieldFact(path);
    if (fact === undefined || fact.kind === "json") return;
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const child = `${path}.${key}`;
      if (fieldFact(child) === undefined) unknown.push(child);
      else walk(item, child);
    }
  };
  for (const field of TOP_LEVEL_FIELDS) walk(app[field], field);
  return unknown;
}

/** Runs `work` over `items`, `limit` at a time, keeping the order. */
async function eachLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** What `readEnvironment` is given. */
export interface ReadRequest {
  environmentId: string;
  selection: Selection;
  withSecrets: boolean;
  /** A client per operation, so that each has its own deadline (`pingone:operationTimeout`). */
  client: () => PingOneClient;
  /** Told after each application is read (audit's progress on a terminal). */
  progress?: (done: number, total: number) => void;
}

/** The selected applications this package manages, with their grants, assignments and (optionally) secrets; the others, skipped. */
export async function readEnvironment(request: ReadRequest): Promise<{ apps: LiveApplication[]; skipped: SkippedApplication[] }> {
  const { environmentId, selection } = request;
  const listed = await request.client().listApplications(environmentId, (app) => selected(app, selection));
  const skipped: SkippedApplication[] = [];
  const managed: PingOneApplication[] = [];
  for (const app of listed) {
    const reason = unmanagedReason(app);
    if (reason === undefined) managed.push(app);
    else skipped.push({ id: app.id, name: String(app.name), reason });
  }
  let read = 0;
  const apps = await eachLimited(managed, READ_CONCURRENCY, async (app): Promise<LiveApplication> => {
    const caller = { applicationName: String(app.name) };
    const client = request.client();
    const [grants, assignments, secret] = await Promise.all([
      client.listAccess("grants", environmentId, app.id, caller),
      client.listAccess("signOnPolicyAssignments", environmentId, app.id, caller),
      request.withSecrets && usesSharedSecret(app.tokenEndpointAuthMethod) ? client.readApplicationSecret(environmentId, app.id, caller) : undefined,
    ]);
    request.progress?.(++read, managed.length);
    return { app, grants: grants as PingOneGrant[], assignments: assignments as PingOneSignOnPolicyAssignment[], secret };
  });
  return { apps, skipped };
}

/** The provider's cached look-ups of an environment's resources, scopes and sign-on policies. */
export function lookupFor(client: PingOneClient, settings: ProviderSettings, environmentId: string): AccessLookup {
  return new AccessLookup(client, settings.apiUrl, environmentId, {});
}

/** The environment's read failures, in the words of what the user can change. */
export function environmentError(environmentId: string, apiUrl: string, error: unknown): unknown {
  if (!(error instanceof PingOneApiError)) return error;
  const answer = `HTTP ${String(error.status)}${error.pingOneCode ? ` ${error.pingOneCode}` : ""}`;
  if (error.status === 401) {
    return new CliError(
      "ERR_ENVIRONMENT_UNREADABLE",
      `environment ${environmentId}: PingOne refused the worker's credentials (${answer}); check pingone:clientId and pingone:clientSecret (PINGONE_CLIENT_ID, PINGONE_CLIENT_SECRET) and that the worker belongs to environment ${environmentId}; nothing was written`,
    );
  }
  if (error.code === "ERR_PINGONE_ACCESS_DENIED" && error.fields.operation === "read application secret") {
    return new CliError(
      "ERR_ENVIRONMENT_UNREADABLE",
      `environment ${environmentId}: the worker may read applications but not their secrets (${answer}); leave out --with-secrets, or give the worker a role that can read application secrets (e.g. Application Owner); nothing was written`,
    );
  }
  if (error.code === "ERR_PINGONE_ACCESS_DENIED") {
    return new CliError(
      "ERR_ENVIRONMENT_UNREADABLE",
      `environment ${environmentId}: the worker may not read its applications (${answer}); give it a role over the environment that can read applications, grants and sign-on policies (e.g. Client Application Developer); nothing was written`,
    );
  }
  // Only the environment's own list says the environment is missing; a 404 elsewhere is about one object.
  if (error.status === 404 && error.fields.operation === "list applications") {
    return new CliError(
      "ERR_ENVIRONMENT_UNREADABLE",
      `environment ${environmentId}: ${apiUrl} knows no such environment (${answer}); check the environment id, pingone:regionCode and pingone:apiUrl; nothing was written`,
    );
  }
  return error;
}
