/**
 * A `pulumi up` killed with SIGKILL while creates are in flight, then the documented recovery:
 * `pulumi cancel`, `pulumi-pingone recover --yes`, `pulumi up`. Through the real engine and the
 * emulator over HTTP; the emulator's latency keeps creates in flight when the kill lands.
 */
import { strict as assert } from "node:assert";
import { PingOneClient, clearTokenCache } from "../../provider/http/client";
import { resolveSettings } from "../../provider/kernel/config";
import { cliRuns, sleep, type Checkpoint } from "./cli-runs";
import { FIXTURE_PROJECT, setupE2E, type E2E } from "./harness";
import { descendants, endSurvivors, type Survivor } from "./survivors";

const APP_COUNT = 30;
/** Added to every request: a create (token, POST, secret read) then takes several seconds. */
const LATENCY_MS = 1500;
/** Fixed, so that the waves of creates (and so the kill's effect) do not depend on the CPU count. */
const PARALLEL = 8;
const MAX_CRASH_ATTEMPTS = 3;
/**
 * pingone:operationTimeout of the crashed stacks: a create here takes about 5 s (1.5 s per
 * request), and the killed run's creates may still land until the checkpoint's last save + 2 × this
 * + 5 s, which `recover` waits for (cli/inflight.ts); the default (120 s) would make that 245 s.
 */
const OPERATION_TIMEOUT_S = 15;

interface Crash {
  attempts: number;
  /** Pending operations the checkpoint holds after the kill. */
  pending: number;
  /** Applications the state recorded before the kill. */
  inState: number;
  /** Applications PingOne holds that are in no state (and not in `ignore`). */
  orphans: string[];
}

