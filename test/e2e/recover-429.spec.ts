/**
 * `pulumi-pingone recover --yes` deleting 30 orphans while PingOne answers half of all requests
 * with 429 (issue #17, item 6): it must finish in one run. Before the fix one client, and so one
 * operation deadline, served the whole command, and under 429s the later deletes ran out of time.
 *
 * The stack is a real one of the real engine (file backend); its checkpoint holds 30 pending
 * creates shaped exactly as the engine records them (checked inputs with the generated name, the
 * serialized provider, no id; see test/cli/recover.spec.ts), written into the backend's checkpoint
 * file as a crash an hour ago leaves it: this test is about the deletes, not the crash
 * (test/e2e/crash.spec.ts and recover-race.spec.ts crash for real). The 30 orphans were made by the
 * provider's own create.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PendingOperation } from "../../cli/checkpoint";
import { checked, lifecycleFor } from "../helpers/emulator";
import { cliRuns } from "./cli-runs";
import { FIXTURE_PROJECT, setupE2E, type E2E } from "./harness";

const ORPHANS = 30;
/** pingone:operationTimeout: the deadline of each delete; the old single deadline for all of them. */
const OPERATION_TIMEOUT_S = 20;
const TYPE = "pulumi-nodejs:dynamic/pingone:Application";
/** The part of a serialized provider that identifies this package (see provider/kernel/shim.ts). */
const SERIALIZED_PROVIDER = 'exports.handler = __f0;\nfunction __f4(__0) { return (n) => require("pulumi-pingone/provider").create(n); }\n';

interface BackendCheckpoint {
  version: number;
  checkpoint: { latest: { manifest: { time: string }; pending_operations?: PendingOperation[] } };
}

describe("recover under random 429s, through the Pulumi engine's CLI", function () {
  this.timeout(240_000);
  let e2e: E2E;
  const cwd = FIXTURE_PROJECT;

  before(async () => {
    e2e = await setupE2E();
  });
  after(() => e2e?.close());

  async function exportStack(stack: string): Promise<{ pending_operations?: PendingOperation[] }> {
    return (JSON.parse((await e2e.ok(["stack", "export", "--stack", stack], cwd)).stdout) as { deployment: { pending_operations?: PendingOperation[] } })
      .deployment;
  }

  const { recover } = cliRuns(() => e2e, cwd);

  it(`deletes ${ORPHANS} orphans in one run while half of all requests are answered 429, each delete within its own deadline`, async () => {
    const stack = await e2e.newStack(cwd, "r429");
    await e2e.ok(["config", "set", "apps", "{}", "--stack", stack], cwd);
    await e2e.ok(["config", "set", "pingone:operationTimeout", String(OPERATION_TIMEOUT_S), "--stack", stack], cwd);
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);

    // The orphans: made by the provider's own create, recorded only as pending creates.
    const lifecycle = lifecycleFor(e2e.emulator);
    const worker = {
      type: "WORKER",
      grantTypes: ["CLIENT_CREDENTIALS"],
      tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
      environmentId: e2e.emulator.environmentId,
    };
    const pending: PendingOperation[] = [];
    const orphanIds: string[] = [];
    for (let i = 0; i < ORPHANS; i++) {
      const name = `app${String(i).padStart(2, "0")}`;
      const inputs = await checked(lifecycle, { ...worker, __autoname: name, __provider: SERIALIZED_PROVIDER });
      orphanIds.push((await lifecycle.create(inputs)).id);
      pending.push({ type: "creating", resource: { urn: `urn:pulumi:${stack}::pingone-e2e::${TYPE}::${name}`, custom: true, type: TYPE, inputs } });
    }
    const file = join(e2e.dirs.backendDir, ".pulumi", "stacks", "pingone-e2e", `${stack}.json`);
    assert.ok(existsSync(file), `the file backend keeps the checkpoint at ${file}`);
    const stored = JSON.parse(readFileSync(file, "utf8")) as BackendCheckpoint;
    stored.checkpoint.latest.pending_operations = pending;
    stored.checkpoint.latest.manifest.time = new Date(Date.now() - 3600_000).toISOString();
    writeFileSync(file, JSON.stringify(stored));
    assert.equal((await exportStack(stack)).pending_operations?.length, ORPHANS, "the engine reads the 30 pending creates");

    e2e.emulator.resetCounters();
    e2e.emulator.setFaults({ rate429: 0.5, retryAfterSeconds: 1 });
    const started = Date.now();
    const run = await recover(stack, "--yes");
    const ms = Date.now() - started;
    e2e.emulator.clearFaults();
    const refused = e2e.emulator.requestLog().filter((r) => r.status === 429).length;
    const sent = e2e.emulator.requestLog().length;
    console.log(`      recover --yes: ${ORPHANS} orphans, ${refused} of ${sent} requests answered 429, exit ${run.code} in ${ms} ms`);

    const output = `${run.stdout}\n${run.stderr}`;
    assert.equal(run.code, 0, output);
    assert.ok(run.stdout.includes(`summary: found ${ORPHANS}, deleted ${ORPHANS}, skipped 0, pending operations cleared ${ORPHANS} of ${ORPHANS}`), output);
    assert.ok(refused >= ORPHANS / 2, `the 429s were real: ${refused} of ${sent}`);
    const progress = run.stderr.split("\n").filter((line) => /^\[\d+\/30\] "app\d\d-[0-9a-f]{7}" \([0-9a-f-]{36}\): deleted in [\d.]+ s$/.test(line));
    assert.equal(progress.length, ORPHANS, `one progress line per application:\n${run.stderr}`);
    const left = new Set(e2e.emulator.applications().map((app) => app.id as string));
    assert.deepEqual(
      orphanIds.filter((id) => left.has(id)),
      [],
      "every orphan deleted",
    );
    assert.deepEqual((await exportStack(stack)).pending_operations ?? [], []);
  });
});
