/**
 * `npm run bench`: speed of the provider's hot paths against the emulator over loopback, and of
 * the real engine on a small stack (Markdown tables, the README's benchmark tables), then the
 * scaling suite (bench/scaling.ts): N = 10, 100, 300 applications against the engine's floor,
 * median of 3 runs, saved to bench/results/<timestamp>.json.
 *
 * Flags: `--quick` (CI: the provider micro-benchmarks, one scaling run at N = 10 and a rate-limited create of 10; checks that
 * every phase works and sends the minimum of requests, asserts nothing about time), `--large`
 * (adds N = 1000), `--sizes 10,100` and `--runs 3` (override), `--only package,floor,shaped,<variant>`,
 * `--variant <label>=<dir>` (also run another build of this package, e.g. the previous commit built in
 * <dir> with a node_modules resolving it, and compare it with this one phase by phase),
 * `--parallel P` (passed to every up/refresh/destroy), `--env KEY=VALUE` (for the engine, e.g.
 * PULUMI_SKIP_CHECKPOINTS=true; repeatable), `--cpu-prof DIR` (V8 CPU profiles of the program and
 * the provider process), `--engine-prof DIR` (the engine's Go CPU profile per command, Pulumi's
 * `--profiling`; read with `go tool pprof -top <pulumi binary> <file>.cpu`), `--scaling-only`, `--results DIR` (instead of bench/results),
 * `--rate-limit` (only: create `--apps N` (300) applications under a `--rps R` (20) limit; the
 * ideal is the minimum of requests ÷ the limit, target ≤ 1.15× it), `--random-429` (only: create,
 * refresh and destroy `--apps N` (50) applications under 10% random 429s with no rate limit,
 * pacing on and switched off, `--runs R` (3) rounds interleaved; target: on ≤ 1.3× off). The two
 * combine (`--rate-limit --random-429`: both, in one run); either saves its results to
 * bench/results/<timestamp>-pacing.json,
 * `--reconcile-10k` (only: a create whose answer was lost, reconciled among `--apps N` (10,000)
 * applications; fails when the reconciling process's peak RSS reaches 300 MB; `--quick` runs it at
 * 2,000).
 * `--adopt` (only: `pulumi-pingone adopt` of `--apps N` (300) applications at 50 ms latency, its
 * requests counted and its time over the same requests sent bare, target < 1.2×; a full run ends
 * with it, and `--quick` runs it at 30 without the time target). `--audit` (only: `pulumi-pingone
 * audit` of `--apps N` (1,000) applications at 50 ms latency, its requests counted and the CPU
 * time of judging them, target < 1 s; a full run ends with it, `--quick` runs it at 100).
 * Every loop is bounded in count; all traffic stays on 127.0.0.1.
 */
