/**
 * Pacing under PingOne's rate limit: once a 429 shows the rate the limit admits, the requests of
 * the whole provider process start at most that often, staggered rather than all at once after
 * `Retry-After`; a 429 at a trickle teaches nothing. Against the emulator's requests-per-second
 * budget, concurrent creates then meet few 429s, and every application is created exactly once.
 */
import { strict as assert } from "node:assert";
import { setTimeout as delay } from "node:timers/promises";
import type { RunningEmulator } from "../../emulator";
import { pingOneEnvironment } from "../../emulator";
import { clearTokenCache } from "../../provider/http/client";
import { ApplicationLifecycle } from "../../provider/application/lifecycle";
import {
  clearRequestPacing,
  GUARD_MS,
  MIN_RATE_TO_LEARN,
  PACING_VARIABLE,
  pacerFor,
  pacingSwitchedOff,
  RequestPacer,
  type PacedStart,
} from "../../provider/http/pacing";
import { SEED_001 } from "../fixtures/seeds";
import { checked, withEmulator } from "../helpers/emulator";
import { simulateTraffic, type TrafficOptions } from "../helpers/paced-traffic";

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

/**
 * Teaches `pacer` a limit of `limit` a second as a rate limit shows it: twice (a second apart), that
 * many admitted in 40 ms steps, then the three requests in flight at once refused; then the second
 * after the last refusals passes, so that they are judged.
 */
function teach(pacer: RequestPacer, clock: FakeClock, limit: number): void {
  for (let episode = 0; episode < 2; episode++) {
    for (let i = 0; i < limit; i++) {
      pacer.settle(sendNow(pacer), "admitted");
      clock.time += 40;
    }
    const inFlight = [sendNow(pacer), sendNow(pacer), sendNow(pacer)];
    for (const start of inFlight) pacer.settle(start, "refused");
    clock.time += 1000 + GUARD_MS;
  }
}

