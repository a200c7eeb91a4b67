/**
 * Handlers of the management API (`/v1/environments/{envId}/...`), after authentication and
 * fault injection have been dealt with by the server.
 *
 * CRUD semantics follow docs/pingone-applications-api.md §4: POST 201, GET 200, PUT is a full replacement (200),
 * DELETE 204; the secret is read with GET and rotated with POST (200).
 */
import type { IncomingMessage } from "node:http";
import {
  DETAIL_CODES,
  NON_NULLIFIABLE_FIELDS,
  PREVIOUS_SECRET_MAX_IN_WORDS,
  PREVIOUS_SECRET_MAX_MS,
  PREVIOUS_SECRET_MIN_IN_WORDS,
  PREVIOUS_SECRET_MIN_MS,
  REPLACE_TRIGGERS,
  UNIQUE_IN_ENVIRONMENT,
} from "../pingone";
import { handleAccess } from "./access";
import { canonicalize, usesSigning, withDefaults } from "./canonical";
import { invalidRequest, methodNotAllowed, notFound, validationError, type ErrorDetail } from "./errors";
import { jsonBody, type EmulatorResponse } from "./http";
import { isJsonObject, valueAt, type JsonObject, type JsonValue } from "./json";
import type { RouteMatch } from "./routes";
import { applicationBody, applicationListBody, applicationUrl, environmentBody, secretBody } from "./shape";
import type { ApplicationStore, Environment, StoredApplication } from "./store";
import { validateApplication } from "./validate";
import { isSamlBody, validateSamlApplication } from "./saml";

export interface ManagementContext {
  store: ApplicationStore;
  apiUrl: string;
  now: () => number;
  /** Largest page of a list response (`?limit=` asks for a smaller one). */
  listPageSize: number;
}

/**
 * `?limit=N&cursor=K` (the cursor is the emulator's own offset, opaque to clients). The page size
 * is the limit asked for, but never more than the server's own maximum: PingOne's "supported
 * limits are not always honored" (pingone/wire.ts LIST_PAGE_LIMIT).
 */
function listPage(req: IncomingMessage, maxLimit: number): { offset: number; limit: number } {
  const query = new URL(req.url ?? "/", "http://emulator").searchParams;
  const limit = Number(query.get("limit") ?? maxLimit);
  const offset = Number(query.get("cursor") ?? 0);
  return {
    limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, maxLimit) : maxLimit,
    offset: Number.isInteger(offset) && offset >= 0 ? offset : 0,
  };
}

/** Set once on create: changing a nested replace trigger (the mobile ids) is refused on PUT. */
const IMMUTABLE_NESTED_PATHS = REPLACE_TRIGGERS.filter((path) => path.includes("."));

export function handleManagement(match: RouteMatch, method: string, req: IncomingMessage, rawBody: string, ctx: ManagementContext): EmulatorResponse {
  const env = match.environmentId !== undefined ? ctx.store.environment(match.environmentId) : undefined;
  if (!env) return notFound();
  if (!match.methods.includes(method)) return methodNotAllowed(match.methods);

  switch (match.name) {
    case "environment":
      return ok(200, environmentBody(env, ctx.apiUrl));
    case "applications":
      return method === "GET"
        ? ok(200, applicationListBody(ctx.store.list(env.id), ctx.apiUrl, env.id, listPage(req, ctx.listPageSize)))
        : create(env, req, rawBody, ctx);
    case "application":
      return application(env, match.applicationId ?? "", method, req, rawBody, ctx);
    case "secret":
      return secret(env, match.applicationId ?? "", method, rawBody, ctx);
    case "resources":
    case "resourceScopes":
    case "signOnPolicies":
    case "grants":
    case "grant":
    case "signOnPolicyAssignments":
    case "signOnPolicyAssignment":
      return handleAccess(match, env, method, req, rawBody, ctx);
    default:
      return notFound();
  }
}

function ok(status: number, body: JsonObject, headers: Record<string, string> = {}): EmulatorResponse {
  return { status, headers, body };
}

