/**
 * Lifecycle semantics against the emulator: idempotent applies, set-valued arrays and server
 * defaults, replace triggers, carry-over of unmanaged settings on PUT, resets of removed fields,
 * drift on read, 404 handling on read and delete.
 */
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator";
import type { ApplicationLifecycle } from "../../provider/application/lifecycle";
import { SEED_001, SEED_002 } from "../fixtures/seeds";
import { checked, lifecycleFor, totalRequests, withEmulator } from "../helpers/emulator";
import { coded } from "../helpers/errors";

type Props = Record<string, unknown>;

describe("Application lifecycle", () => {
  let emulator: RunningEmulator;
  let provider: ApplicationLifecycle;

  before(async () => {
    emulator = await withEmulator({ environmentIds: ["0a6c5a1e-6f5e-4f43-9d45-3b1c43c2a001", "0a6c5a1e-6f5e-4f43-9d45-3b1c43c2a002"] });
    provider = lifecycleFor(emulator);
  });
  after(() => emulator.close());

  async function create(news: Props): Promise<{ id: string; inputs: Props; outs: Props }> {
    const inputs = await checked(provider, news);
    const result = await provider.create(inputs);
    return { id: result.id, inputs, outs: result.outs };
  }

  it("a second identical apply sends zero requests: check and diff find no change", async () => {
    const { id, inputs, outs } = await create({ ...SEED_001.body, __autoname: "web" });
    emulator.resetCounters();
    const again = await checked(provider, { ...SEED_001.body, __autoname: "web" }, inputs);
    const diff = await provider.diff(id, outs, again);
    assert.equal(diff.changes, false);
    assert.equal(totalRequests(emulator), 0);
  });

  it("PingOne's reversed arrays and server defaults produce no diff; reordering and duplicates in the program neither", async () => {
    const { id, inputs, outs } = await create({ ...SEED_001.body, __autoname: "web2" });
    assert.deepEqual(outs.grantTypes, ["REFRESH_TOKEN", "AUTHORIZATION_CODE"], "the emulator reverses the request's order");
    assert.equal(outs.pkceEnforcement, "OPTIONAL", "server default present in state");
    const reordered = await checked(
      provider,
      { ...SEED_001.body, grantTypes: ["REFRESH_TOKEN", "AUTHORIZATION_CODE", "REFRESH_TOKEN"], __autoname: "web2" },
      inputs,
    );
    assert.equal((await provider.diff(id, outs, reordered)).changes, false);
    const defaultsSpelledOut = await checked(provider, { ...SEED_001.body, pkceEnforcement: "OPTIONAL", parTimeout: 60, __autoname: "web2" }, inputs);
    assert.equal((await provider.diff(id, outs, defaultsSpelledOut)).changes, false, "setting a default explicitly is not a change");
  });

  it("auto-names once and keeps the name; an explicit name is used as given", async () => {
    const first = await checked(provider, { ...SEED_002.body, name: undefined, __autoname: "spa" });
    assert.match(String(first.name), /^spa-[0-9a-f]{7}$/);
    const second = await checked(provider, { ...SEED_002.body, name: undefined, __autoname: "spa" }, first);
    assert.equal(second.name, first.name);
    const explicit = await checked(provider, { ...SEED_002.body, name: "Mine", __autoname: "spa" }, first);
    assert.equal(explicit.name, "Mine");
    assert.equal(first.protocol, "OPENID_CONNECT");
    assert.equal(first.environmentId, emulator.environmentId, "environmentId defaults to the provider's");
  });

  it("changing type, protocol or environmentId replaces; other changes update in place; provider code alone is no change", async () => {
    const { id, inputs, outs } = await create({ ...SEED_001.body, __autoname: "rep" });
    const diffOf = async (patch: Props) => provider.diff(id, outs, await checked(provider, { ...SEED_001.body, ...patch, __autoname: "rep" }, inputs));
    assert.deepEqual((await diffOf({ type: "CUSTOM_APP" })).replaces, ["type"]);
    assert.deepEqual((await diffOf({ environmentId: emulator.environmentIds[1] })).replaces, ["environmentId"]);
    const inPlace = await diffOf({ tokenEndpointAuthMethod: "CLIENT_SECRET_POST" });
    assert.equal(inPlace.changes, true);
    assert.deepEqual(inPlace.replaces, []);
    const newCode = await diffOf({ __provider: "exports.handler = () => ({}) // v2" });
    assert.equal(newCode.changes, false);
  });

  it("update keeps settings PingOne holds but the user does not manage (signing.keyRotationPolicy, #1326)", async () => {
    const { id, inputs, outs } = await create({ ...SEED_001.body, __autoname: "krp" });
    const customPolicy = "5f1c0de7-2b0a-4b8e-9a53-0d6c1f2a7b11";
    emulator.mutateApplication(emulator.environmentId, id, { signing: { keyRotationPolicy: { id: customPolicy } } });
    const refreshed = (await provider.read(id, outs)).props;
    const news = await checked(provider, { ...SEED_001.body, description: "changed", __autoname: "krp" }, inputs);
    const { outs: updated } = await provider.update(id, refreshed, news);
    assert.deepEqual(updated.signing, { keyRotationPolicy: { id: customPolicy } });
    const stored = emulator.applications().find((a) => a.id === id) as Props;
    assert.deepEqual(stored.signing, { keyRotationPolicy: { id: customPolicy } }, "PingOne still holds the custom policy");
    assert.equal(stored.description, "changed");
  });

  it("a removed field goes back to PingOne's default; refreshTokenDuration, which PingOne cannot clear, is kept", async () => {
    const { id, inputs, outs } = await create({ ...SEED_002.body, pkceEnforcement: "S256_REQUIRED", parTimeout: 120, __autoname: "rm" });
    const { pkceEnforcement: _p, parTimeout: _t, refreshTokenDuration: _d, refreshTokenRollingDuration: _r, ...rest } = SEED_002.body;
    const news = await checked(provider, { ...rest, __autoname: "rm" }, inputs);
    const diff = await provider.diff(id, outs, news);
    assert.deepEqual(diff.changes, true);
    const { outs: updated } = await provider.update(id, outs, news);
    const after = updated;
    assert.equal(after.pkceEnforcement, "OPTIONAL", "reset to PingOne's default");
    assert.equal(after.parTimeout, 60, "reset to PingOne's default");
    assert.equal(after.refreshTokenDuration, 86400, "kept: PingOne refuses to nullify it");
    assert.equal(after.refreshTokenRollingDuration, 86400);
    const settled = await checked(provider, { ...rest, __autoname: "rm" }, news);
    assert.equal((await provider.diff(id, after, settled)).changes, false, "and then it is settled");
  });

  it("read reports drift made out of band, and a later diff plans the repair", async () => {
    const { id, inputs, outs } = await create({ ...SEED_001.body, __autoname: "drift" });
    emulator.mutateApplication(emulator.environmentId, id, { tokenEndpointAuthMethod: "CLIENT_SECRET_POST", redirectUris: ["https://evil.example/cb"] });
    const read = await provider.read(id, outs);
    const props = read.props;
    assert.equal(read.id, id);
    assert.equal(props.tokenEndpointAuthMethod, "CLIENT_SECRET_POST");
    const diff = await provider.diff(id, props, await checked(provider, { ...SEED_001.body, __autoname: "drift" }, inputs));
    assert.equal(diff.changes, true);
  });

  it("read of a deleted app returns an empty id so the engine drops it; delete of a missing app succeeds", async () => {
    const { id, outs } = await create({ ...SEED_001.body, __autoname: "gone" });
    assert.ok(emulator.deleteApplicationOutOfBand(emulator.environmentId, id));
    const read = await provider.read(id, outs);
    assert.equal(read.id, "");
    await provider.delete(id, outs);
  });

  it("delete removes the app with one DELETE", async () => {
    const { id, outs } = await create({ ...SEED_002.body, __autoname: "del" });
    emulator.resetCounters();
    await provider.delete(id, outs);
    assert.equal(
      emulator.applications().some((a) => a.id === id),
      false,
    );
    assert.equal(emulator.counters().byRoute["DELETE /v1/environments/{envId}/applications/{appId}"], 1);
  });

  it("switching from NONE to a shared-secret method reads the secret; clientSecret is only output for shared-secret methods", async () => {
    const { id, inputs, outs } = await create({ ...SEED_002.body, __autoname: "sw" });
    assert.equal(outs.clientSecret, undefined);
    const news = await checked(provider, { ...SEED_002.body, tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC", __autoname: "sw" }, inputs);
    const { outs: updated } = await provider.update(id, outs, news);
    assert.equal(typeof updated.clientSecret, "string");
  });

  it("adoptId brings an existing app under management with one GET and one PUT, keeping what the user does not set", async () => {
    const existing = await create({ ...SEED_001.body, name: "Made-By-Hand", description: "kept", __autoname: "hand" });
    emulator.resetCounters();
    const { description: _unmanaged, ...withoutDescription } = SEED_001.body;
    const inputs = await checked(provider, {
      ...withoutDescription,
      name: "Made-By-Hand",
      tokenEndpointAuthMethod: "CLIENT_SECRET_POST",
      adoptId: existing.id,
      __autoname: "adopted",
    });
    const { id, outs } = await provider.create(inputs);
    assert.equal(id, existing.id);
    const byRoute = emulator.counters().byRoute;
    assert.equal(byRoute["POST /v1/environments/{envId}/applications"], undefined, "no POST");
    assert.equal(byRoute["PUT /v1/environments/{envId}/applications/{appId}"], 1);
    assert.equal(outs.tokenEndpointAuthMethod, "CLIENT_SECRET_POST");
    assert.equal(outs.description, "kept", "unmanaged settings are carried over");
    assert.equal((await provider.diff(id, outs, inputs)).changes, false, "adoptId itself is never a difference");
    const wrongType = await checked(provider, { ...SEED_001.body, type: "NATIVE_APP", adoptId: existing.id, __autoname: "adopted2" });
    await assert.rejects(provider.create(wrongType), coded("ERR_INVALID_INPUT", /cannot change an application's type/));
  });

  it("a removed field PingOne does not re-default on PUT is sent with its default (replay protection back on)", async () => {
    const { id, inputs, outs } = await create({ ...SEED_001.body, additionalRefreshTokenReplayProtectionEnabled: false, __autoname: "rtr" });
    assert.equal(outs.additionalRefreshTokenReplayProtectionEnabled, false);
    const news = await checked(provider, { ...SEED_001.body, description: "edited", __autoname: "rtr" }, inputs);
    const { outs: updated } = await provider.update(id, outs, news);
    assert.equal(updated.additionalRefreshTokenReplayProtectionEnabled, true, "PingOne's default, not absent (= false)");
  });

  it("a key removed inside an object is a change, and the PUT drops it", async () => {
    const group = { type: "ANY_GROUP", groups: [{ id: "5f1c0de7-2b0a-4b8e-9a53-0d6c1f2a7b11" }] };
    const { id, inputs, outs } = await create({ ...SEED_001.body, accessControl: { role: { type: "ADMIN_USERS_ONLY" }, group }, __autoname: "nested" });
    const news = await checked(provider, { ...SEED_001.body, accessControl: { group }, __autoname: "nested" }, inputs);
    const diff = await provider.diff(id, outs, news);
    assert.deepEqual(diff.changes, true);
    const { outs: updated } = await provider.update(id, outs, news);
    assert.deepEqual(updated.accessControl, { group });
    const settled = await checked(provider, { ...SEED_001.body, accessControl: { group }, __autoname: "nested" }, news);
    assert.equal((await provider.diff(id, updated, settled)).changes, false);
  });

  it("an empty set is the same as no set: no perpetual diff", async () => {
    const cors = { behavior: "ALLOW_NO_ORIGINS", origins: [] };
    const { id, inputs, outs } = await create({ ...SEED_001.body, corsSettings: cors, postLogoutRedirectUris: [], __autoname: "empty" });
    const again = await checked(provider, { ...SEED_001.body, corsSettings: cors, postLogoutRedirectUris: [], __autoname: "empty" }, inputs);
    assert.equal((await provider.diff(id, outs, again)).changes, false);
  });

  it("a replacement that carries a value unique in the environment deletes the old app first", async () => {
    const device = {
      ...SEED_001.body,
      type: "CUSTOM_APP",
      grantTypes: ["DEVICE_CODE"],
      responseTypes: undefined,
      redirectUris: undefined,
      tokenEndpointAuthMethod: "NONE",
      devicePathId: "tv-login",
      __autoname: "tv",
    };
    const { id, inputs, outs } = await create(device);
    const news = await checked(provider, { ...device, type: "NATIVE_APP" }, inputs);
    const diff = await provider.diff(id, outs, news);
    assert.deepEqual(diff.replaces, ["type"]);
    assert.equal(diff.deleteBeforeReplace, true);
    const plain = await checked(provider, { ...SEED_001.body, __autoname: "plain" });
    const plainCreated = await provider.create(plain);
    const plainDiff = await provider.diff(
      plainCreated.id,
      plainCreated.outs,
      await checked(provider, { ...SEED_001.body, type: "CUSTOM_APP", __autoname: "plain" }, plain),
    );
    assert.equal(plainDiff.deleteBeforeReplace, false, "otherwise the new app is created first");
  });

  it("the state keeps no second copy of PingOne's links or environment: environmentId and secretLink carry them, through create, read, update and an exposeSecret-only update", async () => {
    const { id, inputs, outs } = await create({ ...SEED_001.body, __autoname: "lean" });
    const held = emulator.applications().find((a) => a.id === id) as { _links: { secret: { href: string } }; environment: { id: string } };
    const expected = { environmentId: held.environment.id, secretLink: held._links.secret.href };
    const read = await provider.read(id, outs);
    const updated = await provider.update(id, outs, await checked(provider, { ...SEED_001.body, description: "v2", __autoname: "lean" }, inputs));
    const toggled = await provider.update(
      id,
      updated.outs,
      await checked(provider, { ...SEED_001.body, description: "v2", exposeSecret: false, __autoname: "lean" }, inputs),
    );
    for (const [what, props] of [
      ["create", outs],
      ["read", read.props],
      ["update", updated.outs],
      ["exposeSecret update", toggled.outs],
    ] as const) {
      assert.equal("_links" in props, false, `${what}: no _links in the outputs`);
      assert.equal("environment" in props, false, `${what}: no environment object in the outputs`);
      assert.deepEqual({ environmentId: props.environmentId, secretLink: props.secretLink }, expected, `${what}: environmentId and secretLink`);
    }
  });

  it("the managed properties' digests are one value in the state; the object form of earlier versions reads the same, and a refresh keeps it", async () => {
    const { id, inputs, outs } = await create({ ...SEED_001.body, __autoname: "digests" });
    const recorded = outs.__managedFields;
    assert.equal(typeof recorded, "string", "one string, not an object of one entry per property");
    const pairs = (recorded as string).split(",").map((pair): [string, string] => {
      const [key = "", value = ""] = pair.split(":");
      return [key, value];
    });
    assert.deepEqual(
      pairs.map(([key]) => key),
      Object.keys({ ...SEED_001.body, environmentId: inputs.environmentId }).sort(),
    );
    assert.ok(
      pairs.every(([, value]) => /^[0-9a-f]{16}$/.test(value)),
      recorded as string,
    );
    // The same record as an object (what earlier versions wrote): no change, and a change is still seen.
    const older = { ...outs, __managedFields: Object.fromEntries(pairs) };
    emulator.resetCounters();
    assert.equal((await provider.diff(id, older, inputs)).changes, false);
    const changed = await checked(provider, { ...SEED_001.body, description: "v2", __autoname: "digests" }, inputs);
    assert.equal((await provider.diff(id, older, changed)).changes, true, "a changed description is a change");
    const typeChanged = await checked(
      provider,
      { ...SEED_001.body, type: "SINGLE_PAGE_APP", tokenEndpointAuthMethod: "NONE", grantTypes: ["AUTHORIZATION_CODE"], __autoname: "digests" },
      inputs,
    );
    assert.deepEqual((await provider.diff(id, older, typeChanged)).replaces, ["type"]);
    const { redirectUris: _dropped, ...withoutRedirects } = SEED_001.body;
    const removed = await checked(provider, { ...withoutRedirects, __autoname: "digests" }, inputs);
    assert.equal((await provider.diff(id, older, removed)).changes, true, "a property no longer set is a change");
    assert.equal(totalRequests(emulator), 0);
    const refreshed = await provider.read(id, older);
    assert.deepEqual(refreshed.props.__managedFields, older.__managedFields, "a refresh reports no change of form");
    const updated = await provider.update(id, older, changed);
    assert.equal(typeof updated.outs.__managedFields, "string", "an update writes the one-string form");
  });

  it("an adopted app keeps its PingOne name when the program sets none", async () => {
    const existing = await create({ ...SEED_001.body, name: "Legacy Portal", __autoname: "legacy-src" });
    const { name: _name, ...withoutName } = SEED_001.body;
    const inputs = await checked(provider, { ...withoutName, adoptId: existing.id, __autoname: "legacy" });
    assert.equal(inputs.name, undefined);
    const { outs: adopted } = await provider.create(inputs);
    assert.equal(adopted.name, "Legacy Portal");
  });
});
