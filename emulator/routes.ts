/**
 * Route table of the emulated PingOne surface. The template (not the concrete path) is what the
 * counters key on, so tests can say "two PUTs on an application" without knowing ids.
 */
export type RouteName = "token" | "environment" | "applications" | "application" | "secret";

export interface RouteMatch {
  name: RouteName | null;
  template: string;
  environmentId?: string;
  applicationId?: string;
  methods: readonly string[];
}

interface RouteDef {
  name: RouteName;
  pattern: RegExp;
  template: string;
  methods: readonly string[];
}

const ROUTES: readonly RouteDef[] = [
  { name: "token", pattern: /^\/([^/]+)\/as\/token$/, template: "/{envId}/as/token", methods: ["POST"] },
  { name: "environment", pattern: /^\/v1\/environments\/([^/]+)$/, template: "/v1/environments/{envId}", methods: ["GET"] },
  {
    name: "applications",
    pattern: /^\/v1\/environments\/([^/]+)\/applications$/,
    template: "/v1/environments/{envId}/applications",
    methods: ["GET", "POST"],
  },
  {
    name: "application",
    pattern: /^\/v1\/environments\/([^/]+)\/applications\/([^/]+)$/,
    template: "/v1/environments/{envId}/applications/{appId}",
    methods: ["GET", "PUT", "DELETE"],
  },
  {
    name: "secret",
    pattern: /^\/v1\/environments\/([^/]+)\/applications\/([^/]+)\/secret$/,
    template: "/v1/environments/{envId}/applications/{appId}/secret",
    methods: ["GET", "POST", "DELETE"],
  },
];

export const UNMATCHED_TEMPLATE = "<unmatched>";

export function matchRoute(path: string): RouteMatch {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    const match: RouteMatch = { name: route.name, template: route.template, methods: route.methods };
    if (m[1] !== undefined) match.environmentId = decodeSegment(m[1]);
    if (m[2] !== undefined) match.applicationId = decodeSegment(m[2]);
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
