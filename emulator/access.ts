/**
 * What a working sign-in needs besides the application: the environment's resources and their
 * scopes, its sign-on policies, and each application's resource access grants and sign-on policy
 * assignments (`…/applications/{appId}/grants[/{grantId}]`,
 * `…/applications/{appId}/signOnPolicyAssignments[/{id}]`). The facts and their sources are in
 * pingone/grants.ts and pingone/sign-on-policies.ts.
 *
 * Grants and assignments live on the stored application, so deleting the application deletes them.
 *
 * Choices PingOne does not document (kept visible here so they can be corrected): an unknown
 * resource or sign-on policy id, or a scope id that is not one of the resource's scopes, is a 400
 * INVALID_DATA naming the property; a PUT that changes a grant's `resource.id` is refused
 * (`resource.id` is read-only in the data model); two assignments may share a priority.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { DETAIL_CODES, GRANTLESS_APPLICATION_TYPES, linkedPath, MAX_SIGN_ON_POLICY_PRIORITY, MIN_SIGN_ON_POLICY_PRIORITY } from "../pingone";
import { notFound, validationError, type ErrorDetail } from "./errors";
import { jsonBody, type EmulatorResponse } from "./http";
import { deepCopy, isJsonObject, type JsonObject, type JsonValue } from "./json";
import type { ManagementContext } from "./management";
import type { RouteMatch } from "./routes";
import { applicationUrl, managementUrl } from "./shape";
import type { Environment, StoredApplication, StoredResource } from "./store";

export function handleAccess(match: RouteMatch, env: Environment, method: string, req: IncomingMessage, raw: string, ctx: ManagementContext): EmulatorResponse {
  const envId = env.id;
  switch (match.name) {
    case "resources":
      return list(
        managementUrl(ctx.apiUrl, "resources", { envId }),
        "resources",
        env.resources.map((r) => resourceBody(r, ctx.apiUrl, env.id)),
      );
    case "resourceScopes": {
      const resource = env.resources.find((r) => r.id === match.itemId);
      if (!resource) return notFound();
      const scopes = resource.scopes.map((s) => ({
        _links: { self: { href: `${ctx.apiUrl}${linkedPath("resourceScope", { envId, resourceId: resource.id, scopeId: s.id })}` } },
        id: s.id,
        name: s.name,
        resource: { id: resource.id },
        schemaAttributes: [],
      }));
      return list(managementUrl(ctx.apiUrl, "resourceScopes", { envId, resourceId: resource.id }), "scopes", scopes);
    }
    case "signOnPolicies":
      return list(
        managementUrl(ctx.apiUrl, "signOnPolicies", { envId }),
        "signOnPolicies",
        env.signOnPolicies.map((p) => ({
          _links: { self: { href: `${ctx.apiUrl}${linkedPath("signOnPolicy", { envId, signOnPolicyId: p.id })}` } },
          environment: { id: env.id },
          id: p.id,
          name: p.name,
          default: p.default,
        })),
      );
    default:
      break;
  }

  const app = env.applications.get(match.applicationId ?? "");
  if (!app || GRANTLESS_APPLICATION_TYPES.some((t) => t === app.record.type && match.name?.startsWith("grant"))) {
    return notFound(`Unable to find Application with ID: '${match.applicationId ?? ""}'`);
  }
  const kind = match.name === "grants" || match.name === "grant" ? GRANTS : ASSIGNMENTS;
  const collection = kind.collection(app);
  const base = kind.listUrl(ctx.apiUrl, env.id, app.id);
  const shape = (record: JsonObject): JsonObject => ({
    _links: {
      self: { href: kind.itemUrl(ctx.apiUrl, env.id, app.id, typeof record.id === "string" ? record.id : "") },
      application: { href: applicationUrl(ctx.apiUrl, env.id, app.id) },
    },
    environment: { id: env.id },
    ...deepCopy(record),
  });

  if (match.itemId === undefined) {
    if (method === "GET") return list(base, kind.embedded, [...collection.values()].map(shape));
    const parsed = jsonBody(req, raw, false);
    if ("error" in parsed) return parsed.error;
    const details = kind.validate(env, parsed.body, undefined);
    if (details.length > 0) return validationError(details);
    const at = new Date(ctx.now()).toISOString();
    const id = randomUUID();
    const record: JsonObject = { id, ...kind.fields(parsed.body), application: { id: app.id }, createdAt: at, updatedAt: at };
    collection.set(id, record);
    return { status: 201, headers: { location: kind.itemUrl(ctx.apiUrl, env.id, app.id, id) }, body: shape(record) };
  }

  const existing = collection.get(match.itemId);
  if (!existing) return notFound();
  if (method === "GET") return { status: 200, headers: {}, body: shape(existing) };
  if (method === "DELETE") {
    collection.delete(match.itemId);
    return { status: 204, headers: {} };
  }
  const parsed = jsonBody(req, raw, false);
  if ("error" in parsed) return parsed.error;
  const details = kind.validate(env, parsed.body, existing);
  if (details.length > 0) return validationError(details);
  const record: JsonObject = { ...existing, ...kind.fields(parsed.body), updatedAt: new Date(ctx.now()).toISOString() };
  collection.set(match.itemId, record);
  return { status: 200, headers: {}, body: shape(record) };
}

interface Kind {
  /** The list's key in `_embedded`. */
  embedded: string;
  listUrl(apiUrl: string, envId: string, appId: string): string;
  itemUrl(apiUrl: string, envId: string, appId: string, itemId: string): string;
  collection(app: StoredApplication): Map<string, JsonObject>;
  validate(env: Environment, body: JsonObject, existing: JsonObject | undefined): ErrorDetail[];
  /** The writable fields of a valid body, as stored. */
  fields(body: JsonObject): JsonObject;
}

