/**
 * Each example is a runnable Pulumi project (TypeScript, as a consumer writes it), deployed with
 * the CLI against the emulator. Each also gets what sign-in needs from `OidcClient`: the grant of
 * the OpenID scopes it requests (minus `openid`), and for seed 001 the Single_Factor sign-on
 * policy assignment; these are read back through PingOne's management API.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { SEED_000, SEED_001, SEED_002, SEED_003, SEED_004 } from "../fixtures/seeds";
import { appRequests, EXAMPLES, setupE2E, stackOutputs, type E2E, workerToken } from "./harness";

describe("examples through the Pulumi engine", function () {
  this.timeout(600_000);
  let e2e: E2E;

  before(async () => {
    e2e = await setupE2E();
  });
  after(() => e2e?.close());

  /** The application's grants (scopes by name) and sign-on policy assignments (policy by name), as PingOne's API lists them. */
  async function signInAccess(
    appId: unknown,
  ): Promise<{ grants: { id: string; resource: string; scopes: string[] }[]; assignments: { id: string; policy: string; priority: number }[] }> {
    const env = `${e2e.emulator.apiUrl}/environments/${e2e.emulator.environmentId}`;
    const token = await workerToken(e2e.emulator);
    const list = async (path: string, key: string): Promise<Record<string, unknown>[]> => {
      const res = await fetch(`${env}/${path}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200, path);
      return ((await res.json()) as { _embedded: Record<string, Record<string, unknown>[]> })._embedded[key] ?? [];
    };
    const resources = await list("resources", "resources");
    const policies = await list("signOnPolicies", "signOnPolicies");
    const grants = [];
    for (const grant of await list(`applications/${String(appId)}/grants`, "grants")) {
      const resourceId = (grant.resource as { id: string }).id;
      const scopes = await list(`resources/${resourceId}/scopes`, "scopes");
      grants.push({
        id: String(grant.id),
        resource: String(resources.find((r) => r.id === resourceId)?.name),
        scopes: (grant.scopes as { id: string }[]).map((s) => String(scopes.find((known) => known.id === s.id)?.name)),
      });
    }
    const assignments = (await list(`applications/${String(appId)}/signOnPolicyAssignments`, "signOnPolicyAssignments")).map((a) => ({
      id: String(a.id),
      policy: String(policies.find((p) => p.id === (a.signOnPolicy as { id: string }).id)?.name),
      priority: Number(a.priority),
    }));
    return { grants, assignments };
  }

  function stored(id: unknown): Record<string, unknown> {
    const app = e2e.emulator.applications().find((a) => a.id === id);
    assert.ok(app, `application ${String(id)} exists`);
    return app;
  }

  it("web-app-auth-code-refresh (seed 001): up creates the web app with a secret, destroy removes it", async () => {
    const cwd = join(EXAMPLES, "web-app-auth-code-refresh");
    const stack = await e2e.newStack(cwd, "web");
    await e2e.ok(["up", "--yes", "--stack", stack], cwd);
    const out = await stackOutputs(e2e, cwd, stack);
    const app = stored(out.applicationId);
    for (const key of ["type", "grantTypes", "responseTypes", "tokenEndpointAuthMethod", "description"])
      assert.deepEqual(app[key], SEED_001.response[key], key);
    assert.equal(typeof out.clientSecret, "string");
    assert.equal(out.issuer, `${e2e.emulator.authUrl}/${e2e.emulator.environmentId}/as`);
    assert.deepEqual([out.redirectUris, out.scopes], [["https://www.google.com"], ["openid", "profile", "email"]]);
    const access = await signInAccess(out.applicationId);
    assert.deepEqual(access.grants, [{ id: out.grantId, resource: "openid", scopes: ["profile", "email"] }], "openid is requested, never granted");
    assert.deepEqual(access.assignments, [{ id: out.signOnPolicyAssignmentId, policy: "Single_Factor", priority: 1 }], "seed 001's step 5");
    await e2e.ok(["destroy", "--yes", "--stack", stack], cwd);
    assert.equal(
      e2e.emulator.applications().some((a) => a.id === out.applicationId),
      false,
    );
  });

  it("spa-pkce (seed 002): a public client with S256 PKCE and no secret", async () => {
    const cwd = join(EXAMPLES, "spa-pkce");
    const stack = await e2e.newStack(cwd, "spa");
    await e2e.ok(["up", "--yes", "--stack", stack], cwd);
    const out = await stackOutputs(e2e, cwd, stack);
    const app = stored(out.applicationId);
    for (const key of ["type", "tokenEndpointAuthMethod", "pkceEnforcement", "refreshTokenDuration", "refreshTokenRollingDuration"])
      assert.deepEqual(app[key], SEED_002.response[key], key);
    assert.deepEqual(
      [out.redirectUris, out.scopes, out.issuer],
      [["https://example.com"], ["openid", "profile", "email"], `${e2e.emulator.authUrl}/${e2e.emulator.environmentId}/as`],
    );
    const access = await signInAccess(out.applicationId);
    assert.deepEqual(access.grants, [{ id: out.grantId, resource: "openid", scopes: ["profile", "email"] }]);
    assert.deepEqual(access.assignments, [], "no signOnPolicy: the environment's default applies");
    await e2e.ok(["destroy", "--yes", "--stack", stack], cwd);
  });

  it("shared-web-app (seeds 000 → 003 → 004): each stage change is exactly one PUT to the same app", async () => {
    const cwd = join(EXAMPLES, "shared-web-app");
    const stack = await e2e.newStack(cwd, "shared");
    await e2e.ok(["up", "--yes", "--stack", stack], cwd);
    const first = await stackOutputs(e2e, cwd, stack);
    for (const seed of [SEED_000, SEED_003, SEED_004]) {
      await e2e.ok(["config", "set", "stage", seed.seed, "--stack", stack], cwd);
      e2e.emulator.resetCounters();
      await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
      assert.deepEqual(appRequests(e2e.emulator), { GET: 0, POST: 0, PUT: 1, DELETE: 0 }, `stage ${seed.seed}`);
      const app = stored(first.applicationId);
      for (const key of ["grantTypes", "tokenEndpointAuthMethod", "description", "redirectUris"]) {
        assert.deepEqual(app[key], seed.response[key], `stage ${seed.seed}: ${key}`);
      }
    }
    const last = await stackOutputs(e2e, cwd, stack);
    assert.equal(last.applicationId, first.applicationId, "the same app all along");
    assert.deepEqual(
      (await signInAccess(first.applicationId)).grants,
      [{ id: first.grantId, resource: "openid", scopes: ["profile", "email"] }],
      "the grant outlives every stage",
    );
    assert.equal(last.grantId, first.grantId);
    assert.equal(last.issuer, `${e2e.emulator.authUrl}/${e2e.emulator.environmentId}/as`);
    assert.equal(last.clientSecret, first.clientSecret, "PUTs do not rotate the secret");
    await e2e.ok(["destroy", "--yes", "--stack", stack], cwd);
  });
});
