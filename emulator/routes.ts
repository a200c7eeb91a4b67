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
  {
    name: "resources",
    pattern: /^\/v1\/environments\/([^/]+)\/resources$/,
    template: "/v1/environments/{envId}/resources",
    methods: ["GET"],
  },
  {
    name: "resourceScopes",
    pattern: /^\/v1\/environments\/([^/]+)\/resources\/([^/]+)\/scopes$/,
    template: "/v1/environments/{envId}/resources/{resourceId}/scopes",
    methods: ["GET"],
  },
  {
    name: "signOnPolicies",
    pattern: /^\/v1\/environments\/([^/]+)\/signOnPolicies$/,
    template: "/v1/environments/{envId}/signOnPolicies",
    methods: ["GET"],
  },
  {
    name: "grants",
    pattern: /^\/v1\/environments\/([^/]+)\/applications\/([^/]+)\/grants$/,
    template: "/v1/environments/{envId}/applications/{appId}/grants",
    methods: ["GET", "POST"],
  },
  {
    name: "grant",
    pattern: /^\/v1\/environments\/([^/]+)\/applications\/([^/]+)\/grants\/([^/]+)$/,
    template: "/v1/environments/{envId}/applications/{appId}/grants/{grantId}",
    methods: ["GET", "PUT", "DELETE"],
  },
  {
    name: "signOnPolicyAssignments",
    pattern: /^\/v1\/environments\/([^/]+)\/applications\/([^/]+)\/signOnPolicyAssignments$/,
    template: "/v1/environments/{envId}/applications/{appId}/signOnPolicyAssignments",
    methods: ["GET", "POST"],
  },
  {
    name: "signOnPolicyAssignment",
    pattern: /^\/v1\/environments\/([^/]+)\/applications\/([^/]+)\/signOnPolicyAssignments\/([^/]+)$/,
    template: "/v1/environments/{envId}/applications/{appId}/signOnPolicyAssignments/{assignmentId}",
    methods: ["GET", "PUT", "DELETE"],
  },
];

/** Routes whose second id is a resource rather than an application. */
const RESOURCE_SCOPED: ReadonlySet<RouteName> = new Set(["resourceScopes"]);

export const UNMATCHED_TEMPLATE = "<unmatched>";

export function matchRoute(path: string): RouteMatch {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    const match: RouteMatch = { name: route.name, template: route.template, methods: route.methods };
    if (m[1] !== undefined) match.environmentId = decodeSegment(m[1]);
    if (m[2] !== undefined) {
      if (RESOURCE_SCOPED.has(route.name)) match.itemId = decodeSegment(m[2]);
      else match.applicationId = decodeSegment(m[2]);
    }
    if (m[3] !== undefined) match.itemId = decodeSegment(m[3]);
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
