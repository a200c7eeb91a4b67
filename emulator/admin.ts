/**
 * The test-control endpoints under /__admin. Loopback callers only, no auth, never counted,
 * never subject to faults (a test must always be able to turn faults off again).
 *
 *   GET    /__admin                                    index of these endpoints
 *   GET    /__admin/health
 *   GET    /__admin/faults          PUT (partial merge)  DELETE (clear)
 *   POST   /__admin/faults/script                       append scripted faults
 *   GET    /__admin/counters        DELETE (also clears the request log)
 *   GET    /__admin/requests        DELETE (clears the log only)
 *   POST   /__admin/tokens/expire                       expire every token issued so far
 *   GET    /__admin/environments
 *   GET    /__admin/environments/{envId}/applications
 *   PATCH  /__admin/environments/{envId}/applications/{appId}   out-of-band change
 *   DELETE /__admin/environments/{envId}/applications/{appId}   out-of-band delete
 *   POST   /__admin/environments/{envId}/users        a test user: { username, password, email?, givenName?, familyName? }
 */
import type { IncomingMessage } from "node:http";
import { FaultSettingsError } from "./faults";
import type { EmulatorResponse } from "./http";
import { isJsonObject, toJson, type JsonObject, type JsonValue } from "./json";
import { TestUserConflictError, UnknownResourceError, type EmulatorState } from "./state";
import type { TestUserInput } from "./types";

const ENDPOINTS = [
  "GET /__admin/health",
  "GET|PUT|DELETE /__admin/faults",
  "POST /__admin/faults/script",
  "GET|DELETE /__admin/counters",
  "GET|DELETE /__admin/requests",
  "POST /__admin/tokens/expire",
  "GET /__admin/environments",
  "GET /__admin/environments/{envId}/applications",
  "PATCH|DELETE /__admin/environments/{envId}/applications/{appId}",
  "POST /__admin/environments/{envId}/users",
];

export function isLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? "";
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

export function handleAdmin(state: EmulatorState, method: string, path: string, raw: string): EmulatorResponse {
  try {
    return route(state, method, path.replace(/\/+$/, ""), raw);
  } catch (error) {
    if (error instanceof FaultSettingsError || error instanceof TypeError || error instanceof RangeError) return reply(400, { error: error.message });
    if (error instanceof UnknownResourceError) return reply(404, { error: error.message });
    if (error instanceof TestUserConflictError) return reply(409, { error: error.message });
    if (error instanceof SyntaxError) return reply(400, { error: "body is not valid JSON" });
    throw error;
  }
}

function route(state: EmulatorState, method: string, path: string, raw: string): EmulatorResponse {
  const key = `${method} ${path}`;
  switch (key) {
    case "GET /__admin":
      return reply(200, { endpoints: ENDPOINTS });
    case "GET /__admin/health":
      return reply(200, { ok: true });
    case "GET /__admin/faults":
      return reply(200, toJson(state.faults.settings()));
    case "PUT /__admin/faults":
      state.faults.set(parse(raw));
      return reply(200, toJson(state.faults.settings()));
    case "DELETE /__admin/faults":
      state.faults.clear();
      return { status: 204, headers: {} };
    case "POST /__admin/faults/script":
      state.faults.enqueue(parse(raw));
      return reply(200, toJson(state.faults.settings()));
    case "GET /__admin/counters":
      return reply(200, toJson(state.recorder.counters()));
    case "DELETE /__admin/counters":
      state.recorder.reset();
      return { status: 204, headers: {} };
    case "GET /__admin/requests":
      return reply(200, { requests: toJson(state.recorder.entries()) });
    case "DELETE /__admin/requests":
      state.recorder.clearLog();
      return { status: 204, headers: {} };
    case "POST /__admin/tokens/expire":
      state.tokens.expireAll();
      return { status: 204, headers: {} };
    case "GET /__admin/environments":
      return reply(200, { environments: state.store.environmentIds() });
  }

  const users = /^\/__admin\/environments\/([^/]+)\/users$/.exec(path);
  if (users) {
    if (method !== "POST") return reply(405, { error: `${method} not supported here` });
    const body = parse(raw);
    if (!isJsonObject(body)) return reply(400, { error: "body must be a JSON object" });
    return reply(201, toJson(state.createUser(decodeURIComponent(users[1]), testUserInput(body))));
  }

  const apps = /^\/__admin\/environments\/([^/]+)\/applications(?:\/([^/]+))?$/.exec(path);
  if (apps) {
    const envId = decodeURIComponent(apps[1]);
    const appId = apps[2] !== undefined ? decodeURIComponent(apps[2]) : undefined;
    if (appId === undefined && method === "GET") return reply(200, { applications: state.applications(envId) });
    if (appId !== undefined && method === "PATCH") {
      const patch = parse(raw);
      if (!isJsonObject(patch)) return reply(400, { error: "patch must be a JSON object" });
      return reply(200, state.mutateApplication(envId, appId, patch));
    }
    if (appId !== undefined && method === "DELETE") {
      return state.deleteApplicationOutOfBand(envId, appId) ? { status: 204, headers: {} } : reply(404, { error: "no such application" });
    }
    return reply(405, { error: `${method} not supported here` });
  }
  return reply(404, { error: `no admin endpoint ${method} ${path}`, endpoints: ENDPOINTS });
}

/** The admin body's fields, type-checked; the rules on their values are the users API's own. */
function testUserInput(body: JsonObject): TestUserInput {
  const { username, password, email, givenName, familyName } = body;
  if (typeof username !== "string" || typeof password !== "string") throw new TypeError("username and password are required strings");
  const input: TestUserInput = { username, password };
  for (const [key, value] of Object.entries({ email, givenName, familyName })) {
    if (value === undefined) continue;
    if (typeof value !== "string") throw new TypeError(`${key} must be a string`);
    input[key as "email" | "givenName" | "familyName"] = value;
  }
  return input;
}

function parse(raw: string): JsonValue {
  return raw.trim() === "" ? {} : (JSON.parse(raw) as JsonValue);
}

function reply(status: number, body: JsonValue): EmulatorResponse {
  return { status, headers: {}, body };
}