describe("request pacing", () => {
  it("does nothing until a limit is met", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    for (let i = 0; i < 50; i++) pacer.settle(sendNow(pacer), "admitted");
    assert.equal(pacer.limit(), 0);
  });

  it("learns the limit from the second before a cluster of 429s once every earlier request has its answer, admitted answers arriving after the 429s included", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    const old = sendNow(pacer);
    pacer.settle(old, "admitted");
    clock.time += 1200;
    /** 20 admitted 40 ms apart, the last two answered only later; then three refused at once. */
    const episode = (): PacedStart[] => {
      const starts: PacedStart[] = [];
      for (let i = 0; i < 20; i++) {
        starts.push(sendNow(pacer));
        clock.time += 40;
      }
      for (const start of starts.slice(0, 18)) pacer.settle(start, "admitted");
      const inFlight = [sendNow(pacer), sendNow(pacer), sendNow(pacer)];
      for (const start of inFlight) pacer.settle(start, "refused");
      return starts.slice(18);
    };
    for (const start of episode()) pacer.settle(start, "admitted");
    clock.time += 1100;
    const late = episode();
    clock.time += 1100;
    assert.equal(pacer.limit(), 0, "two requests started before the refused ones have no answer yet");
    pacer.settle(late[1], "admitted");
    assert.equal(pacer.limit(), 0);
    pacer.settle(late[0], "admitted");
    assert.equal(pacer.limit(), 20, "the 20 admitted in the second before the 429s, not the one 1.2 s earlier");
  });

  it("one cluster of 429s is not enough: a second at the same count confirms the limit", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    for (let i = 0; i < 20; i++) {
      pacer.settle(sendNow(pacer), "admitted");
      clock.time += 40;
    }
    for (const start of [sendNow(pacer), sendNow(pacer), sendNow(pacer)]) pacer.settle(start, "refused");
    clock.time += 1000 + GUARD_MS;
    assert.equal(pacer.limit(), 0, "a burst of 429s once (a proxy's, or another client's for a moment) sets no pace");
    for (let i = 0; i < 20; i++) {
      pacer.settle(sendNow(pacer), "admitted");
      clock.time += 40;
    }
    for (const start of [sendNow(pacer), sendNow(pacer), sendNow(pacer)]) pacer.settle(start, "refused");
    assert.equal(pacer.limit(), 0, "judged only once the second after the refusals has passed");
    clock.time += 1000 + GUARD_MS;
    assert.equal(pacer.limit(), 20);
  });

  it("a request still unanswered long before the 429s (a slow answer) does not keep the limit from being learnt", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    const slow = sendNow(pacer);
    clock.time += 5000;
    teach(pacer, clock, 20);
    assert.equal(slow.outcome, "pending");
    assert.equal(pacer.limit(), 20, "the slow request started seconds before the 429s' window counts in none of it");
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
    assert.deepEqual(
      burst.slice(0, 20).map((r) => r.waitMs),
      new Array<number>(20).fill(0),
    );
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
    // Twice, a burst with a 429 after 10 admitted (another client shared the limit for a moment)
    // and the requests in flight after 29 admitted refused (the limit itself).
    for (let episode = 0; episode < 2; episode++) {
      const burst = Array.from({ length: 33 }, () => {
        clock.time += 10;
        return sendNow(pacer);
      });
      burst.forEach((start, i) => pacer.settle(start, i === 10 || i >= 30 ? "refused" : "admitted"));
      clock.time += 1000 + GUARD_MS;
    }
    assert.equal(pacer.limit(), 29);
    clock.time += 3000;
    for (let i = 0; i < 8; i++) pacer.settle(sendNow(pacer), "admitted");
    pacer.settle(sendNow(pacer), "refused");
    clock.time += 1000 + GUARD_MS;
    assert.equal(pacer.limit(), 29, "a 429 at a lower rate (the limit shared for a moment) does not slow the pace for good");
  });

  it("a single 429 amid an otherwise admitted stream sets no pace and holds nothing (a proxy's or a burst's 429, not a rate limit)", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    // A steady 40 requests a second, one refused in the middle: those after it are admitted at the same rate.
    for (let i = 0; i < 80; i++) {
      const start = pacer.reserve();
      assert.equal(start.waitMs, 0, `request ${i} was held ${start.waitMs} ms`);
      pacer.sent(start.start);
      pacer.settle(start.start, i === 40 ? "refused" : "admitted");
      clock.time += 25;
    }
    clock.time += 2000;
    assert.equal(pacer.limit(), 0);
    assert.equal(pacer.reserve().waitMs, 0);
  });

  it("429s at a level the same window keeps admitting requests at teach nothing, however many", () => {
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now);
    // 40 a second, every 10th refused (10% random 429s): each refusal has about 36 admitted before it, and so do the admitted ones.
    for (let i = 0; i < 200; i++) {
      pacer.settle(sendNow(pacer), i % 10 === 9 ? "refused" : "admitted");
      clock.time += 25;
    }
    clock.time += 2000;
    assert.equal(pacer.limit(), 0);
  });

  it(`switched off (${PACING_VARIABLE}=off, a diagnostic), starts every request at once whatever the 429s`, () => {
    assert.equal(pacingSwitchedOff({ [PACING_VARIABLE]: " OFF " }), true);
    assert.equal(pacingSwitchedOff({ [PACING_VARIABLE]: "on" }), false);
    assert.equal(pacingSwitchedOff({}), false);
    const clock = new FakeClock();
    const pacer = new RequestPacer(clock.now, false);
    teach(pacer, clock, 20);
    assert.equal(pacer.limit(), 0);
    const burst = Array.from({ length: 40 }, () => pacer.reserve().waitMs);
    assert.deepEqual(burst, new Array<number>(40).fill(0));
  });

  describe("simulated traffic (operations at once as the engine's --parallel: 8 by default here)", () => {
    const operations: Pick<TrafficOptions, "jitterMs" | "retryAfterMs"> = { jitterMs: 4, retryAfterMs: 1000 };

    for (const workers of [4, 8, 16]) {
      for (const seed of [1, 2, 3]) {
        it(`10% random 429s, ${workers} operations (seed ${seed}): no limit learnt, and no slower than without pacing`, () => {
          const traffic: TrafficOptions = { ...operations, workers, requestsPerWorker: 800 / workers, latencyMs: 20, random429: 0.1, seed };
          const paced = simulateTraffic(traffic);
          const unpaced = simulateTraffic({ ...traffic, unpaced: true });
          assert.equal(paced.limit, 0, `learnt ${paced.limit}/s at ${paced.learntAtMs?.toFixed(0)} ms`);
          assert.ok(paced.ms <= unpaced.ms * 1.05, `paced ${paced.ms.toFixed(0)} ms, unpaced ${unpaced.ms.toFixed(0)} ms`);
        });
      }
    }

    for (const workers of [4, 8, 16, 32]) {
      for (const seed of [1, 2]) {
        it(`a 20 requests/s limit, ${workers} operations (seed ${seed}): learnt within the first seconds, two 429s per operation at most, close to the ideal`, () => {
          const traffic: TrafficOptions = { ...operations, workers, requestsPerWorker: Math.ceil(600 / workers), latencyMs: 50, limitPerSecond: 20, seed };
          const paced = simulateTraffic(traffic);
          const unpaced = simulateTraffic({ ...traffic, unpaced: true });
          const idealMs = ((workers * traffic.requestsPerWorker) / 20) * 1000;
          assert.equal(paced.limit, 20);
          assert.ok((paced.learntAtMs ?? Infinity) < 3000, `learnt at ${paced.learntAtMs?.toFixed(0)} ms`);
          assert.ok(paced.refused <= 2 * workers + 10, `${paced.refused} 429s (unpaced: ${unpaced.refused})`);
          assert.ok(paced.ms <= idealMs * 1.05, `${paced.ms.toFixed(0)} ms for an ideal of ${idealMs} ms`);
        });
      }
    }

    it("a 20 requests/s limit, 2 operations: each filling of the window is only a weak cluster (two refusals against the request that filled it), so four of them teach it", () => {
      const traffic: TrafficOptions = { ...operations, workers: 2, requestsPerWorker: 300, latencyMs: 50, limitPerSecond: 20, seed: 1 };
      const paced = simulateTraffic(traffic);
      const unpaced = simulateTraffic({ ...traffic, unpaced: true });
      const idealMs = (600 / 20) * 1000;
      assert.equal(paced.limit, 20);
      assert.ok((paced.learntAtMs ?? Infinity) < 8000, `learnt at ${paced.learntAtMs?.toFixed(0)} ms`);
      assert.ok(paced.refused <= 10, `${paced.refused} 429s (unpaced: ${unpaced.refused})`);
      assert.ok(paced.ms <= idealMs * 1.1, `${paced.ms.toFixed(0)} ms for an ideal of ${idealMs} ms (unpaced: ${unpaced.ms.toFixed(0)} ms)`);
    });
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
      const names = emulator
        .applications()
        .map((a) => (typeof a.name === "string" ? a.name : ""))
        .filter((name) => name.startsWith("paced-"));
      assert.equal(created.length, 100);
      assert.equal(new Set(names).size, 100);
      assert.equal(names.length, 100, "no duplicate");
      // Unpaced, each operation finds the spent budget on its own: about 70 429s for these 200 requests.
      assert.ok(refused <= 25, `${refused} requests refused with 429`);
    });
  });
});

