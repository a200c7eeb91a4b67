/**
 * SAML applications in the emulator: stored when they carry PingOne's required SAML settings,
 * refused otherwise, listed, read, replaced and deleted like any application, and never given
 * OIDC defaults. Enough for an environment to hold one, as `pulumi-pingone adopt` meets it.
 */
import { strict as assert } from "node:assert";
import { HAND_MADE_APPS } from "../fixtures/adopt";
import { details, str, withEmulator, type TestClient } from "./helpers";

/** The hand-made environment's SAML app (test/fixtures/adopt.ts). */
const SAML_APP = HAND_MADE_APPS.saml;

describe("emulator: SAML applications", () => {
  let client: TestClient;
  before(async () => {
    client = await withEmulator();
  });
  after(() => client.emu.close());

  it("a create with the required SAML settings is stored as sent, without OIDC defaults, and listed", async () => {
    const created = await client.create(SAML_APP);
    assert.equal(created.status, 201);
    const id = str(created.body?.id);
    const read = await client.get(id);
    assert.equal(read.status, 200);
    for (const [key, value] of Object.entries(SAML_APP)) assert.deepEqual(read.body?.[key], value, key);
    for (const oidc of ["pkceEnforcement", "grantTypes", "signing", "tokenEndpointAuthMethod"]) assert.equal(read.body?.[oidc], undefined, oidc);
    const listed = (await client.call("GET", client.appsUrl())).body?._embedded as { applications: { id: string; protocol: string }[] };
    assert.deepEqual(
      listed.applications.filter((a) => a.id === id).map((a) => a.protocol),
      ["SAML"],
    );
  });

  it("each missing required setting is PingOne's REQUIRED_VALUE, and a bad one INVALID_VALUE", async () => {
    const missing = await client.create({ name: "x", enabled: true, type: "WEB_APP", protocol: "SAML" });
    assert.equal(missing.status, 400);
    assert.deepEqual(
      details(missing.body)
        .map((d) => [d.code, d.target])
        .sort(),
      [
        ["REQUIRED_VALUE", "acsUrls"],
        ["REQUIRED_VALUE", "assertionDuration"],
        ["REQUIRED_VALUE", "spEntityId"],
      ],
    );
    const bad = await client.create({ ...SAML_APP, acsUrls: [], assertionDuration: 0 });
    assert.deepEqual(
      details(bad.body)
        .map((d) => [d.code, d.target])
        .sort(),
      [
        ["INVALID_VALUE", "acsUrls"],
        ["INVALID_VALUE", "assertionDuration"],
      ],
    );
  });

  it("a PUT replaces it; its protocol cannot change; DELETE removes it", async () => {
    const id = await client.createId({ ...SAML_APP, spEntityId: "urn:example:replaced" });
    const replaced = await client.put(id, { ...SAML_APP, spEntityId: "urn:example:replaced", assertionDuration: 60 });
    assert.equal(replaced.status, 200);
    assert.equal(replaced.body?.assertionDuration, 60);
    const moved = await client.put(id, {
      name: "x",
      enabled: true,
      type: "WEB_APP",
      protocol: "OPENID_CONNECT",
      grantTypes: ["CLIENT_CREDENTIALS"],
      tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
    });
    assert.equal(moved.status, 400);
    assert.equal((await client.call("DELETE", `${client.appsUrl()}/${id}`)).status, 204);
  });
});
