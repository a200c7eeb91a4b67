import { strict as assert } from "node:assert";
import type { JsonObject } from "../../emulator";
import { details, minimalApp, withEmulator, type TestClient, str } from "./helpers";

const VALIDATION_MESSAGE = "The request could not be completed. One or more validation errors were in the request.";

describe("emulator: PingOne validation", () => {
  let client: TestClient;
  before(async () => {
    client = await withEmulator();
  });
  after(() => client.emu.close());

  /** POSTs `body`, expects a 400 INVALID_DATA and returns its details. */
  async function rejected(body: JsonObject): Promise<ReturnType<typeof details>> {
    const res = await client.create(body);
    assert.equal(res.status, 400, `expected 400 for ${JSON.stringify(body)}, got ${res.status}`);
    assert.equal(res.body?.code, "INVALID_DATA");
    assert.equal(typeof res.body?.id, "string");
    assert.equal(typeof res.body?.message, "string");
    return details(res.body);
  }

  async function accepted(body: JsonObject): Promise<JsonObject> {
    const res = await client.create(body);
    assert.equal(res.status, 201, `expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body!;
  }

  it("reports every missing required field as REQUIRED_VALUE with the generic message", async () => {
    const res = await client.create({});
    assert.equal(res.status, 400);
    assert.equal(res.body?.message, VALIDATION_MESSAGE);
    const required = details(res.body)
      .filter((d) => d.code === "REQUIRED_VALUE")
      .map((d) => d.target)
      .sort();
    assert.deepEqual(required, ["grantTypes", "name", "protocol", "tokenEndpointAuthMethod", "type"]);
    assert.deepEqual(
      (await rejected(minimalApp({ grantTypes: [] }))).map((d) => [d.code, d.target]),
      [["REQUIRED_VALUE", "grantTypes"]],
    );
  });

  it("rejects unknown enum values with innerError.allowedValues", async () => {
    for (const [field, value] of [
      ["type", "MAINFRAME_APP"],
      ["tokenEndpointAuthMethod", "CLIENT_SECRET_QUERY"],
      ["pkceEnforcement", "S512_REQUIRED"],
      ["parRequirement", "SOMETIMES"],
      ["refreshTokenType", "PAPER"],
      ["grantTypes", ["AUTHORIZATION_CODE", "PASSWORD"]],
      ["responseTypes", ["CODE", "HYBRID"]],
      ["protocol", "SAML_2"],
    ] as const) {
      const [d] = await rejected(minimalApp({ [field]: value as JsonObject[string] }));
      assert.equal(d.code, "INVALID_VALUE", field);
      assert.equal(d.target, field);
      assert.ok(Array.isArray(d.innerError?.allowedValues), `${field} lists allowed values`);
    }
  });

  it("rejects out-of-range numbers with OUT_OF_RANGE and the range", async () => {
    for (const [field, value, min, max] of [
      ["parTimeout", 0, 1, 600],
      ["parTimeout", 601, 1, 600],
      ["deviceTimeout", 3601, 1, 3600],
      ["devicePollingInterval", 61, 1, 60],
      ["refreshTokenDuration", 59, 60, 2147483647],
      ["refreshTokenRollingGracePeriodDuration", 86401, 0, 86400],
    ] as const) {
      const [d] = await rejected(minimalApp({ [field]: value }));
      assert.deepEqual([d.code, d.target], ["OUT_OF_RANGE", field]);
      assert.deepEqual(d.innerError, { rangeMinimumValue: min, rangeMaximumValue: max });
    }
    await accepted(minimalApp({ parTimeout: 600, deviceTimeout: 1, devicePollingInterval: 60 }));
  });

  it("rejects wildcard redirect URIs unless allowWildcardInRedirectUris is true", async () => {
    const res = await client.create(minimalApp({ redirectUris: ["https://app.example.com/*"] }));
    assert.equal(res.status, 400);
    assert.match(str(res.body?.message), /^Wildcards are not allowed in redirect URIs\./);
    assert.match(details(res.body)[0].message, /^Wildcards are not allowed in redirect URIs\./);
    assert.equal(details(res.body)[0].target, "redirectUris");
    await accepted(minimalApp({ redirectUris: ["https://app.example.com/*"], allowWildcardInRedirectUris: true }));
    // Even when allowed: one wildcard, in the path or query only.
    await rejected(minimalApp({ redirectUris: ["https://*.example.com/cb"], allowWildcardInRedirectUris: true }));
    await rejected(minimalApp({ redirectUris: ["https://app.example.com/*/*"], allowWildcardInRedirectUris: true }));
  });

  it("rejects relative redirect URIs and fragments, accepts loopback http and private-use schemes", async () => {
    for (const uri of ["/callback", "app.example.com/cb", "https://app.example.com/cb#frag"]) {
      const [d] = await rejected(minimalApp({ redirectUris: [uri] }));
      assert.deepEqual([d.code, d.target], ["INVALID_VALUE", "redirectUris"], uri);
    }
    await accepted(minimalApp({ redirectUris: ["http://localhost:3000/callback", "http://127.0.0.1/cb", "com.example.app:/oauth2redirect"] }));
  });

  it("rejects a fragment in a post-logout redirect URI, as in a redirect URI", async () => {
    const [d] = await rejected(minimalApp({ postLogoutRedirectUris: ["https://app.example.com/bye#done"] }));
    assert.deepEqual([d.code, d.target], ["INVALID_VALUE", "postLogoutRedirectUris"]);
    assert.match(d.message, /fragment/);
    await accepted(minimalApp({ postLogoutRedirectUris: ["https://app.example.com/bye?next=home"] }));
  });

  it("takes post-logout redirect URIs of the form scheme://… only, as the provider's check does (pingone/fields.ts uriSet)", async () => {
    for (const uri of ["com.example.app:/logout", "/bye"]) {
      const [d] = await rejected(minimalApp({ postLogoutRedirectUris: [uri] }));
      assert.deepEqual([d.code, d.target], ["INVALID_VALUE", "postLogoutRedirectUris"], uri);
      assert.match(d.message, /scheme:\/\//);
    }
    await accepted(minimalApp({ postLogoutRedirectUris: ["org.bxretail.app://logout", "http://app.example.com/bye"] }));
  });

  it("enforces refreshTokenDuration <= refreshTokenRollingDuration", async () => {
    const [d] = await rejected(minimalApp({ refreshTokenDuration: 7200, refreshTokenRollingDuration: 3600 }));
    assert.equal(d.target, "refreshTokenDuration");
    await accepted(minimalApp({ refreshTokenDuration: 3600, refreshTokenRollingDuration: 3600 }));
  });

  it("applies the key rules: jwks xor jwksUrl, PRIVATE_KEY_JWT needs one, jwksUrl https", async () => {
    const jwks = JSON.stringify({ keys: [] });
    assert.equal((await rejected(minimalApp({ jwks, jwksUrl: "https://keys.example.com/jwks" })))[0].target, "jwksUrl");
    assert.deepEqual(
      (await rejected(minimalApp({ tokenEndpointAuthMethod: "PRIVATE_KEY_JWT" }))).map((d) => [d.code, d.target]),
      [["REQUIRED_VALUE", "jwks"]],
    );
    assert.equal((await rejected(minimalApp({ jwksUrl: "http://keys.example.com/jwks" })))[0].target, "jwksUrl");
    await accepted(minimalApp({ tokenEndpointAuthMethod: "PRIVATE_KEY_JWT", jwksUrl: "https://keys.example.com/jwks" }));
    await accepted(minimalApp({ tokenEndpointAuthMethod: "PRIVATE_KEY_JWT", jwks }));
  });

  it("refuses requireSignedRequestObject together with supportUnsignedRequestObject", async () => {
    const [d] = await rejected(minimalApp({ requireSignedRequestObject: true, supportUnsignedRequestObject: true }));
    assert.equal(d.target, "requireSignedRequestObject");
    await accepted(minimalApp({ requireSignedRequestObject: true, supportUnsignedRequestObject: false }));
  });

  it("needs TOKEN or ID_TOKEN in responseTypes for IMPLICIT", async () => {
    const [d] = await rejected(minimalApp({ grantTypes: ["IMPLICIT"], responseTypes: ["CODE"] }));
    assert.equal(d.target, "responseTypes");
    await accepted(minimalApp({ grantTypes: ["IMPLICIT"], responseTypes: ["ID_TOKEN"] }));
  });

  it("applies the corsSettings rules", async () => {
    const many = Array.from({ length: 41 }, (_, i) => `https://o${i}.example.com`);
    assert.deepEqual(
      (await rejected(minimalApp({ corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS" } }))).map((d) => [d.code, d.target]),
      [["REQUIRED_VALUE", "corsSettings.origins"]],
    );
    assert.equal(
      (await rejected(minimalApp({ corsSettings: { behavior: "ALLOW_NO_ORIGINS", origins: ["https://a.example.com"] } })))[0].target,
      "corsSettings.origins",
    );
    assert.equal((await rejected(minimalApp({ corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS", origins: many } })))[0].target, "corsSettings.origins");
    assert.equal(
      (await rejected(minimalApp({ corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS", origins: ["https://a.example.com/path"] } })))[0].target,
      "corsSettings.origins",
    );
    assert.equal((await rejected(minimalApp({ corsSettings: { behavior: "SOME" } })))[0].target, "corsSettings.behavior");
    await accepted(minimalApp({ corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS", origins: many.slice(0, 40) } }));
    const none = await accepted(minimalApp({ corsSettings: { behavior: "ALLOW_NO_ORIGINS" } }));
    assert.deepEqual(none.corsSettings, { behavior: "ALLOW_NO_ORIGINS" });
  });

  it("allows tags only on WORKER (an empty list sets none) and signing not on SERVICE", async () => {
    const tags = ["PING_FED_CONNECTION_INTEGRATION"];
    assert.equal((await rejected(minimalApp({ tags })))[0].target, "tags");
    await accepted(minimalApp({ tags: [] }));
    const worker = await accepted(minimalApp({ type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], tags }));
    assert.deepEqual(worker.tags, tags);
    const signing = { keyRotationPolicy: { id: "11111111-2222-4333-8444-555555555555" } };
    assert.equal((await rejected(minimalApp({ type: "SERVICE", signing })))[0].target, "signing");
  });

  it("checks the devicePathId pattern and its uniqueness in the environment", async () => {
    for (const bad of ["has space", "x".repeat(51), ""]) {
      const [d] = await rejected(minimalApp({ devicePathId: bad }));
      assert.equal(d.target, "devicePathId", bad);
    }
    await accepted(minimalApp({ devicePathId: "my-device_path1" }));
    const [dup] = await rejected(minimalApp({ devicePathId: "my-device_path1" }));
    assert.deepEqual([dup.code, dup.target], ["UNIQUENESS_VIOLATION", "devicePathId"]);
  });

  it("rejects values of the wrong JSON type", async () => {
    const found = await rejected(minimalApp({ enabled: "yes", parTimeout: 1.5, name: 7, redirectUris: "https://a.example.com" }));
    assert.deepEqual(found.map((d) => d.target).sort(), ["enabled", "name", "parTimeout", "redirectUris"]);
    assert.ok(found.every((d) => d.code === "INVALID_VALUE"));
  });
});
