import { strict as assert } from "node:assert";
import { details, minimalApp, withEmulator, type TestClient, str } from "./helpers";
import { SEED_001_REQUEST } from "./seeds";

describe("emulator: PUT is a full replacement", () => {
  let client: TestClient;
  beforeEach(async () => {
    client = await withEmulator();
  });
  afterEach(() => client.emu.close());

  it("answers 200 with the full body, clientId, the same createdAt and a later updatedAt", async () => {
    const created = (await client.create(SEED_001_REQUEST)).body!;
    const id = str(created.id);
    const res = await client.put(id, { ...SEED_001_REQUEST, description: "changed", tokenEndpointAuthMethod: "CLIENT_SECRET_POST" });
    assert.equal(res.status, 200);
    assert.equal(res.body?.description, "changed");
    assert.equal(res.body?.tokenEndpointAuthMethod, "CLIENT_SECRET_POST");
    assert.equal(res.body?.clientId, id);
    assert.equal(res.body?.createdAt, created.createdAt);
    assert.ok(Date.parse(str(res.body?.updatedAt)) > Date.parse(str(created.updatedAt)), "updatedAt moves forward");
    assert.deepEqual((await client.get(id)).body, res.body, "GET sees what PUT answered");
  });

  it("resets fields that are not sent to their defaults or removes them", async () => {
    const id = await client.createId(
      minimalApp({
        description: "to be dropped",
        pkceEnforcement: "S256_REQUIRED",
        parTimeout: 120,
        hiddenFromAppPortal: true,
        postLogoutRedirectUris: ["https://app.example.com/bye"],
        includeX5t: true,
      }),
    );
    const res = await client.put(id, minimalApp());
    assert.equal(res.status, 200);
    assert.equal(res.body?.pkceEnforcement, "OPTIONAL");
    assert.equal(res.body?.parTimeout, 60);
    // Seeds 000/003/004: a PUT that omits these gets no create-time default back (absent = false).
    for (const gone of ["description", "postLogoutRedirectUris", "includeX5t", "hiddenFromAppPortal", "additionalRefreshTokenReplayProtectionEnabled"]) {
      assert.equal(gone in (res.body ?? {}), false, `${gone} should be removed`);
    }
  });

  it("resets signing to the environment's default key rotation policy when a PUT omits it (issue #1326)", async () => {
    const custom = "11111111-2222-4333-8444-555555555555";
    const id = await client.createId(minimalApp({ signing: { keyRotationPolicy: { id: custom } } }));
    const kept = await client.put(id, minimalApp({ signing: { keyRotationPolicy: { id: custom } } }));
    assert.deepEqual(kept.body?.signing, { keyRotationPolicy: { id: custom } });
    const reset = await client.put(id, minimalApp({ description: "unrelated change" }));
    assert.equal(reset.status, 200);
    assert.deepEqual(reset.body?.signing, { keyRotationPolicy: { id: client.emu.defaultKeyRotationPolicyId() } });
    assert.notEqual(client.emu.defaultKeyRotationPolicyId(), custom);
  });

  it("refuses to nullify refreshTokenDuration / refreshTokenRollingDuration once set", async () => {
    const id = await client.createId(minimalApp({ refreshTokenDuration: 86400, refreshTokenRollingDuration: 172800 }));
    const res = await client.put(id, minimalApp({ refreshTokenRollingDuration: 172800 }));
    assert.equal(res.status, 400);
    assert.equal(res.body?.code, "INVALID_DATA");
    assert.equal(res.body?.message, "Once specified, refreshTokenDuration cannot be nullified");
    assert.deepEqual(
      details(res.body).map((d) => [d.target, d.message]),
      [["refreshTokenDuration", "Once specified, refreshTokenDuration cannot be nullified"]],
    );
    const both = await client.put(id, { ...minimalApp(), refreshTokenDuration: null });
    assert.equal(both.status, 400);
    assert.deepEqual(
      details(both.body)
        .map((d) => d.target)
        .sort(),
      ["refreshTokenDuration", "refreshTokenRollingDuration"],
    );
    // Nothing was changed by the refused PUTs; sending both keeps working.
    const ok = await client.put(id, minimalApp({ refreshTokenDuration: 3600, refreshTokenRollingDuration: 172800 }));
    assert.equal(ok.status, 200);
    assert.equal(ok.body?.refreshTokenDuration, 3600);
  });

  it("ignores assignActorRoles on PUT (it is honoured on POST only)", async () => {
    const created = await client.create(minimalApp({ type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], assignActorRoles: true }));
    assert.equal(created.body?.assignActorRoles, true);
    const id = str(created.body?.id);
    const res = await client.put(id, minimalApp({ type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], assignActorRoles: false }));
    assert.equal(res.status, 200);
    assert.equal(res.body?.assignActorRoles, true);
    const omitted = await client.put(id, minimalApp({ type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"] }));
    assert.equal(omitted.body?.assignActorRoles, true);
  });

  it("requires name, type and protocol, and refuses a changed type (target type)", async () => {
    const id = await client.createId(minimalApp());
    const missing = await client.put(id, { grantTypes: ["AUTHORIZATION_CODE"], tokenEndpointAuthMethod: "NONE" });
    assert.equal(missing.status, 400);
    assert.deepEqual(
      details(missing.body)
        .filter((d) => d.code === "REQUIRED_VALUE")
        .map((d) => d.target)
        .sort(),
      ["name", "protocol", "type"],
    );
    const changed = await client.put(id, minimalApp({ type: "NATIVE_APP" }));
    assert.equal(changed.status, 400);
    assert.deepEqual(
      details(changed.body).map((d) => d.target),
      ["type"],
    );
    assert.equal((await client.get(id)).body?.type, "WEB_APP");
  });
});
