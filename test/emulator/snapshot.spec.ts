import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { startEmulator, StoreSnapshotError, type JsonObject, type JsonValue, type StoreSnapshot } from "../../emulator";
import { minimalApp, str, withEmulator, TestClient } from "./helpers";

/** Everything a client can read about the environment, with the emulator's own origin taken out (a restored emulator listens elsewhere). */
async function observe(client: TestClient, appIds: readonly string[]): Promise<JsonValue> {
  const envUrl = `${client.emu.apiUrl}/environments/${client.envId}`;
  const read = async (url: string): Promise<JsonValue> => {
    const res = await client.call("GET", url);
    assert.equal(res.status, 200, `GET ${url}`);
    return JSON.parse(JSON.stringify(res.body).replaceAll(client.emu.baseUrl, "<origin>")) as JsonValue;
  };
  const seen: JsonObject = {
    environment: await read(envUrl),
    resources: await read(`${envUrl}/resources`),
    signOnPolicies: await read(`${envUrl}/signOnPolicies`),
    applications: await read(client.appsUrl()),
  };
  for (const id of appIds) {
    seen[id] = {
      app: await read(`${client.appsUrl()}/${id}`),
      secret: await read(`${client.appsUrl()}/${id}/secret`),
      grants: await read(`${client.appsUrl()}/${id}/grants`),
      assignments: await read(`${client.appsUrl()}/${id}/signOnPolicyAssignments`),
    };
  }
  return seen;
}

describe("emulator: store snapshot (exportStore, EmulatorOptions.store)", () => {
  const closing: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
  });

  async function populated(): Promise<{ client: TestClient; appIds: string[] }> {
    const client = await withEmulator();
    closing.push(() => client.emu.close());
    const web = await client.createId(minimalApp({ name: "web", description: "kept" }));
    const worker = await client.createId({
      name: "worker",
      type: "WORKER",
      protocol: "OPENID_CONNECT",
      grantTypes: ["CLIENT_CREDENTIALS"],
      tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
    });
    await client.grantOpenIdScopes(web, ["profile", "email"]);
    const envUrl = `${client.emu.apiUrl}/environments/${client.envId}`;
    const policies = (await client.call("GET", `${envUrl}/signOnPolicies`)).body?._embedded as { signOnPolicies: { id: string }[] };
    assert.equal(
      (await client.call("POST", `${client.appsUrl()}/${web}/signOnPolicyAssignments`, { signOnPolicy: { id: policies.signOnPolicies[0].id }, priority: 1 }))
        .status,
      201,
    );
    // A rotation with an overlap: the previous secret and its expiry are part of what is restored.
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    assert.equal((await client.call("POST", `${client.appsUrl()}/${web}/secret`, { previous: { expiresAt } })).status, 200);
    return { client, appIds: [web, worker] };
  }

  it("a new emulator started from an exported store answers every read as the first one did, with no request counted", async () => {
    const { client, appIds } = await populated();
    const before = await observe(client, appIds);
    // Through JSON text, as a fixture file holds it.
    const snapshot = JSON.parse(JSON.stringify(client.emu.exportStore())) as StoreSnapshot;

    const restored = await startEmulator({ store: snapshot });
    closing.push(() => restored.close());
    assert.deepEqual(restored.environmentIds, [client.envId]);
    assert.equal(restored.counters().total, 0);
    const again = new TestClient(restored);
    assert.deepEqual(await observe(again, appIds), before);
    assert.equal(restored.defaultKeyRotationPolicyId(), client.emu.defaultKeyRotationPolicyId());

    // The restored store is a working one: the API writes to it as to any other.
    assert.equal(
      (
        await again.put(appIds[1], {
          name: "worker",
          type: "WORKER",
          protocol: "OPENID_CONNECT",
          grantTypes: ["CLIENT_CREDENTIALS"],
          tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
          description: "changed",
        })
      ).status,
      200,
    );
    assert.equal((await again.get(appIds[1])).body?.description, "changed");
    assert.equal((await client.get(appIds[1])).body?.description, undefined, "the first emulator is untouched");
  });

  it("exports a copy: later writes to the store do not reach a snapshot already taken", async () => {
    const { client, appIds } = await populated();
    const snapshot = client.emu.exportStore();
    const record = snapshot.environments[0].applications.find((a) => a.record.id === appIds[0]);
    assert.ok(record);
    const secret = record.secret.current;
    client.emu.mutateApplication(client.envId, appIds[0], { description: "later" });
    assert.equal((await client.call("POST", `${client.appsUrl()}/${appIds[0]}/secret`)).status, 200);
    assert.equal(record.record.description, "kept");
    assert.equal(record.secret.current, secret);
    record.record.description = "edited in the snapshot";
    assert.equal((await client.get(appIds[0])).body?.description, "later", "and editing the snapshot does not reach the store");
  });

  it("refuses a malformed snapshot, naming the field, and environment ids that are not the snapshot's", async () => {
    const { client } = await populated();
    const good = client.emu.exportStore();
    const broken = (edit: (s: StoreSnapshot) => void): StoreSnapshot => {
      const copy = JSON.parse(JSON.stringify(good)) as StoreSnapshot;
      edit(copy);
      return copy;
    };
    const cases: [StoreSnapshot, RegExp][] = [
      [broken((s) => Object.assign(s, { format: "something-else/1" })), /snapshot\.format/],
      [broken((s) => (s.environments = [])), /snapshot\.environments is empty/],
      [
        broken((s) => delete s.environments[0].applications[0].record.id),
        /snapshot\.environments\[0\]\.applications\[0\]\.record\.id must be a non-empty string/,
      ],
      [broken((s) => Object.assign(s.environments[0].applications[0].secret, { current: 7 })), /applications\[0\]\.secret\.current/],
      [broken((s) => s.environments[0].applications.push(s.environments[0].applications[0])), /record\.id: ".+" appears more than once/],
      [broken((s) => Object.assign(s.environments[0].signOnPolicies[0], { default: "yes" })), /signOnPolicies\[0\]\.default must be a boolean/],
    ];
    for (const [snapshot, message] of cases) {
      await assert.rejects(startEmulator({ store: snapshot }), (error: unknown) => error instanceof StoreSnapshotError && message.test(error.message));
    }
    await assert.rejects(startEmulator({ store: good, environmentIds: [randomUUID()] }), /not the store snapshot's/);
    const both = await startEmulator({ store: good, environmentIds: [client.envId] });
    closing.push(() => both.close());
    assert.deepEqual(
      both
        .applications()
        .map((a) => str(a.id))
        .sort(),
      good.environments[0].applications.map((a) => str(a.record.id)).sort(),
    );
  });
});
