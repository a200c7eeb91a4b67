/**
 * ApplicationSecret against the emulator over HTTP: what each lifecycle step sends (counted by
 * the emulator), check failures with no request, rotation with an overlap, reconciliation of a
 * rotation whose outcome is unknown, revocation, refresh and the clock's test hook.
 */
import { strict as assert } from "node:assert";
import { pingOneEnvironment, type RunningEmulator } from "../../emulator";
import { clearTokenCache } from "../../provider/http/client";
import { TEST_NOW_VARIABLE } from "../../provider/kernel/clock";
import { ResourceInitError } from "../../provider/kernel/errors";
import { PENDING_ROTATION_KEY } from "../../provider/application-secret/rotation";
import { ApplicationSecretLifecycle } from "../../provider/application-secret/lifecycle";
import { RecordedSleeps, withEmulator } from "../helpers/emulator";
import { HostileProxy, OTHER_ENVIRONMENT_ID } from "../helpers/hostile-proxy";
import { assertCoded, coded, rejectionOf } from "../helpers/errors";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse("2031-06-01T00:00:00.000Z");
const SECRET_ROUTE = "/v1/environments/{envId}/applications/{appId}/secret";

type Outputs = Record<string, unknown>;

describe("ApplicationSecret provider", function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let now = START;
  let env: NodeJS.ProcessEnv;
  let provider: ApplicationSecretLifecycle;

  before(async () => {
    emulator = await withEmulator({ clock: () => now });
  });
  after(() => emulator.close());
  beforeEach(() => {
    setNow(START);
    emulator.clearFaults();
    clearTokenCache();
    env = { ...pingOneEnvironment(emulator), [TEST_NOW_VARIABLE]: new Date(START).toISOString() };
    // The env object is read at call time, so moving the clock moves the provider's clock too.
    provider = new ApplicationSecretLifecycle({ env, clientOptions: { sleep: new RecordedSleeps().sleep } });
  });

  function setNow(ms: number): void {
    now = ms;
    if (env) env[TEST_NOW_VARIABLE] = new Date(ms).toISOString();
    // Worker tokens expire with the emulator's clock; a real process would have renewed its own.
    clearTokenCache();
  }

  /** `${method} …/secret` requests since the last reset, and how many other API requests (token requests aside). */
  function secretRequests(): { GET: number; POST: number; DELETE: number; other: number } {
    const { byRoute, total } = emulator.counters();
    const counts = { GET: byRoute[`GET ${SECRET_ROUTE}`] ?? 0, POST: byRoute[`POST ${SECRET_ROUTE}`] ?? 0, DELETE: byRoute[`DELETE ${SECRET_ROUTE}`] ?? 0 };
    const tokens = byRoute["POST /{envId}/as/token"] ?? 0;
    return { ...counts, other: total - tokens - counts.GET - counts.POST - counts.DELETE };
  }

  /** A worker application made through the API, as a console user would, and its current secret. */
  async function newApplication(): Promise<string> {
    const token = await workerToken();
    const response = await fetch(`${emulator.apiUrl}/environments/${emulator.environmentId}/applications`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        name: `svc-${Math.random().toString(16).slice(2, 8)}`,
        type: "WORKER",
        protocol: "OPENID_CONNECT",
        grantTypes: ["CLIENT_CREDENTIALS"],
        tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
      }),
    });
    assert.equal(response.status, 201);
    return ((await response.json()) as { id: string }).id;
  }

  async function workerToken(): Promise<string> {
    const response = await fetch(`${emulator.authUrl}/${emulator.environmentId}/as/token`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Authorization: `Basic ${Buffer.from(`${emulator.clientId}:${emulator.clientSecret}`).toString("base64")}`,
      },
      body: "grant_type=client_credentials",
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  /** PingOne's view of the secret, read by hand. */
  async function stored(appId: string): Promise<{ secret: string; previous?: { secret: string; expiresAt: string } }> {
    const response = await fetch(`${emulator.apiUrl}/environments/${emulator.environmentId}/applications/${appId}/secret`, {
      headers: { Authorization: `Bearer ${await workerToken()}` },
    });
    return (await response.json()) as { secret: string; previous?: { secret: string; expiresAt: string } };
  }

  async function rotateByHand(appId: string, body: unknown = {}): Promise<void> {
    const response = await fetch(`${emulator.apiUrl}/environments/${emulator.environmentId}/applications/${appId}/secret`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await workerToken()}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200);
  }

  async function checked(news: Outputs, olds: Outputs = {}): Promise<Outputs> {
    const result = await provider.check(olds, { __autoname: "svc-secret", ...news });
    assert.deepEqual(result.failures, []);
    return result.inputs;
  }

  async function created(args: Outputs): Promise<{ id: string; inputs: Outputs; outs: Outputs }> {
    const applicationId = await newApplication();
    const inputs = await checked({ applicationId, ...args });
    const result = await provider.create(inputs);
    return { id: result.id, inputs, outs: result.outs };
  }

  /** What the engine does on `up`: check, diff, and update when diff says so. */
  async function up(state: { id: string; inputs: Outputs; outs: Outputs }, args: Outputs): Promise<{ changed: boolean; inputs: Outputs; outs: Outputs }> {
    const inputs = await checked({ applicationId: state.outs.applicationId, ...args }, state.inputs);
    const decision = await provider.diff(state.id, state.outs, inputs);
    assert.deepEqual(decision.replaces, []);
    if (!decision.changes) return { changed: false, inputs, outs: state.outs };
    return { changed: true, inputs, outs: (await provider.update(state.id, state.outs, inputs)).outs };
  }

  describe("check: what PingOne would refuse is refused at preview, with no request", () => {
    const APP = "1c8b5e8e-4c2c-4bb0-9a4e-0d1f3c7b2a10";
    const cases: [string, Outputs, RegExp][] = [
      ["missing applicationId", {}, /applicationId is required; allowed: the id \(UUID\)/],
      ["a non-UUID applicationId", { applicationId: "my-app" }, /applicationId is "my-app"; allowed: the id \(UUID\)/],
      [
        "a bad duration",
        { applicationId: APP, previousSecretValidFor: "1 day" },
        /previousSecretValidFor is "1 day"; allowed: a duration such as "24h", "1h30m", "90d" \(units d, h, m, s\), from 1m to 30d/,
      ],
      ["an overlap under a minute", { applicationId: APP, previousSecretValidFor: "30s" }, /previousSecretValidFor is "30s"; allowed: 1m to 30d/],
      ["an overlap over 30 days", { applicationId: APP, previousSecretValidFor: "31d" }, /previousSecretValidFor is "31d"; allowed: 1m to 30d/],
      [
        "a time that is not RFC 3339",
        { applicationId: APP, previousSecretExpiresAt: "tomorrow" },
        /previousSecretExpiresAt is "tomorrow"; allowed: an RFC 3339 time/,
      ],
      [
        "both validFor and expiresAt",
        { applicationId: APP, previousSecretValidFor: "24h", previousSecretExpiresAt: "2031-06-02T00:00:00Z" },
        /previousSecretValidFor and previousSecretExpiresAt cannot both be set/,
      ],
      [
        "expiresAt with a rotation period",
        { applicationId: APP, rotationPeriod: "90d", previousSecretExpiresAt: "2031-06-02T00:00:00Z" },
        /previousSecretExpiresAt cannot be combined with rotationPeriod/,
      ],
      ["a bad rotation period", { applicationId: APP, rotationPeriod: "90" }, /rotationPeriod is "90"; allowed: a duration .* at least 1m/],
      [
        "revoke with an overlap",
        { applicationId: APP, revokePreviousSecret: true, previousSecretValidFor: "1h" },
        /revokePreviousSecret is true, so no previous secret may work/,
      ],
      ["a list as trigger", { applicationId: APP, rotateWhenChanged: ["a"] }, /rotateWhenChanged is \["a"\]; allowed: a map of values/],
      [
        "a typo",
        { applicationId: APP, rotationPeriode: "90d" },
        /rotationPeriode is not a property of pingone:ApplicationSecret; allowed properties: applicationId, environmentId, rotateWhenChanged/,
      ],
    ];
    for (const [what, news, expected] of cases) {
      it(`${what}`, async () => {
        emulator.resetCounters();
        const result = await provider.check({}, { __autoname: "svc-secret", ...news });
        assert.ok(
          result.failures.some((f) => expected.test(f.reason) && f.reason.startsWith('pingone:ApplicationSecret "svc-secret": ')),
          JSON.stringify(result.failures),
        );
        assert.equal(emulator.counters().total, 0, "no request");
      });
    }

    it("a fixed previousSecretExpiresAt is range-checked only in a run that rotates: a stale one never blocks other runs", async () => {
      const olds = await checked({ applicationId: APP, rotateWhenChanged: { v: "1" }, previousSecretExpiresAt: "2031-06-01T12:00:00Z" });
      setNow(START + 10 * DAY);
      const same = await provider.check(olds, { ...olds });
      assert.deepEqual(same.failures, [], "no rotation: the past time is not judged");
      const rotating = await provider.check(olds, { ...olds, rotateWhenChanged: { v: "2" } });
      assert.match(
        rotating.failures.map((f) => f.reason).join("\n"),
        /previousSecretExpiresAt \(2031-06-01T12:00:00Z\) is in the past at the rotation \(2031-06-11T00:00:00.000Z\); allowed: 1m to 30d after the rotation, PingOne's range for previous.expiresAt/,
      );
    });

    it("unknown values at preview are left alone", async () => {
      const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
      const result = await provider.check(
        {},
        { __autoname: "svc-secret", applicationId: unknown, rotationPeriod: unknown, previousSecretValidFor: unknown, rotateWhenChanged: { v: unknown } },
      );
      assert.deepEqual(result.failures, []);
    });
  });

  it("create adopts the application's current secret with one GET and rotates nothing", async () => {
    const appId = await newApplication();
    const before = await stored(appId);
    emulator.resetCounters();
    const result = await provider.create(await checked({ applicationId: appId, rotationPeriod: "90d", previousSecretValidFor: "24h" }));
    assert.equal(result.id, appId);
    assert.deepEqual(secretRequests(), { GET: 1, POST: 0, DELETE: 0, other: 0 });
    assert.equal(result.outs.secret, before.secret);
    assert.equal(result.outs.rotatedAt, new Date(START).toISOString());
    assert.equal(result.outs.previousSecret, undefined);
    assert.equal((await stored(appId)).secret, before.secret, "clients keep working");
  });

  it("create and update refuse the engine's unknown placeholder before any request, naming the property, as the other resources do", async () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const state = await created({ rotateWhenChanged: { v: "1" }, previousSecretValidFor: "24h" });
    emulator.resetCounters();
    await assert.rejects(provider.update(state.id, state.outs, { ...state.inputs, rotateWhenChanged: { v: unknown } }), (error: Error) => {
      assertCoded(error, "ERR_UNKNOWN_INPUT", '"svc-secret"');
      assert.match(error.message, /^pingone:ApplicationSecret "svc-secret": update application secret refused before any request: rotateWhenChanged\.v is /);
      return true;
    });
    await assert.rejects(
      provider.create({ ...state.inputs, applicationId: unknown }),
      coded("ERR_UNKNOWN_INPUT", '"svc-secret"', /create application secret refused before any request: applicationId is /),
    );
    assert.equal(emulator.counters().total, 0, "nothing was sent");
  });

  it("a changed rotateWhenChanged rotates with exactly one POST; the old secret stays valid for previousSecretValidFor", async () => {
    const state = await created({ rotateWhenChanged: { v: "1" }, previousSecretValidFor: "24h" });
    emulator.resetCounters();
    const same = await up(state, { rotateWhenChanged: { v: "1" }, previousSecretValidFor: "24h" });
    assert.equal(same.changed, false);
    assert.equal(emulator.counters().total, 0, "a no-op sends nothing");

    setNow(START + HOUR);
    const rotated = await up(state, { rotateWhenChanged: { v: "2" }, previousSecretValidFor: "24h" });
    assert.equal(rotated.changed, true);
    assert.deepEqual(secretRequests(), { GET: 0, POST: 1, DELETE: 0, other: 0 });
    const held = await stored(String(state.outs.applicationId));
    assert.equal(rotated.outs.secret, held.secret);
    assert.notEqual(rotated.outs.secret, state.outs.secret);
    assert.equal(rotated.outs.previousSecret, state.outs.secret);
    assert.equal(rotated.outs.previousExpiresAt, new Date(START + HOUR + DAY).toISOString());
    assert.equal(rotated.outs.rotatedAt, new Date(START + HOUR).toISOString());
    assert.deepEqual(held.previous, { secret: state.outs.secret, expiresAt: rotated.outs.previousExpiresAt });
  });

  it("rotationPeriod rotates on the first run after it elapses (clock injected), not before", async () => {
    const state = await created({ rotationPeriod: "2160h", previousSecretValidFor: "7d" });
    setNow(START + 90 * DAY - 1000);
    emulator.resetCounters();
    const early = await up(state, { rotationPeriod: "2160h", previousSecretValidFor: "7d" });
    assert.equal(early.changed, false);
    assert.equal(emulator.counters().total, 0);

    setNow(START + 90 * DAY);
    const due = await up(state, { rotationPeriod: "2160h", previousSecretValidFor: "7d" });
    assert.equal(due.changed, true);
    assert.equal(secretRequests().POST, 1);
    assert.equal(due.outs.rotatedAt, new Date(START + 90 * DAY).toISOString());
    const next = await up({ ...state, outs: due.outs }, { rotationPeriod: "2160h", previousSecretValidFor: "7d" });
    assert.equal(next.changed, false, "the period counts again from the rotation");
  });

  it("once the previous secret has expired: no difference, no error, and a refresh simply drops it", async () => {
    const state = await created({ rotateWhenChanged: { v: "1" }, previousSecretValidFor: "1h" });
    const rotated = await up(state, { rotateWhenChanged: { v: "2" }, previousSecretValidFor: "1h" });
    const after = { ...state, inputs: rotated.inputs, outs: rotated.outs };
    setNow(START + 2 * HOUR);
    emulator.resetCounters();
    assert.equal((await up(after, { rotateWhenChanged: { v: "2" }, previousSecretValidFor: "1h" })).changed, false);
    assert.equal(emulator.counters().total, 0);
    const refreshed = await provider.read(after.id, after.outs);
    assert.equal(refreshed.props.secret, rotated.outs.secret);
    assert.equal(refreshed.props.previousSecret, undefined);
    assert.equal(refreshed.props.previousExpiresAt, undefined);
    assert.equal((await up({ ...after, outs: refreshed.props }, { rotateWhenChanged: { v: "2" }, previousSecretValidFor: "1h" })).changed, false);
  });

  it("refresh after an out-of-band rotation shows the new secret and plans nothing", async () => {
    const state = await created({ rotateWhenChanged: { v: "1" } });
    await rotateByHand(String(state.outs.applicationId), { previous: { expiresAt: new Date(START + DAY).toISOString() } });
    const refreshed = await provider.read(state.id, state.outs);
    const held = await stored(state.id);
    assert.equal(refreshed.props.secret, held.secret);
    assert.equal(refreshed.props.previousSecret, state.outs.secret);
    assert.equal(refreshed.props.rotatedAt, state.outs.rotatedAt, "rotatedAt counts this resource's rotations");
    assert.equal((await up({ ...state, outs: refreshed.props }, { rotateWhenChanged: { v: "1" } })).changed, false);
  });

  it("settings alone change nothing at PingOne: the outputs follow without a request", async () => {
    const state = await created({ rotateWhenChanged: { v: "1" } });
    emulator.resetCounters();
    const result = await up(state, { rotateWhenChanged: { v: "1" }, previousSecretValidFor: "48h", rotationPeriod: "30d" });
    assert.equal(result.changed, true);
    assert.equal(emulator.counters().total, 0);
    assert.equal(result.outs.previousSecretValidFor, "48h");
    assert.equal(result.outs.secret, state.outs.secret);
  });

  it("revokePreviousSecret ends a previous secret still valid with one DELETE, and rotations then keep none", async () => {
    const state = await created({ rotateWhenChanged: { v: "1" }, previousSecretValidFor: "24h" });
    const rotated = await up(state, { rotateWhenChanged: { v: "2" }, previousSecretValidFor: "24h" });
    emulator.resetCounters();
    const revoked = await up({ ...state, inputs: rotated.inputs, outs: rotated.outs }, { rotateWhenChanged: { v: "2" }, revokePreviousSecret: true });
    assert.deepEqual(secretRequests(), { GET: 0, POST: 0, DELETE: 1, other: 0 });
    assert.equal(revoked.outs.previousSecret, undefined);
    assert.equal((await stored(state.id)).previous, undefined);
    emulator.resetCounters();
    const again = await up({ ...state, inputs: revoked.inputs, outs: revoked.outs }, { rotateWhenChanged: { v: "2" }, revokePreviousSecret: true });
    assert.equal(again.changed, false, "nothing left to revoke");
    const next = await up({ ...state, inputs: revoked.inputs, outs: revoked.outs }, { rotateWhenChanged: { v: "3" }, revokePreviousSecret: true });
    assert.equal(next.outs.previousSecret, undefined);
    assert.equal((await stored(state.id)).previous, undefined, "the rotation kept no previous secret");
  });

  describe("a rotation's answer must be the secret of the application asked for (issue #17, item 1)", () => {
    const cases: [string, (victim: { secret: string }) => Record<string, unknown>][] = [
      ["another application's secret, naming no application", (v) => ({ secret: v.secret, _links: undefined })],
      ["another environment's secret", (v) => ({ secret: v.secret, environment: { id: OTHER_ENVIRONMENT_ID } })],
    ];
    for (const [what, merge] of cases) {
      it(`a POST …/secret answered with ${what}: never recorded; the outputs hold the application's own new secret; the other is untouched`, async () => {
        const proxy = await HostileProxy.start(emulator.authUrl);
        try {
          const victimId = await newApplication();
          const victim = await stored(victimId);
          const state = await created({ rotateWhenChanged: { v: "1" }, previousSecretValidFor: "24h" });
          provider = new ApplicationSecretLifecycle({
            env: { ...env, ...proxy.environment(pingOneEnvironment(emulator)) },
            clientOptions: { sleep: new RecordedSleeps().sleep },
          });
          proxy.set({ method: "POST", path: /\/secret$/, action: "merge", merge: merge(victim) });
          const rotated = await up(state, { rotateWhenChanged: { v: "2" }, previousSecretValidFor: "24h" });
          const own = await stored(state.id);
          assert.notEqual(rotated.outs.secret, victim.secret, "the other application's secret is not recorded");
          assert.equal(rotated.outs.secret, own.secret, "the outputs hold the application's own new secret");
          assert.equal(rotated.outs.previousSecret, state.outs.secret, "rotated once, not twice");
          assert.equal((await stored(victimId)).secret, victim.secret, "the other application's secret is untouched");
          await provider.delete();
          assert.equal((await stored(victimId)).secret, victim.secret);
        } finally {
          await proxy.close();
        }
      });
    }
  });

  describe("a rotation whose outcome is unknown is settled, never repeated blindly", () => {
    it("reset after PingOne committed it: one POST, one GET to settle, and the outputs are the rotation's", async () => {
      const state = await created({ rotateWhenChanged: { v: "1" }, previousSecretValidFor: "24h" });
      emulator.resetCounters();
      emulator.setFaults({ script: [{ match: { method: "POST", path: "/secret$" }, fault: { reset: "after-commit" } }] });
      const rotated = await up(state, { rotateWhenChanged: { v: "2" }, previousSecretValidFor: "24h" });
      assert.deepEqual(secretRequests(), { GET: 1, POST: 1, DELETE: 0, other: 0 });
      const held = await stored(state.id);
      assert.equal(rotated.outs.secret, held.secret);
      assert.equal(rotated.outs.previousSecret, state.outs.secret, "the secret clients use still works: it was rotated once, not twice");
      assert.equal(held.previous?.secret, state.outs.secret);
    });

    it("reset before PingOne saw it: the read shows no rotation, so it is sent again, once", async () => {
      const state = await created({ rotateWhenChanged: { v: "1" }, previousSecretValidFor: "24h" });
      emulator.resetCounters();
      emulator.setFaults({ script: [{ match: { method: "POST", path: "/secret$" }, fault: { reset: "before" } }] });
      const rotated = await up(state, { rotateWhenChanged: { v: "2" }, previousSecretValidFor: "24h" });
      assert.deepEqual(secretRequests(), { GET: 1, POST: 2, DELETE: 0, other: 0 });
      assert.equal(rotated.outs.previousSecret, state.outs.secret);
      assert.equal((await stored(state.id)).previous?.secret, state.outs.secret);
    });

    it("when the settling read fails too, the pending rotation is recorded, and the next run settles it without a second POST", async () => {
      const state = await created({ rotateWhenChanged: { v: "1" }, previousSecretValidFor: "24h" });
      emulator.resetCounters();
      emulator.setFaults({
        script: [
          { match: { method: "POST", path: "/secret$" }, fault: { reset: "after-commit" } },
          { match: { method: "GET", path: "/secret$" }, fault: { status: 400, code: "INVALID_REQUEST", message: "try later" } },
        ],
      });
      const inputs = await checked({ applicationId: state.id, rotateWhenChanged: { v: "2" }, previousSecretValidFor: "24h" }, state.inputs);
      const error = await provider.update(state.id, state.outs, inputs).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof ResourceInitError, String(error));
      assertCoded(error, "ERR_PARTIAL_OUTCOME", '"svc-secret"');
      assert.match(error.message, /pingone:ApplicationSecret "svc-secret" \(application [0-9a-f-]{36}\): rotate application secret failed|outcome is unknown/);
      assert.match(
        error.message,
        /The rotation may have happened: the next `pulumi up` or `pulumi refresh` reads the secret and records it, without rotating twice/,
      );
      const recorded = error.properties;
      assert.ok(recorded[PENDING_ROTATION_KEY], "the pending rotation is in the recorded outputs");
      assert.equal(recorded.secret, state.outs.secret);

      emulator.resetCounters();
      const decision = await provider.diff(state.id, recorded, inputs);
      assert.equal(decision.changes, true, "the pending rotation is still to settle");
      const next = await provider.update(state.id, recorded, inputs);
      assert.deepEqual(secretRequests(), { GET: 1, POST: 0, DELETE: 0, other: 0 }, "settled by a read, no second rotation");
      assert.equal(next.outs.secret, (await stored(state.id)).secret);
      assert.equal(next.outs.previousSecret, state.outs.secret);
      assert.equal(next.outs[PENDING_ROTATION_KEY], undefined);
      assert.equal((await provider.diff(state.id, next.outs, inputs)).changes, false);
    });

    it("a refresh settles a pending rotation too", async () => {
      const state = await created({ rotateWhenChanged: { v: "1" }, previousSecretValidFor: "24h" });
      emulator.setFaults({
        script: [
          { match: { method: "POST", path: "/secret$" }, fault: { reset: "after-commit" } },
          { match: { method: "GET", path: "/secret$" }, fault: { reset: "before" }, times: 10 },
        ],
      });
      const inputs = await checked({ applicationId: state.id, rotateWhenChanged: { v: "2" }, previousSecretValidFor: "24h" }, state.inputs);
      const error = (await provider.update(state.id, state.outs, inputs).then(
        () => undefined,
        (e: unknown) => e,
      )) as ResourceInitError;
      assert.ok(error instanceof ResourceInitError);
      emulator.clearFaults();
      const refreshed = await provider.read(state.id, error.properties);
      assert.equal(refreshed.props[PENDING_ROTATION_KEY], undefined);
      assert.equal((await provider.diff(state.id, refreshed.props, inputs)).changes, false, "the rotation is recorded as done");
    });
  });

  it("a rotation PingOne refuses fails with its code and the property, and changes nothing", async () => {
    const state = await created({ rotateWhenChanged: { v: "1" }, previousSecretValidFor: "24h" });
    emulator.setFaults({
      script: [
        {
          match: { method: "POST", path: "/secret$" },
          fault: { status: 403, code: "ACCESS_FAILED", message: "The actor attempting to perform the request is not authorized." },
        },
      ],
    });
    const inputs = await checked({ applicationId: state.id, rotateWhenChanged: { v: "2" }, previousSecretValidFor: "24h" }, state.inputs);
    const error = assertCoded(await rejectionOf(provider.update(state.id, state.outs, inputs)), "ERR_PINGONE_ACCESS_DENIED", '"svc-secret"');
    assert.match(
      error.message,
      /^pingone:ApplicationSecret "svc-secret" \(application [0-9a-f-]{36}\): rotate application secret failed: HTTP 403 ACCESS_FAILED: The actor attempting/,
    );
    assert.equal((await stored(state.id)).secret, state.outs.secret);
    assert.equal(error.message.includes(String(state.outs.secret)), false);
  });

  it("a fixed previousSecretExpiresAt that passed between preview and up fails the rotation locally, naming the property and range, with no POST", async () => {
    const state = await created({ rotateWhenChanged: { v: "1" }, previousSecretExpiresAt: new Date(START + 2 * 60_000).toISOString() });
    const inputs = await checked(
      { applicationId: state.id, rotateWhenChanged: { v: "2" }, previousSecretExpiresAt: new Date(START + 2 * 60_000).toISOString() },
      state.inputs,
    );
    setNow(START + 90_000);
    emulator.resetCounters();
    const error = assertCoded(await rejectionOf(provider.update(state.id, state.outs, inputs)), "ERR_INVALID_INPUT", '"svc-secret"');
    assert.equal(error.name, "RotationSettingError");
    assert.match(
      error.message,
      /^pingone:ApplicationSecret "svc-secret": rotate application secret: previousSecretExpiresAt gives previous.expiresAt 2031-06-01T00:02:00.000Z, which is less than 1 minute at the rotation .*allowed: 1m to 30d after the rotation.*nothing was sent to PingOne/,
    );
    assert.equal(secretRequests().POST, 0);
  });

  it("delete sends nothing: PingOne cannot delete an application's only secret", async () => {
    const state = await created({ rotateWhenChanged: { v: "1" } });
    emulator.resetCounters();
    await provider.delete();
    assert.equal(emulator.counters().total, 0);
    assert.equal((await stored(state.id)).secret, state.outs.secret);
  });

  it("refresh of a deleted application drops the resource", async () => {
    const state = await created({});
    assert.ok(emulator.deleteApplicationOutOfBand(emulator.environmentId, state.id));
    assert.deepEqual(await provider.read(state.id, state.outs), { id: "", props: {} });
  });
});
