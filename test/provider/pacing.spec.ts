/**
 * Pacing under PingOne's rate limit: once a 429 shows the rate the limit admits, the requests of
 * the whole provider process start at most that often, staggered rather than all at once after
 * `Retry-After`; a 429 at a trickle teaches nothing. Against the emulator's requests-per-second
 * budget, concurrent creates then meet few 429s, and every application is created exactly once.
 */
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator";
import { pingOneEnvironment } from "../../emulator";
import { clearTokenCache } from "../../provider/client";
import { ApplicationLifecycle } from "../../provider/lifecycle";
import { clearRequestPacing, MIN_RATE_TO_LEARN, RequestPacer } from "../../provider/pacing";
import { SEED_001 } from "../fixtures/seeds";
import { checked, withEmulator } from "../helpers/emulator";

class FakeClock {
  time = 1_000_000;
  readonly now = (): number => this.time;
}

describe("request pacing", () => {
  it("does nothing until a limit is met", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    for (let i = 0; i < 50; i++) {
      pacer.admitted(clock.time);
      assert.equal(pacer.reserve(), 0);
    }
  });

  it("after a 429, requests start one interval apart at the rate admitted in the last second: staggered, not all at once", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    for (let i = 0; i < 20; i++) {
      pacer.admitted(clock.time);
      clock.time += 40;
    }
    // Refused at its start, answered 50 ms later; an admitted request started 1.2 s earlier is not counted.
    pacer.admitted(clock.time - 1200);
    clock.time += 50;
    pacer.limited(clock.time - 50);
    assert.equal(pacer.interval(), 1000 / 20);
    assert.deepEqual([pacer.reserve(), pacer.reserve(), pacer.reserve(), pacer.reserve()], [0, 50, 100, 150]);
    clock.time += 1000;
    assert.equal(pacer.reserve(), 0, "an idle pacer lets the next request go at once");
    assert.equal(pacer.reserve(), 50);
  });

  it("a 429 at a trickle teaches nothing; the highest rate admitted before a 429 is the pace", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    for (let i = 0; i < MIN_RATE_TO_LEARN - 1; i++) pacer.admitted(clock.time);
    pacer.limited(clock.time);
    assert.equal(pacer.interval(), 0);
    for (let i = 0; i < 10; i++) pacer.admitted(clock.time);
    pacer.limited(clock.time);
    assert.equal(pacer.interval(), 1000 / (10 + MIN_RATE_TO_LEARN - 1));
    clock.time += 3000;
    for (let i = 0; i < 40; i++) pacer.admitted(clock.time);
    pacer.limited(clock.time);
    assert.equal(pacer.interval(), 25);
    clock.time += 3000;
    for (let i = 0; i < 10; i++) pacer.admitted(clock.time);
    pacer.limited(clock.time);
    assert.equal(pacer.interval(), 25, "a 429 at a lower rate (the limit shared for a moment) does not slow the pace for good");
  });

  describe("against the emulator's 20 requests/s budget", function () {
    this.timeout(60_000);
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await withEmulator({ faults: { latencyMs: 50 } });
    });
    after(() => emulator.close());

    it("100 creates by 8 concurrent operations in one process (the engine's default --parallel here): few 429s, each app created once, none failed", async () => {
      clearTokenCache();
      clearRequestPacing();
      const provider = new ApplicationLifecycle({ env: pingOneEnvironment(emulator) });
      const inputs = await checked(provider, { ...SEED_001.body, __autoname: "paced" });
      emulator.setFaults({ requestsPerSecond: 20 });
      emulator.resetCounters();
      const created: string[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < 100) {
            const i = next++;
            created.push((await provider.create({ ...inputs, name: `paced-${i}` })).id);
          }
        }),
      );
      const refused = emulator.counters().byFault["requests-per-second"] ?? 0;
      emulator.clearFaults();
      const names = emulator.applications().map((a) => (typeof a.name === "string" ? a.name : "")).filter((name) => name.startsWith("paced-"));
      assert.equal(created.length, 100);
      assert.equal(new Set(names).size, 100);
      assert.equal(names.length, 100, "no duplicate");
      // Unpaced, each operation finds the spent budget on its own: about 70 429s for these 200 requests.
      assert.ok(refused <= 25, `${refused} requests refused with 429`);
    });
  });
});
