import { strict as assert } from "node:assert";
import type { RequestCounters } from "../../emulator";
import { minimalApp, withEmulator, type TestClient, str } from "./helpers";

const APPS = "/v1/environments/{envId}/applications";
const APP = "/v1/environments/{envId}/applications/{appId}";

describe("emulator: counters, request log and out-of-band changes", () => {
  let client: TestClient;
  beforeEach(async () => {
    client = await withEmulator({ clientSecret: "worker-secret-value-123" });
  });
  afterEach(() => client.emu.close());

  it("counts every request per METHOD route-template, including faulted ones, and not /__admin", async () => {
    const id = await client.createId(minimalApp());
    await client.get(id);
    await client.get(id);
    await client.put(id, minimalApp());
    client.emu.setFaults({ script: [{ match: { method: "DELETE" }, fault: { status: 503 } }] });
    assert.equal((await client.call("DELETE", `${client.appsUrl()}/${id}`)).status, 503);
    await client.call("GET", `${client.emu.baseUrl}/v1/nothing/here`);
    await fetch(`${client.emu.adminUrl}/counters`);

    const expected: RequestCounters = {
      total: 7,
      byRoute: {
        "POST /{envId}/as/token": 1,
        [`POST ${APPS}`]: 1,
        [`GET ${APP}`]: 2,
        [`PUT ${APP}`]: 1,
        [`DELETE ${APP}`]: 1,
        "GET <unmatched>": 1,
      },
      byFault: { "scripted-status": 1 },
    };
    assert.deepEqual(client.emu.counters(), expected);
    const overHttp = (await (await fetch(`${client.emu.adminUrl}/counters`)).json()) as RequestCounters;
    assert.deepEqual(overHttp, expected);

    assert.equal((await fetch(`${client.emu.adminUrl}/counters`, { method: "DELETE" })).status, 204);
    assert.deepEqual(client.emu.counters(), { total: 0, byRoute: {}, byFault: {} });
    assert.deepEqual(client.emu.requestLog(), []);
  });

  it("counts the faults applied per kind, and keeps the counts when the request log is cleared", async () => {
    client.emu.setFaults({
      latencyMs: 1,
      script: [
        { match: { method: "GET" }, fault: { status: 429 }, times: 2 },
        { match: { method: "PUT" }, fault: { reset: "before" } },
      ],
    });
    const id = await client.createId(minimalApp());
    assert.equal((await client.get(id)).status, 429);
    assert.equal((await client.get(id)).status, 429);
    await assert.rejects(client.put(id, minimalApp()));
    assert.equal((await client.get(id)).status, 200);
    // token + POST + 3 GETs + PUT, each with latency; 2 scripted 429s and 1 reset.
    const expected = { latency: 6, "scripted-status": 2, "reset-before": 1 };
    assert.deepEqual(client.emu.counters().byFault, expected);
    assert.equal((await fetch(`${client.emu.adminUrl}/requests`, { method: "DELETE" })).status, 204);
    assert.deepEqual(client.emu.counters().byFault, expected);
  });

  it("issuedTokens lists every token issued, expired ones included", async () => {
    assert.deepEqual(client.emu.issuedTokens(), []);
    const first = await client.fetchToken();
    client.emu.expireTokens();
    const second = await client.fetchToken();
    assert.deepEqual(client.emu.issuedTokens(), [first, second]);
  });

  it("logs method, path, route, status and the JSON body, never credentials, tokens or secrets", async () => {
    const token = await client.fetchToken();
    const id = await client.createId(
      minimalApp({ name: "logged", type: "NATIVE_APP", mobile: { integrityDetection: { googlePlay: { decryptionKey: "dk-123" } } } }),
    );
    const secret = str((await client.call("GET", `${client.appsUrl()}/${id}/secret`)).body?.secret);
    const bodyAuth = new URLSearchParams({ grant_type: "client_credentials", client_id: client.emu.clientId, client_secret: client.emu.clientSecret });
    await fetch(client.tokenUrl(), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: bodyAuth.toString() });

    const log = client.emu.requestLog();
    const create = log.find((e) => e.method === "POST" && e.route === APPS)!;
    assert.equal(create.path, `/v1/environments/${client.envId}/applications`);
    assert.equal(create.status, 201);
    assert.equal((create.body as Record<string, unknown>).name, "logged");
    const tokens = log.filter((e) => e.route === "/{envId}/as/token");
    assert.equal(tokens.length, 2);
    assert.ok(tokens.every((e) => e.body === undefined && e.status === 200));

    const overHttp = await (await fetch(`${client.emu.adminUrl}/requests`)).text();
    for (const text of [JSON.stringify(log), overHttp]) {
      for (const leaked of [client.emu.clientSecret, token, secret, "dk-123", "Bearer", "Basic"]) {
        assert.equal(text.includes(leaked), false, `log must not contain ${leaked.slice(0, 6)}…`);
      }
    }
    assert.ok(overHttp.includes("[REDACTED]"));
  });

  it("returns deep copies: changing what was returned changes nothing", async () => {
    await client.createId(minimalApp());
    const [app] = client.emu.applications();
    (app.grantTypes as string[]).push("IMPLICIT");
    app.name = "tampered";
    assert.equal(client.emu.applications()[0].name, "test-app");
    assert.deepEqual(client.emu.applications()[0].grantTypes, ["AUTHORIZATION_CODE"]);
  });

  it("mutateApplication changes a stored app without counting, and the API sees it (drift)", async () => {
    const id = await client.createId(minimalApp({ description: "orig" }));
    const before = client.emu.counters().total;
    const patched = client.emu.mutateApplication(client.envId, id, {
      description: null,
      pkceEnforcement: "S256_REQUIRED",
      grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
    });
    assert.equal(patched.pkceEnforcement, "S256_REQUIRED");
    assert.equal(client.emu.counters().total, before, "out-of-band changes are not requests");
    const read = await client.get(id);
    assert.equal(read.body?.pkceEnforcement, "S256_REQUIRED");
    assert.equal("description" in (read.body ?? {}), false);
    assert.deepEqual(read.body?.grantTypes, ["REFRESH_TOKEN", "AUTHORIZATION_CODE"], "still in PingOne's order");
    assert.throws(() => client.emu.mutateApplication(client.envId, "nope", {}));
    assert.throws(() => client.emu.mutateApplication(client.envId, id, { id: "x" }));
  });

  it("deleteApplicationOutOfBand removes an app without counting; the API then answers 404", async () => {
    const id = await client.createId(minimalApp());
    const before = client.emu.counters().total;
    assert.equal(client.emu.deleteApplicationOutOfBand(client.envId, id), true);
    assert.equal(client.emu.deleteApplicationOutOfBand(client.envId, id), false);
    assert.equal(client.emu.counters().total, before);
    assert.equal((await client.get(id)).status, 404);
  });

  it("offers the same out-of-band operations over /__admin", async () => {
    const id = await client.createId(minimalApp());
    const base = `${client.emu.adminUrl}/environments/${client.envId}/applications`;
    const listed = (await (await fetch(base)).json()) as { applications: { id: string }[] };
    assert.deepEqual(
      listed.applications.map((a) => a.id),
      [id],
    );
    const patch = await fetch(`${base}/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ enabled: true }) });
    assert.equal(patch.status, 200);
    assert.equal((await client.get(id)).body?.enabled, true);
    assert.equal((await fetch(`${base}/${id}`, { method: "DELETE" })).status, 204);
    assert.equal((await fetch(`${base}/${id}`, { method: "DELETE" })).status, 404);
    assert.equal((await client.get(id)).status, 404);
    assert.equal((await fetch(`${client.emu.adminUrl}/environments/unknown/applications`)).status, 404);
  });
});
