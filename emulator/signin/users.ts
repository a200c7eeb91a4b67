/**
 * Test users through PingOne's users API on the management host (bearer token checked by the
 * server before these handlers run):
 *
 *   POST   /v1/environments/{envId}/users                  201, the user (never its password)
 *   GET    /v1/environments/{envId}/users[?filter=…]       200, `_embedded.users`, `count`, `size`
 *   GET    /v1/environments/{envId}/users/{userId}         200 | 404
 *   DELETE /v1/environments/{envId}/users/{userId}         204 | 404 (ends the user's sessions)
 *   PUT    /v1/environments/{envId}/users/{userId}/password  `application/vnd.pingidentity.password.set+json`
 *
 * PingOne facts relied on:
 * - Create User: `username` required and unique in the environment, case-insensitively; a user
 *   without `population.id` joins the default population; the plain create "does not support an
 *   attribute to set the new user's password" (that is "Import a user", media type
 *   `application/vnd.pingidentity.user.import+json`, with `password: { value, forceChange }`).
 *   https://developer.pingidentity.com/pingone-api/platform/users/users-1/create-user.html
 * - A duplicate username is 400 INVALID_DATA with detail `UNIQUENESS_VIOLATION`, target `username`,
 *   message "is unique but a non-unique value is provided"; a bad email is `INVALID_VALUE`, target
 *   `email`, "must be a well-formed email address" (PingOne's raw responses kept as fixtures by
 *   Ping's own SDK: https://github.com/ForgeRock/ping-javascript-sdk/blob/main/packages/davinci-client/src/lib/mock-data/davinci.error.mock.ts).
 * - Set password: `PUT …/users/{userId}/password`, `Content-Type: application/vnd.pingidentity.password.set+json`,
 *   body `{ "value", "forceChange" }`, answered 200 with the password `status` "OK".
 *   https://developer.pingidentity.com/pingone-api/platform/users/user-passwords/update-password-set.html
 *   https://developer.pingidentity.com/pingone-api/workflow-library/authorization-and-authentication/saml-app-sign-on/step-8-set-user-password.html
 * - Lists are HAL: `_embedded.users`, `count`, `size` (the same raw-response fixtures).
 *
 * Emulator choices, not confirmed against PingOne: the password policy is not enforced (any
 * 1-255 characters); `forceChange: true` is refused (the emulator has no change-password step);
 * a `password` sent with plain `application/json` is refused rather than ignored; only the
 * filters `username eq "…"` and `email eq "…"` are understood; a wrong media type on the password
 * PUT is 415.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { DETAIL_CODES, linkedPath, MEDIA_TYPES } from "../../pingone";
import { invalidRequest, notFound, validationError, type ErrorDetail } from "../errors";
import { jsonBody, mediaType, type EmulatorResponse } from "../http";
import { isJsonObject, type JsonObject, type JsonValue } from "../json";
import { managementUrl } from "../shape";
import type { SignInContext, SignInRequest } from "./context";
import { MAX_USERS_PER_ENVIRONMENT } from "./limits";
import type { SignInState } from "./state";
import type { TestUser } from "./types";

const MAX_USERNAME_LENGTH = 128;
const MAX_PASSWORD_LENGTH = 255;

/** What a new test user is made of, whichever door it comes through (API, /__admin, CLI, `createUser`). */
export interface NewTestUser {
  username: string;
  password?: string;
  email?: string;
  givenName?: string;
  familyName?: string;
  enabled?: boolean;
  populationId?: string;
}

export type UserCreation = { ok: true; user: TestUser } | { ok: false; details: ErrorDetail[] } | { ok: false; full: true };

export function handleUsers(ctx: SignInContext, request: SignInRequest): EmulatorResponse {
  const { match, method, req, raw, environment } = request;
  if (match.name === "users") return method === "POST" ? createFromApi(ctx, req, raw, environment.id) : listUsers(ctx, request);
  const user = findUser(ctx.signin, environment.id, match.itemId ?? "");
  if (!user) return notFound(`Unable to find User with ID: '${match.itemId ?? ""}'`);
  if (match.name === "userPassword") return setPassword(ctx, req, raw, user);
  if (method === "DELETE") {
    ctx.signin.users.delete(user.id);
    for (const session of ctx.signin.sessions.values()) if (session.userId === user.id) session.endedAt ??= ctx.now();
    return { status: 204, headers: {} };
  }
  return { status: 200, headers: {}, body: userBody(user, ctx.apiUrl) };
}

