/**
 * PingOne's endpoints: every path this package calls or the emulator serves, written once, with
 * its methods. The management API's paths are relative to its base URL, which carries the
 * version (`https://api.pingone.com/v1`, so a template here has no `/v1`); the auth host's paths
 * are relative to `https://auth.pingone.com` (regions: ./regions.ts).
 *
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/ (the management API's reference)
 * @see https://developer.pingidentity.com/pingone-api/platform/applications/applications-1.html
 * @see https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2.html
 * @see https://developer.pingidentity.com/pingone-api/auth/flows/flows-1.html (the flow API)
 */

/** The version segment the management API's base URL ends with (`PINGONE_API_URL`). */
export const MANAGEMENT_API_VERSION_PREFIX = "/v1";

/** Which base URL a path is relative to. */
export type EndpointHost = "management" | "auth";

export interface Endpoint {
  readonly host: EndpointHost;
  /** The path with `{placeholders}` for ids. */
  readonly template: string;
  readonly methods: readonly ("GET" | "POST" | "PUT" | "DELETE")[];
}

/** Every endpoint by name. Placeholders: `envId`, `appId`, and one item id where there is one. */
export const ENDPOINTS = {
  // Management API (bearer token of a worker application).
  environment: { host: "management", template: "/environments/{envId}", methods: ["GET"] },
  applications: { host: "management", template: "/environments/{envId}/applications", methods: ["GET", "POST"] },
  application: { host: "management", template: "/environments/{envId}/applications/{appId}", methods: ["GET", "PUT", "DELETE"] },
  secret: { host: "management", template: "/environments/{envId}/applications/{appId}/secret", methods: ["GET", "POST", "DELETE"] },
  resources: { host: "management", template: "/environments/{envId}/resources", methods: ["GET"] },
  resourceScopes: { host: "management", template: "/environments/{envId}/resources/{resourceId}/scopes", methods: ["GET"] },
  signOnPolicies: { host: "management", template: "/environments/{envId}/signOnPolicies", methods: ["GET"] },
  grants: { host: "management", template: "/environments/{envId}/applications/{appId}/grants", methods: ["GET", "POST"] },
  grant: { host: "management", template: "/environments/{envId}/applications/{appId}/grants/{grantId}", methods: ["GET", "PUT", "DELETE"] },
  signOnPolicyAssignments: { host: "management", template: "/environments/{envId}/applications/{appId}/signOnPolicyAssignments", methods: ["GET", "POST"] },
  signOnPolicyAssignment: {
    host: "management",
    template: "/environments/{envId}/applications/{appId}/signOnPolicyAssignments/{assignmentId}",
    methods: ["GET", "PUT", "DELETE"],
  },
  users: { host: "management", template: "/environments/{envId}/users", methods: ["GET", "POST"] },
  user: { host: "management", template: "/environments/{envId}/users/{userId}", methods: ["GET", "DELETE"] },
  userPassword: { host: "management", template: "/environments/{envId}/users/{userId}/password", methods: ["PUT"] },
  // Auth host: the authorization server (issuer `{authUrl}/{envId}/as`) and the flow API.
  token: { host: "auth", template: "/{envId}/as/token", methods: ["POST"] },
  discovery: { host: "auth", template: "/{envId}/as/.well-known/openid-configuration", methods: ["GET"] },
  jwks: { host: "auth", template: "/{envId}/as/jwks", methods: ["GET"] },
  authorize: { host: "auth", template: "/{envId}/as/authorize", methods: ["GET", "POST"] },
  par: { host: "auth", template: "/{envId}/as/par", methods: ["POST"] },
  userinfo: { host: "auth", template: "/{envId}/as/userinfo", methods: ["GET", "POST"] },
  signoff: { host: "auth", template: "/{envId}/as/signoff", methods: ["GET"] },
  resume: { host: "auth", template: "/{envId}/as/resume", methods: ["GET"] },
  // PingOne's hosted sign-on page (on apps.pingone.com in PingOne; the emulator serves one host).
  signon: { host: "auth", template: "/{envId}/signon/", methods: ["GET"] },
  flow: { host: "auth", template: "/{envId}/flows/{flowId}", methods: ["GET", "POST"] },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/** The placeholders of a template, as a type: `"/a/{envId}/b/{appId}"` → `"envId" | "appId"`. */
type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** The ids an endpoint's path needs. */
export type EndpointIds<N extends EndpointName> = Record<Placeholders<(typeof ENDPOINTS)[N]["template"]>, string>;

/** The concrete path of an endpoint, each id percent-encoded as one path segment. */
export function endpointPath<N extends EndpointName>(name: N, ids: EndpointIds<N>): string {
  return fillTemplate(`endpointPath(${name})`, ENDPOINTS[name].template, ids);
}

function fillTemplate(caller: string, template: string, ids: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, placeholder: string) => {
    const value = ids[placeholder];
    if (value === undefined) throw new Error(`${caller}: no value for {${placeholder}}`);
    return encodeURIComponent(value);
  });
}