function idOf(value: JsonValue | undefined): string | undefined {
  return isJsonObject(value) && typeof value.id === "string" ? value.id : undefined;
}

const GRANTS: Kind = {
  embedded: "grants",
  listUrl: (apiUrl, envId, appId) => managementUrl(apiUrl, "grants", { envId, appId }),
  itemUrl: (apiUrl, envId, appId, grantId) => managementUrl(apiUrl, "grant", { envId, appId, grantId }),
  collection: (app) => app.grants,
  validate(env, body, existing) {
    const resourceId = idOf(body.resource) ?? (existing ? idOf(existing.resource) : undefined);
    if (resourceId === undefined) return [{ code: DETAIL_CODES.requiredValue, target: "resource.id", message: "resource.id is required." }];
    if (existing && resourceId !== idOf(existing.resource)) {
      return [{ code: DETAIL_CODES.invalidValue, target: "resource.id", message: "resource.id cannot be changed once set." }];
    }
    const resource: StoredResource | undefined = env.resources.find((r) => r.id === resourceId);
    if (!resource) return [{ code: DETAIL_CODES.invalidValue, target: "resource.id", message: `Unable to find Resource with ID: '${resourceId}'` }];
    const scopes = body.scopes;
    if (!Array.isArray(scopes) || scopes.length === 0) {
      return [{ code: DETAIL_CODES.requiredValue, target: "scopes", message: "scopes must list at least one scope of the resource." }];
    }
    const out: ErrorDetail[] = [];
    scopes.forEach((scope, i) => {
      const id = idOf(scope);
      if (id === undefined) out.push({ code: DETAIL_CODES.requiredValue, target: `scopes[${i}].id`, message: `scopes[${i}].id is required.` });
      else if (!resource.scopes.some((s) => s.id === id)) {
        out.push({ code: DETAIL_CODES.invalidValue, target: `scopes[${i}].id`, message: `Scope '${id}' is not a scope of resource '${resource.name}'.` });
      }
    });
    return out;
  },
  fields: (body) => ({
    resource: { id: idOf(body.resource) ?? "" },
    scopes: (body.scopes as JsonValue[]).map((s) => ({ id: idOf(s) ?? "" })),
  }),
};

const ASSIGNMENTS: Kind = {
  embedded: "signOnPolicyAssignments",
  listUrl: (apiUrl, envId, appId) => managementUrl(apiUrl, "signOnPolicyAssignments", { envId, appId }),
  itemUrl: (apiUrl, envId, appId, assignmentId) => managementUrl(apiUrl, "signOnPolicyAssignment", { envId, appId, assignmentId }),
  collection: (app) => app.signOnPolicyAssignments,
  validate(env, body) {
    const out: ErrorDetail[] = [];
    const policyId = idOf(body.signOnPolicy);
    if (policyId === undefined) out.push({ code: DETAIL_CODES.requiredValue, target: "signOnPolicy.id", message: "signOnPolicy.id is required." });
    else if (!env.signOnPolicies.some((p) => p.id === policyId)) {
      out.push({ code: DETAIL_CODES.invalidValue, target: "signOnPolicy.id", message: `Unable to find SignOnPolicy with ID: '${policyId}'` });
    }
    const priority = body.priority;
    if (priority === undefined || priority === null) out.push({ code: DETAIL_CODES.requiredValue, target: "priority", message: "priority is required." });
    else if (typeof priority !== "number" || !Number.isInteger(priority) || priority < MIN_SIGN_ON_POLICY_PRIORITY || priority > MAX_SIGN_ON_POLICY_PRIORITY) {
      out.push({
        code: DETAIL_CODES.outOfRange,
        target: "priority",
        message: `priority must be an integer from ${MIN_SIGN_ON_POLICY_PRIORITY} to ${MAX_SIGN_ON_POLICY_PRIORITY}.`,
        innerError: { rangeMinimumValue: MIN_SIGN_ON_POLICY_PRIORITY, rangeMaximumValue: MAX_SIGN_ON_POLICY_PRIORITY },
      });
    }
    return out;
  },
  fields: (body) => ({ signOnPolicy: { id: idOf(body.signOnPolicy) ?? "" }, priority: body.priority ?? null }),
};

function resourceBody(resource: StoredResource, apiUrl: string, environmentId: string): JsonObject {
  return {
    _links: { self: { href: `${apiUrl}${linkedPath("resource", { envId: environmentId, resourceId: resource.id })}` } },
    environment: { id: environmentId },
    id: resource.id,
    name: resource.name,
    type: resource.type,
  };
}

/** A HAL list, as PingOne answers collection GETs: `_embedded.{name}`, `count`, `size`. */
function list(self: string, name: string, items: JsonObject[]): EmulatorResponse {
  return { status: 200, headers: {}, body: { _links: { self: { href: self } }, _embedded: { [name]: items }, count: items.length, size: items.length } };
}
