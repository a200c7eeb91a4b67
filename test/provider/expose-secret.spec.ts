/**
 * `exposeSecret: false` keeps the client secret out of Pulumi: no secret GET on create or refresh,
 * no `clientSecret` in the outputs, and switching it costs no PUT.
 */
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator";
import type { ApplicationLifecycle } from "../../provider/application/lifecycle";
import { SEED_001 } from "../fixtures/seeds";
import { checked, lifecycleFor, withEmulator } from "../helpers/emulator";

const SECRET_GET = "GET /v1/environments/{envId}/applications/{appId}/secret";
const APP_PUT = "PUT /v1/environments/{envId}/applications/{appId}";

describe("Application exposeSecret", () => {
  let emulator: RunningEmulator;
  let provider: ApplicationLifecycle;

  before(async () => {
    emulator = await withEmulator();
  });
  after(() => emulator.close());
  beforeEach(() => {
    provider = lifecycleFor(emulator);
    emulator.resetCounters();
  });

  const routes = (): Record<string, number> => emulator.counters().byRoute;

  it("false: create and refresh never read the secret, and the outputs hold none", async () => {
    const inputs = await checked(provider, { ...SEED_001.body, name: "hidden", __autoname: "hidden", exposeSecret: false });
    const created = await provider.create(inputs);
    assert.equal(routes()[SECRET_GET] ?? 0, 0, "no secret GET on create");
    assert.equal(created.outs.clientSecret, undefined);
    assert.equal(created.outs.exposeSecret, false);
    assert.match(String(created.outs.secretLink), /\/applications\/[0-9a-f-]{36}\/secret$/, "the secret's URL is still there");
    assert.equal(emulator.applications().find((a) => a.id === created.id)?.exposeSecret, undefined, "never sent to PingOne");

    const refreshed = await provider.read(created.id, created.outs);
    assert.equal(routes()[SECRET_GET] ?? 0, 0, "no secret GET on refresh");
    assert.equal(refreshed.props.clientSecret, undefined);
    assert.equal((await provider.diff(created.id, refreshed.props, inputs)).changes, false);
  });

  it("switching it is a change without a PUT: off drops the stored secret, on reads it once", async () => {
    const shown = await checked(provider, { ...SEED_001.body, name: "switch", __autoname: "switch" });
    const created = await provider.create(shown);
    assert.equal(typeof created.outs.clientSecret, "string");

    const hidden = await checked(provider, { ...shown, exposeSecret: false }, shown);
    assert.equal((await provider.diff(created.id, created.outs, hidden)).changes, true);
    emulator.resetCounters();
    const off = await provider.update(created.id, created.outs, hidden);
    assert.equal(off.outs.clientSecret, undefined);
    assert.deepEqual([routes()[APP_PUT] ?? 0, routes()[SECRET_GET] ?? 0], [0, 0], "no request at all");

    const back = await provider.update(created.id, off.outs, shown);
    assert.deepEqual([routes()[APP_PUT] ?? 0, routes()[SECRET_GET] ?? 0], [0, 1], "one secret GET, no PUT");
    assert.equal(back.outs.clientSecret, created.outs.clientSecret);
    assert.equal(back.outs.exposeSecret, undefined);
  });

  it("a state written before the setting existed reads as exposed: no difference", async () => {
    const inputs = await checked(provider, { ...SEED_001.body, name: "legacy", __autoname: "legacy" });
    const created = await provider.create(inputs);
    assert.equal("exposeSecret" in created.outs, false);
    assert.equal((await provider.diff(created.id, created.outs, inputs)).changes, false);
  });

  it("is checked as a boolean", async () => {
    const result = await provider.check({}, { ...SEED_001.body, __autoname: "bad", exposeSecret: "no" });
    assert.ok(result.failures.some((f) => /exposeSecret is "no"; allowed values: true, false/.test(f.reason)));
  });
});
