/**
 * Hostile answers: a middlebox in front of the real emulator mangles chosen answers. Each case
 * fails clearly within the operation's deadline, records nothing as success, sends no credential
 * anywhere but the configured URLs, and leaks no token or secret into any message. A create whose
 * success answer cannot be read is reconciled: the application PingOne made is found and kept,
 * never duplicated, never orphaned.
 */
import { strict as assert } from "node:assert";
import { pingOneEnvironment, startEmulator, type RunningEmulator } from "../../emulator";
import { clearTokenCache } from "../../provider/http/client";
import { ApplicationLifecycle } from "../../provider/application/lifecycle";
import { AmbiguousOutcomeError } from "../../provider/kernel/errors";
import { SEED_001 } from "../fixtures/seeds";
import { RecordedSleeps, useProxiedEmulator, withEmulator } from "../helpers/emulator";
import { TestClient } from "../emulator/helpers";
import { HostileProxy, OTHER_ID, type HostileRule } from "../helpers/hostile-proxy";
import { assertCoded, coded } from "../helpers/errors";
import type { ProviderErrorCode } from "../../provider/kernel/errors";

const APPS = /\/applications$/;
const ONE_APP = /\/applications\/[^/]+$/;
const SECRET = /\/applications\/[^/]+\/secret$/;
const TOKEN = /\/as\/token$/;
/** Every message stays short, whatever the answer held. */
const MAX_MESSAGE_CHARS = 2000;

