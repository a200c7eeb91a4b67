import { strict as assert } from "node:assert";
import { startEmulator, type JsonObject } from "../../emulator";
import { details, minimalApp, withEmulator, type TestClient, str } from "./helpers";
import { SEED_001_LINKS, SEED_001_REQUEST, SEED_001_RESPONSE_FIELDS } from "./seeds";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function links(body: JsonObject | undefined): Record<string, { href: string }> {
  return (body?._links ?? {}) as unknown as Record<string, { href: string }>;
}

describe("emulator: applications CRUD", () => {
  let client: TestClient;
  beforeEach(async () => {
    client = await withEmulator();
  });
  afterEach(() => client.emu.close());

  it("POST with seed 001's body returns seed 001's response (201, reversed grantTypes, defaults, links, no clientId)", async () => {
    const res = await client.create(SEED_001_REQUEST);
    assert.equal(res.status, 201);
    const body = res.body!;
    for (const [key, value] of Object.entries(SEED_001_RESPONSE_FIELDS)) {
      assert.deepEqual(body[key], value, `field ${key}`);
    }
    assert.deepEqual(body.grantTypes, ["REFRESH_TOKEN", "AUTHORIZATION_CODE"]);
    assert.equal(body.clientId, undefined, "POST 201 has no clientId (seed 001)");
    assert.match(str(body.id), UUID);
    assert.deepEqual(body.environment, { id: client.envId });
    assert.match(str(body.createdAt), ISO_MS);
    assert.equal(body.updatedAt, body.createdAt);

    const id = str(body.id);
    const self = `${client.emu.apiUrl}/environments/${client.envId}/applications/${id}`;
    assert.deepEqual(Object.keys(links(body)).sort(), [...SEED_001_LINKS].sort());
    assert.equal(links(body).self.href, self);
    assert.equal(links(body).environment.href, `${client.emu.apiUrl}/environments/${client.envId}`);
    assert.equal(links(body).secret.href, `${self}/secret`);
    assert.equal(links(body).attributes.href, `${self}/attributes`);
    assert.equal(links(body).grants.href, `${self}/grants`);

    const policyId = client.emu.defaultKeyRotationPolicyId();
    assert.deepEqual(body.signing, { keyRotationPolicy: { id: policyId } });
    assert.equal(links(body).keyRotationPolicy.href, `${client.emu.apiUrl}/environments/${client.envId}/keyRotationPolicies/${policyId}`);
    // Fields never sent and without a server default are absent, not null.
    for (const absent of ["refreshTokenDuration", "postLogoutRedirectUris", "corsSettings", "allowWildcardInRedirectUris", "jwks"]) {
      assert.equal(absent in body, false, `${absent} should be absent`);
    }
    assert.equal(res.headers.get("location"), self);
  });

  it("GET returns the same application with clientId equal to its id; the list embeds it", async () => {
    const id = await client.createId(SEED_001_REQUEST);
    const res = await client.get(id);
    assert.equal(res.status, 200);
    assert.equal(res.body?.clientId, id);
    assert.deepEqual(res.body?.grantTypes, ["REFRESH_TOKEN", "AUTHORIZATION_CODE"]);
    assert.equal(res.body?.requestScopesForMultipleResourcesEnabled, false);
    // Seeds 000/003/004: GET bodies add a metadata link to the POST's links.
    assert.deepEqual(Object.keys(links(res.body)).sort(), [...SEED_001_LINKS, "metadata"].sort());
    assert.equal(links(res.body).metadata.href, `${client.appsUrl()}/${id}/metadata`);

    const list = await client.call("GET", client.appsUrl());
    assert.equal(list.status, 200);
    assert.equal(list.body?.count, 1);
    assert.equal(list.body?.size, 1);
    assert.equal(links(list.body).self.href, client.appsUrl());
    const embedded = (list.body?._embedded as JsonObject).applications as JsonObject[];
    assert.deepEqual(embedded, [res.body]);
  });

  it("orders set-valued arrays its own way and removes duplicates", async () => {
    const res = await client.create(
      minimalApp({
        grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN", "AUTHORIZATION_CODE"],
        responseTypes: ["CODE"],
        redirectUris: ["https://b.example.com/cb", "https://a.example.com/cb", "https://b.example.com/cb"],
        postLogoutRedirectUris: ["https://z.example.com", "https://y.example.com"],
        corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS", origins: ["https://z.example.com", "https://a.example.com"] },
      }),
    );
    assert.equal(res.status, 201);
    assert.deepEqual(res.body?.grantTypes, ["REFRESH_TOKEN", "AUTHORIZATION_CODE"]);
    assert.deepEqual(res.body?.redirectUris, ["https://a.example.com/cb", "https://b.example.com/cb"]);
    assert.deepEqual(res.body?.postLogoutRedirectUris, ["https://y.example.com", "https://z.example.com"]);
    assert.deepEqual(res.body?.corsSettings, { behavior: "ALLOW_SPECIFIC_ORIGINS", origins: ["https://a.example.com", "https://z.example.com"] });
  });

  it("accepts insecure-but-valid configurations, as PingOne does", async () => {
    const spa = await client.create(
      minimalApp({ type: "SINGLE_PAGE_APP", tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC", redirectUris: ["http://localhost:3000/callback"] }),
    );
    assert.equal(spa.status, 201);
    assert.equal(spa.body?.pkceEnforcement, "OPTIONAL");
    const worker = await client.create(minimalApp({ type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS", "AUTHORIZATION_CODE"] }));
    assert.equal(worker.status, 201);
  });

  it("gives SERVICE apps no signing, and keeps an explicit key rotation policy", async () => {
    const service = await client.create(minimalApp({ type: "SERVICE" }));
    assert.equal(service.status, 201);
    assert.equal(service.body?.signing, undefined);
    assert.equal(links(service.body).keyRotationPolicy, undefined);

    const custom = "11111111-2222-4333-8444-555555555555";
    const web = await client.create(minimalApp({ signing: { keyRotationPolicy: { id: custom } } }));
    assert.deepEqual(web.body?.signing, { keyRotationPolicy: { id: custom } });
    assert.match(links(web.body).keyRotationPolicy.href, new RegExp(`/keyRotationPolicies/${custom}$`));
  });

  it("DELETE answers 204 with an empty body, then the application is gone (404)", async () => {
    const id = await client.createId(minimalApp());
    const res = await client.call("DELETE", `${client.appsUrl()}/${id}`);
    assert.equal(res.status, 204);
    assert.equal(res.body, undefined);
    const after = await client.get(id);
    assert.equal(after.status, 404);
    assert.equal(after.body?.code, "NOT_FOUND");
    assert.equal((await client.call("DELETE", `${client.appsUrl()}/${id}`)).status, 404);
  });

  describe("404s", () => {
    it("unknown application: message starts 'Unable to find Application with ID' on GET, PUT and DELETE", async () => {
      const missing = "00000000-0000-4000-8000-000000000000";
      for (const res of [await client.get(missing), await client.put(missing, minimalApp()), await client.call("DELETE", `${client.appsUrl()}/${missing}`)]) {
        assert.equal(res.status, 404);
        assert.equal(res.body?.code, "NOT_FOUND");
        assert.match(str(res.body?.message), /^Unable to find Application with ID/);
        assert.equal(typeof res.body?.id, "string");
      }
      const secret = await client.call("GET", `${client.appsUrl()}/${missing}/secret`);
      assert.equal(secret.status, 404);
    });

    it("unknown environment: 404 on every management route", async () => {
      const otherEnv = "99999999-0000-4000-8000-000000000000";
      assert.equal((await client.call("GET", client.appsUrl(otherEnv))).status, 404);
      assert.equal((await client.create(minimalApp(), otherEnv)).status, 404);
      assert.equal((await client.call("GET", `${client.emu.apiUrl}/environments/${otherEnv}`)).status, 404);
      assert.equal((await client.call("GET", `${client.emu.apiUrl}/environments/${client.envId}`)).status, 200);
    });

    it("keeps environments separate", async () => {
      const two = await withEmulator({ environmentIds: ["env-a", "env-b"] });
      try {
        const id = await two.createId(minimalApp());
        assert.equal(two.envId, "env-a");
        assert.equal((await two.get(id, "env-b")).status, 404);
        assert.equal(two.emu.applications("env-b").length, 0);
        assert.equal(two.emu.applications().length, 1);
      } finally {
        await two.emu.close();
      }
    });
  });

  describe("bad requests", () => {
    it("answers 400 INVALID_REQUEST for malformed JSON or a non-object body", async () => {
      for (const raw of ["{not json", "[1,2]", "null"]) {
        const res = await client.call("POST", client.appsUrl(), raw);
        assert.equal(res.status, 400, raw);
        assert.equal(res.body?.code, "INVALID_REQUEST");
      }
    });

    it("answers 415 for a non-JSON content type and 405 for an unsupported method", async () => {
      const res = await client.call("POST", client.appsUrl(), JSON.stringify(minimalApp()), { "content-type": "text/plain" });
      assert.equal(res.status, 415);
      const patch = await client.call("PATCH", `${client.appsUrl()}/${await client.createId(minimalApp())}`, {});
      assert.equal(patch.status, 405);
    });
  });

  describe("client secret", () => {
    it("GET returns a secret of at least 64 characters with the seed's link shape; POST rotates it (200)", async () => {
      const id = await client.createId(minimalApp());
      const secretUrl = `${client.appsUrl()}/${id}/secret`;
      const first = await client.call("GET", secretUrl);
      assert.equal(first.status, 200);
      const secret = str(first.body?.secret);
      assert.ok(secret.length >= 64);
      assert.deepEqual(first.body?.environment, { id: client.envId });
      assert.deepEqual(Object.keys(links(first.body)).sort(), ["application", "environment", "self"]);
      assert.equal(links(first.body).self.href, secretUrl);
      assert.equal(links(first.body).application.href, `${client.appsUrl()}/${id}`);
      assert.equal(first.body?.previous, undefined);
      assert.equal((await client.call("GET", secretUrl)).body?.secret, secret, "reading does not rotate");

      const rotated = await client.call("POST", secretUrl);
      assert.equal(rotated.status, 200);
      assert.notEqual(rotated.body?.secret, secret);
      assert.equal(rotated.body?.previous, undefined);
      assert.equal((await client.call("GET", secretUrl)).body?.secret, rotated.body?.secret);
    });

    it("keeps the replaced secret as previous until expiresAt when asked", async () => {
      const id = await client.createId(minimalApp());
      const secretUrl = `${client.appsUrl()}/${id}/secret`;
      const old = str((await client.call("GET", secretUrl)).body?.secret);
      const expiresAt = new Date(Date.now() + 10 * 60_000).toISOString();
      const rotated = await client.call("POST", secretUrl, { previous: { expiresAt } });
      assert.equal(rotated.status, 200);
      assert.deepEqual(rotated.body?.previous, { secret: old, expiresAt });
      const tooSoon = await client.call("POST", secretUrl, { previous: { expiresAt: new Date(Date.now() + 1000).toISOString() } });
      assert.equal(tooSoon.status, 400);
      assert.equal(details(tooSoon.body)[0].code, "OUT_OF_RANGE");
    });
  });
});

describe("emulator: paged application lists", () => {
  it("pages with limit and a next link until the last page", async () => {
    const emulator = await startEmulator({ listPageSize: 2 });
    try {
      const token = (
        await fetch(`${emulator.authUrl}/${emulator.environmentId}/as/token`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: `grant_type=client_credentials&client_id=${encodeURIComponent(emulator.clientId)}&client_secret=${encodeURIComponent(emulator.clientSecret)}`,
        }).then((r) => r.json() as Promise<{ access_token: string }>)
      ).access_token;
      const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
      for (let i = 0; i < 3; i++) {
        const body = {
          name: `app-${i}`,
          type: "WORKER",
          protocol: "OPENID_CONNECT",
          grantTypes: ["CLIENT_CREDENTIALS"],
          tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
        };
        assert.equal(
          (await fetch(`${emulator.apiUrl}/environments/${emulator.environmentId}/applications`, { method: "POST", headers, body: JSON.stringify(body) }))
            .status,
          201,
        );
      }
      const names: string[] = [];
      let url: string | undefined = `${emulator.apiUrl}/environments/${emulator.environmentId}/applications`;
      let pages = 0;
      while (url) {
        const page = (await (await fetch(url, { headers })).json()) as {
          _embedded: { applications: { name: string }[] };
          _links: { next?: { href: string } };
          count: number;
        };
        names.push(...page._embedded.applications.map((a) => a.name));
        assert.equal(page.count, 3);
        url = page._links.next?.href;
        pages++;
      }
      assert.equal(pages, 2);
      assert.deepEqual(names.sort(), ["app-0", "app-1", "app-2"]);
    } finally {
      await emulator.close();
    }
  });
});