describe("recovery after a crash mid-up, through the Pulumi engine", function () {
  this.timeout(240_000);
  let e2e: E2E;
  let client: PingOneClient;
  const cwd = FIXTURE_PROJECT;
  /** Every application's client secret seen during the tests (orphans included). */
  const secrets = new Set<string>();

  before(async () => {
    e2e = await setupE2E();
    clearTokenCache();
    client = new PingOneClient(resolveSettings(undefined, e2e.env));
  });
  /** Plugin processes of the killed runs: the kill leaves them running (see survivors.ts). */
  const survivors: Survivor[] = [];
  after(async () => {
    endSurvivors(survivors);
    await e2e?.close();
  });

  const { spawnRun, recover, checkpoint } = cliRuns(() => e2e, cwd);

  function appIdsInState(state: Checkpoint): string[] {
    return (state.deployment.resources ?? []).filter((r) => r.type === "pulumi-nodejs:dynamic/pingone:Application").map((r) => String(r.id));
  }

  function emulatorIds(): string[] {
    return e2e.emulator.applications().map((app) => app.id as string);
  }

  /** Waits until no create is still sleeping in the emulator's latency: the app count holds still. */
  async function settle(): Promise<void> {
    let count = -1;
    for (let i = 0; i < 20 && count !== e2e.emulator.applications().length; i++) {
      count = e2e.emulator.applications().length;
      await sleep(LATENCY_MS + 300);
    }
  }

  async function collectSecrets(): Promise<void> {
    for (const id of emulatorIds()) secrets.add((await client.getApplicationSecret(e2e.emulator.environmentId, id)).reveal());
  }

  /**
   * Runs `pulumi up` and kills its process group with SIGKILL once PingOne holds `killAfter` more
   * applications. A kill that leaves no orphan is retried, killing on the first new application
   * (its secret read is then still in flight, so it cannot be recorded): the test cannot pass
   * without a real orphan.
   */
  async function crashUp(stack: string, killAfter: number, ignore: readonly string[]): Promise<Crash> {
    const crash: Crash = { attempts: 0, pending: 0, inState: 0, orphans: [] };
    for (let attempt = 1; attempt <= MAX_CRASH_ATTEMPTS && crash.orphans.length === 0; attempt++) {
      crash.attempts = attempt;
      const killAt = e2e.emulator.applications().length + (attempt === 1 ? killAfter : 1);
      e2e.emulator.setFaults({ latencyMs: LATENCY_MS });
      const up = spawnRun(
        e2e.engine.pulumiPath,
        ["up", "--yes", "--skip-preview", "--parallel", String(PARALLEL), "--stack", stack, "--non-interactive"],
        true,
      );
      let exited = false;
      void up.done.then(() => (exited = true));
      for (let i = 0; i < 1200 && !exited && e2e.emulator.applications().length < killAt; i++) await sleep(25);
      if (exited) assert.fail(`pulumi up ended before the kill:\n${(await up.done).stdout}`);
      survivors.push(...descendants(up.pid));
      process.kill(-up.pid, "SIGKILL");
      await up.done;
      e2e.emulator.setFaults({ latencyMs: 0 });
      await settle();
      const state = await checkpoint(stack);
      const recorded = new Set(appIdsInState(state));
      crash.orphans = emulatorIds().filter((id) => !ignore.includes(id) && !recorded.has(id));
      crash.pending = state.deployment.pending_operations?.length ?? 0;
      crash.inState = recorded.size;
      if (crash.orphans.length === 0 && attempt < MAX_CRASH_ATTEMPTS) await e2e.ok(["cancel", "--yes", "--stack", stack], cwd);
    }
    assert.ok(crash.orphans.length >= 1, `the crash left no orphan in ${crash.attempts} attempts`);
    assert.ok(crash.pending >= crash.orphans.length, "each orphan has a pending create");
    return crash;
  }

  const worker = { type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" };

  it("pulumi cancel, pulumi-pingone recover --yes, pulumi up: every app once, no orphan, no pending operation, no secret in state", async () => {
    const stack = await e2e.newStack(cwd, "crash");
    const outside = await client.createApplication(e2e.emulator.environmentId, { ...worker, name: "Outside-The-Stack", protocol: "OPENID_CONNECT" });
    const apps = Object.fromEntries(Array.from({ length: APP_COUNT }, (_, i) => [`app${String(i).padStart(2, "0")}`, worker]));
    await e2e.ok(["config", "set", "apps", JSON.stringify(apps), "--stack", stack], cwd);
    await e2e.ok(["config", "set", "pingone:operationTimeout", String(OPERATION_TIMEOUT_S), "--stack", stack], cwd);

    // Killed once some creates are recorded and others are in flight.
    const crash = await crashUp(stack, 12, [outside.id]);
    const { orphans, pending } = crash;
    await collectSecrets();

    // The killed process left its lock: recover refuses to delete anything while it is there.
    e2e.emulator.resetCounters();
    const locked = await recover(stack, "--yes");
    assert.equal(locked.code, 1, `${locked.stdout}\n${locked.stderr}`);
    assert.match(locked.stderr, /an update may be running: .*locks.*pulumi cancel --stack/s);
    assert.equal(e2e.emulator.counters().total, 0, "no request reached PingOne");

    await e2e.ok(["cancel", "--yes", "--stack", stack], cwd);

    // The killed run's provider may still be creating: until its deadline, --yes changes nothing.
    const early = await recover(stack, "--yes");
    assert.equal(early.code, 1, `${early.stdout}\n${early.stderr}`);
    assert.match(early.stderr, /pending create\(s\) may still be in flight: .*nothing was changed; run this again after \S+ \(in \d+ s\), or add --wait/);
    assert.equal(appRequestsOtherThanGet(e2e), 0, "nothing deleted");
    assert.equal((await checkpoint(stack)).deployment.pending_operations?.length, pending, "nothing cleared");

    let started = Date.now();
    const waited = await recover(stack, "--wait");
    const waitedMs = Date.now() - started;
    assert.match(waited.stderr, /^waiting \d+ s: a create recorded by /m);
    started = Date.now();
    const dryRun = await recover(stack);
    const dryRunMs = Date.now() - started;
    assert.equal(
      waited.stdout.replace(/^creates in flight: .*\n/m, ""),
      dryRun.stdout.replace(/^creates in flight: .*\n/m, ""),
      "after the wait, the same dry run",
    );
    assert.equal(dryRun.code, 0, `${dryRun.stdout}\n${dryRun.stderr}`);
    assert.equal((dryRun.stdout.match(/^ +would delete /gm) ?? []).length, orphans.length, dryRun.stdout);
    assert.ok(
      dryRun.stdout.includes(
        `summary (dry run, nothing changed): found ${orphans.length}, would delete ${orphans.length}, skipped 0, would clear ${pending} of ${pending} pending operations`,
      ),
      dryRun.stdout,
    );
    assert.equal(appRequestsOtherThanGet(e2e), 0, "the dry run only listed");
    assert.equal((await checkpoint(stack)).deployment.pending_operations?.length, pending, "the dry run kept the pending operations");

    started = Date.now();
    const recovered = await recover(stack, "--yes");
    const recoverMs = Date.now() - started;
    assert.equal(recovered.code, 0, `${recovered.stdout}\n${recovered.stderr}`);
    assert.ok(
      recovered.stdout.includes(`summary: found ${orphans.length}, deleted ${orphans.length}, skipped 0, pending operations cleared ${pending} of ${pending}`),
      recovered.stdout,
    );
    for (const id of orphans) assert.equal(emulatorIds().includes(id), false, `orphan ${id} deleted`);
    assert.deepEqual((await checkpoint(stack)).deployment.pending_operations ?? [], []);

    const final = await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
    assert.doesNotMatch(`${final.stdout}${final.stderr}`, /pending operations/, "the up starts clean");
    await collectSecrets();

    const after = await checkpoint(stack);
    const inState = appIdsInState(after);
    const inEmulator = emulatorIds().filter((id) => id !== outside.id);
    assert.deepEqual([...inEmulator].sort(), [...inState].sort(), "PingOne holds exactly the stack's applications");
    assert.equal(inState.length, APP_COUNT);
    const names = e2e.emulator.applications().map((app) => app.name as string);
    assert.equal(new Set(names).size, names.length, "no duplicate names");
    assert.ok(emulatorIds().includes(outside.id), "an application outside the stack is never touched");
    assert.deepEqual(after.deployment.pending_operations ?? [], []);

    const exported = JSON.stringify(after);
    const printed = [locked, early, waited, dryRun, recovered].map((r) => `${r.stdout}\n${r.stderr}`).join("\n");
    assert.ok(secrets.size >= APP_COUNT + orphans.length);
    for (const secret of [...secrets, e2e.emulator.clientSecret]) {
      assert.equal(exported.includes(secret), false, "a plaintext secret in stack export");
      assert.equal(printed.includes(secret), false, "a secret in recover's output");
    }
    console.log(
      `      crash: ${crash.attempts} attempt(s); pending creates ${pending}, apps in state ${crash.inState}, orphans ${orphans.length}; ` +
        `recover deleted ${orphans.length}, cleared ${pending} (--wait dry run ${waitedMs} ms, dry run ${dryRunMs} ms, --yes ${recoverMs} ms); ` +
        `after up: ${inState.length} apps in state = ${inEmulator.length} in PingOne, 0 duplicates, 0 pending, ${secrets.size} secrets absent from export and output`,
    );
    await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", stack], cwd);
    await client.deleteApplication(e2e.emulator.environmentId, outside.id);
  });

  it("an orphan with a name set in the program is only reported; --delete-id deletes it, --keep-id settles another stack's same-named app, which is never deleted", async () => {
    const stack = await e2e.newStack(cwd, "crash-named");
    // Another stack's application with the same name, and nothing else in PingOne.
    const theirs = await client.createApplication(e2e.emulator.environmentId, { ...worker, name: "Shared-Name", protocol: "OPENID_CONNECT" });
    assert.deepEqual(emulatorIds(), [theirs.id]);
    await e2e.ok(["config", "set", "apps", JSON.stringify({ shared: { ...worker, name: "Shared-Name" } }), "--stack", stack], cwd);
    await e2e.ok(["config", "set", "pingone:operationTimeout", String(OPERATION_TIMEOUT_S), "--stack", stack], cwd);

    const crash = await crashUp(stack, 1, [theirs.id]);
    assert.equal(crash.orphans.length, 1);
    const [ours] = crash.orphans;
    await e2e.ok(["cancel", "--yes", "--stack", stack], cwd);

    const reported = await recover(stack, "--yes", "--wait");
    assert.equal(reported.code, 1, "left for the user to decide");
    assert.ok(reported.stdout.includes("summary: found 2, deleted 0, skipped 2, pending operations cleared 0 of 1"), reported.stdout);
    for (const id of [ours, theirs.id])
      assert.match(reported.stdout, new RegExp(`skipped  ${id} .*another stack may own this application.*--delete-id ${id} .*--keep-id ${id}`));
    assert.deepEqual([...emulatorIds()].sort(), [ours, theirs.id].sort(), "nothing deleted");
    assert.equal((await checkpoint(stack)).deployment.pending_operations?.length, 1, "the pending create is kept: it is the only record");

    const halfDecided = await recover(stack, "--yes", "--delete-id", ours);
    assert.equal(halfDecided.code, 1, "the other one is still undecided");
    assert.ok(halfDecided.stdout.includes("summary: found 2, deleted 1, skipped 1, pending operations cleared 0 of 1"), halfDecided.stdout);
    assert.deepEqual(emulatorIds(), [theirs.id], "only the named one is deleted");

    const decided = await recover(stack, "--yes", "--keep-id", theirs.id);
    assert.equal(decided.code, 0, `${decided.stdout}\n${decided.stderr}`);
    assert.ok(decided.stdout.includes("summary: found 1, deleted 0, skipped 1, pending operations cleared 1 of 1"), decided.stdout);
    assert.deepEqual(emulatorIds(), [theirs.id], "the kept one stays");

    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
    const inState = appIdsInState(await checkpoint(stack));
    assert.equal(inState.length, 1);
    assert.deepEqual([...emulatorIds()].sort(), [theirs.id, inState[0]].sort(), "one app for this stack, the other stack's untouched");
    await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", stack], cwd);
    assert.deepEqual(emulatorIds(), [theirs.id]);
  });
});

/** Application requests other than GET (the dry run must send none). */
function appRequestsOtherThanGet(e2e: E2E): number {
  return e2e.emulator.requestLog().filter((r) => r.path.includes("/applications") && r.method !== "GET").length;
}
