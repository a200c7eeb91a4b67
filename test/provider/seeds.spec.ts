/**
 * Each seed scenario through the provider against the emulator over real HTTP: 001 and 002
 * create, 000 → 003 → 004 each update the shared web app created before them. The request on the
 * wire carries the seed's body, and the outputs carry the seed's response fields.
 */
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator";
import { SEED_000, SEED_001, SEED_002, SEED_003, SEED_004, SHARED_WEB_APP_INITIAL, type SeedScenario } from "../fixtures/seeds";
import { checked, useEmulatorProvider } from "../helpers/emulator";

function lastBody(emulator: RunningEmulator, method: string): Record<string, unknown> {
  const entry = [...emulator.requestLog()].reverse().find((r) => r.method === method && /\/applications(\/[^/]+)?$/.test(r.path));
  assert.ok(entry, `no ${method} on the wire`);
  return entry.body as Record<string, unknown>;
}

function assertCarries(actual: Record<string, unknown>, expected: Record<string, unknown>, what: string): void {
  for (const [key, value] of Object.entries(expected)) assert.deepEqual(actual[key], value, `${what}: ${key}`);
}

describe("seed scenarios through the provider", () => {
  const shared = useEmulatorProvider();

  for (const seed of [SEED_001, SEED_002]) {
    it(`seed ${seed.seed}: creates with the seed's body and outputs the seed's response`, async () => {
      const inputs = await checked(shared.provider, { ...seed.body, __autoname: `seed${seed.seed}` });
      const { id, outs } = await shared.provider.create(inputs);
      assert.deepEqual(lastBody(shared.emulator, "POST"), seed.body, "POST body is the seed's body");
      const outputs = outs as Record<string, unknown>;
      assertCarries(outputs, seed.response, `seed ${seed.seed} outputs`);
      assert.equal(outputs.id, id);
      assert.equal(outputs.clientId, id, "PingOne uses the app id as client id");
      assert.equal(outputs.environmentId, shared.emulator.environmentId);
      assert.equal(outputs.secretLink, `${shared.emulator.apiUrl}/environments/${shared.emulator.environmentId}/applications/${id}/secret`);
      const stored = shared.emulator.applications().find((a) => a.id === id);
      assert.ok(stored, "the app exists in the shared.emulator");
      if (seed.body.tokenEndpointAuthMethod === "NONE") {
        assert.equal(outputs.clientSecret, undefined, "a public client has no secret output");
      } else {
        assert.equal(typeof outputs.clientSecret, "string");
        assert.ok((outputs.clientSecret as string).length >= 64);
      }
    });
  }

  it("seeds 000 → 003 → 004: each updates the shared web app with one PUT carrying the seed's body", async () => {
    const created = await shared.provider.create(await checked(shared.provider, { ...SHARED_WEB_APP_INITIAL, __autoname: "shared" }));
    let state = created.outs as Record<string, unknown>;
    const initialSecret = state.clientSecret;
    let olds = await checked(shared.provider, { ...SHARED_WEB_APP_INITIAL, __autoname: "shared" });
    for (const seed of [SEED_000, SEED_003, SEED_004] as SeedScenario[]) {
      const news = await checked(shared.provider, { ...seed.body, __autoname: "shared" }, olds);
      const diff = await shared.provider.diff(created.id, state, news);
      assert.equal(diff.changes, true, `seed ${seed.seed} is a change`);
      assert.deepEqual(diff.replaces, [], `seed ${seed.seed} is an in-place update`);
      shared.emulator.resetCounters();
      const { outs } = await shared.provider.update(created.id, state, news);
      const puts = shared.emulator.requestLog().filter((r) => r.method === "PUT");
      assert.equal(puts.length, 1, `seed ${seed.seed}: exactly one PUT`);
      assertCarries(puts[0].body as Record<string, unknown>, { ...seed.body }, `seed ${seed.seed} PUT body`);
      state = outs;
      assertCarries(state, seed.response, `seed ${seed.seed} outputs`);
      assert.equal(state.clientId, created.id);
      assert.equal(state.clientSecret, initialSecret, "a PUT does not rotate the secret");
      olds = news;
    }
  });
});
