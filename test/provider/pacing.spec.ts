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
import { clearRequestPacing, GUARD_MS, MIN_RATE_TO_LEARN, RequestPacer, type PacedStart } from "../../provider/pacing";
import { SEED_001 } from "../fixtures/seeds";
import { checked, withEmulator } from "../helpers/emulator";

class FakeClock {
  time = 1_000_000;
  readonly now = (): number => this.time;
}

/** Reserves a start now (no wait expected) and sends it at once. */
function sendNow(pacer: RequestPacer): PacedStart {
  const { waitMs, start } = pacer.reserve();
  assert.equal(waitMs, 0);
  pacer.sent(start);
  return start;
}

/** The most starts within any window of `spanMs` (a start at t counts in (t - span, t]). */
function mostInAnyWindow(times: number[], spanMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i++) most = Math.max(most, sorted.filter((t) => t > sorted[i] - spanMs && t <= sorted[i]).length);
  return most;
}

/** Teaches `pacer` a limit of `limit` a second: that many admitted in 40 ms steps, then a refused one. */
function teach(pacer: RequestPacer, clock: FakeClock, limit: number): void {
  for (let i = 0; i < limit; i++) {
    pacer.settle(sendNow(pacer), "admitted");
    clock.time += 40;
  }
  pacer.settle(sendNow(pacer), "refused");
}

describe("request pacing", () => {
  it("does nothing until a limit is met", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    for (let i = 0; i < 50; i++) pacer.settle(sendNow(pacer), "admitted");
    assert.equal(pacer.limit(), 0);
  });

  it("learns the limit from the second before a 429 once every earlier request has its answer, admitted answers arriving after the 429 included", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    const old = sendNow(pacer);
    pacer.settle(old, "admitted");
    clock.time += 1200;
    const starts: PacedStart[] = [];
    for (let i = 0; i < 20; i++) {
      starts.push(sendNow(pacer));
      clock.time += 40;
    }
    for (const start of starts.slice(0, 18)) pacer.settle(start, "admitted");
    const refused = sendNow(pacer);
    pacer.settle(refused, "refused");
    assert.equal(pacer.limit(), 0, "two requests started before the refused one have no answer yet");
    pacer.settle(starts[19], "admitted");
    assert.equal(pacer.limit(), 0);
    pacer.settle(starts[18], "admitted");
    assert.equal(pacer.limit(), 20, "the 20 admitted in the second before the 429, not the one 1.2 s earlier");
  });

  it("while a 429 awaits the answers it is learnt from, holds new starts until the window of the requests before it has passed", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    const first = clock.time;
    const starts: PacedStart[] = [];
    for (let i = 0; i < 20; i++) {
      starts.push(sendNow(pacer));
      clock.time += 5;
    }
    pacer.settle(sendNow(pacer), "refused");
    assert.equal(pacer.limit(), 0, "the 20 before it have no answer yet");
    // One of them answers and its operation goes on (a create's secret GET): it would meet the same full window.
    pacer.settle(starts[0], "admitted");
    clock.time += 50;
    const held = pacer.reserve();
    assert.equal(held.start.at, first + 1000 + GUARD_MS, "after the first of the full window has left it");
    for (const start of starts.slice(1)) pacer.settle(start, "admitted");
    assert.equal(pacer.limit(), 20);
  });

  it("a 429 at a trickle holds nothing once its answers are in", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    pacer.settle(sendNow(pacer), "admitted");
    clock.time += 100;
    pacer.settle(sendNow(pacer), "refused");
    assert.equal(pacer.limit(), 0);
    assert.equal(pacer.reserve().waitMs, 0);
  });

  it("then starts no more than the limit within any second (plus the guard), and makes up for a quiet moment afterwards", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    teach(pacer, clock, 20);
    assert.equal(pacer.limit(), 20);
    const sentAt: number[] = [];
    // 100 requests reserved at once (the engine's operations all waiting): each waits its turn.
    const reserved = Array.from({ length: 100 }, () => pacer.reserve());
    for (const { waitMs, start } of reserved) {
      sentAt.push(clock.time + waitMs);
      pacer.settle(start, "admitted");
    }
    assert.ok(mostInAnyWindow(sentAt, 1000 + GUARD_MS) <= 20, "at most 20 in any window");
    // The 20 taught ones span 760 ms; 100 more at 20 per 1010 ms end five windows later.
    assert.ok(Math.max(...sentAt) - clock.time <= 5 * (1000 + GUARD_MS), `${Math.max(...sentAt) - clock.time} ms`);
    // A quiet moment: two seconds with nothing to send, then 20 may go at once and the 21st waits.
    clock.time = Math.max(...sentAt) + 2000;
    const burst = Array.from({ length: 21 }, () => pacer.reserve());
    assert.deepEqual(burst.slice(0, 20).map((r) => r.waitMs), new Array<number>(20).fill(0));
    assert.equal(burst[20].waitMs, 1000 + GUARD_MS);
  });

  it("a refused request does not count toward the window; one given up before it was sent does", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    teach(pacer, clock, 10);
    clock.time += 5000;
    for (let i = 0; i < 9; i++) pacer.settle(sendNow(pacer), "admitted");
    pacer.settle(sendNow(pacer), "refused");
    const tenth = pacer.reserve();
    assert.equal(tenth.waitMs, 0, "9 admitted and 1 refused: room for a 10th");
    pacer.settle(tenth.start, "unknown");
    assert.equal(pacer.reserve().waitMs, 1000 + GUARD_MS);
  });

  it("a 429 at a trickle teaches nothing; the highest limit seen is kept", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    teach(pacer, clock, MIN_RATE_TO_LEARN - 1);
    assert.equal(pacer.limit(), 0);
    clock.time += 3000;
    // Two 429s in one burst (another client shared the limit for a moment at the first):
    // 10 admitted before the first, 29 before the second.
    const burst = Array.from({ length: 31 }, () => {
      clock.time += 10;
      return sendNow(pacer);
    });
    burst.forEach((start, i) => pacer.settle(start, i === 10 || i === 30 ? "refused" : "admitted"));
    assert.equal(pacer.limit(), 29);
    clock.time += 3000;
    for (let i = 0; i < 8; i++) pacer.settle(sendNow(pacer), "admitted");
    pacer.settle(sendNow(pacer), "refused");
    assert.equal(pacer.limit(), 29, "a 429 at a lower rate (the limit shared for a moment) does not slow the pace for good");
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
