/**
 * Keeps `npm run bench` healthy: runs the compiled script with `--quick` (the provider
 * micro-benchmarks, one scaling run at N = 10 of the package, the engine floor and the floor at an
 * Application's shape, and a
 * rate-limited create of 10 apps, all through the real engine, and a create reconciled among 2,000
 * applications under the RSS bound) and checks that it finished,
 * printed every phase, wrote its results, and sent the minimum of requests in every phase, with
 * no failure or duplicate under the rate limit. It asserts nothing about time.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../../scripts/engine";
import { PHASE_COMMANDS, PHASES, type ScalingReport } from "../../bench/scaling";

function runBench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, "dist", "bench", "run.js"), ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

describe("npm run bench -- --quick", function () {
  this.timeout(240_000);
  let results: string;

  before(() => {
    results = mkdtempSync(join(tmpdir(), "pingone-bench-quick-"));
  });
  after(() => rmSync(results, { recursive: true, force: true }));

  it("runs every phase for the package, the floor and the same-shape floor at N = 10 with the minimum of requests, and a rate-limited create, and saves its results", async () => {
    const run = await runBench(["--quick", "--results", results]);
    assert.equal(run.code, 0, `bench --quick failed:\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`);
    for (const phase of PHASES) assert.ok(run.stdout.includes(`| ${PHASE_COMMANDS[phase]} | 10 |`), `the table has a row for ${phase}`);
    assert.match(
      run.stdout,
      /\| `up --skip-preview`, latency 50 ms \| 10 \| 20\/s \| [0-9.]+ s \| [0-9.]+ s \| [0-9.]+× \| [^|]+ \| 21 \(minimum 21\) \| \d+ \| 0 \| 0 \|/,
      "the rate-limited create: every app once, 0 failed, 0 duplicates",
    );
    assert.match(
      run.stdout,
      /\| create whose answer was lost \| 2000 \| \d+ \| \d+ \| [0-9.]+ s \| \d+ MB \| \d+ MB \| adopted, no duplicate \|/,
      "reconciliation among 2,000 apps: adopted, under the RSS bound",
    );
    assert.match(
      run.stdout,
      /\| 36 declarations \| 30 \| 50 ms \| 65 \(≤ 65\) \| 1 · 1 · 30 · 30 · 3 \| [0-9.]+ s \| [0-9.]+ s \| [0-9.]+× \|/,
      "adopt of 30 apps: one list page, one grant and one assignment list per app, three look-ups",
    );
    assert.match(
      run.stdout,
      /\| every rule of the pack \| 100 \| 202 \(≤ 205\) \| [0-9.]+ s \| \d+ ms \| \d+ \|/,
      "audit of 100 apps: one page, two lists per app, no look-up needed",
    );
    const files = readdirSync(results).filter((file) => file.endsWith(".json"));
    assert.equal(files.length, 1, "one results file");
    const report = JSON.parse(readFileSync(join(results, files[0]), "utf8")) as ScalingReport;
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.cycles.map((c) => `${c.kind} ${c.n}`).sort(), ["floor 10", "package 10", "shaped 10"]);
    for (const row of report.phases) {
      assert.equal(row.atMinimum, true, `${row.phase}: requests at the minimum`);
      assert.ok(row.packageMs !== undefined && row.floorMs !== undefined && row.shapedMs !== undefined, `${row.phase}: all three stacks timed`);
    }
    const size = report.sizes[0];
    assert.ok((size.packageProviderBytes ?? 0) > 0 && (size.packageStateBytesPerResource ?? 0) > 0, "state and __provider sizes recorded");
    assert.ok((size.packageProviderRssMiB ?? 0) > 0, "the provider process's peak RSS recorded");
  });
});