describe("hostile answers", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let proxy: HostileProxy;
  let sleeps: RecordedSleeps;
  const messages: string[] = [];

  before(async () => {
    emulator = await withEmulator();
    proxy = await HostileProxy.start(emulator.authUrl);
  });
  after(async () => {
    await proxy.close();
    await emulator.close();
  });
  beforeEach(() => {
    emulator.clearFaults();
    emulator.resetCounters();
    proxy.set();
    sleeps = new RecordedSleeps();
  });

  function provider(extraEnv: Record<string, string> = {}): ApplicationLifecycle {
    clearTokenCache();
    return new ApplicationLifecycle({ env: { ...proxy.environment(pingOneEnvironment(emulator)), ...extraEnv }, clientOptions: { sleep: sleeps.sleep } });
  }

  async function inputs(p: ApplicationLifecycle, name: string): Promise<Record<string, unknown>> {
    const checked = await p.check({}, { ...SEED_001.body, name, __autoname: name });
    assert.deepEqual(checked.failures, []);
    return checked.inputs;
  }

  async function created(p: ApplicationLifecycle, name: string): Promise<{ id: string; outs: Record<string, unknown> }> {
    proxy.set();
    return p.create(await inputs(p, name));
  }

  /** Runs `action`, expecting it to fail with `code`; returns the message after the common checks. */
  async function failure(code: ProviderErrorCode, action: () => Promise<unknown>, ...expected: RegExp[]): Promise<string> {
    let message: string | undefined;
    try {
      await action();
    } catch (error) {
      message = assertCoded(error, code).message;
    }
    assert.ok(message !== undefined, "the operation failed");
    messages.push(message);
    assert.ok(message.length <= MAX_MESSAGE_CHARS, `message is bounded (${message.length} chars)`);
    for (const pattern of expected) assert.match(message, pattern);
    return message;
  }

  function named(name: string): Record<string, unknown>[] {
    return emulator.applications().filter((a) => a.name === name);
  }

  describe("an answer must be for the object asked about", () => {
    for (const [action, expected] of [
      ["other-id", new RegExp(`application ${OTHER_ID}, not for [0-9a-f-]{36}`)],
      ["no-id", /without an id/],
      ["other-environment", /for environment [0-9a-f-]{36}, not for/],
    ] as const) {
      it(`refresh: a GET answer with ${action} is an error naming the resource, the operation and both ids; state keeps the id`, async () => {
        const p = provider();
        const app = await created(p, `read-${action}`);
        proxy.set({ method: "GET", path: ONE_APP, action });
        const message = await failure(
          "ERR_UNEXPECTED_ANSWER",
          () => p.read(app.id, app.outs),
          /pingone:Application "read-/,
          /read application failed/,
          expected,
        );
        if (action !== "no-id") assert.ok(message.includes(app.id), "names the id asked for");
        // The next read, with an honest answer, still finds the stack's own application.
        const again = await p.read(app.id, app.outs);
        assert.equal(again.id, app.id);
      });
    }

    it("update: a PUT answer for another application is an error, not a success", async () => {
      const p = provider();
      const app = await created(p, "update-other-id");
      const news = { ...app.outs, description: "changed" };
      proxy.set({ method: "PUT", path: ONE_APP, action: "other-id" });
      await failure("ERR_UNEXPECTED_ANSWER", () => p.update(app.id, app.outs, news), /update application failed/, new RegExp(OTHER_ID), new RegExp(app.id));
    });

    it("an unexpected answer holding an application is not reported as a PingOne error id", async () => {
      const p = provider();
      const app = await created(p, "update-201");
      proxy.set({ method: "PUT", path: ONE_APP, action: "status-201" });
      const message = await failure("ERR_UNEXPECTED_ANSWER", () => p.update(app.id, app.outs, { ...app.outs, description: "changed" }), /HTTP 201/);
      assert.doesNotMatch(message, /PingOne error id/);
    });
  });

  describe("a secret answer is never quoted", () => {
    it("refresh: an unreadable secret answer that starts with the secret fails without echoing any of it", async () => {
      const p = provider();
      const app = await created(p, "secret-unreadable");
      const secret = String(app.outs.clientSecret);
      proxy.set({ method: "GET", path: SECRET, action: "invalid-json-secret-first" });
      const message = await failure("ERR_UNEXPECTED_ANSWER", () => p.read(app.id, app.outs), /read application secret failed/, /not JSON/, /not shown/);
      assert.ok(!message.includes(secret.slice(0, 16)), `no part of the secret in: ${message.slice(0, 160)}`);
    });
  });

  describe("redirects are never followed", () => {
    it("a 302 to another origin on a PUT: nothing is sent there, and the update fails", async () => {
      const p = provider();
      const app = await created(p, "redirected-put");
      proxy.set({ method: "PUT", path: ONE_APP, action: "redirect" });
      await failure(
        "ERR_UNEXPECTED_ANSWER",
        () => p.update(app.id, app.outs, { ...app.outs, description: "changed" }),
        /HTTP 302/,
        /never redirects/,
        new RegExp(proxy.trapUrl.replace(/[.:/]/g, "\\$&")),
      );
      assert.deepEqual(proxy.trapped, [], "no request reached the other origin");
      assert.notEqual(emulator.applications().find((a) => a.id === app.id)?.description, "changed");
    });

    it("a 302 on the token request: the worker's credentials go nowhere else", async () => {
      const p = provider();
      proxy.set({ method: "POST", path: TOKEN, action: "redirect" });
      await failure("ERR_UNEXPECTED_ANSWER", async () => p.create(await inputs(p, "redirected-token")), /request access token failed/, /HTTP 302/);
      assert.deepEqual(proxy.trapped, [], "no request reached the other origin");
      assert.equal(named("redirected-token").length, 0);
    });
  });

  describe("a create whose success answer cannot be read is reconciled", () => {
    for (const action of ["html", "invalid-json", "no-id", "other-environment", "huge", "drip"] as const) {
      it(`POST answered with ${action}: PingOne's application is found and kept, once`, async () => {
        const p = provider(action === "drip" ? { PINGONE_OPERATION_TIMEOUT: "2" } : {});
        const name = `create-${action}`;
        const checked = await inputs(p, name);
        proxy.set({ method: "POST", path: APPS, action });
        const result = await p.create(checked);
        const apps = named(name);
        assert.equal(apps.length, 1, "exactly one application, no duplicate");
        assert.equal(result.id, apps[0].id, "state records the application PingOne created: no orphan");
        assert.equal(emulator.counters().byRoute["POST /v1/environments/{envId}/applications"], 1, "the POST was not repeated");
      });
    }

    it("when the POST did not go through, the create is sent again, once", async () => {
      const p = provider();
      const checked = await inputs(p, "create-not-forwarded");
      proxy.set({ method: "POST", path: APPS, action: "html-not-forwarded" });
      const result = await p.create(checked);
      assert.deepEqual(
        named("create-not-forwarded").map((a) => a.id),
        [result.id],
      );
    });

    it("when the answer can never be read, the error names the resource, the operation, the status and an excerpt", async () => {
      const p = provider();
      const checked = await inputs(p, "create-never-readable");
      proxy.set({ method: "POST", path: APPS, action: "html-not-forwarded", times: 100 });
      await failure(
        "ERR_UNEXPECTED_ANSWER",
        () => p.create(checked),
        /pingone:Application "create-never-readable"/,
        /create application failed/,
        /HTTP 201/,
        /<html>/,
        /after 5 attempts/,
      );
      assert.equal(named("create-never-readable").length, 0);
    });
  });

  describe("a create's answer must be the application asked for (issue #17, item 1)", () => {
    /** Another stack's application, made directly through the emulator's API (not through the proxy). */
    async function victim(name: string): Promise<Record<string, unknown>> {
      const answer = await new TestClient(emulator).create({ ...SEED_001.body, name, type: "WEB_APP" });
      assert.equal(answer.status, 201);
      return answer.body as Record<string, unknown>;
    }

    const cases: [string, (v: Record<string, unknown>) => Record<string, unknown>][] = [
      ["the id of another existing application", (v) => ({ id: v.id })],
      ["another existing application's whole body (another name)", (v) => v],
      ["an id that does not exist", () => ({ id: OTHER_ID })],
    ];
    for (const [what, merge] of cases) {
      it(`a 201 naming ${what}: the stack's own application is found and recorded; the other survives create and delete`, async () => {
        const other = await victim(`victim-${what.length}`);
        emulator.resetCounters();
        const p = provider();
        const name = `own-${what.length}`;
        const checked = await inputs(p, name);
        proxy.set({ method: "POST", path: APPS, action: "merge", merge: merge(other) });
        const result = await p.create(checked);
        assert.notEqual(result.id, other.id, "state does not record the other application");
        assert.deepEqual(
          named(name).map((a) => a.id),
          [result.id],
          "state records the stack's own application, once: no orphan, no duplicate",
        );
        assert.equal(result.outs.name, name);
        assert.equal(emulator.counters().byRoute["POST /v1/environments/{envId}/applications"], 1, "the POST was not repeated");
        await p.delete(result.id, result.outs);
        assert.ok(
          emulator.applications().some((a) => a.id === other.id && a.name === other.name),
          "the other application survives",
        );
        assert.deepEqual(named(name), [], "the stack's own application is gone with the delete: nothing orphaned");
      });
    }

    it("the error when the own application cannot be found either names what was asked and what came back", async () => {
      const other = await victim("victim-error");
      const p = provider();
      const checked = await inputs(p, "own-error");
      // Every POST is answered with the other application, and lists hold nothing this create made.
      proxy.set({ method: "POST", path: APPS, action: "merge", merge: other, times: 100 }, { method: "GET", path: APPS, action: "html", times: 100 });
      await failure(
        "ERR_AMBIGUOUS_OUTCOME",
        () => p.create(checked),
        /pingone:Application "own-error"/,
        /create application failed/,
        /"victim-error"/,
        /"own-error" was sent/,
      );
      assert.ok(
        emulator.applications().some((a) => a.id === other.id),
        "the other application survives",
      );
    });
  });

  describe("sizes and times are bounded", () => {
    it("a 50 MB answer to a GET is refused at the 1 MiB cap", async () => {
      const p = provider();
      const app = await created(p, "huge-read");
      proxy.set({ method: "GET", path: ONE_APP, action: "huge" });
      const rssBefore = process.memoryUsage().rss;
      await failure("ERR_UNEXPECTED_ANSWER", () => p.read(app.id, app.outs), /read application failed/, /larger than the 1 MiB cap/);
      assert.ok(process.memoryUsage().rss - rssBefore < 40 * 1024 * 1024, "the answer was not read into memory");
    });

    it("an answer that drips one byte a second fails at the operation's deadline, which the error names", async () => {
      const p = provider({ PINGONE_OPERATION_TIMEOUT: "2" });
      const app = await created(p, "drip-read");
      proxy.set({ method: "GET", path: ONE_APP, action: "drip", times: 100 });
      const started = Date.now();
      await failure("ERR_DEADLINE", () => p.read(app.id, app.outs), /read application failed/, /deadline of 2 s passed/, /PINGONE_OPERATION_TIMEOUT/);
      assert.ok(Date.now() - started < 10_000, `bounded by the deadline (${Date.now() - started} ms)`);
    });

    it("Retry-After: 999999 fails at once, naming the wait asked for and the deadline", async () => {
      const p = provider();
      const app = await created(p, "retry-after-days");
      proxy.set({ method: "GET", path: ONE_APP, action: "retry-after-days", times: 100 });
      await failure(
        "ERR_DEADLINE",
        () => p.read(app.id, app.outs),
        /read application failed/,
        /HTTP 429/,
        /asked to retry after 999999 s/,
        /deadline of 120 s/,
      );
      assert.deepEqual(sleeps.delays, [], "did not wait at all");
    });
  });

  describe("finally", () => {
    it("no message holds a token, the worker's secret or an application's secret", async () => {
      // Every message of this suite, and those of a run of hostile reads, are searched.
      const p = provider();
      const app = await created(p, "leak-check");
      for (const [action, code] of [
        ["html", "ERR_UNEXPECTED_ANSWER"],
        ["invalid-json", "ERR_UNEXPECTED_ANSWER"],
        ["other-id", "ERR_UNEXPECTED_ANSWER"],
        ["redirect", "ERR_UNEXPECTED_ANSWER"],
        ["retry-after-days", "ERR_DEADLINE"],
      ] as const) {
        const rule: HostileRule = { method: "GET", path: ONE_APP, action, times: 100 };
        proxy.set(rule);
        await failure(code, () => p.read(app.id, app.outs));
      }
      assert.equal(typeof app.outs.clientSecret, "string");
      const secrets = [emulator.clientSecret, String(app.outs.clientSecret), ...proxy.credentialsSeen];
      assert.ok(proxy.credentialsSeen.size > 0, "tokens were issued and seen");
      assert.deepEqual(proxy.trapped, [], "no request ever reached another origin");
      for (const message of messages) {
        for (const secret of secrets) assert.ok(!message.includes(secret), `no secret in: ${message.slice(0, 120)}`);
      }
    });
  });
});

