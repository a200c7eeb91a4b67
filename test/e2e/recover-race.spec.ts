/**
 * The race between `pulumi-pingone recover` and a create still in flight in the provider process
 * a killed `pulumi up` left running (issue #17, item 2), through the real engine and the emulator
 * over HTTP.
 *
 * Each race: `pulumi up` of one application whose first POST PingOne answers 429 with a
 * Retry-After, so the create waits inside the dynamic provider; the `pulumi up` process group is
 * killed with SIGKILL during that wait (the provider and the language host run in process groups
 * of their own and survive it); `pulumi cancel`; `recover --yes` while the provider still waits;
 * then the provider's retried POST lands. Before the fix, `recover` listed the environment, found
 * nothing, cleared the pending create, and the late application was an orphan nothing recorded.
 *
 * Five races run at once, started a few seconds apart, each on its own stack and its own
 * environment (so that each one's scripted 429 meets its own POST); a short operation timeout
 * keeps the in-flight deadline, and so the whole test, short.
 */
import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { cliRuns, sleep, type Run } from "./cli-runs";
import { FIXTURE_PROJECT, setupE2E, type E2E } from "./harness";
import { descendants, endSurvivors, isRunning, type Survivor } from "./survivors";

const RACES = 5;
/** pingone:operationTimeout of every stack: the in-flight deadline is the last save + 2 × this + 5 s. */
const OPERATION_TIMEOUT_S = 11;
/**
 * The 429's Retry-After: long enough for `pulumi cancel` and a `recover` to list the environment
 * before the late POST (4–5 s on a loaded 2-core machine), inside the operation timeout.
 */
const RETRY_AFTER_S = 9;
const STAGGER_MS = 2500;
const APPLICATION = "pulumi-nodejs:dynamic/pingone:Application";

interface Race {
  stack: string;
  environmentId: string;
  /** `recover --yes` run while the create was held: its output, and the pending operations after it. */
  early: Run;
  pendingAfterEarly: number;
  earlyStartedAt: number;
  /** Whether the dynamic provider of the killed run was still running when the early recover started. */
  providerAliveAtEarly: boolean;
  /** The provider's retried POST, answered 201 after the kill: the late create. */
  lateCreateAt: number | undefined;
  /** `recover --yes --wait`. */
  waited: Run;
  /** Applications of the race's environment in no state, once nothing can land any more. */
  orphans: string[];
  pendingLeft: number;
  ms: number;
}

