/**
 * Test helpers: a real emulator on loopback and a provider lifecycle pointed at it through
 * `PINGONE_*` settings, exactly as a user points the provider at PingOne.
 */
import { strict as assert } from "node:assert";
import { pingOneEnvironment, startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { ApplicationLifecycle } from "../../provider/application/lifecycle";
import { clearTokenCache, type ClientOptions } from "../../provider/http/client";
import { clearRequestPacing } from "../../provider/http/pacing";
import { HostileProxy } from "./hostile-proxy";

/** Delays the client asked for, instead of sleeping them (so retry tests assert the policy, not the clock). */
export class RecordedSleeps {
  readonly delays: number[] = [];
  readonly sleep = (ms: number): Promise<void> => {
    this.delays.push(ms);
    return Promise.resolve();
  };
}

export function lifecycleFor(emulator: RunningEmulator, clientOptions: ClientOptions = {}): ApplicationLifecycle {
  clearTokenCache();
  clearRequestPacing();
  return new ApplicationLifecycle({ env: pingOneEnvironment(emulator), clientOptions: { sleep: new RecordedSleeps().sleep, ...clientOptions } });
}

export async function withEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ seed: 7, ...options });
}

/** Checked inputs for an application, as the engine would pass them after `check`. */
export async function checked(
  lifecycle: ApplicationLifecycle,
  news: Record<string, unknown>,
  olds: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const result = await lifecycle.check(olds, news);
  if (result.failures && result.failures.length > 0) {
    throw new Error(`unexpected check failures: ${result.failures.map((f) => f.reason).join("; ")}`);
  }
  return result.inputs;
}

/** Sum of all counted requests. */
export function totalRequests(emulator: RunningEmulator): number {
  return emulator.counters().total;
}

/** The emulator and provider a suite shares; set by the hooks that `useEmulatorProvider` registers. */
export interface SharedEmulatorProvider {
  emulator: RunningEmulator;
  provider: ApplicationLifecycle;
}

/**
 * Registers the enclosing suite's hooks: one emulator for the suite, a provider pointed at it,
 * counters reset before each test, and with `noRequests` an assertion after each test that it
 * sent no request (what `check` must never do).
 */
export function useEmulatorProvider(options: { noRequests?: boolean } = {}): SharedEmulatorProvider {
  const shared = {} as SharedEmulatorProvider;
  before(async () => {
    shared.emulator = await withEmulator();
    shared.provider = lifecycleFor(shared.emulator);
  });
  after(() => shared.emulator.close());
  beforeEach(() => shared.emulator.resetCounters());
  if (options.noRequests) afterEach(() => assert.equal(totalRequests(shared.emulator), 0, "check must not send any request"));
  return shared;
}

/** The emulator and the hostile proxy in front of it that a suite shares; set by `useProxiedEmulator`'s hooks. */
export interface ProxiedEmulator {
  emulator: RunningEmulator;
  proxy: HostileProxy;
}

/**
 * Registers the enclosing suite's hooks: one emulator (from `start`) for the suite with a hostile
 * proxy in front of it, and before each test no proxy rule, no fault and fresh counters.
 */
export function useProxiedEmulator(start: () => Promise<RunningEmulator> = () => withEmulator()): ProxiedEmulator {
  const shared = {} as ProxiedEmulator;
  before(async () => {
    shared.emulator = await start();
    shared.proxy = await HostileProxy.start(shared.emulator.authUrl);
  });
  after(async () => {
    await shared.proxy.close();
    await shared.emulator.close();
  });
  beforeEach(() => {
    shared.proxy.set();
    shared.emulator.clearFaults();
    shared.emulator.resetCounters();
  });
  return shared;
}