function unknownApplication(applicationId: string): EmulatorResponse {
  return notFound(`Unable to find Application with ID: '${applicationId}'`);
}

function create(env: Environment, req: IncomingMessage, raw: string, ctx: ManagementContext): EmulatorResponse {
  const parsed = jsonBody(req, raw, false);
  if ("error" in parsed) return parsed.error;
  const app = storeNewApplication(ctx.store, env, parsed.body);
  if (Array.isArray(app)) return validationError(app);
  const body = applicationBody(app, { apiUrl: ctx.apiUrl, environmentId: env.id, includeClientId: false });
  return ok(201, body, { location: applicationUrl(ctx.apiUrl, env.id, app.id) });
}

function application(env: Environment, applicationId: string, method: string, req: IncomingMessage, raw: string, ctx: ManagementContext): EmulatorResponse {
  const app = ctx.store.get(env.id, applicationId);
  if (!app) return unknownApplication(applicationId);
  const shape = { apiUrl: ctx.apiUrl, environmentId: env.id, includeClientId: true };
  if (method === "GET") return ok(200, applicationBody(app, shape));
  if (method === "DELETE") {
    ctx.store.delete(env.id, applicationId);
    return { status: 204, headers: {} };
  }

  const parsed = jsonBody(req, raw, false);
  if ("error" in parsed) return parsed.error;
  const saml = isSamlBody(parsed.body);
  const { record, details } = saml ? validateSamlApplication(parsed.body) : validateApplication(parsed.body);
  details.push(...replacementConflicts(app, record, details), ...(saml ? [] : uniquenessConflicts(env, record, applicationId)));
  if (details.length > 0) return validationError(details);

  // assignActorRoles is honoured on POST only; a PUT keeps what the application had.
  const fields = saml
    ? { ...record, assignActorRoles: app.record.assignActorRoles ?? false }
    : finalize(env, record, app.record.assignActorRoles ?? false, "replace");
  return ok(200, applicationBody(ctx.store.replace(env.id, applicationId, fields), shape));
}

/** Validates and stores a new application exactly as a POST does; the validation details when PingOne would refuse it. */
export function storeNewApplication(store: ApplicationStore, env: Environment, body: JsonObject): StoredApplication | ErrorDetail[] {
  if (isSamlBody(body)) {
    // Stored as sent: the emulator judges only the SAML settings PingOne requires (./saml.ts).
    const { record, details } = validateSamlApplication(body);
    return details.length > 0 ? details : store.create(env.id, { ...record, assignActorRoles: record.assignActorRoles ?? false });
  }
  const { record, details } = validateApplication(body);
  details.push(...uniquenessConflicts(env, record, undefined));
  if (details.length > 0) return details;
  return store.create(env.id, finalize(env, record, record.assignActorRoles ?? false, "create"));
}

/**
 * Server defaults, the default key rotation policy when `signing` is absent (on PUT too: this
 * is how an omitted `signing` resets the policy, terraform-provider-pingone issue #1326), and
 * PingOne's array order.
 */
function finalize(env: Environment, record: JsonObject, assignActorRoles: JsonValue, operation: "create" | "replace"): JsonObject {
  const fields = withDefaults(record, operation);
  fields.assignActorRoles = assignActorRoles;
  if (fields.signing === undefined && usesSigning(fields.type)) {
    fields.signing = { keyRotationPolicy: { id: env.defaultKeyRotationPolicyId } };
  }
  return canonicalize(fields);
}

