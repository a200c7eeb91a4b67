/**
 * Route table of the emulated PingOne surface. The template (not the concrete path) is what the
 * counters key on, so tests can say "two PUTs on an application" without knowing ids.
 */
export type RouteName =
  | "token"
  | "environment"
  | "applications"
  | "application"
  | "secret"
  | "resources"
  | "resourceScopes"
  | "signOnPolicies"
  | "grants"
  | "grant"
  | "signOnPolicyAssignments"
  | "signOnPolicyAssignment";

export interface RouteMatch {
  name: RouteName | null;
  template: string;
  environmentId?: string;
  applicationId?: string;
  /** The third path id: a resource (its scopes), a grant or a sign-on policy assignment. */
  itemId?: string;
  methods: readonly string[];
}

interface RouteDef {
  name: RouteName;
  /** The path with `{placeholders}` for ids; the pattern that matches a path is derived from it. */
  template: string;
  methods: readonly string[];
}

const ROUTES: readonly RouteDef[] = [
  { name: "token", template: "/{envId}/as/token", methods: ["POST"] },
  { name: "environment", template: "/v1/environments/{envId}", methods: ["GET"] },
  {
    name: "applications",
    template: "/v1/environments/{envId}/applications",
    methods: ["GET", "POST"],
  },
  {
    name: "application",
    template: "/v1/environments/{envId}/applications/{appId}",
    methods: ["GET", "PUT", "DELETE"],
  },
  {
    name: "secret",
    template: "/v1/environments/{envId}/applications/{appId}/secret",
    methods: ["GET", "POST", "DELETE"],
  },
  {
    name: "resources",
    template: "/v1/environments/{envId}/resources",
    methods: ["GET"],
  },
  {
    name: "resourceScopes",
    template: "/v1/environments/{envId}/resources/{resourceId}/scopes",
    methods: ["GET"],
  },
  {
    name: "signOnPolicies",
    template: "/v1/environments/{envId}/signOnPolicies",
    methods: ["GET"],
  },
  {
    name: "grants",
    template: "/v1/environments/{envId}/applications/{appId}/grants",
    methods: ["GET", "POST"],
  },
  {
    name: "grant",
    template: "/v1/environments/{envId}/applications/{appId}/grants/{grantId}",
    methods: ["GET", "PUT", "DELETE"],
  },
  {
    name: "signOnPolicyAssignments",
    template: "/v1/environments/{envId}/applications/{appId}/signOnPolicyAssignments",
    methods: ["GET", "POST"],
  },
  {
    name: "signOnPolicyAssignment",
    template: "/v1/environments/{envId}/applications/{appId}/signOnPolicyAssignments/{assignmentId}",
    methods: ["GET", "PUT", "DELETE"],
  },
];

/** What each placeholder of a template fills in a match; every other id is the item's. */
const PLACEHOLDER_FIELDS: Readonly<Record<string, "environmentId" | "applicationId">> = { envId: "environmentId", appId: "applicationId" };

const COMPILED = ROUTES.map((route) => ({
  ...route,
  pattern: new RegExp(`^${route.template.replace(/\{[^}]+\}/g, "([^/]+)")}$`),
  placeholders: [...route.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
}));

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
