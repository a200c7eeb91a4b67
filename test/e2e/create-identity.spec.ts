/**
 * Issue #17, item 1, through the real engine: `pulumi up` and `pulumi destroy` with a mangling
 * proxy in front of the emulator whose answer to the create POST names another application that
 * already exists (its id, or its whole body). The other application must survive both, and the
 * stack's own application must be the one in state and be gone after destroy: no orphan. The
 * same for a grant and an assignment whose answers carry the id of another grant and assignment
 * of the same application (removed from the program rather than destroyed, since deleting the
 * application would take the other ones with it). ApplicationSecret's case is lifecycle-level
 * (test/provider/application-secret.spec.ts).
 */
import { strict as assert } from "node:assert";
import { SEED_001 } from "../fixtures/seeds";
import { TestClient } from "../emulator/helpers";
import { HostileProxy } from "../helpers/hostile-proxy";
import { FIXTURE_PROJECT, setupE2E, stackOutputs, type E2E } from "./harness";

const worker = { type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" };

describe("a create's answer naming another application, through the Pulumi engine (issue #17, item 1)", function () {
  this.timeout(300_000);
  let e2e: E2E;
  let proxy: HostileProxy;
  const cwd = FIXTURE_PROJECT;

  before(async () => {
    e2e = await setupE2E();
    proxy = await HostileProxy.start(e2e.emulator.authUrl);
  });
  after(async () => {
    await proxy?.close();
    await e2e?.close();
  });

  const cases: [string, (victim: Record<string, unknown>) => Record<string, unknown>][] = [
    ["the id of another existing application", (v) => ({ id: v.id })],
    ["another existing application's whole body", (v) => v],
  ];
  for (const [what, merge] of cases) {
    it(`the POST answered with ${what}: up records the stack's own application, destroy deletes only it`, async () => {
      const stack = await e2e.newStack(cwd, "identity");
      const made = await new TestClient(e2e.emulator).create({ ...worker, name: `Victim ${what}`, protocol: "OPENID_CONNECT" });
      assert.equal(made.status, 201);
      const victim = made.body as Record<string, unknown>;
      await e2e.ok(["config", "set", "apps", JSON.stringify({ own: worker }), "--stack", stack], cwd);
      const throughProxy = proxy.environment(e2e.env);
      proxy.set({ method: "POST", path: /\/applications$/, action: "merge", merge: merge(victim) });

      await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd, throughProxy);
      const own = (await stackOutputs(e2e, cwd, stack)).own as { id: string; name: string };
      assert.notEqual(own.id, victim.id, "state does not record the other application");
      const owned = e2e.emulator.applications().filter((a) => /^own-[0-9a-f]{7}$/.test(typeof a.name === "string" ? a.name : ""));
      assert.deepEqual(
        owned.map((a) => a.id),
        [own.id],
        "state records the application the POST made, once",
      );
      assert.equal(owned[0]?.name, own.name);

      await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", stack], cwd, throughProxy);
      assert.ok(
        e2e.emulator.applications().some((a) => a.id === victim.id && a.name === victim.name),
        "the other application survives up and destroy",
      );
      assert.deepEqual(
        e2e.emulator.applications().filter((a) => /^own-/.test(typeof a.name === "string" ? a.name : "")),
        [],
        "the stack's own application is gone: nothing orphaned",
      );
      await e2e.ok(["stack", "rm", "--yes", "--stack", stack], cwd);
    });
  }

  it("grant and assignment POSTs answered with the id of another grant and assignment of the same application: up records the own ones; removing them deletes only them", async () => {
    const stack = await e2e.newStack(cwd, "identity-access");
    const set = (key: string, value: unknown): Promise<unknown> => e2e.ok(["config", "set", key, JSON.stringify(value), "--stack", stack], cwd);
    await set("apps", { web: { ...SEED_001.body, name: undefined } });
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
    const appId = ((await stackOutputs(e2e, cwd, stack)).web as { id: string }).id;

    // Another grant (another resource: PingOne refuses two grants of one resource) and another
    // assignment of the same application, made directly through the emulator's API.
    const http = new TestClient(e2e.emulator);
    const env = `${e2e.emulator.apiUrl}/environments/${e2e.emulator.environmentId}`;
    const resources = ((await http.call("GET", `${env}/resources`)).body?._embedded as { resources: { id: string; name: string }[] }).resources;
    const pingOneApi = resources.find((r) => r.name === "PingOne API");
    assert.ok(pingOneApi);
    const scopes = ((await http.call("GET", `${env}/resources/${pingOneApi.id}/scopes`)).body?._embedded as { scopes: { id: string }[] }).scopes;
    const policies = ((await http.call("GET", `${env}/signOnPolicies`)).body?._embedded as { signOnPolicies: { id: string }[] }).signOnPolicies;
    const victimGrant = (await http.call("POST", `${env}/applications/${appId}/grants`, { resource: { id: pingOneApi.id }, scopes: [{ id: scopes[0].id }] }))
      .body as { id: string };
    const victimAssignment = (
      await http.call("POST", `${env}/applications/${appId}/signOnPolicyAssignments`, { signOnPolicy: { id: policies[0].id }, priority: 7 })
    ).body as { id: string };
    const held = async (kind: "grants" | "signOnPolicyAssignments"): Promise<string[]> =>
      ((await http.call("GET", `${env}/applications/${appId}/${kind}`)).body?._embedded as Record<string, { id: string }[]>)[kind].map((r) => r.id).sort();

    await set("grants", { "web-openid": { app: "web", resourceName: "openid", scopes: ["profile", "email"] } });
    await set("signOnPolicyAssignments", { "web-sop": { app: "web", signOnPolicyName: "Single_Factor", priority: 1 } });
    const throughProxy = proxy.environment(e2e.env);
    proxy.set(
      { method: "POST", path: /\/grants$/, action: "merge", merge: { id: victimGrant.id } },
      { method: "POST", path: /\/signOnPolicyAssignments$/, action: "merge", merge: { id: victimAssignment.id } },
    );
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd, throughProxy);
    const out = (await stackOutputs(e2e, cwd, stack)) as Record<string, { id: string }>;
    assert.notEqual(out["web-openid"].id, victimGrant.id, "state does not record the other grant");
    assert.notEqual(out["web-sop"].id, victimAssignment.id, "state does not record the other assignment");
    assert.deepEqual(await held("grants"), [victimGrant.id, out["web-openid"].id].sort(), "the own grant, once, and the other");
    assert.deepEqual(await held("signOnPolicyAssignments"), [victimAssignment.id, out["web-sop"].id].sort(), "the own assignment, once, and the other");

    await set("grants", {});
    await set("signOnPolicyAssignments", {});
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd, throughProxy);
    assert.deepEqual(await held("grants"), [victimGrant.id], "the other grant survives; the own one is gone: nothing orphaned");
    assert.deepEqual(await held("signOnPolicyAssignments"), [victimAssignment.id], "the other assignment survives; the own one is gone");

    await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", stack], cwd, throughProxy);
    await e2e.ok(["stack", "rm", "--yes", "--stack", stack], cwd);
  });
});
