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
  | "signOnPolicyAssignment"
  // Sign-in, on the auth host (no bearer token): emulator/signin/.
  | "discovery"
  | "jwks"
  | "authorize"
  | "par"
  | "userinfo"
  | "signoff"
  | "resume"
  | "signon"
  | "flow"
  // Test users, on the management API (bearer token): emulator/signin/users.ts.
  | "users"
  | "user"
  | "userPassword";

export interface RouteMatch {
  name: RouteName | null;
  template: string;
  environmentId?: string;
  applicationId?: string;
  /** The third path id: a resource (its scopes), a grant, a sign-on policy assignment, a user or a flow. */
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
  { name: "discovery", template: "/{envId}/as/.well-known/openid-configuration", methods: ["GET"] },
  { name: "jwks", template: "/{envId}/as/jwks", methods: ["GET"] },
  { name: "authorize", template: "/{envId}/as/authorize", methods: ["GET", "POST"] },
  { name: "par", template: "/{envId}/as/par", methods: ["POST"] },
  { name: "userinfo", template: "/{envId}/as/userinfo", methods: ["GET", "POST"] },
  { name: "signoff", template: "/{envId}/as/signoff", methods: ["GET"] },
  { name: "resume", template: "/{envId}/as/resume", methods: ["GET"] },
  // PingOne's hosted sign-on page lives on apps.pingone.com/{envId}/signon/; the emulator serves it on its one host.
  { name: "signon", template: "/{envId}/signon/", methods: ["GET"] },
  { name: "flow", template: "/{envId}/flows/{flowId}", methods: ["GET", "POST"] },
  { name: "users", template: "/v1/environments/{envId}/users", methods: ["GET", "POST"] },
  { name: "user", template: "/v1/environments/{envId}/users/{userId}", methods: ["GET", "DELETE"] },
  { name: "userPassword", template: "/v1/environments/{envId}/users/{userId}/password", methods: ["PUT"] },
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
