/**
 * A01 openid-scopes-need-user-sign-in, A02 openid-scope-not-granted, A03 sign-on-policy-needs-user-sign-in:
 * the rules on the resources a sign-in needs. A01 and A03 are stack rules that find a grant's or an
 * assignment's Application through the engine's dependency records, as an OidcClient declares them.
 */
import assert from "node:assert/strict";
import { APPLICATION_RESOURCE_GRANT_TYPE_TOKEN, APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE_TOKEN, APPLICATION_TYPE_TOKEN } from "../../provider/resources";
import { openIdScopeNotGranted, openIdScopesNeedUserSignIn, PolicyConfigError, signOnPolicyNeedsUserSignIn } from "../../policy/rules";
import { secureWeb, variant } from "./fixtures";
import { runRule, runStackRule, UNKNOWN, urnOf, violationsOf, type StackResourceSpec } from "./harness";

const worker = {
  ...secureWeb,
  type: "WORKER",
  grantTypes: ["CLIENT_CREDENTIALS"],
  responseTypes: undefined,
  redirectUris: undefined,
  tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
};

function app(name: string, props: Record<string, unknown>): StackResourceSpec {
  return { type: APPLICATION_TYPE_TOKEN, name, props };
}

/** A grant as OidcClient declares it: applicationId computed from the app, and an explicit dependsOn. */
function grant(name: string, appName: string, props: Record<string, unknown> = {}): StackResourceSpec {
  return {
    type: APPLICATION_RESOURCE_GRANT_TYPE_TOKEN,
    name,
    props: { applicationId: UNKNOWN.string, resourceName: "openid", scopes: ["profile", "email"], ...props },
    dependsOn: [appName],
    propertyDependencies: { applicationId: [appName] },
  };
}

function assignment(name: string, appName: string): StackResourceSpec {
  return {
    type: APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE_TOKEN,
    name,
    props: { applicationId: UNKNOWN.string, signOnPolicyName: "Single_Factor", priority: 1 },
    dependsOn: [appName],
    propertyDependencies: { applicationId: [appName] },
  };
}

describe("A01 openid-scopes-need-user-sign-in", () => {
  const rule = openIdScopesNeedUserSignIn;

  it("passes the openid grant of an app that signs users in, even while applicationId is unknown (preview)", () => {
    const result = runStackRule(rule, [app("web", secureWeb), grant("web-openid", "web")]);
    assert.deepEqual(result, { violations: [] });
  });

  it("flags the openid grant of a client-credentials WORKER, on the grant, naming both and the fix", () => {
    const { violations } = runStackRule(rule, [app("web", secureWeb), grant("web-openid", "web"), app("worker", worker), grant("worker-openid", "worker")]);
    assert.equal(violations.length, 1);
    const [finding] = violations;
    assert.equal(finding?.urn, urnOf(APPLICATION_RESOURCE_GRANT_TYPE_TOKEN, "worker-openid"));
    assert.match(
      finding?.message ?? "",
      /^ApplicationResourceGrant "worker-openid" grants the openid resource's scopes profile, email to Application "worker", which cannot use them: it is a WORKER app with the CLIENT_CREDENTIALS grant type/,
    );
    assert.match(
      finding?.message ?? "",
      /Required by PingOne \(worker apps with client_credentials do not support OIDC scopes, https:\/\/developer\.pingidentity\.com\/.*create-grant\.html\), OIDC Core §5\.4 .* RFC 9700 §2\.3/,
    );
    assert.match(
      finding?.message ?? "",
      / Fix: delete the grant .*or give the application a grant type that signs a user in \(AUTHORIZATION_CODE, IMPLICIT, DEVICE_CODE, CIBA\)\.$/,
    );
  });

  it("flags any app with no sign-in grant type (no redirect URI, client credentials only), and only those", () => {
    const service = { ...worker, type: "SERVICE" };
    const flagged = runStackRule(rule, [app("svc", service), grant("svc-openid", "svc", { scopes: ["address"] })]).violations;
    assert.match(
      flagged[0]?.message ?? "",
      /none of its grant types \(CLIENT_CREDENTIALS\) signs a user in .*so there is no user for profile, email, address or phone claims to describe/,
    );
    for (const props of [
      variant(worker, { grantTypes: ["AUTHORIZATION_CODE"], redirectUris: ["https://admin.example.com/cb"], responseTypes: ["CODE"] }), // an interactive worker: PingOne allows it OIDC scopes
      { ...secureWeb, type: "NATIVE_APP", grantTypes: ["DEVICE_CODE"], redirectUris: undefined, tokenEndpointAuthMethod: "NONE" },
      { ...secureWeb, grantTypes: ["CIBA"], redirectUris: undefined },
    ]) {
      assert.deepEqual(runStackRule(rule, [app("a", props), grant("a-openid", "a")]).violations, [], JSON.stringify(props.grantTypes));
    }
  });

  it("reads which grant types sign a user in from its config, and rejects a typo there", () => {
    const exchange = { ...secureWeb, grantTypes: ["TOKEN_EXCHANGE"], redirectUris: undefined };
    const stack = [app("x", exchange), grant("x-openid", "x")];
    assert.equal(runStackRule(rule, stack).violations.length, 1);
    assert.deepEqual(runStackRule(rule, stack, { config: { signInGrantTypes: ["AUTHORIZATION_CODE", "TOKEN_EXCHANGE"] } }).violations, []);
    assert.throws(() => runStackRule(rule, stack, { config: { signInGrantType: [] } }), PolicyConfigError);
  });

  it("joins through dependencies when there is no property dependency, and leaves alone a grant whose app is not in the stack", () => {
    const byDependsOn = { ...grant("w-openid", "worker"), propertyDependencies: {} };
    assert.equal(runStackRule(rule, [app("worker", worker), byDependsOn]).violations.length, 1);
    const byHand: StackResourceSpec = {
      type: APPLICATION_RESOURCE_GRANT_TYPE_TOKEN,
      name: "elsewhere",
      props: { applicationId: "4a1f…", resourceName: "openid", scopes: ["profile"] },
    };
    assert.deepEqual(runStackRule(rule, [app("worker", worker), byHand]), { violations: [] });
  });

  it("leaves alone grants of other resources and grants by resourceId", () => {
    assert.deepEqual(
      runStackRule(rule, [app("worker", worker), grant("api", "worker", { resourceName: "PingOne API", scopes: ["p1:read:user"] })]).violations,
      [],
    );
    assert.deepEqual(runStackRule(rule, [app("worker", worker), grant("byid", "worker", { resourceName: undefined, resourceId: "9c1e" })]).violations, []);
  });

  it("is not applicable to a stack without grants", () => {
    assert.equal(runStackRule(rule, [app("worker", worker)]).notApplicable, `the stack has no ${APPLICATION_RESOURCE_GRANT_TYPE_TOKEN}`);
  });

  it("at preview, an unknown it needs is the advisory, and known findings elsewhere are still reported", () => {
    const stack = [
      app("worker", worker),
      grant("worker-openid", "worker"),
      app("later", { ...secureWeb, grantTypes: UNKNOWN.array }),
      grant("later-openid", "later"),
    ];
    const result = runStackRule(rule, stack);
    assert.equal(result.violations.length, 1);
    assert.ok(result.unknown, "the unknown grantTypes is reported as such");
    assert.ok(runStackRule(rule, [app("w", worker), grant("g", "w", { resourceName: UNKNOWN.string })]).unknown);
  });
});