/** The auth host's endpoints whose path needs only the environment (the issuer's, the sign-on page). */
export type EnvironmentAuthEndpointName = {
  [N in EndpointName]: (typeof ENDPOINTS)[N]["host"] extends "auth" ? (keyof EndpointIds<N> extends "envId" ? N : never) : never;
}[EndpointName];

/**
 * The URL of one of an environment's endpoints on the auth host: `{authUrl}` and the endpoint's
 * path (`https://auth.pingone.com/{envId}/as/token`).
 *
 * @see ENDPOINTS
 */
export function authEndpointUrl(authUrl: string, name: EnvironmentAuthEndpointName, environmentId: string): string {
  return `${authUrl.replace(/\/+$/, "")}${endpointPath(name, { envId: environmentId })}`;
}

/** The issuer of an environment's authorization server: `{authUrl}/{envId}/as`. */
export function issuerOf(authUrl: string, environmentId: string): string {
  return `${authUrl.replace(/\/+$/, "")}/${encodeURIComponent(environmentId)}/as`;
}

/**
 * The auth base and environment of an issuer, the inverse of {@link issuerOf}
 * (`https://auth.pingone.com/{envId}/as` → `https://auth.pingone.com` and `{envId}`); undefined
 * for a URL of another shape.
 *
 * @see https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2/discovery-openid-configuration.html
 */
export function issuerParts(issuer: string | URL): { authUrl: string; environmentId: string } | undefined {
  try {
    const match = /^(.*)\/([^/]+)\/as\/?$/.exec(new URL(issuer).href);
    return match ? { authUrl: match[1], environmentId: decodeURIComponent(match[2]) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Paths PingOne writes in its answers' `_links` that this package neither calls nor serves,
 * relative to the management API's base like the management templates of {@link ENDPOINTS}.
 *
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/ (each object's `_links`)
 * @see https://developer.pingidentity.com/pingone-api/platform/applications/applications-1.html
 */
export const LINKED_PATHS = {
  applicationMetadata: "/environments/{envId}/applications/{appId}/metadata",
  applicationAttributes: "/environments/{envId}/applications/{appId}/attributes",
  keyRotationPolicy: "/environments/{envId}/keyRotationPolicies/{keyRotationPolicyId}",
  population: "/environments/{envId}/populations/{populationId}",
  resource: "/environments/{envId}/resources/{resourceId}",
  resourceScope: "/environments/{envId}/resources/{resourceId}/scopes/{scopeId}",
  signOnPolicy: "/environments/{envId}/signOnPolicies/{signOnPolicyId}",
} as const;

/** A name of {@link LINKED_PATHS}. */
export type LinkedPathName = keyof typeof LINKED_PATHS;

/**
 * The concrete path of a linked object, each id percent-encoded as one path segment.
 *
 * @see LINKED_PATHS
 */
export function linkedPath<N extends LinkedPathName>(name: N, ids: Record<Placeholders<(typeof LINKED_PATHS)[N]>, string>): string {
  return fillTemplate(`linkedPath(${name})`, LINKED_PATHS[name], ids);
}