describe("create reconciliation adopts only what can only be ours (issue #17, item 3)", function () {
  this.timeout(60_000);
  /** PingOne's clock minus ours: the emulator's clock is moved to make a twin earlier, or to skew PingOne. */
  let skewMs = 0;
  const net = useProxiedEmulator(() => startEmulator({ seed: 7, clock: () => Date.now() + skewMs }));
  beforeEach(() => {
    skewMs = 0;
  });

  function provider(): ApplicationLifecycle {
    clearTokenCache();
    return new ApplicationLifecycle({ env: net.proxy.environment(pingOneEnvironment(net.emulator)), clientOptions: { sleep: new RecordedSleeps().sleep } });
  }

  async function inputs(p: ApplicationLifecycle, news: Record<string, unknown>): Promise<Record<string, unknown>> {
    const checked = await p.check({}, news);
    assert.deepEqual(checked.failures, []);
    return checked.inputs;
  }

  /** Someone else's application with `name` and SEED_001's settings, made directly `agoMs` earlier by PingOne's clock. */
  async function twin(name: string, agoMs: number): Promise<Record<string, unknown>> {
    const saved = skewMs;
    skewMs = saved - agoMs;
    const answer = await new TestClient(net.emulator).create({ ...SEED_001.body, name });
    skewMs = saved;
    assert.equal(answer.status, 201);
    return answer.body as Record<string, unknown>;
  }

  function named(name: string): Record<string, unknown>[] {
    return net.emulator.applications().filter((a) => a.name === name);
  }

  it("the POST never reached PingOne and a twin with the same explicit name was made a minute earlier: it is not adopted; the error names it and how to adopt it", async () => {
    const other = await twin("shared-name", 60_000);
    const p = provider();
    const checked = await inputs(p, { ...SEED_001.body, name: "shared-name", __autoname: "mine" });
    net.proxy.set({ method: "POST", path: APPS, action: "drop-not-forwarded" });
    let message = "";
    await p.create(checked).then(
      (result) => assert.fail(`the create adopted ${result.id} (the twin is ${String(other.id)})`),
      (error: Error) => (message = assertCoded(error, "ERR_AMBIGUOUS_OUTCOME", '"shared-name"').message),
    );
    assert.match(message, /create application failed/);
    assert.ok(message.includes(String(other.id)), `names the twin's id: ${message}`);
    assert.match(message, /"shared-name"/);
    assert.match(message, new RegExp(`adoptId: "${String(other.id)}"`));
    assert.ok(message.length <= 2000, "bounded");
    assert.deepEqual(
      named("shared-name").map((a) => a.id),
      [other.id],
      "the twin is untouched and nothing else was created",
    );
  });

  it("the same with PingOne's clock 4 minutes behind ours: judged by PingOne's clock, the twin is still not adopted", async () => {
    skewMs = -4 * 60_000;
    const other = await twin("shared-skewed", 60_000);
    const p = provider();
    const checked = await inputs(p, { ...SEED_001.body, name: "shared-skewed", __autoname: "mine" });
    net.proxy.set({ method: "POST", path: APPS, action: "drop-not-forwarded" });
    await assert.rejects(p.create(checked), coded("ERR_AMBIGUOUS_OUTCOME", `adoptId: "${String(other.id)}"`));
    assert.deepEqual(
      named("shared-skewed").map((a) => a.id),
      [other.id],
    );
  });

  it("a POST that reached PingOne but whose answer was lost is adopted, with a twin from before around, and PingOne's clock 10 minutes behind ours", async () => {
    skewMs = -10 * 60_000;
    const other = await twin("shared-forwarded", 60_000);
    net.emulator.resetCounters();
    const p = provider();
    const checked = await inputs(p, { ...SEED_001.body, name: "shared-forwarded", __autoname: "mine" });
    net.proxy.set({ method: "POST", path: APPS, action: "html" });
    const result = await p.create(checked);
    const apps = named("shared-forwarded").map((a) => a.id);
    assert.equal(apps.length, 2, "the twin and the stack's own, no duplicate");
    assert.ok(apps.includes(other.id) && apps.includes(result.id) && result.id !== other.id, "the own application is recorded, not the twin");
    assert.equal(net.emulator.counters().byRoute["POST /v1/environments/{envId}/applications"], 1, "the POST was not repeated");
  });

  it("when no answer tells PingOne's time (no Date header), an explicit name is never adopted: the error names the application and adoptId; nothing is duplicated or deleted", async () => {
    const p = provider();
    const checked = await inputs(p, { ...SEED_001.body, name: "no-date", __autoname: "mine" });
    net.proxy.stripDate = true;
    try {
      net.proxy.set({ method: "POST", path: APPS, action: "html" });
      await assert.rejects(p.create(checked), (error: Error) => {
        const [made] = named("no-date");
        assert.ok(made, "PingOne made the application");
        assert.ok(error instanceof AmbiguousOutcomeError, `an ambiguous outcome is reported as one: ${error.name}`);
        assertCoded(error, "ERR_AMBIGUOUS_OUTCOME", '"no-date"');
        assert.match(error.message, /carried no Date header/);
        assert.ok(error.message.includes(`adoptId: "${String(made.id)}"`), error.message);
        return true;
      });
    } finally {
      net.proxy.stripDate = false;
    }
    assert.equal(named("no-date").length, 1, "not created twice, not deleted");
  });

  it("a 201 carrying a same-name twin's whole body is not recorded: with PingOne's Date, the own application is found; without, nothing is adopted and the error names both", async () => {
    const other = await twin("same-name-answer", 60_000);
    const p = provider();
    const checked = await inputs(p, { ...SEED_001.body, name: "same-name-answer", __autoname: "mine" });
    net.proxy.set({ method: "POST", path: APPS, action: "merge", merge: other });
    const result = await p.create(checked);
    assert.notEqual(result.id, other.id, "state does not record the twin");
    assert.deepEqual(
      named("same-name-answer")
        .map((a) => a.id)
        .sort(),
      [other.id, result.id].sort(),
    );

    const p2 = provider();
    const checked2 = await inputs(p2, { ...SEED_001.body, name: "same-name-answer", __autoname: "mine2" });
    net.proxy.stripDate = true;
    try {
      net.proxy.set({ method: "POST", path: APPS, action: "merge", merge: other });
      await assert.rejects(p2.create(checked2), (error: Error) => {
        const made = named("same-name-answer").filter((a) => a.id !== other.id && a.id !== result.id);
        assert.equal(made.length, 1, "PingOne made the second application once");
        assertCoded(error, "ERR_AMBIGUOUS_OUTCOME", '"same-name-answer"');
        assert.ok(error.message.includes(String(made[0].id)) && error.message.includes(String(other.id)), error.message);
        return true;
      });
    } finally {
      net.proxy.stripDate = false;
    }
    assert.ok(
      named("same-name-answer").some((a) => a.id === other.id),
      "the twin survives",
    );
  });

  it("an auto-named application made before the POST started is not adopted: it is the one a replacement keeps its name from", async () => {
    const p = provider();
    const checked = await inputs(p, { ...SEED_001.body, name: undefined, __autoname: "auto" });
    const name = String(checked.name);
    // A replacement that creates before it deletes reuses the generated name (autoName keeps it), so
    // the application being replaced has this very name and settings that the new body matches.
    const replaced = await twin(name, 60_000);
    net.proxy.set({ method: "POST", path: APPS, action: "drop-not-forwarded" });
    const result = await p.create(checked);
    assert.notEqual(result.id, replaced.id, "the application being replaced was recorded as its own replacement");
    assert.deepEqual(
      named(name)
        .map((a) => a.id)
        .sort(),
      [replaced.id, result.id].sort(),
      "the replaced one left alone, the own one made once",
    );
  });

  it("an auto-named application PingOne made after the POST started is ours by its suffix, whatever the clocks say", async () => {
    skewMs = -10 * 60_000;
    const p = provider();
    const checked = await inputs(p, { ...SEED_001.body, name: undefined, __autoname: "auto" });
    const name = String(checked.name);
    net.proxy.set({ method: "POST", path: APPS, action: "html" });
    const result = await p.create(checked);
    assert.deepEqual(
      named(name).map((a) => a.id),
      [result.id],
    );
    assert.equal(net.emulator.counters().byRoute["POST /v1/environments/{envId}/applications"], 1, "the POST was not repeated");
  });
});
