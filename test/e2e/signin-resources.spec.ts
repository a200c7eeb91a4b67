/**
 * The resources a working sign-in needs, through the real engine: an Application, a grant of the
 * openid resource's `profile email` and a sign-on policy assignment; a second `up` sends
 * no request; `destroy` removes all three.
 */
import { strict as assert } from "node:assert";
import { SEED_001 } from "../fixtures/seeds";
import { FIXTURE_PROJECT, setupE2E, stackOutputs, type E2E, workerToken } from "./harness";

describe("end to end: Application + ApplicationResourceGrant + ApplicationSignOnPolicyAssignment", function () {
  this.timeout(600_000);
  let e2e: E2E;
  let stack: string;
  const cwd = FIXTURE_PROJECT;

  before(async () => {
    e2e = await setupE2E();
    stack = await e2e.newStack(cwd, "signin");
  });
  after(() => e2e?.close());

  it("up creates app, grant and assignment; a second up sends 0 requests; destroy removes them", async () => {
    const set = (key: string, value: unknown): Promise<unknown> => e2e.ok(["config", "set", key, JSON.stringify(value), "--stack", stack], cwd);
    await set("apps", { web: { ...SEED_001.body, name: undefined } });
    await set("grants", { "web-openid": { app: "web", resourceName: "openid", scopes: ["profile", "email"] } });
    await set("signOnPolicyAssignments", { "web-sop": { app: "web", signOnPolicyName: "Single_Factor", priority: 1 } });
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);

    const out = (await stackOutputs(e2e, cwd, stack)) as Record<string, Record<string, unknown>>;
    const appId = String(out.web.id);
    const api = `${e2e.emulator.apiUrl}/environments/${e2e.emulator.environmentId}/applications/${appId}`;
    const token = await workerToken(e2e.emulator);
    const grant = await getJson(`${api}/grants/${String(out["web-openid"].id)}`, token);
    assert.deepEqual(
      grant.scopes,
      (out["web-openid"].scopeIds as string[]).map((id) => ({ id })),
    );
    assert.deepEqual(out["web-openid"].scopes, ["profile", "email"]);
    const assignment = await getJson(`${api}/signOnPolicyAssignments/${String(out["web-sop"].id)}`, token);
    assert.deepEqual([assignment.signOnPolicy, assignment.priority], [{ id: out["web-sop"].signOnPolicyId }, 1]);

    e2e.emulator.resetCounters();
    const second = (await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd)).stdout;
    assert.match(second, /4 unchanged/, "the stack, the app, the grant and the assignment");
    assert.equal(e2e.emulator.counters().total, 0, "a no-op up sends no request");

    e2e.emulator.resetCounters();
    await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", stack], cwd);
    const byRoute = e2e.emulator.counters().byRoute;
    assert.equal(byRoute["DELETE /v1/environments/{envId}/applications/{appId}/grants/{grantId}"], 1);
    assert.equal(byRoute["DELETE /v1/environments/{envId}/applications/{appId}/signOnPolicyAssignments/{assignmentId}"], 1);
    assert.equal(byRoute["DELETE /v1/environments/{envId}/applications/{appId}"], 1);
    assert.equal(
      e2e.emulator.applications().some((a) => a.id === appId),
      false,
    );
  });
});

async function getJson(url: string, token: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, url);
  return (await res.json()) as Record<string, unknown>;
}