describe("A02 openid-scope-not-granted", () => {
  const rule = openIdScopeNotGranted;
  const onGrant = { type: APPLICATION_RESOURCE_GRANT_TYPE_TOKEN, name: "web-openid" };

  it("flags the openid scope in a grant of the openid resource, with the scopes to keep", () => {
    const [message, ...rest] = violationsOf(rule, { resourceName: "openid", scopes: ["openid", "profile", "email"] }, onGrant);
    assert.deepEqual(rest, []);
    assert.match(message ?? "", /^scopes \["openid","profile","email"\] grants the "openid" scope of the openid resource\. Required by PingOne's workflows/);
    assert.match(message ?? "", /Fix: set scopes: \["profile","email"\]; the client still requests "openid"/);
    assert.match(violationsOf(rule, { resourceName: "openid", scopes: ["openid"] }, onGrant)[0] ?? "", /Fix: delete the grant;/);
  });

  it("passes a grant without it, does not apply to other resources, and says it cannot judge scopes by id", () => {
    assert.deepEqual(violationsOf(rule, { resourceName: "openid", scopes: ["profile", "email"] }, onGrant), []);
    assert.match(runRule(rule, { resourceName: "PingOne API", scopes: ["openid"] }, onGrant).notApplicable ?? "", /only to grants of the openid resource/);
    // Ids name no scope here: reported as the preview's "can't run" advisory, with the reason, never as a pass.
    const byId = runRule(rule, { resourceName: "openid", scopeIds: ["1", "2"] }, onGrant);
    assert.equal(byId.notApplicable, undefined);
    assert.match(byId.unknown?.message ?? "", /gives its scopes as ids .* is not judged; give the scopes by name, or run pulumi-pingone audit/);
    assert.ok(runRule(rule, { resourceName: "openid", scopes: UNKNOWN.array }, onGrant).unknown, "unknown scopes: the preview advisory");
  });

  it("is advisory, applies only to ApplicationResourceGrant, and takes no parameter", () => {
    assert.equal(rule.enforcementLevel, "advisory");
    assert.deepEqual(Object.keys(rule.configSchema.properties), []);
    assert.match(runRule(rule, secureWeb).notApplicable ?? "", /applies only to pulumi-nodejs:dynamic\/pingone:ApplicationResourceGrant/);
  });
});

describe("A03 sign-on-policy-needs-user-sign-in", () => {
  const rule = signOnPolicyNeedsUserSignIn;

  it("flags a sign-on policy on an app that signs no user in, on the assignment", () => {
    const { violations } = runStackRule(rule, [app("web", secureWeb), assignment("web-sop", "web"), app("worker", worker), assignment("worker-sop", "worker")]);
    assert.equal(violations.length, 1);
    assert.equal(violations[0]?.urn, urnOf(APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE_TOKEN, "worker-sop"));
    assert.match(
      violations[0]?.message ?? "",
      /^ApplicationSignOnPolicyAssignment "worker-sop" assigns a sign-on policy to Application "worker", but none of its grant types \(CLIENT_CREDENTIALS\) signs a user in/,
    );
    assert.match(violations[0]?.message ?? "", / Fix: delete the assignment/);
  });

  it("passes a worker that also signs users in, and is advisory", () => {
    const interactive = {
      ...worker,
      grantTypes: ["AUTHORIZATION_CODE", "CLIENT_CREDENTIALS"],
      responseTypes: ["CODE"],
      redirectUris: ["https://admin.example.com/cb"],
    };
    assert.deepEqual(runStackRule(rule, [app("admin", interactive), assignment("admin-sop", "admin")]).violations, []);
    assert.equal(rule.enforcementLevel, "advisory");
    assert.match(runStackRule(rule, [app("web", secureWeb)]).notApplicable ?? "", /ApplicationSignOnPolicyAssignment/);
  });
});