import { pluginProblems, pluginTable, runPluginBench } from "./plugin";
import { mkdirSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { FLOOR_KINDS, markdownTables, runScaling, saveReport, type StackKind } from "./scaling";
import { rateLimitProblems, rateLimitTable, runRateLimited, type RateLimitReport } from "./rate-limit";
import { random429Problems, random429Table, RANDOM_429_TARGET, runRandom429, type Random429Report } from "./random-429";
import { reconcileProblems, reconcileTable, runReconcile } from "./reconcile";
import { adoptProblems, adoptTable, runAdoptBench } from "./adopt";
import { auditProblems, auditTable, runAuditBench } from "./audit";
import { pingOneEnvironment, startEmulator } from "../emulator";
import { routeKey } from "../emulator/routes";
import { ApplicationLifecycle } from "../provider/application/lifecycle";
import { clearTokenCache } from "../provider/http/client";
import { serializedProvider } from "../provider/kernel/shim";
import { PROVIDER_MODULE } from "../provider/resources";
import { SEED_001 } from "../test/fixtures/seeds";
import { ensureEngine, REPO_ROOT } from "../scripts/engine";
import { pulumiCli, removeScratch, scratchDirs } from "../scripts/workspace";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";

interface Row {
  what: string;
  result: string;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

function perOp(ms: number, count: number): string {
  const each = ms / count;
  return each < 1 ? `${(each * 1000).toFixed(1)} µs/op` : `${each.toFixed(2)} ms/op`;
}

async function providerBenchmarks(rows: Row[]): Promise<void> {
  const emulator = await startEmulator({ seed: 1 });
  try {
    clearTokenCache();
    const provider = new ApplicationLifecycle({ env: pingOneEnvironment(emulator) });
    const news = { ...SEED_001.body, __autoname: "bench" };

    const checks = 2000;
    const check = await timed(async () => {
      for (let i = 0; i < checks; i++) await provider.check({}, news);
    });
    rows.push({ what: `check (seed 001 body), ${checks}×`, result: perOp(check.ms, checks) });

    // Hostile inputs check must refuse quickly, with short messages (test/provider/check.spec.ts).
    let deep: unknown = "leaf";
    for (let i = 0; i < 10_000; i++) deep = { group: deep };
    const hostile: [string, Record<string, unknown>][] = [
      ["100,000 redirect URIs of 40 KB each", { redirectUris: new Array<string>(100_000).fill(`https://app.example.com/${"a".repeat(40_000)}`) }],
      ["accessControl nested 10,000 levels", { accessControl: deep }],
      ["a 10 MB homePageUrl", { homePageUrl: `https://app.example.com/${"a".repeat(10 * 1024 * 1024)}` }],
    ];
    const hostileChecks = 100;
    for (const [what, patch] of hostile) {
      const input = { ...news, ...patch };
      const refused = await timed(async () => {
        let chars = 0;
        for (let i = 0; i < hostileChecks; i++) chars = (await provider.check({}, input)).failures.reduce((sum, f) => sum + f.reason.length, 0);
        return chars;
      });
      rows.push({ what: `check refuses ${what}, ${hostileChecks}×`, result: `${perOp(refused.ms, hostileChecks)}; ${refused.value} characters of failures` });
    }

    const inputs = (await provider.check({}, news)).inputs;
    const created = await provider.create(inputs);
    const diffs = 5000;
    const diff = await timed(async () => {
      for (let i = 0; i < diffs; i++) await provider.diff(created.id, created.outs, inputs);
    });
    rows.push({ what: `diff, no change, ${diffs}×`, result: `${perOp(diff.ms, diffs)}, 0 requests` });

    const count = 50;
    const creates = await timed(() => Promise.all(Array.from({ length: count }, (_, i) => provider.create({ ...inputs, name: `bench-${i}` }))));
    rows.push({ what: `create ${count} apps concurrently (POST + secret GET each)`, result: `${creates.ms.toFixed(0)} ms total` });

    const reads = await timed(() => Promise.all(creates.value.map((c) => provider.read(c.id, c.outs))));
    rows.push({ what: `read (refresh) ${count} apps concurrently`, result: `${reads.ms.toFixed(0)} ms total` });

    const updates = await timed(() =>
      Promise.all(creates.value.map((c, i) => provider.update(c.id, c.outs, { ...inputs, name: `bench-${i}`, description: "v2" }))),
    );
    rows.push({ what: `update ${count} apps concurrently (one PUT each)`, result: `${updates.ms.toFixed(0)} ms total` });

    const deletes = await timed(() => Promise.all(creates.value.map((c) => provider.delete(c.id, c.outs))));
    rows.push({ what: `delete ${count} apps concurrently`, result: `${deletes.ms.toFixed(0)} ms total` });
    const counters = emulator.counters();
    const tokens = counters.byRoute[routeKey("POST", "token")] ?? 0;
    rows.push({ what: "token requests for all of the above (one provider process)", result: `${tokens} for ${counters.total - tokens} API requests` });

    // Rate limited: 20 requests/s budget, Retry-After 1 s, 40 creates (80+ requests). A real
    // limit does not switch on mid-second: without the pause, the provider would learn the limit
    // from the second before the first 429, which holds the unlimited burst of deletes above.
    emulator.setFaults({ requestsPerSecond: 20, retryAfterSeconds: 1 });
    await delay(1100);
    emulator.resetCounters();
    const limited = await timed(() => Promise.all(Array.from({ length: 40 }, (_, i) => provider.create({ ...inputs, name: `limited-${i}` }))));
    const rejected = emulator.requestLog().filter((r) => r.status === 429).length;
    rows.push({
      what: "create 40 apps under a 20 req/s limit (429 + Retry-After: 1)",
      result: `${(limited.ms / 1000).toFixed(1)} s; ${rejected} 429s absorbed, ${emulator.applications().filter((a) => typeof a.name === "string" && a.name.startsWith("limited-")).length} apps, no duplicate`,
    });
    emulator.clearFaults();

    rows.push({ what: "serialized provider (`__provider`) per resource", result: `${Buffer.byteLength(serializedProvider(PROVIDER_MODULE))} bytes` });
  } finally {
    await emulator.close();
  }
}

async function engineBenchmarks(rows: Row[]): Promise<void> {
  const ensure = await timed(() => ensureEngine());
  const engine = ensure.value;
  rows.push({ what: `engine ready (${engine.kind} pulumi ${engine.version}, already cached)`, result: `${ensure.ms.toFixed(0)} ms` });
  const emulator = await startEmulator({ seed: 2 });
  const dirs = scratchDirs("pingone-bench");
  const cwd = join(REPO_ROOT, "test", "e2e", "project");
  const stack = `bench-${process.pid}`;
  const providerEnv = pingOneEnvironment(emulator);
  const cli = async (args: string[]) => {
    const result = await pulumiCli(engine, dirs, [...args, "--stack", stack], { cwd, env: providerEnv });
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")}: ${result.stderr || result.stdout}`);
  };
  try {
    await pulumiCli(engine, dirs, ["stack", "init", stack], { cwd, env: providerEnv });
    const apps = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`app${i}`, { ...SEED_001.body, name: `engine-${i}` }]));
    await cli(["config", "set", "apps", JSON.stringify(apps)]);
    const up = await timed(() => cli(["up", "--yes", "--skip-preview"]));
    rows.push({ what: "`pulumi up`, 10 new apps (engine + provider + emulator)", result: `${(up.ms / 1000).toFixed(1)} s` });
    emulator.resetCounters();
    const preview = await timed(() => cli(["preview", "--expect-no-changes"]));
    rows.push({ what: "`pulumi preview`, 10 unchanged apps", result: `${(preview.ms / 1000).toFixed(1)} s; ${emulator.counters().total} requests` });
    const refresh = await timed(() => cli(["refresh", "--yes", "--skip-preview"]));
    rows.push({ what: "`pulumi refresh`, 10 apps", result: `${(refresh.ms / 1000).toFixed(1)} s` });
    const destroy = await timed(() => cli(["destroy", "--yes", "--skip-preview"]));
    rows.push({ what: "`pulumi destroy`, 10 apps", result: `${(destroy.ms / 1000).toFixed(1)} s` });
  } finally {
    await pulumiCli(engine, dirs, ["stack", "rm", "--yes", "--force", stack], { cwd, env: providerEnv });
    await emulator.close();
    removeScratch(dirs);
  }
}

