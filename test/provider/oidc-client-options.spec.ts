/**
 * OidcClient's sign-in options: what `scopes` and `signOnPolicy` accept, what grant they lead to,
 * and the messages a bad option fails with (the component throws them while the program declares
 * its resources, so `pulumi preview` fails before any request). Pure functions, no engine: the
 * component itself is exercised through the real engine in test/e2e/examples.spec.ts.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import {
  checkedScopes,
  checkedSignOnPolicy,
  declaredGrantScopes,
  DEFAULT_OIDC_SCOPES,
  OidcClientInputError,
  planScopes,
  planSignOnPolicy,
  scopeProblems,
  signOnPolicyProblems,
} from "../../provider/oidc-client/options";
import { assertCoded, coded } from "../helpers/errors";

const WEB = { type: "WEB_APP", grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"] };

/** The value of an Output that resolves (outside a deployment, a plain value's Output does). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

function thrown(run: () => unknown): OidcClientInputError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof OidcClientInputError, `an OidcClientInputError, got ${String(error)}`);
    assertCoded(error, "ERR_INVALID_INPUT", `OidcClient ${JSON.stringify(error.component)}`);
    return error;
  }
  assert.fail("expected an OidcClientInputError");
}

describe("OidcClient options: scopes", () => {
  it("defaults to openid profile email and grants them minus openid", async () => {
    const plan = planScopes("web", undefined, WEB);
    assert.deepEqual(await valueOf(plan.requested), ["openid", "profile", "email"]);
    assert.deepEqual(plan.granted, ["profile", "email"]);
    assert.deepEqual(DEFAULT_OIDC_SCOPES, ["openid", "profile", "email"]);
  });

  it("by default grants nothing to an app that cannot use OIDC scopes, and says why", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"] }, /WORKER app with the CLIENT_CREDENTIALS grant type/],
      [{ type: "WORKER", grantTypes: ["AUTHORIZATION_CODE", "CLIENT_CREDENTIALS"] }, /do not support OIDC scopes/],
      [{ type: "SERVICE", grantTypes: ["CLIENT_CREDENTIALS"] }, /none of its grant types \(CLIENT_CREDENTIALS\) signs a user in/],
      [{ type: "CUSTOM_APP", grantTypes: ["TOKEN_EXCHANGE", "REFRESH_TOKEN"] }, /signs a user in/],
    ];
    for (const [app, reason] of cases) {
      const plan = planScopes("svc", undefined, app);
      assert.equal(plan.granted, undefined, JSON.stringify(app));
      assert.deepEqual(await valueOf(plan.requested), [], "it requests no OIDC scope");
      assert.match(plan.noDefaultGrantReason ?? "", reason);
    }
  });

  it("by default grants to every app that signs users in, and when the app's shape is not known yet", () => {
    for (const app of [
      WEB,
      { type: "SINGLE_PAGE_APP", grantTypes: ["AUTHORIZATION_CODE"] },
      { type: "NATIVE_APP", grantTypes: ["DEVICE_CODE"] },
      { type: "WEB_APP", grantTypes: ["CIBA"] },
      { type: "WORKER", grantTypes: ["AUTHORIZATION_CODE"] }, // an interactive worker: PingOne lets it have OIDC scopes
      { type: pulumi.output("WORKER"), grantTypes: ["CLIENT_CREDENTIALS"] },
      { type: "WORKER", grantTypes: pulumi.output(["CLIENT_CREDENTIALS"]) },
      { type: "WORKER" }, // grantTypes absent: the Application's own check judges it
    ]) {
      assert.deepEqual(planScopes("app", undefined, app).granted, ["profile", "email"]);
    }
  });

  it("grants a plain list minus openid, and nothing when only openid or nothing is asked", async () => {
    const plan = planScopes("web", ["openid", "phone", "address"], WEB);
    assert.deepEqual(await valueOf(plan.requested), ["openid", "phone", "address"]);
    assert.deepEqual(plan.granted, ["phone", "address"]);
    for (const scopes of [["openid"], []]) {
      const none = planScopes("web", scopes, WEB);
      assert.equal(none.granted, undefined, JSON.stringify(scopes));
      assert.deepEqual(await valueOf(none.requested), scopes);
    }
    assert.deepEqual(
      planScopes("w", ["profile"], { type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"] }).granted,
      ["profile"],
      "explicit scopes are honoured; the policy pack judges them",
    );
  });

  it("rejects a name that is not an OpenID scope, naming scopes[i], the entry and the allowed values", () => {
    const error = thrown(() => planScopes("web-portal", ["openid", "groups"], WEB));
    assert.match(
      error.message,
      /^OidcClient "web-portal": scopes\[1\] "groups" is not an OpenID Connect scope; allowed values: openid, profile, email, address, phone/,
    );
    assert.match(error.message, /grant a custom resource's scopes with an ApplicationResourceGrant/);
    assert.deepEqual(error.problems.length, 1);
  });

  it("rejects repeats, non-strings, non-lists and runaway lists, each with its place", () => {
    assert.deepEqual(scopeProblems(["openid", "email", "email"]), ['scopes[2] "email" repeats scopes[1]; list each scope once']);
    assert.match(scopeProblems(["openid", 7])[0] ?? "", /^scopes\[1\] must be a scope name, got 7/);
    assert.match(scopeProblems("openid profile")[0] ?? "", /^scopes must be a list of scope names, got "openid profile"/);
    const huge = new Array<string>(1_000_000).fill("email");
    const started = Date.now();
    assert.deepEqual(scopeProblems(huge).length, 1);
    assert.match(scopeProblems(huge)[0] ?? "", /scopes has 1000000 entries; allowed: at most 5 distinct names/);
    assert.ok(Date.now() - started < 100, "a runaway list is refused without walking it");
    assert.match(scopeProblems(["x".repeat(10_000)])[0] ?? "", /characters, cut/, "echoes are bounded");
  });

  it("with scopes as an Output, checks them when they resolve and always declares the grant", async () => {
    const plan = planScopes("spa", pulumi.output(["openid", "email"]), WEB);
    assert.deepEqual(await valueOf(plan.requested), ["openid", "email"]);
    assert.ok(pulumi.Output.isInstance(plan.granted));
    assert.deepEqual(await valueOf(plan.granted as pulumi.Output<string[]>), ["email"]);
    // What the applies run on the resolved value:
    assert.throws(
      () => checkedScopes("spa", ["openid", "offline"]),
      coded("ERR_INVALID_INPUT", /OidcClient "spa": scopes\[1\] "offline" is not an OpenID Connect scope/),
    );
    assert.throws(
      () => declaredGrantScopes("spa", ["openid"]),
      coded("ERR_INVALID_INPUT", /OidcClient "spa": scopes resolved to \["openid"\], which leaves nothing to grant besides openid; .*give it as a plain list/),
    );
  });

  it("with a list that holds an Output (as YAML and the generated SDKs allow), takes the Output path: checked when it resolves, the grant declared", async () => {
    const scopes = ["openid", pulumi.output("profile")] as unknown as pulumi.Input<string[]>;
    const plan = planScopes("spa", scopes, WEB);
    assert.deepEqual(await valueOf(plan.requested), ["openid", "profile"]);
    assert.ok(pulumi.Output.isInstance(plan.granted));
    assert.deepEqual(await valueOf(plan.granted as pulumi.Output<string[]>), ["profile"]);
  });
});

describe("OidcClient options: signOnPolicy", () => {
  it("takes a name or an id, with priority 1 by default", () => {
    assert.deepEqual(planSignOnPolicy("web", { name: "Single_Factor" }), { name: "Single_Factor", priority: 1 });
    assert.deepEqual(planSignOnPolicy("web", { id: "6f1c0a8e-1d1b-4a53-9ab5-1f2e3d4c5b6a", priority: 3 }), {
      id: "6f1c0a8e-1d1b-4a53-9ab5-1f2e3d4c5b6a",
      priority: 3,
    });
    const byOutput = { name: pulumi.output("Single_Factor"), priority: pulumi.output(2) };
    assert.equal(planSignOnPolicy("web", byOutput).priority, byOutput.priority, "Outputs pass through; the assignment's own check judges them");
  });

  it("given whole as an Output, becomes one Output per option: the given ones keep its secretness, absent ones are left out, priority defaults", async () => {
    const plan = planSignOnPolicy("web", pulumi.secret({ name: "Single_Factor" }));
    const [name, id, priority] = [plan.name, plan.id, plan.priority].map((value) => pulumi.output(value));
    assert.equal(await valueOf(name), "Single_Factor");
    assert.equal(await pulumi.isSecret(name), true);
    assert.equal(await valueOf(id), undefined);
    assert.equal(await pulumi.isSecret(id), false, "an absent id is left out, not sent as a secret null");
    assert.equal(await valueOf(priority), 1);
    // What the apply runs on the resolved value:
    assert.match(thrown(() => checkedSignOnPolicy("web", { name: "a", id: "b" })).message, /signOnPolicy.name and signOnPolicy.id are both set/);
  });

  it("needs exactly one of name and id", () => {
    assert.deepEqual(signOnPolicyProblems({ name: "Single_Factor", id: "x" }), ["signOnPolicy.name and signOnPolicy.id are both set; give exactly one"]);
    assert.deepEqual(signOnPolicyProblems({ priority: 1 }), ['signOnPolicy needs exactly one of name (e.g. "Single_Factor") and id']);
    assert.match(thrown(() => planSignOnPolicy("web", {})).message, /^OidcClient "web": signOnPolicy needs exactly one of name/);
  });

  it("rejects a priority that is not an integer from 1 to 2147483647, an empty name and an unknown option", () => {
    for (const priority of [0, -1, 1.5, 2_147_483_648, "1"]) {
      assert.deepEqual(
        signOnPolicyProblems({ name: "Single_Factor", priority }),
        [`signOnPolicy.priority must be an integer from 1 to 2147483647 (1 is evaluated first), got ${JSON.stringify(priority)}`],
        String(priority),
      );
    }
    assert.deepEqual(signOnPolicyProblems({ name: " " }), ['signOnPolicy.name must be a non-empty string, got " "']);
    assert.deepEqual(signOnPolicyProblems({ name: "Single_Factor", priorty: 2 }), ['signOnPolicy has no option "priorty"; allowed: name, id, priority']);
    assert.match(signOnPolicyProblems("Single_Factor")[0] ?? "", /^signOnPolicy must be an object \{ name \| id, priority\? \}, got "Single_Factor"/);
  });
});
