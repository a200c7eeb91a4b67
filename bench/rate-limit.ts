/**
 * Rate limits at scale: `pulumi up` of N new Applications through the real engine while the
 * emulator admits only `requestsPerSecond` requests in any rolling second (429 `REQUEST_LIMITED`
 * with `Retry-After` above that) and answers each after `latencyMs`. Reports the time against the
 * ideal (the minimum of requests ÷ the rate), the 429s, and the outcome: every application created
 * exactly once, none failed, none duplicated.
 */
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pingOneEnvironment, startEmulator } from "../emulator";
import { ensureEngine, REPO_ROOT } from "../scripts/engine";
import { pulumiCli, removeScratch, scratchDirs } from "../scripts/workspace";
import { SEED_001 } from "../test/fixtures/seeds";

export interface RateLimitOptions {
  apps: number;
  requestsPerSecond: number;
  latencyMs: number;
  /** Extra arguments for `up` (e.g. `--parallel 32`). */
  extraArgs: string[];
  log: (line: string) => void;
}

export interface RateLimitReport {
  apps: number;
  requestsPerSecond: number;
  latencyMs: number;
  extraArgs: string[];
  ms: number;
  /** Requests the emulator admitted (handled), and the minimum: POST + secret GET per app, one token. */
  admitted: number;
  minimum: number;
  /** Requests answered 429 because the budget was spent. */
  rejected: number;
  idealMs: number;
  ratio: number;
  /** From the first request to the last, and from the start of `up` to the first request (the engine's start-up). */
  requestSpanMs: number;
  firstRequestAfterMs: number;
  /** `pulumi up` exited non-zero. */
  failed: boolean;
  created: number;
  duplicates: number;
  missing: number;
  stderrTail?: string;
}

export async function runRateLimited(options: RateLimitOptions): Promise<RateLimitReport> {
  const engine = await ensureEngine(options.log);
  const emulator = await startEmulator({ seed: 9, faults: { latencyMs: options.latencyMs } });
  const dirs = scratchDirs("pingone-rate-limit");
  const stack = `rate-${options.apps}`;
  const cwd = join(dirs.root, stack);
  cpSync(join(REPO_ROOT, "bench", "projects", "app"), cwd, { recursive: true });
  const { name: _name, ...app } = SEED_001.body;
  writeFileSync(
    join(cwd, `Pulumi.${stack}.yaml`),
    JSON.stringify({ config: { "pingone-bench-app:count": String(options.apps), "pingone-bench-app:app": JSON.stringify(app) } }),
  );
  const env = pingOneEnvironment(emulator);
  const cli = (args: string[]) => pulumiCli(engine, dirs, [...args, "--stack", stack], { cwd, env });
  try {
    await cli(["stack", "init"]);
    emulator.setFaults({ requestsPerSecond: options.requestsPerSecond });
    emulator.resetCounters();
    const started = performance.now();
    const startedWallClock = Date.now();
    const up = await cli(["up", "--yes", "--skip-preview", ...options.extraArgs]);
    const ms = performance.now() - started;
    const counters = emulator.counters();
    // When the requests flowed: the span from the first to the last is what the limit governs.
    const times = emulator.requestLog().map((entry) => Date.parse(entry.time));
    const requestSpanMs = times.length > 1 ? Math.max(...times) - Math.min(...times) : 0;
    const firstRequestAfterMs = times.length > 0 ? Math.min(...times) - startedWallClock : 0;
    emulator.clearFaults();
    const rejected = counters.byFault["requests-per-second"] ?? 0;
    const admitted = counters.total - rejected;
    const minimum = 2 * options.apps + 1;
    const names = new Map<string, number>();
    for (const record of emulator.applications()) {
      const name = typeof record.name === "string" ? record.name : "";
      if (name.startsWith("bench-")) names.set(name, (names.get(name) ?? 0) + 1);
    }
    const created = [...names.values()].reduce((sum, count) => sum + count, 0);
    const duplicates = [...names.values()].reduce((sum, count) => sum + count - 1, 0);
    const idealMs = (minimum / options.requestsPerSecond) * 1000;
    options.log(`  rate-limited create of ${options.apps}: ${(ms / 1000).toFixed(1)} s, ${admitted} admitted + ${rejected} 429s, exit ${up.code}`);
    await cli(["destroy", "--yes", "--skip-preview"]);
    return {
      apps: options.apps,
      requestsPerSecond: options.requestsPerSecond,
      latencyMs: options.latencyMs,
      extraArgs: options.extraArgs,
      ms,
      admitted,
      minimum,
      rejected,
      idealMs,
      ratio: ms / idealMs,
      requestSpanMs,
      firstRequestAfterMs,
      failed: up.code !== 0,
      created,
      duplicates,
      missing: options.apps - names.size,
      ...(up.code !== 0 ? { stderrTail: `${up.stdout.slice(-2000)}\n${up.stderr.slice(-2000)}` } : {}),
    };
  } finally {
    await cli(["stack", "rm", "--yes", "--force"]);
    await emulator.close();
    removeScratch(dirs);
  }
}

/** Problems a rate-limited run must not have: a failure, a duplicate, a missing app, or requests above the minimum. */
export function rateLimitProblems(report: RateLimitReport): string[] {
  const problems: string[] = [];
  if (report.failed) problems.push(`rate-limited create failed:\n${report.stderrTail ?? ""}`);
  if (report.duplicates > 0) problems.push(`rate-limited create made ${report.duplicates} duplicate application(s)`);
  if (report.missing > 0) problems.push(`rate-limited create left ${report.missing} application(s) missing`);
  if (report.admitted !== report.minimum) problems.push(`rate-limited create had ${report.admitted} requests handled, the minimum is ${report.minimum}`);
  return problems;
}

export function rateLimitTable(report: RateLimitReport): string {
  return [
    "| rate-limited create | apps | limit | time | ideal (requests ÷ rate) | ratio | first request → last | requests handled | 429s | failed | duplicates |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    `| \`up --skip-preview\`${report.extraArgs.length > 0 ? ` ${report.extraArgs.join(" ")}` : ""}, latency ${report.latencyMs} ms | ${report.apps} | ${report.requestsPerSecond}/s | ${(report.ms / 1000).toFixed(1)} s | ${(report.idealMs / 1000).toFixed(1)} s | ${report.ratio.toFixed(2)}× | ${(report.firstRequestAfterMs / 1000).toFixed(1)} s → ${((report.firstRequestAfterMs + report.requestSpanMs) / 1000).toFixed(1)} s (${(report.requestSpanMs / report.idealMs).toFixed(2)}× ideal) | ${report.admitted} (minimum ${report.minimum}) | ${report.rejected} | ${report.failed ? "yes" : "0"} | ${report.duplicates} |`,
  ].join("\n");
}