const MAX_SIZE = 1000;
/** The most applications `--reconcile-10k --apps N` stores in the emulator. */
const MAX_RECONCILE_APPS = 100_000;
const MAX_RUNS = 9;

function sizeList(text: string): number[] {
  const sizes = text.split(",").map((part) => Number(part.trim()));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > MAX_SIZE)) {
    throw new RangeError(`--sizes must be a comma-separated list of integers from 1 to ${MAX_SIZE}, got ${text}`);
  }
  return sizes;
}

function boundedInteger(name: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new RangeError(`--${name} must be an integer from 1 to ${max}, got ${text}`);
  return value;
}

/** A single-bench mode's result: its table on standard output, each problem on standard error, and exit status 1 with any. */
function printOutcome(table: string, problems: readonly string[]): void {
  console.log(`\n${table}`);
  for (const problem of problems) console.error(`bench: ${problem}`);
  if (problems.length > 0) process.exitCode = 1;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      large: { type: "boolean", default: false },
      sizes: { type: "string" },
      runs: { type: "string" },
      only: { type: "string" },
      parallel: { type: "string" },
      env: { type: "string", multiple: true, default: [] },
      "cpu-prof": { type: "string" },
      "engine-prof": { type: "string" },
      "scaling-only": { type: "boolean", default: false },
      results: { type: "string" },
      variant: { type: "string", multiple: true, default: [] },
      "rate-limit": { type: "boolean", default: false },
      "reconcile-10k": { type: "boolean", default: false },
      adopt: { type: "boolean", default: false },
      audit: { type: "boolean", default: false },
      plugin: { type: "boolean", default: false },
      "random-429": { type: "boolean", default: false },
      apps: { type: "string" },
      rps: { type: "string" },
    },
  });
  const extraArgs = values.parallel !== undefined ? ["--parallel", String(boundedInteger("parallel", values.parallel, 1000))] : [];
  if (values["rate-limit"] || values["random-429"]) {
    await pacingBenchmarks({
      rateLimit: values["rate-limit"],
      random429: values["random-429"],
      apps: values.apps !== undefined ? boundedInteger("apps", values.apps, MAX_SIZE) : undefined,
      runs: values.runs !== undefined ? boundedInteger("runs", values.runs, MAX_RUNS) : undefined,
      requestsPerSecond: values.rps !== undefined ? boundedInteger("rps", values.rps, 10_000) : 20,
      extraArgs,
      resultsDir: values.results,
    });
    return;
  }
  if (values["reconcile-10k"]) {
    const report = await runReconcile({
      apps: values.apps !== undefined ? boundedInteger("apps", values.apps, MAX_RECONCILE_APPS) : 10_000,
      log: (line) => console.error(line),
    });
    return printOutcome(reconcileTable(report), reconcileProblems(report));
  }
  if (values.plugin) {
    const report = await runPluginBench({
      apps: values.apps !== undefined ? boundedInteger("apps", values.apps, MAX_SIZE) : 100,
      runs: values.runs !== undefined ? boundedInteger("runs", values.runs, MAX_RUNS) : 3,
      log: (line) => console.error(line),
    });
    return printOutcome(pluginTable(report), pluginProblems(report));
  }
  if (values.audit || values.adopt) {
    const apps = (fallback: number) => (values.apps !== undefined ? boundedInteger("apps", values.apps, MAX_SIZE) : fallback);
    const log = (line: string) => console.error(line);
    const { table, problems } = values.audit
      ? await runAuditBench({ apps: apps(1000), latencyMs: 50, log }).then((r) => ({ table: auditTable(r), problems: auditProblems(r) }))
      : await runAdoptBench({ apps: apps(300), latencyMs: 50, log }).then((r) => ({ table: adoptTable(r), problems: adoptProblems(r, { timed: true }) }));
    return printOutcome(table, problems);
  }
  if (!values["scaling-only"]) {
    const rows: Row[] = [];
    await providerBenchmarks(rows);
    // The scaling suite's N = 10 covers the engine in quick mode.
    if (!values.quick) await engineBenchmarks(rows);
    console.log(`\nnode ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
    console.log("| measurement | result |\n|---|---|");
    for (const row of rows) console.log(`| ${row.what} | ${row.result} |`);
  }

  const sizes = values.sizes !== undefined ? sizeList(values.sizes) : values.quick ? [10] : values.large ? [10, 100, 300, 1000] : [10, 100, 300];
  const runs = values.runs !== undefined ? boundedInteger("runs", values.runs, MAX_RUNS) : values.quick ? 1 : 3;
  const variants = values.variant.map((text) => {
    const match = /^([a-z][a-z0-9-]{0,30})=(.+)$/.exec(text);
    if (!match || ["package", ...FLOOR_KINDS].includes(match[1])) throw new RangeError(`--variant takes <label>=<directory>, got ${text}`);
    return { label: match[1], root: match[2] };
  });
  const all: StackKind[] = ["package", ...FLOOR_KINDS, ...variants.map((v) => v.label)];
  const only = values.only?.split(",");
  if (only?.some((kind) => !all.includes(kind))) throw new RangeError(`--only takes a comma-separated list of ${all.join(", ")}, got ${values.only}`);
  const kinds: StackKind[] = only ?? all;
  const extraEnv: Record<string, string> = {};
  for (const pair of values.env) {
    const match = /^(PULUMI_[A-Z0-9_]+)=(.*)$/.exec(pair);
    if (!match) throw new RangeError(`--env takes PULUMI_<NAME>=<value>, got ${pair}`);
    extraEnv[match[1]] = match[2];
  }
  const report = await runScaling({
    sizes,
    runs,
    latencyMs: 50,
    extraArgs,
    extraEnv,
    kinds,
    variants,
    cpuProfileDir: values["cpu-prof"],
    engineProfileDir: values["engine-prof"],
    log: (line) => console.error(line),
  });
  const path = saveReport(report, values.results);
  console.log(`\n${markdownTables(report)}\n\nresults: ${path}`);
  const problems = [...report.problems];
  if (values.quick) {
    // Keeps the rate-limited path healthy too, at a size that takes seconds.
    const limited = await runRateLimited({ apps: 10, requestsPerSecond: 20, latencyMs: 50, extraArgs, log: (line) => console.error(line) });
    console.log(`\n${rateLimitTable(limited)}`);
    problems.push(...rateLimitProblems(limited));
    // Keeps reconciliation's memory bound checked, among 2,000 applications (a few seconds).
    const reconciled = await runReconcile({ apps: 2000, log: (line) => console.error(line) });
    console.log(`\n${reconcileTable(reconciled)}`);
    problems.push(...reconcileProblems(reconciled));
  }
  if (!values["scaling-only"]) {
    // Adoption's request count always; its time against the bare requests only in a full run.
    const adopted = await runAdoptBench({ apps: values.quick ? 30 : 300, latencyMs: 50, log: (line) => console.error(line) });
    console.log(`\n${adoptTable(adopted)}`);
    problems.push(...adoptProblems(adopted, { timed: !values.quick }));
    const audited = await runAuditBench({ apps: values.quick ? 100 : 1000, latencyMs: 50, log: (line) => console.error(line) });
    console.log(`\n${auditTable(audited)}`);
    problems.push(...auditProblems(audited));
  }
  for (const problem of problems) console.error(`bench: ${problem}`);
  if (problems.length > 0) process.exitCode = 1;
}

/** Rate-limited bench's target: its time over the ideal (issue 17). */
const RATE_LIMIT_TARGET = 1.15;

interface PacingBenchOptions {
  rateLimit: boolean;
  random429: boolean;
  /** `--apps`: for whichever runs (defaults: 300 rate-limited, 50 under random 429s). */
  apps: number | undefined;
  runs: number | undefined;
  requestsPerSecond: number;
  extraArgs: string[];
  resultsDir: string | undefined;
}

/**
 * `--rate-limit` and `--random-429`, alone or together: pacing under a real limit against the
 * ideal, and under random 429s against no pacing. Prints both tables and ratios, saves them.
 */
async function pacingBenchmarks(options: PacingBenchOptions): Promise<void> {
  const startedAt = new Date().toISOString();
  const log = (line: string) => console.error(line);
  const problems: string[] = [];
  const verdicts: string[] = [];
  let random429: Random429Report | undefined;
  let rateLimit: RateLimitReport | undefined;
  if (options.random429) {
    random429 = await runRandom429({ apps: options.apps ?? 50, rate429: 0.1, latencyMs: 20, runs: options.runs ?? 3, extraArgs: options.extraArgs, log });
    console.log(`\n${random429Table(random429)}`);
    problems.push(...random429Problems(random429));
    verdicts.push(
      `random 429s: pacing on ${random429.ratio.toFixed(2)}× pacing off (target ≤ ${RANDOM_429_TARGET}×: ${random429.ratio <= RANDOM_429_TARGET ? "met" : "MISSED"})`,
    );
  }
  if (options.rateLimit) {
    // Only the rate-limited create: N apps (default 300) under a requests-per-second budget (default 20).
    rateLimit = await runRateLimited({
      apps: options.apps ?? 300,
      requestsPerSecond: options.requestsPerSecond,
      latencyMs: 50,
      extraArgs: options.extraArgs,
      log,
    });
    console.log(`\n${rateLimitTable(rateLimit)}`);
    problems.push(...rateLimitProblems(rateLimit));
    verdicts.push(
      `rate limit: ${rateLimit.ratio.toFixed(2)}× the ideal (target ≤ ${RATE_LIMIT_TARGET}×: ${rateLimit.ratio <= RATE_LIMIT_TARGET ? "met" : "MISSED"})`,
    );
  }
  const dir = options.resultsDir ?? join(REPO_ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${startedAt.replace(/[:.]/g, "-")}-pacing.json`);
  writeFileSync(path, `${JSON.stringify({ startedAt, node: process.version, verdicts, random429, rateLimit }, null, 2)}\n`);
  console.log(`\n${verdicts.join("\n")}\nresults: ${path}`);
  for (const problem of problems) console.error(`bench: ${problem}`);
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