/** Adds a test user to an environment, or says why it cannot (PingOne's detail codes). */
export function addTestUser(signin: SignInState, environmentId: string, input: NewTestUser, now: number): UserCreation {
  const details = checkNewUser(input);
  if (details.length > 0) return { ok: false, details };
  const inEnvironment = [...signin.users.values()].filter((u) => u.environmentId === environmentId);
  if (inEnvironment.some((u) => sameUsername(u.username, input.username))) {
    return { ok: false, details: [{ code: DETAIL_CODES.uniquenessViolation, target: "username", message: "is unique but a non-unique value is provided" }] };
  }
  if (inEnvironment.length >= MAX_USERS_PER_ENVIRONMENT) return { ok: false, full: true };
  const at = new Date(now).toISOString();
  const user: TestUser = {
    id: randomUUID(),
    environmentId,
    username: input.username,
    enabled: input.enabled ?? true,
    populationId: input.populationId ?? defaultPopulation(signin, environmentId),
    createdAt: at,
    updatedAt: at,
    failedPasswordChecks: 0,
  };
  if (input.email !== undefined) user.email = input.email;
  if (input.givenName !== undefined) user.givenName = input.givenName;
  if (input.familyName !== undefined) user.familyName = input.familyName;
  if (input.password !== undefined) user.password = input.password;
  signin.users.set(user.id, user);
  return { ok: true, user };
}

/** PingOne usernames are case-insensitive (Create User). */
export function sameUsername(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function findUser(signin: SignInState, environmentId: string, userId: string): TestUser | undefined {
  const user = signin.users.get(userId);
  return user?.environmentId === environmentId ? user : undefined;
}

export function findUserByUsername(signin: SignInState, environmentId: string, username: string): TestUser | undefined {
  for (const user of signin.users.values()) if (user.environmentId === environmentId && sameUsername(user.username, username)) return user;
  return undefined;
}

/** A user as PingOne answers it. The password is never part of it. */
export function userBody(user: TestUser, apiUrl: string): JsonObject {
  const ids = { envId: user.environmentId, userId: user.id };
  const password = managementUrl(apiUrl, "userPassword", ids);
  const body: JsonObject = {
    _links: {
      self: { href: managementUrl(apiUrl, "user", ids) },
      password: { href: password },
      "password.set": { href: password },
      environment: { href: managementUrl(apiUrl, "environment", ids) },
      population: { href: `${apiUrl}${linkedPath("population", { envId: user.environmentId, populationId: user.populationId })}` },
    },
    id: user.id,
    environment: { id: user.environmentId },
    population: { id: user.populationId },
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    username: user.username,
    enabled: user.enabled,
    identityProvider: { type: "PING_ONE" },
    lifecycle: { status: "ACCOUNT_OK" },
  };
  if (user.email !== undefined) body.email = user.email;
  if (user.givenName !== undefined || user.familyName !== undefined) {
    const name: JsonObject = {};
    if (user.givenName !== undefined) name.given = user.givenName;
    if (user.familyName !== undefined) name.family = user.familyName;
    body.name = name;
  }
  return body;
}

function createFromApi(ctx: SignInContext, req: IncomingMessage, raw: string, environmentId: string): EmulatorResponse {
  const parsed = jsonBody(req, raw, false);
  if ("error" in parsed) return parsed.error;
  const { input, details } = readNewUser(parsed.body, mediaType(req) === MEDIA_TYPES.userImport.toLowerCase());
  if (details.length > 0 || input === undefined) return validationError(details);
  const created = addTestUser(ctx.signin, environmentId, input, ctx.now());
  if (!created.ok) return "full" in created ? tooManyUsers() : validationError(created.details);
  const body = userBody(created.user, ctx.apiUrl);
  return { status: 201, headers: { location: managementUrl(ctx.apiUrl, "user", { envId: environmentId, userId: created.user.id }) }, body };
}

export function tooManyUsers(): EmulatorResponse {
  return invalidRequest(`The request could not be completed. The emulator holds at most ${MAX_USERS_PER_ENVIRONMENT} users per environment.`);
}

/** The create body → a new user; `withPassword` for the import media type, which carries `password`. */
function readNewUser(body: JsonObject, withPassword: boolean): { input?: NewTestUser; details: ErrorDetail[] } {
  const details: ErrorDetail[] = [];
  const text = (value: JsonValue | undefined, target: string): string | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    details.push({ code: DETAIL_CODES.invalidValue, target, message: `${target} must be a string.` });
    return undefined;
  };
  const username = text(body.username, "username");
  const email = text(body.email, "email");
  const name = body.name;
  if (name !== undefined && name !== null && !isJsonObject(name))
    details.push({ code: DETAIL_CODES.invalidValue, target: "name", message: "name must be an object." });
  const givenName = isJsonObject(name) ? text(name.given, "name.given") : undefined;
  const familyName = isJsonObject(name) ? text(name.family, "name.family") : undefined;
  let enabled: boolean | undefined;
  if (body.enabled !== undefined && body.enabled !== null) {
    if (typeof body.enabled === "boolean") enabled = body.enabled;
    else details.push({ code: DETAIL_CODES.invalidValue, target: "enabled", message: "enabled must be a boolean." });
  }
  let populationId: string | undefined;
  if (body.population !== undefined && body.population !== null) {
    populationId = isJsonObject(body.population) ? text(body.population.id, "population.id") : undefined;
    if (populationId === undefined) details.push({ code: DETAIL_CODES.invalidValue, target: "population.id", message: "population.id must be a string." });
  }
  let password: string | undefined;
  if (body.password !== undefined) {
    if (!withPassword) {
      details.push({
        code: DETAIL_CODES.invalidValue,
        target: "password",
        message: `A password cannot be set by Create User; send Content-Type ${MEDIA_TYPES.userImport} or PUT …/users/{userId}/password.`,
      });
    } else if (!isJsonObject(body.password) || typeof body.password.value !== "string") {
      details.push({ code: DETAIL_CODES.invalidValue, target: "password.value", message: "password.value must be a string." });
    } else {
      details.push(...forceChangeDetails(body.password.forceChange));
      password = body.password.value;
    }
  }
  if (details.length > 0) return { details };
  const input: NewTestUser = { username: username ?? "" };
  if (password !== undefined) input.password = password;
  if (email !== undefined) input.email = email;
  if (givenName !== undefined) input.givenName = givenName;
  if (familyName !== undefined) input.familyName = familyName;
  if (enabled !== undefined) input.enabled = enabled;
  if (populationId !== undefined) input.populationId = populationId;
  return { input, details };
}

