import { strict as assert } from "node:assert";
import type { JsonObject } from "../../emulator";
import { details, minimalApp, str, withEmulator, type TestClient } from "./helpers";

interface Listed {
  id: string;
  name: string;
  type?: string;
  default?: boolean;
}

function embedded(body: JsonObject | undefined, name: string): Listed[] {
  const list = (body?._embedded as Record<string, unknown> | undefined)?.[name];
  assert.ok(Array.isArray(list), `_embedded.${name} is a list`);
  return list as Listed[];
}

describe("emulator: resources, scopes, grants and sign-on policy assignments", () => {
  let client: TestClient;
  let envUrl: string;
  beforeEach(async () => {
    client = await withEmulator();
    envUrl = `${client.emu.apiUrl}/environments/${client.envId}`;
  });
  afterEach(() => client.emu.close());

  async function openid(): Promise<{ resourceId: string; scopes: Map<string, string> }> {
    const resources = embedded((await client.call("GET", `${envUrl}/resources`)).body, "resources");
    const resource = resources.find((r) => r.name === "openid");
    assert.ok(resource);
    assert.equal(resource.type, "OPENID_CONNECT");
    const scopes = embedded((await client.call("GET", `${envUrl}/resources/${resource.id}/scopes`)).body, "scopes");
    return { resourceId: resource.id, scopes: new Map(scopes.map((s) => [s.name, s.id])) };
  }

  it("every environment has the openid resource with its five scopes and a default Single_Factor policy", async () => {
    const { scopes } = await openid();
    assert.deepEqual([...scopes.keys()], ["openid", "profile", "email", "address", "phone"]);
    const policies = embedded((await client.call("GET", `${envUrl}/signOnPolicies`)).body, "signOnPolicies");
    assert.deepEqual(
      policies.map((p) => [p.name, p.default]),
      [["Single_Factor", true]],
    );
    assert.equal((await client.call("GET", `${envUrl}/resources/${"0".repeat(8)}/scopes`)).status, 404);
  });

  it("creates, reads, lists, replaces and deletes a grant; deleting the application deletes its grants", async () => {
    const { resourceId, scopes } = await openid();
    const appId = await client.createId(minimalApp());
    const grants = `${client.appsUrl()}/${appId}/grants`;
    const created = await client.call("POST", grants, { resource: { id: resourceId }, scopes: [{ id: scopes.get("openid") }] });
    assert.equal(created.status, 201);
    const grantId = str(created.body?.id);
    assert.equal(created.headers.get("location"), `${grants}/${grantId}`);
    assert.deepEqual(created.body?.resource, { id: resourceId });
    assert.deepEqual(created.body?.application, { id: appId });

    const replaced = await client.call("PUT", `${grants}/${grantId}`, {
      resource: { id: resourceId },
      scopes: [{ id: scopes.get("openid") }, { id: scopes.get("email") }],
    });
    assert.equal(replaced.status, 200);
    assert.deepEqual(replaced.body?.scopes, [{ id: scopes.get("openid") }, { id: scopes.get("email") }]);
    assert.deepEqual((await client.call("GET", `${grants}/${grantId}`)).body?.scopes, replaced.body?.scopes);
    assert.deepEqual(
      embedded((await client.call("GET", grants)).body, "grants").map((g) => g.id),
      [grantId],
    );

    assert.equal((await client.call("DELETE", `${grants}/${grantId}`)).status, 204);
    assert.equal((await client.call("GET", `${grants}/${grantId}`)).status, 404);
    await client.call("POST", grants, { resource: { id: resourceId }, scopes: [{ id: scopes.get("openid") }] });
    assert.equal((await client.call("DELETE", `${client.appsUrl()}/${appId}`)).status, 204);
    assert.equal((await client.call("GET", grants)).status, 404, "the grants went with the application");
  });

  it("refuses a grant with an unknown resource, no scopes, a scope of another resource, or a changed resource", async () => {
    const { resourceId, scopes } = await openid();
    const other = embedded((await client.call("GET", `${envUrl}/resources`)).body, "resources").find((r) => r.name === "PingOne API");
    assert.ok(other);
    const otherScope = embedded((await client.call("GET", `${envUrl}/resources/${other.id}/scopes`)).body, "scopes")[0];
    assert.ok(otherScope);
    const appId = await client.createId(minimalApp());
    const grants = `${client.appsUrl()}/${appId}/grants`;

    const cases: [unknown, string][] = [
      [{ scopes: [{ id: scopes.get("openid") }] }, "resource.id"],
      [{ resource: { id: "nope" }, scopes: [{ id: scopes.get("openid") }] }, "resource.id"],
      [{ resource: { id: resourceId }, scopes: [] }, "scopes"],
      [{ resource: { id: resourceId }, scopes: [{ id: scopes.get("openid") }, { id: otherScope.id }] }, "scopes[1].id"],
    ];
    for (const [body, target] of cases) {
      const res = await client.call("POST", grants, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body?.code, "INVALID_DATA");
      assert.deepEqual(
        details(res.body).map((d) => d.target),
        [target],
      );
    }
    const grantId = str((await client.call("POST", grants, { resource: { id: resourceId }, scopes: [{ id: scopes.get("openid") }] })).body?.id);
    const moved = await client.call("PUT", `${grants}/${grantId}`, { resource: { id: other.id }, scopes: [{ id: otherScope.id }] });
    assert.equal(moved.status, 400);
    assert.deepEqual(
      details(moved.body).map((d) => d.target),
      ["resource.id"],
    );
    assert.equal(embedded((await client.call("GET", grants)).body, "grants").length, 1, "no refused request stored anything");
  });

  it("creates, replaces and deletes a sign-on policy assignment and checks policy and priority", async () => {
    const policy = embedded((await client.call("GET", `${envUrl}/signOnPolicies`)).body, "signOnPolicies")[0];
    assert.ok(policy);
    const appId = await client.createId(minimalApp());
    const url = `${client.appsUrl()}/${appId}/signOnPolicyAssignments`;
    const created = await client.call("POST", url, { signOnPolicy: { id: policy.id }, priority: 1 });
    assert.equal(created.status, 201);
    const id = str(created.body?.id);
    assert.deepEqual([created.body?.signOnPolicy, created.body?.priority], [{ id: policy.id }, 1]);
    const replaced = await client.call("PUT", `${url}/${id}`, { signOnPolicy: { id: policy.id }, priority: 2 });
    assert.equal(replaced.body?.priority, 2);

    for (const [body, target, code] of [
      [{ signOnPolicy: { id: "nope" }, priority: 1 }, "signOnPolicy.id", "INVALID_VALUE"],
      [{ signOnPolicy: { id: policy.id } }, "priority", "REQUIRED_VALUE"],
      [{ signOnPolicy: { id: policy.id }, priority: 0 }, "priority", "OUT_OF_RANGE"],
      [{ signOnPolicy: { id: policy.id }, priority: 1.5 }, "priority", "OUT_OF_RANGE"],
    ] as const) {
      const res = await client.call("POST", url, body);
      assert.equal(res.status, 400);
      assert.deepEqual(
        details(res.body).map((d) => [d.target, d.code]),
        [[target, code]],
      );
    }
    assert.equal((await client.call("DELETE", `${url}/${id}`)).status, 204);
    assert.equal((await client.call("DELETE", `${url}/${id}`)).status, 404);
    assert.equal((await client.call("GET", `${client.appsUrl()}/${"0".repeat(8)}/signOnPolicyAssignments`)).status, 404);
  });

  it("answers 404 on grants of the admin-console and self-service applications, as PingOne documents", async () => {
    const { resourceId, scopes } = await openid();
    const appId = await client.createId(minimalApp());
    client.emu.mutateApplication(client.envId, appId, { type: "PING_ONE_SELF_SERVICE" });
    const grants = `${client.appsUrl()}/${appId}/grants`;
    assert.equal((await client.call("GET", grants)).status, 404);
    assert.equal((await client.call("POST", grants, { resource: { id: resourceId }, scopes: [{ id: scopes.get("email") }] })).status, 404);
  });
});
