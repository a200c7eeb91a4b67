import { strict as assert } from "node:assert";
import { FaultSettingsError } from "../../emulator";
import { minimalApp, withEmulator, type TestClient } from "./helpers";

describe("emulator: fault injection", () => {
  let client: TestClient;
  beforeEach(async () => {
    client = await withEmulator({ seed: 42 });
    await client.fetchToken();
  });
  afterEach(() => client.emu.close());

  const apps = (): number => client.emu.applications().length;

  it("rate429 = 1 answers 429 REQUEST_LIMITED with Retry-After, without handling the request", async () => {
    client.emu.setFaults({ rate429: 1, retryAfterSeconds: 7 });
    const res = await client.create(minimalApp());
    assert.equal(res.status, 429);
    assert.equal(res.headers.get("retry-after"), "7");
    assert.equal(res.body?.code, "REQUEST_LIMITED");
    assert.equal(apps(), 0);
    client.emu.clearFaults();
    assert.equal((await client.create(minimalApp())).status, 201);
  });

  it("rate5xx = 1 answers status5xx with UNEXPECTED_ERROR (503 by default)", async () => {
    client.emu.setFaults({ rate5xx: 1 });
    const res = await client.call("GET", client.appsUrl());
    assert.equal(res.status, 503);
    assert.equal(res.body?.code, "UNEXPECTED_ERROR");
    client.emu.setFaults({ status5xx: 502 });
    assert.equal((await client.call("GET", client.appsUrl())).status, 502);
  });

  it("rateReset = 1 drops the connection before handling: the client gets a network error and nothing is stored", async () => {
    client.emu.setFaults({ rateReset: 1 });
    await assert.rejects(client.create(minimalApp()));
    assert.equal(apps(), 0);
    const [entry] = client.emu.requestLog().filter((e) => e.route === "/v1/environments/{envId}/applications");
    assert.equal(entry.status, null);
    assert.deepEqual(entry.faults, ["reset-before"]);
  });

  it("rateResetAfterCommit = 1 stores the change, then drops the connection without answering", async () => {
    client.emu.setFaults({ rateResetAfterCommit: 1 });
    await assert.rejects(client.create(minimalApp({ name: "ambiguous" })));
    client.emu.clearFaults();
    const stored = client.emu.applications();
    assert.equal(stored.length, 1);
    assert.equal(stored[0].name, "ambiguous");
    const listed = await client.call("GET", client.appsUrl());
    assert.equal(listed.body?.count, 1, "the API sees the committed create");
    const entry = client.emu.requestLog().find((e) => e.route === "/v1/environments/{envId}/applications" && e.method === "POST")!;
    assert.equal(entry.status, null);
    assert.equal(entry.committedStatus, 201);
  });

  it("requestsPerSecond admits the budget, then answers 429 with Retry-After", async () => {
    client.emu.setFaults({ requestsPerSecond: 2, retryAfterSeconds: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await client.call("GET", client.appsUrl())).status);
    assert.deepEqual(statuses, [200, 200, 429]);
    const last = client.emu.requestLog().at(-1)!;
    assert.deepEqual(last.faults, ["requests-per-second"]);
  });

  it("latencyMs delays responses (lower bound only)", async () => {
    client.emu.setFaults({ latencyMs: 120 });
    const started = Date.now();
    assert.equal((await client.call("GET", client.appsUrl())).status, 200);
    assert.ok(Date.now() - started >= 100, "latency applied");
    assert.deepEqual(client.emu.requestLog().at(-1)!.faults, ["latency"]);
  });

  it("applies to the token endpoint too, never to /__admin", async () => {
    client.emu.setFaults({ rate5xx: 1 });
    const token = await fetch(client.tokenUrl(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: client.emu.clientId, client_secret: client.emu.clientSecret }).toString(),
    });
    assert.equal(token.status, 503);
    const admin = await fetch(`${client.emu.adminUrl}/faults`, { method: "DELETE" });
    assert.equal(admin.status, 204);
    assert.equal((await client.call("GET", client.appsUrl())).status, 200);
  });

  describe("scripted one-shot faults", () => {
    it("each entry is consumed once by the first matching request, in order", async () => {
      client.emu.setFaults({
        script: [
          { match: { method: "POST", path: "/applications$" }, fault: { status: 503 } },
          { match: { method: "POST", path: "/applications$" }, fault: { status: 429, retryAfterSeconds: 3 } },
        ],
      });
      // A GET does not match and is untouched.
      assert.equal((await client.call("GET", client.appsUrl())).status, 200);
      const first = await client.create(minimalApp());
      assert.equal(first.status, 503);
      const second = await client.create(minimalApp());
      assert.equal(second.status, 429);
      assert.equal(second.headers.get("retry-after"), "3");
      assert.equal((await client.create(minimalApp())).status, 201);
      assert.deepEqual(client.emu.faults().script, []);
      assert.equal(apps(), 1);
    });

    it("reset before / after commit and latency, with `times`", async () => {
      const id = await client.createId(minimalApp());
      client.emu.setFaults({
        script: [
          { match: { method: "PUT" }, fault: { reset: "after-commit" } },
          { match: { method: "DELETE" }, fault: { reset: "before" }, times: 2 },
          { match: { method: "GET", path: "/secret$" }, fault: { latencyMs: 30 } },
        ],
      });
      await assert.rejects(client.put(id, minimalApp({ name: "renamed" })));
      assert.equal(client.emu.applications()[0].name, "renamed", "the PUT was committed");
      await assert.rejects(client.call("DELETE", `${client.appsUrl()}/${id}`));
      await assert.rejects(client.call("DELETE", `${client.appsUrl()}/${id}`));
      assert.equal(apps(), 1, "the DELETEs were not handled");
      assert.equal((await client.call("DELETE", `${client.appsUrl()}/${id}`)).status, 204);
      assert.equal((await client.call("GET", `${client.appsUrl()}/${id}/secret`)).status, 404);
      assert.deepEqual(client.emu.requestLog().at(-1)!.faults, ["latency"]);
    });

    it("can be queued through the admin endpoint", async () => {
      const res = await fetch(`${client.emu.adminUrl}/faults/script`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ match: { path: "/applications$" }, fault: { status: 500 } }),
      });
      assert.equal(res.status, 200);
      assert.equal((await client.call("GET", client.appsUrl())).status, 500);
      assert.equal((await client.call("GET", client.appsUrl())).status, 200);
    });
  });

  it("is settable through PUT /__admin/faults (partial merge) and cleared by DELETE", async () => {
    const put = (body: unknown): Promise<Response> =>
      fetch(`${client.emu.adminUrl}/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    assert.equal((await put({ rate429: 1 })).status, 200);
    const merged = await put({ retryAfterSeconds: 9 });
    const settings = (await merged.json()) as Record<string, unknown>;
    assert.equal(settings.rate429, 1);
    assert.equal(settings.retryAfterSeconds, 9);
    const limited = await client.call("GET", client.appsUrl());
    assert.equal(limited.headers.get("retry-after"), "9");
    assert.equal((await put({ rate429: 2 })).status, 400);
    assert.equal((await put({ nonsense: true })).status, 400);
    assert.equal((await fetch(`${client.emu.adminUrl}/faults`, { method: "DELETE" })).status, 204);
    assert.equal((await client.call("GET", client.appsUrl())).status, 200);
  });

  it("validates settings given in code", () => {
    assert.throws(() => client.emu.setFaults({ rate5xx: -0.1 }), FaultSettingsError);
    assert.throws(() => client.emu.setFaults({ status5xx: 404 }), FaultSettingsError);
    assert.throws(() => client.emu.setFaults({ script: [{ match: { path: "(" }, fault: { status: 500 } }] }), FaultSettingsError);
  });

  it("draws rate-based faults from the seed: same seed, same outcomes", async () => {
    const run = async (seed: number): Promise<number[]> => {
      const c = await withEmulator({ seed });
      try {
        await c.fetchToken();
        c.emu.setFaults({ rate429: 0.5 });
        const out: number[] = [];
        for (let i = 0; i < 16; i++) out.push((await c.call("GET", c.appsUrl())).status);
        return out;
      } finally {
        await c.emu.close();
      }
    };
    const a = await run(1234);
    assert.deepEqual(await run(1234), a);
    assert.ok(a.includes(429) && a.includes(200), `a mix of outcomes: ${a.join(",")}`);
  });
});