function checkNewUser(input: NewTestUser): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (typeof input.username !== "string" || input.username.trim() === "") {
    details.push({ code: DETAIL_CODES.requiredValue, target: "username", message: "username is required." });
  } else if (input.username.length > MAX_USERNAME_LENGTH) {
    details.push({ code: DETAIL_CODES.invalidValue, target: "username", message: `username must be at most ${MAX_USERNAME_LENGTH} characters.` });
  }
  if (input.email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(input.email)) {
    details.push({ code: DETAIL_CODES.invalidValue, target: "email", message: "must be a well-formed email address" });
  }
  if (input.password !== undefined) details.push(...passwordDetails(input.password, "password.value"));
  return details;
}

function passwordDetails(value: string, target: string): ErrorDetail[] {
  if (value.length === 0 || value.length > MAX_PASSWORD_LENGTH) {
    return [{ code: DETAIL_CODES.invalidValue, target, message: `The password must be 1 to ${MAX_PASSWORD_LENGTH} characters.` }];
  }
  return [];
}

function forceChangeDetails(forceChange: JsonValue | undefined): ErrorDetail[] {
  if (forceChange === undefined || forceChange === false) return [];
  if (forceChange === true) {
    return [{ code: DETAIL_CODES.invalidValue, target: "forceChange", message: "The emulator has no change-password step: forceChange must be false." }];
  }
  return [{ code: DETAIL_CODES.invalidValue, target: "forceChange", message: "forceChange must be a boolean." }];
}

function listUsers(ctx: SignInContext, request: SignInRequest): EmulatorResponse {
  const { environment, query } = request;
  let users = [...ctx.signin.users.values()].filter((u) => u.environmentId === environment.id);
  const filter = query.get("filter");
  if (filter !== null) {
    const m = /^\s*(username|email)\s+eq\s+"([^"]*)"\s*$/i.exec(filter);
    if (!m) return invalidRequest(`The request could not be completed. The emulator understands only the filters username eq "…" and email eq "…".`);
    const [field, value] = [m[1].toLowerCase(), m[2].toLowerCase()];
    users = users.filter((u) => (field === "username" ? u.username : (u.email ?? "")).toLowerCase() === value);
  }
  const self = managementUrl(ctx.apiUrl, "users", { envId: environment.id });
  const items = users.map((u) => userBody(u, ctx.apiUrl));
  return { status: 200, headers: {}, body: { _links: { self: { href: self } }, _embedded: { users: items }, count: items.length, size: items.length } };
}

function setPassword(ctx: SignInContext, req: IncomingMessage, raw: string, user: TestUser): EmulatorResponse {
  if (mediaType(req) !== MEDIA_TYPES.passwordSet.toLowerCase()) {
    return invalidRequest(`The request could not be completed. Content-Type must be ${MEDIA_TYPES.passwordSet}.`, 415);
  }
  const parsed = jsonBody(req, raw, false);
  if ("error" in parsed) return parsed.error;
  const { value, forceChange } = parsed.body;
  if (typeof value !== "string") return validationError([{ code: DETAIL_CODES.requiredValue, target: "value", message: "value is required." }]);
  const details = [...passwordDetails(value, "value"), ...forceChangeDetails(forceChange)];
  if (details.length > 0) return validationError(details);
  const at = new Date(ctx.now()).toISOString();
  user.password = value;
  user.failedPasswordChecks = 0;
  user.updatedAt = at;
  const ids = { envId: user.environmentId, userId: user.id };
  return {
    status: 200,
    headers: {},
    body: {
      _links: {
        self: { href: managementUrl(ctx.apiUrl, "userPassword", ids) },
        environment: { href: managementUrl(ctx.apiUrl, "environment", ids) },
        user: { href: managementUrl(ctx.apiUrl, "user", ids) },
      },
      environment: { id: user.environmentId },
      user: { id: user.id },
      status: "OK",
      lastChangedAt: at,
    },
  };
}

function defaultPopulation(signin: SignInState, environmentId: string): string {
  let id = signin.defaultPopulations.get(environmentId);
  if (id === undefined) {
    id = randomUUID();
    signin.defaultPopulations.set(environmentId, id);
  }
  return id;
}
