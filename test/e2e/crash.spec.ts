/**
 * A `pulumi up` killed with SIGKILL while creates are in flight, then the documented recovery:
 * `pulumi cancel`, `pulumi-pingone recover --yes`, `pulumi up`. Through the real engine and the
 * emulator over HTTP; the emulator's latency keeps creates in flight when the kill lands.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { PingOneClient, clearTokenCache } from "../../provider/client";
import { resolveSettings } from "../../provider/config";
import { REPO_ROOT } from "../../scripts/engine";
import { cliEnv } from "../../scripts/workspace";
import { FIXTURE_PROJECT, setupE2E, type E2E } from "./harness";

const APP_COUNT = 30;
/** Added to every request: a create (token, POST, secret read) then takes several seconds. */
const LATENCY_MS = 1500;
/** Fixed, so that the waves of creates (and so the kill's effect) do not depend on the CPU count. */
const PARALLEL = 8;
const MAX_CRASH_ATTEMPTS = 3;
const RECOVER = join(REPO_ROOT, "dist", "cli", "main.js");

interface Checkpoint {
  deployment: { resources?: { type: string; id?: string }[]; pending_operations?: { type: string; resource: { urn: string } }[] };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("recovery after a crash mid-up, through the Pulumi engine", function () {
  this.timeout(240_000);
  let e2e: E2E;
  let stack: string;
  let client: PingOneClient;
  const cwd = FIXTURE_PROJECT;
  /** Every application's client secret seen during the test (orphans included). */
  const secrets = new Set<string>();

  before(async () => {
    e2e = await setupE2E();
    stack = await e2e.newStack(cwd, "crash");
    clearTokenCache();
    client = new PingOneClient(resolveSettings(undefined, e2e.env));
  });
  after(() => e2e?.close());

  function env(): Record<string, string> {
    return cliEnv(e2e.engine, e2e.dirs, e2e.env);
  }

  function spawnRun(command: string, args: string[], detached = false): { pid: number; done: Promise<Run> } {
    const child = spawn(command, args, { cwd, env: env(), detached, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<Run>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    });
    return { pid: child.pid ?? 0, done };
  }

  function recover(...flags: string[]): Promise<Run> {
    return spawnRun(process.execPath, [RECOVER, "recover", "--stack", stack, "--cwd", cwd, "--pulumi", e2e.engine.pulumiPath, ...flags]).done;
  }

  async function checkpoint(): Promise<Checkpoint> {
    return JSON.parse((await e2e.ok(["stack", "export", "--stack", stack], cwd)).stdout) as Checkpoint;
  }

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

  it("pulumi cancel, pulumi-pingone recover --yes, pulumi up: every app once, no orphan, no pending operation, no secret in state", async () => {
    const outside = await client.createApplication(e2e.emulator.environmentId, { name: "Outside-The-Stack", type: "WORKER", protocol: "OPENID_CONNECT", grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" });
    const apps = Object.fromEntries(
      Array.from({ length: APP_COUNT }, (_, i) => [`app${String(i).padStart(2, "0")}`, { type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" }]),
    );
    await e2e.ok(["config", "set", "apps", JSON.stringify(apps), "--stack", stack], cwd);

    // Kill once some creates are recorded and others are in flight; if a kill ever lands with no
    // orphan, the next attempt kills earlier (on the first app PingOne holds, whose secret read is
    // still in flight), so the test cannot pass without a real orphan.
    let state: Checkpoint = await checkpoint();
    let orphans: string[] = [];
    const seen = { attempts: 0, inFlight: 0, inState: 0, orphans: 0 };
    for (let attempt = 1; attempt <= MAX_CRASH_ATTEMPTS && orphans.length === 0; attempt++) {
      seen.attempts = attempt;
      const before = e2e.emulator.applications().length;
      const killAt = attempt === 1 ? before + 12 : before + 1;
      e2e.emulator.setFaults({ latencyMs: LATENCY_MS });
      const up = spawnRun(e2e.engine.pulumiPath, ["up", "--yes", "--skip-preview", "--parallel", String(PARALLEL), "--stack", stack, "--non-interactive"], true);
      let exited = false;
      void up.done.then(() => (exited = true));
      for (let i = 0; i < 1200 && !exited && e2e.emulator.applications().length < killAt; i++) await sleep(25);
      if (exited) assert.fail(`pulumi up ended before the kill:\n${(await up.done).stdout}`);
      process.kill(-up.pid, "SIGKILL");
      await up.done;
      e2e.emulator.setFaults({ latencyMs: 0 });
      await settle();
      state = await checkpoint();
      const recorded = new Set(appIdsInState(state));
      orphans = emulatorIds().filter((id) => id !== outside.id && !recorded.has(id));
      seen.inFlight = state.deployment.pending_operations?.length ?? 0;
      seen.inState = recorded.size;
      seen.orphans = orphans.length;
      if (orphans.length === 0 && attempt < MAX_CRASH_ATTEMPTS) await e2e.ok(["cancel", "--yes", "--stack", stack], cwd);
    }
    assert.ok(orphans.length >= 1, `the crash left no orphan in ${seen.attempts} attempts`);
    assert.ok(seen.inFlight >= orphans.length, "each orphan has a pending create");
    await collectSecrets();

    // The killed process left its lock: recover refuses to delete anything while it is there.
    e2e.emulator.resetCounters();
    const locked = await recover("--yes");
    assert.equal(locked.code, 1, `${locked.stdout}\n${locked.stderr}`);
    assert.match(locked.stderr, /an update may be running: .*locks.*pulumi cancel --stack/s);
    assert.equal(e2e.emulator.counters().total, 0, "no request reached PingOne");

    await e2e.ok(["cancel", "--yes", "--stack", stack], cwd);

    let started = Date.now();
    const dryRun = await recover();
    const dryRunMs = Date.now() - started;
    assert.equal(dryRun.code, 0, `${dryRun.stdout}\n${dryRun.stderr}`);
    assert.equal((dryRun.stdout.match(/^ +would delete /gm) ?? []).length, orphans.length, dryRun.stdout);
    assert.ok(dryRun.stdout.includes(`summary (dry run, nothing changed): found ${orphans.length}, would delete ${orphans.length}, skipped 0, would clear ${seen.inFlight} of ${seen.inFlight} pending operations`), dryRun.stdout);
    assert.equal(appRequestsOtherThanGet(e2e), 0, "the dry run only listed");
    assert.equal((await checkpoint()).deployment.pending_operations?.length, seen.inFlight, "the dry run kept the pending operations");

    started = Date.now();
    const recovered = await recover("--yes");
    const recoverMs = Date.now() - started;
    assert.equal(recovered.code, 0, `${recovered.stdout}\n${recovered.stderr}`);
    assert.ok(recovered.stdout.includes(`summary: found ${orphans.length}, deleted ${orphans.length}, skipped 0, pending operations cleared ${seen.inFlight} of ${seen.inFlight}`), recovered.stdout);
    for (const id of orphans) assert.equal(emulatorIds().includes(id), false, `orphan ${id} deleted`);
    assert.deepEqual((await checkpoint()).deployment.pending_operations ?? [], []);

    const final = await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
    assert.doesNotMatch(`${final.stdout}${final.stderr}`, /pending operations/, "the up starts clean");
    await collectSecrets();

    const after = await checkpoint();
    const inState = appIdsInState(after);
    const inEmulator = emulatorIds().filter((id) => id !== outside.id);
    assert.deepEqual([...inEmulator].sort(), [...inState].sort(), "PingOne holds exactly the stack's applications");
    assert.equal(inState.length, APP_COUNT);
    const names = e2e.emulator.applications().map((app) => app.name as string);
    assert.equal(new Set(names).size, names.length, "no duplicate names");
    assert.ok(emulatorIds().includes(outside.id), "an application outside the stack is never touched");
    assert.deepEqual(after.deployment.pending_operations ?? [], []);

    const exported = JSON.stringify(after);
    const printed = [locked, dryRun, recovered].map((r) => `${r.stdout}\n${r.stderr}`).join("\n");
    assert.ok(secrets.size >= APP_COUNT + orphans.length);
    for (const secret of [...secrets, e2e.emulator.clientSecret]) {
      assert.equal(exported.includes(secret), false, "a plaintext secret in stack export");
      assert.equal(printed.includes(secret), false, "a secret in recover's output");
    }
    console.log(
      `      crash: ${seen.attempts} attempt(s); pending creates ${seen.inFlight}, apps in state ${seen.inState}, orphans ${orphans.length}; ` +
        `recover deleted ${orphans.length}, cleared ${seen.inFlight} (dry run ${dryRunMs} ms, --yes ${recoverMs} ms); ` +
        `after up: ${inState.length} apps in state = ${inEmulator.length} in PingOne, 0 duplicates, 0 pending, ${secrets.size} secrets absent from export and output`,
    );
  });
});

/** Application requests other than GET (the dry run must send none). */
function appRequestsOtherThanGet(e2e: E2E): number {
  return e2e.emulator.requestLog().filter((r) => r.path.includes("/applications") && r.method !== "GET").length;
}
