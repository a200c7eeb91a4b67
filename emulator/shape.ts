/**
 * Response bodies in PingOne's shape (seeds 000-004): HAL `_links` with absolute hrefs on the
 * emulator's own base URL, `environment: {id}`, and the stored fields.
 *
 * Quirk kept from the seeds: the POST 201 body has no `clientId` and no `metadata` link; GET and
 * PUT bodies carry both, `clientId` equal to the application id (001/002 vs 000/003/004).
 */
import { endpointPath, linkedPath, type EndpointIds, type EndpointName } from "../pingone";
import type { StoredApplication, StoredSecret, Environment } from "./store";
import { deepCopy, isJsonObject, type JsonObject } from "./json";

/** Key order of seed 001's response; fields not listed follow in stored order. */
const FIELD_ORDER = [
  "id",
  "name",
  "description",
  "enabled",
  "hiddenFromAppPortal",
  "type",
  "protocol",
  "createdAt",
  "updatedAt",
  "clientId",
  "assignActorRoles",
  "responseTypes",
  "grantTypes",
  "additionalRefreshTokenReplayProtectionEnabled",
  "tokenEndpointAuthMethod",
  "pkceEnforcement",
  "requestScopesForMultipleResourcesEnabled",
  "parRequirement",
  "devicePollingInterval",
  "redirectUris",
  "parTimeout",
  "signing",
  "deviceTimeout",
];

export interface ShapeOptions {
  /** `${baseUrl}/v1`. */
  apiUrl: string;
  environmentId: string;
  /** False for the POST 201 response. */
  includeClientId: boolean;
}

/**
 * The URL of a management endpoint at this emulator, for `_links` and `Location` (`apiUrl` ends
 * with `/v1`, like PingOne's `https://api.pingone.com/v1`).
 *
 * @see ENDPOINTS in pingone/endpoints.ts
 */
export function managementUrl<N extends EndpointName>(apiUrl: string, name: N, ids: EndpointIds<N>): string {
  return `${apiUrl}${endpointPath(name, ids)}`;
}

export function applicationUrl(apiUrl: string, environmentId: string, applicationId: string): string {
  return managementUrl(apiUrl, "application", { envId: environmentId, appId: applicationId });
}

export function applicationBody(app: StoredApplication, options: ShapeOptions): JsonObject {
  const record = deepCopy(app.record);
  const id = app.id;
  const self = applicationUrl(options.apiUrl, options.environmentId, id);
  // GET/PUT bodies (seeds 000/003/004) carry a `metadata` link and `clientId`; the POST 201 (001/002) has neither.
  const ids = { envId: options.environmentId, appId: id };
  const links: JsonObject = {
    self: { href: self },
    environment: { href: managementUrl(options.apiUrl, "environment", ids) },
  };
  if (options.includeClientId) {
    links.metadata = { href: `${options.apiUrl}${linkedPath("applicationMetadata", ids)}` };
    record.clientId = id;
  }
  links.attributes = { href: `${options.apiUrl}${linkedPath("applicationAttributes", ids)}` };
  links.secret = { href: managementUrl(options.apiUrl, "secret", ids) };
  links.grants = { href: managementUrl(options.apiUrl, "grants", ids) };
  const signing = record.signing;
  const policy = isJsonObject(signing) ? signing.keyRotationPolicy : undefined;
  if (isJsonObject(policy) && typeof policy.id === "string") {
    links.keyRotationPolicy = { href: `${options.apiUrl}${linkedPath("keyRotationPolicy", { envId: options.environmentId, keyRotationPolicyId: policy.id })}` };
  }

  const body: JsonObject = { _links: links, environment: { id: options.environmentId } };
  for (const key of FIELD_ORDER) {
    if (record[key] !== undefined) body[key] = record[key];
  }
  for (const [key, value] of Object.entries(record)) {
    if (!(key in body)) body[key] = value;
  }
  return body;
}

/** One page of the list: `limit` items from `offset`, with a `next` link (HAL, as PingOne pages) while more remain. */
export function applicationListBody(apps: StoredApplication[], apiUrl: string, environmentId: string, page: { offset: number; limit: number }): JsonObject {
  const base = managementUrl(apiUrl, "applications", { envId: environmentId });
  const slice = apps.slice(page.offset, page.offset + page.limit);
  const applications = slice.map((app) => applicationBody(app, { apiUrl, environmentId, includeClientId: true }));
  const links: JsonObject = { self: { href: page.offset === 0 ? base : `${base}?limit=${page.limit}&cursor=${page.offset}` } };
  if (page.offset + page.limit < apps.length) links.next = { href: `${base}?limit=${page.limit}&cursor=${page.offset + page.limit}` };
  return { _links: links, _embedded: { applications }, count: apps.length, size: applications.length };
}

/** `previous` is shown only while it is still valid (docs/pingone-applications-api.md §4 Secret GET). */
export function secretBody(secret: StoredSecret, apiUrl: string, environmentId: string, applicationId: string, now: number): JsonObject {
  const ids = { envId: environmentId, appId: applicationId };
  const body: JsonObject = {
    _links: {
      self: { href: managementUrl(apiUrl, "secret", ids) },
      environment: { href: managementUrl(apiUrl, "environment", ids) },
      application: { href: managementUrl(apiUrl, "application", ids) },
    },
    environment: { id: environmentId },
    secret: secret.current,
  };
  if (secret.previous && Date.parse(secret.previous.expiresAt) > now) {
    body.previous = { secret: secret.previous.secret, expiresAt: secret.previous.expiresAt };
    if (secret.previous.lastUsed !== undefined) body.previous.lastUsed = secret.previous.lastUsed;
  }
  return body;
}

/** A minimal environment resource, for clients that check the environment exists (TFP does on 4xx). */
export function environmentBody(env: Environment, apiUrl: string): JsonObject {
  return {
    _links: { self: { href: managementUrl(apiUrl, "environment", { envId: env.id }) } },
    id: env.id,
    name: `Emulated environment ${env.id}`,
    type: "SANDBOX",
    region: "NA",
    createdAt: env.createdAt,
    updatedAt: env.createdAt,
  };
}