describe("request pacing against the emulator's random 429s (no rate limit behind them)", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await withEmulator({ seed: 5, faults: { latencyMs: 20 } });
  });
  after(() => emulator.close());

  it("60 creates by 8 concurrent operations under 10% random 429s: no limit learnt, no request held, each app created once", async () => {
    clearTokenCache();
    clearRequestPacing();
    const provider = new ApplicationLifecycle({ env: pingOneEnvironment(emulator) });
    const inputs = await checked(provider, { ...SEED_001.body, __autoname: "random" });
    emulator.setFaults({ rate429: 0.1, retryAfterSeconds: 1 });
    emulator.resetCounters();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 60) {
          const i = next++;
          await provider.create({ ...inputs, name: `random-${i}` });
        }
      }),
    );
    const refused = emulator.counters().byFault["rate-limit"] ?? 0;
    emulator.clearFaults();
    const pacer = pacerFor(new URL(emulator.apiUrl).origin);
    // Judged a second after each refusal: let the last ones ripen.
    await delay(1100);
    const names = emulator
      .applications()
      .map((a) => (typeof a.name === "string" ? a.name : ""))
      .filter((name) => name.startsWith("random-"));
    assert.ok(refused >= 5, `the run met random 429s (${refused})`);
    assert.equal(pacer.limit(), 0, `a pace of ${pacer.limit()}/s was learnt from ${refused} random 429s`);
    assert.equal(pacer.reserve().waitMs, 0);
    assert.equal(names.length, 60, "each app created once");
    assert.equal(new Set(names).size, 60);
  });
});
