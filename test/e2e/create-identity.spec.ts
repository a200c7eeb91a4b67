/**
 * Issue #17, item 1, through the real engine: `pulumi up` and `pulumi destroy` with a mangling
 * proxy in front of the emulator whose answer to the create POST names another application that
 * already exists (its id, or its whole body). The other application must survive both, and the
 * stack's own application must be the one in state and be gone after destroy: no orphan.
 */
import { strict as assert } from "node:assert";
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
      assert.deepEqual(owned.map((a) => a.id), [own.id], "state records the application the POST made, once");
      assert.equal(owned[0]?.name, own.name);

      await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", stack], cwd, throughProxy);
      assert.ok(e2e.emulator.applications().some((a) => a.id === victim.id && a.name === victim.name), "the other application survives up and destroy");
      assert.deepEqual(e2e.emulator.applications().filter((a) => /^own-/.test(typeof a.name === "string" ? a.name : "")), [], "the stack's own application is gone: nothing orphaned");
      await e2e.ok(["stack", "rm", "--yes", "--stack", stack], cwd);
    });
  }
});