describe("recover and a create still in flight after the kill, through the Pulumi engine", function () {
  this.timeout(240_000);
  let e2e: E2E;
  const cwd = FIXTURE_PROJECT;
  const environments = Array.from({ length: RACES }, () => randomUUID());

  before(async () => {
    e2e = await setupE2E({ emulator: { environmentIds: [randomUUID(), ...environments] } });
  });
  /** Plugin processes of the killed runs, ended once each race is over (and at the end whatever happened). */
  const survivors: Survivor[] = [];
  after(async () => {
    endSurvivors(survivors);
    await e2e?.close();
  });

  const { spawnRun, recover, checkpoint } = cliRuns(() => e2e, cwd);

  function appsPath(environmentId: string): RegExp {
    return new RegExp(`/environments/${environmentId}/applications$`);
  }

  function posts(environmentId: string) {
    return e2e.emulator.requestLog().filter((r) => r.method === "POST" && appsPath(environmentId).test(r.path));
  }

  async function race(index: number): Promise<Race> {
    await sleep(index * STAGGER_MS);
    const started = Date.now();
    const environmentId = environments[index];
    const stack = await e2e.newStack(cwd, `race${index}`);
    const worker = { type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC", environmentId };
    await e2e.ok(["config", "set", "apps", JSON.stringify({ web: worker }), "--stack", stack], cwd);
    await e2e.ok(["config", "set", "pingone:operationTimeout", String(OPERATION_TIMEOUT_S), "--stack", stack], cwd);

    // Killed while the provider waits out the 429's Retry-After.
    const up = spawnRun(e2e.engine.pulumiPath, ["up", "--yes", "--skip-preview", "--stack", stack, "--non-interactive"], true);
    let exited = false;
    void up.done.then(() => (exited = true));
    for (let i = 0; i < 2400 && !exited && !posts(environmentId).some((r) => r.status === 429); i++) await sleep(25);
    if (exited) assert.fail(`pulumi up ended before the kill:\n${(await up.done).stdout}\n${(await up.done).stderr}`);
    const plugins = descendants(up.pid);
    survivors.push(...plugins);
    process.kill(-up.pid, "SIGKILL");
    await up.done;
    const killedAt = Date.now();
    assert.equal(e2e.emulator.applications(environmentId).length, 0, "the create is held: nothing made yet");

    await e2e.ok(["cancel", "--yes", "--stack", stack], cwd);
    const providerAliveAtEarly = plugins.some((p) => p.cmdline.includes("dynamic-provider") && isRunning(p));
    const earlyStartedAt = Date.now();
    const early = await recover(stack, "--yes");
    const pendingAfterEarly = (await checkpoint(stack)).deployment.pending_operations?.length ?? 0;

    const waited = await recover(stack, "--yes", "--wait");

    // Whatever recover did, look once no create can land any more: the provider's deadline (counted
    // from after the kill, so later than its true start) and its reconciliation grace have passed.
    await sleep(Math.max(0, killedAt + 2 * OPERATION_TIMEOUT_S * 1000 + 5000 - Date.now()));
    endSurvivors(plugins);
    const late = posts(environmentId).find((r) => r.status === 201);
    const state = await checkpoint(stack);
    const inState = new Set((state.deployment.resources ?? []).filter((r) => r.type === APPLICATION).map((r) => String(r.id)));
    return {
      stack,
      environmentId,
      early,
      pendingAfterEarly,
      earlyStartedAt,
      providerAliveAtEarly,
      lateCreateAt: late === undefined ? undefined : Date.parse(late.time),
      waited,
      orphans: e2e.emulator
        .applications(environmentId)
        .map((app) => app.id as string)
        .filter((id) => !inState.has(id)),
      pendingLeft: state.deployment.pending_operations?.length ?? 0,
      ms: Date.now() - started,
    };
  }

  it(`${RACES} races of kill, recover and a late create: 0 orphans, 0 pending creates cleared while the create could still land`, async () => {
    e2e.emulator.setFaults({
      script: environments.map((environmentId) => ({
        match: { method: "POST", path: appsPath(environmentId).source },
        fault: { status: 429, retryAfterSeconds: RETRY_AFTER_S },
        times: 1,
      })),
    });
    const started = Date.now();
    const races = await Promise.all(environments.map((_env, index) => race(index)));
    const totalMs = Date.now() - started;
    e2e.emulator.clearFaults();

    const report = races.map(
      (r) =>
        `${r.stack}: early recover exit ${r.early.code}, pending after it ${r.pendingAfterEarly}; late create ${r.lateCreateAt === undefined ? "none" : `${r.lateCreateAt - r.earlyStartedAt} ms after the early recover started`}; ` +
        `--wait exit ${r.waited.code}; orphans ${r.orphans.length}, pending left ${r.pendingLeft} (${r.ms} ms)\n${r.early.stdout}${r.early.stderr}${r.waited.stdout}${r.waited.stderr}`,
    );
    const clearedEarly = races.filter((r) => r.pendingAfterEarly === 0).length;
    const orphans = races.reduce((n, r) => n + r.orphans.length, 0);
    console.log(
      `      ${RACES} races in ${totalMs} ms: late creates ${races.filter((r) => r.lateCreateAt !== undefined).length}, pending creates cleared early ${clearedEarly}, orphans ${orphans}`,
    );

    for (const r of races) {
      // The race was real: the provider outlived the kill and created the application after recover had started.
      assert.ok(r.providerAliveAtEarly, `the killed run's dynamic provider was gone before recover started:\n${report.join("\n")}`);
      assert.ok(r.lateCreateAt !== undefined && r.lateCreateAt > r.earlyStartedAt, `no late create after recover started:\n${report.join("\n")}`);
    }
    assert.equal(clearedEarly, 0, `pending creates cleared while their create could still land:\n${report.join("\n")}`);
    assert.equal(orphans, 0, `orphans:\n${report.join("\n")}`);
    for (const r of races) {
      assert.equal(r.early.code, 1, r.early.stderr);
      assert.match(
        r.early.stderr,
        /1 pending create\(s\) may still be in flight: a create recorded by \S+ \(the checkpoint's last save \(manifest\.time\)\) may reach PingOne until \S+: 11 s operation timeout .*nothing was changed; run this again after \S+ \(in \d+ s\), or add --wait/,
      );
      assert.equal(r.waited.code, 0, `${r.waited.stdout}\n${r.waited.stderr}`);
      assert.match(r.waited.stderr, /^waiting \d+ s: a create recorded by /m, "it says what it waits for");
      assert.match(r.waited.stderr, /^\[1\/1\] "web-[0-9a-f]{7}" \([0-9a-f-]{36}\): deleted in [\d.]+ s$/m, "the late application is found and deleted");
      assert.ok(r.waited.stdout.includes("summary: found 1, deleted 1, skipped 0, pending operations cleared 1 of 1"), r.waited.stdout);
      assert.equal(r.pendingLeft, 0);
    }
  });
});
