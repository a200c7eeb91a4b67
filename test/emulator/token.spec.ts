import { strict as assert } from "node:assert";
import { withEmulator, type TestClient, str } from "./helpers";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

describe("emulator: worker token endpoint", () => {
  let client: TestClient;
  beforeEach(async () => {
    client = await withEmulator({ clientId: "worker-id", clientSecret: "s3cret+with/odd=chars", tokenLifetimeSeconds: 1800 });
  });
  afterEach(() => client.emu.close());

  const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

  it("issues a Bearer token with HTTP Basic client authentication", async () => {
    const res = await fetch(client.tokenUrl(), {
      method: "POST",
      headers: { ...FORM, authorization: basic("worker-id", "s3cret+with/odd=chars") },
      body: "grant_type=client_credentials",
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.token_type, "Bearer");
    assert.equal(body.expires_in, 1800);
    assert.equal(typeof body.access_token, "string");
    assert.ok((body.access_token as string).length >= 32);
  });

  it("accepts form-encoded Basic credentials (RFC 6749 §2.3.1)", async () => {
    const encoded = basic(encodeURIComponent("worker-id"), encodeURIComponent("s3cret+with/odd=chars"));
    const res = await fetch(client.tokenUrl(), { method: "POST", headers: { ...FORM, authorization: encoded }, body: "grant_type=client_credentials" });
    assert.equal(res.status, 200);
  });

  it("issues a token with client_id/client_secret in the body", async () => {
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: "worker-id", client_secret: "s3cret+with/odd=chars" });
    const res = await fetch(client.tokenUrl(), { method: "POST", headers: FORM, body: form.toString() });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { access_token: string };
    const api = await fetch(client.appsUrl(), { headers: { authorization: `Bearer ${body.access_token}` } });
    assert.equal(api.status, 200);
  });

  it("answers 401 invalid_client for a wrong secret, an unknown client, or no credentials", async () => {
    for (const authorization of [basic("worker-id", "wrong"), basic("someone-else", "s3cret+with/odd=chars")]) {
      const res = await fetch(client.tokenUrl(), { method: "POST", headers: { ...FORM, authorization }, body: "grant_type=client_credentials" });
      assert.equal(res.status, 401);
      const body = (await res.json()) as Record<string, unknown>;
      assert.equal(body.error, "invalid_client");
      assert.equal(typeof body.error_description, "string");
    }
    const none = await fetch(client.tokenUrl(), { method: "POST", headers: FORM, body: "grant_type=client_credentials" });
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as Record<string, unknown>).error, "invalid_client");
  });

  it("answers 400 unsupported_grant_type for another grant", async () => {
    const res = await fetch(client.tokenUrl(), {
      method: "POST",
      headers: { ...FORM, authorization: basic("worker-id", "s3cret+with/odd=chars") },
      body: "grant_type=password&username=a&password=b",
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as Record<string, unknown>).error, "unsupported_grant_type");
  });

  it("refuses a JSON body and unknown environments", async () => {
    const json = await fetch(client.tokenUrl(), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: basic("worker-id", "s3cret+with/odd=chars") },
      body: JSON.stringify({ grant_type: "client_credentials" }),
    });
    assert.equal(json.status, 400);
    assert.equal(((await json.json()) as Record<string, unknown>).error, "invalid_request");
    const unknownEnv = await fetch(client.tokenUrl("00000000-0000-0000-0000-000000000000"), {
      method: "POST",
      headers: { ...FORM, authorization: basic("worker-id", "s3cret+with/odd=chars") },
      body: "grant_type=client_credentials",
    });
    assert.equal(unknownEnv.status, 404);
  });

  describe("bearer checks on the management API", () => {
    it("answers 401 ACCESS_FAILED without a token and with an unknown token", async () => {
      const variants: Record<string, string>[] = [{}, { authorization: "Bearer not-a-token" }, { authorization: "Basic abc" }];
      for (const headers of variants) {
        const res = await fetch(client.appsUrl(), { headers });
        assert.equal(res.status, 401);
        const body = (await res.json()) as Record<string, unknown>;
        assert.equal(body.code, "ACCESS_FAILED");
        assert.equal(typeof body.id, "string");
        assert.equal(typeof body.message, "string");
      }
    });

    it("answers 401 once tokens are expired by expireTokens()", async () => {
      assert.equal((await client.call("GET", client.appsUrl())).status, 200);
      client.emu.expireTokens();
      const res = await client.call("GET", client.appsUrl());
      assert.equal(res.status, 401);
      assert.equal(res.body?.code, "ACCESS_FAILED");
      assert.match(str(res.body?.message), /expired/);
      await client.fetchToken();
      assert.equal((await client.call("GET", client.appsUrl())).status, 200);
    });

    it("answers 401 once tokens are expired through POST /__admin/tokens/expire", async () => {
      assert.equal((await client.call("GET", client.appsUrl())).status, 200);
      const admin = await fetch(`${client.emu.adminUrl}/tokens/expire`, { method: "POST" });
      assert.equal(admin.status, 204);
      assert.equal((await client.call("GET", client.appsUrl())).status, 401);
    });

    it("issues tokens with the runtime tokenLifetimeSeconds (0 = already expired)", async () => {
      client.emu.setFaults({ tokenLifetimeSeconds: 0 });
      const token = await client.fetchToken();
      const res = await fetch(client.appsUrl(), { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 401);
      client.emu.clearFaults();
      const form = new URLSearchParams({ grant_type: "client_credentials", client_id: "worker-id", client_secret: "s3cret+with/odd=chars" });
      const again = await fetch(client.tokenUrl(), { method: "POST", headers: FORM, body: form.toString() });
      assert.equal(((await again.json()) as Record<string, unknown>).expires_in, 1800);
    });
  });
});