/** PUT-only rules: type/protocol cannot change, some fields cannot be cleared, mobile ids are immutable. */
function replacementConflicts(app: StoredApplication, record: JsonObject, existing: readonly ErrorDetail[]): ErrorDetail[] {
  const stored = app.record;
  const out: ErrorDetail[] = [];
  for (const field of ["type", "protocol"] as const) {
    if (record[field] !== undefined && record[field] !== stored[field]) {
      out.push({
        code: DETAIL_CODES.invalidValue,
        target: field,
        message: `The application ${field} cannot be changed from ${JSON.stringify(stored[field])} to ${JSON.stringify(record[field])}.`,
      });
    }
  }
  for (const field of NON_NULLIFIABLE_FIELDS) {
    const alreadyReported = existing.some((d) => d.target === field);
    if (stored[field] !== undefined && record[field] === undefined && !alreadyReported) {
      out.push({ code: DETAIL_CODES.invalidValue, target: field, message: `Once specified, ${field} cannot be nullified`, headline: true });
    }
  }
  for (const path of IMMUTABLE_NESTED_PATHS) {
    const was = valueAt(stored, path);
    if (was !== undefined && was !== null && valueAt(record, path) !== was) {
      out.push({ code: DETAIL_CODES.invalidValue, target: path, message: `${path} cannot be changed once set.` });
    }
  }
  return out;
}

/** Values unique within an environment (the field table's `uniqueInEnvironment`: devicePathId, the mobile ids). */
function uniquenessConflicts(env: Environment, record: JsonObject, selfId: string | undefined): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const path of UNIQUE_IN_ENVIRONMENT) {
    const value = valueAt(record, path);
    if (typeof value !== "string") continue;
    for (const [id, other] of env.applications) {
      if (id !== selfId && valueAt(other.record, path) === value) {
        out.push({ code: DETAIL_CODES.uniquenessViolation, target: path, message: `${path} '${value}' is already in use in this environment.` });
        break;
      }
    }
  }
  return out;
}

function secret(env: Environment, applicationId: string, method: string, raw: string, ctx: ManagementContext): EmulatorResponse {
  // Reference §1: a secret request for a missing application gets the generic not-found text.
  const app = ctx.store.get(env.id, applicationId);
  if (!app) return notFound();
  if (method === "DELETE") {
    ctx.store.deletePreviousSecret(env.id, applicationId);
    return { status: 204, headers: {} };
  }
  if (method === "GET") return ok(200, secretBody(app.secret, ctx.apiUrl, env.id, applicationId, ctx.now()));

  let previousExpiresAt: string | undefined;
  if (raw.trim() !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return invalidRequest("The request could not be completed. The request body is not valid JSON.");
    }
    if (!isJsonObject(parsed)) return invalidRequest("The request could not be completed. The request body must be a JSON object.");
    const previous = parsed.previous;
    if (previous !== undefined && previous !== null) {
      const result = previousExpiry(previous, ctx.now());
      if (typeof result !== "string") return validationError([result]);
      previousExpiresAt = result;
    }
  }
  const rotated = ctx.store.rotateSecret(env.id, applicationId, previousExpiresAt);
  return ok(200, secretBody(rotated, ctx.apiUrl, env.id, applicationId, ctx.now()));
}

/** `previous.expiresAt`: an RFC 3339 time between one minute and 30 days from now (pingone/secret.ts, docs/pingone-applications-api.md §4). */
function previousExpiry(previous: JsonValue, now: number): string | ErrorDetail {
  const target = "previous.expiresAt";
  const value = isJsonObject(previous) ? previous.expiresAt : undefined;
  if (value === undefined || value === null) return { code: DETAIL_CODES.requiredValue, target, message: `${target} is required.` };
  const at = typeof value === "string" ? Date.parse(value) : NaN;
  if (Number.isNaN(at)) return { code: DETAIL_CODES.invalidValue, target, message: `${target} must be an RFC 3339 date-time.` };
  if (at < now + PREVIOUS_SECRET_MIN_MS || at > now + PREVIOUS_SECRET_MAX_MS) {
    return {
      code: DETAIL_CODES.outOfRange,
      target,
      message: `${target} must be between ${PREVIOUS_SECRET_MIN_IN_WORDS} and ${PREVIOUS_SECRET_MAX_IN_WORDS} from now.`,
    };
  }
  return new Date(at).toISOString();
}
