/**
 * Route table of the emulated PingOne surface: PingOne's endpoints (pingone/endpoints.ts), all
 * served on the emulator's one host, the management API's under its version prefix. The template
 * (not the concrete path) is what the counters key on, so tests can say "two PUTs on an
 * application" without knowing ids.
 */
import { ENDPOINTS, MANAGEMENT_API_VERSION_PREFIX, type EndpointName } from "../pingone";

/**
 * A route is one of PingOne's endpoints: the token endpoint, the management API, sign-in on the
 * auth host (emulator/signin/) and the test users on the management API (emulator/signin/users.ts).
 *
 * @see ENDPOINTS
 */
export type RouteName = EndpointName;

export interface RouteMatch {
  name: RouteName | null;
  template: string;
  environmentId?: string;
  applicationId?: string;
  /** The third path id: a resource (its scopes), a grant, a sign-on policy assignment, a user or a flow. */
  itemId?: string;
  methods: readonly string[];
}

/**
 * A route's path template as the emulator serves it, and as its counters and request log name
 * it: the endpoint's template, under `/v1` for the management API
 * (`/v1/environments/{envId}/applications/{appId}`, `/{envId}/as/token`).
 *
 * @see ENDPOINTS
 * @see MANAGEMENT_API_VERSION_PREFIX
 */
export function routeTemplate(name: RouteName): string {
  const endpoint = ENDPOINTS[name];
  return endpoint.host === "management" ? `${MANAGEMENT_API_VERSION_PREFIX}${endpoint.template}` : endpoint.template;
}

/**
 * The key of a route in the counters' `byRoute` and the request log: `METHOD template`
 * (`POST /{envId}/as/token`).
 *
 * @see routeTemplate
 */
export function routeKey(method: string, name: RouteName): string {
  return `${method} ${routeTemplate(name)}`;
}

/**
 * The source of a regular expression that matches a route's concrete paths, whole: the route's
 * template with its regular-expression characters escaped and each `{placeholder}` a capture of
 * one path segment (`^/v1/environments/([^/]+)/applications$`).
 *
 * @see routeTemplate
 */
export function routePatternSource(name: RouteName): string {
  const segments = routeTemplate(name)
    .split(/\{[^}]+\}/)
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return `^${segments.join("([^/]+)")}$`;
}

const ROUTE_NAMES = Object.keys(ENDPOINTS) as RouteName[];

/** What each placeholder of a template fills in a match; every other id is the item's. */
const PLACEHOLDER_FIELDS: Readonly<Record<string, "environmentId" | "applicationId">> = { envId: "environmentId", appId: "applicationId" };

const COMPILED = ROUTE_NAMES.map((name) => {
  const template = routeTemplate(name);
  return {
    name,
    template,
    methods: ENDPOINTS[name].methods,
    pattern: new RegExp(routePatternSource(name)),
    placeholders: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
  };
});

export const UNMATCHED_TEMPLATE = "<unmatched>";

export function matchRoute(path: string): RouteMatch {
  for (const route of COMPILED) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    const match: RouteMatch = { name: route.name, template: route.template, methods: route.methods };
    route.placeholders.forEach((placeholder, index) => {
      match[PLACEHOLDER_FIELDS[placeholder] ?? "itemId"] = decodeSegment(m[index + 1]);
    });
    return match;
  }
  return { name: null, template: UNMATCHED_TEMPLATE, methods: [] };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
