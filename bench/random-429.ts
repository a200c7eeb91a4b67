/**
 * Random 429s at scale: N Applications created, refreshed and destroyed through the real engine
 * while the emulator answers a share of requests (10% by default) with 429 `REQUEST_LIMITED` and
 * `Retry-After: 1` at random, with no rate limit behind them (a proxy's or a burst's 429s), and
 * answers each after `latencyMs`. The same run goes with the provider's pacing on and with it
 * switched off (`PULUMI_PINGONE_PACING=off`, provider/http/pacing.ts), interleaved round by round (on
 * then off, then off then on) so that the machine's load falls on both alike, each against a
 * fresh emulator seeded by the round (both modes of a round meet the same draws). Reports each
 * phase's median per mode and the ratio of the totals (pacing on ÷ off): pacing must not make
 * random 429s cost more than they cost unpaced. Every round must end with every application
 * created exactly once and none left after destroy.
 */
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pingOneEnvironment, startEmulator } from "../emulator";
import { PACING_VARIABLE } from "../provider/http/pacing";
import { ensureEngine, REPO_ROOT, type Engine } from "../scripts/engine";
import { pulumiCli, removeScratch, scratchDirs, type ScratchDirs } from "../scripts/workspace";
import { SEED_001 } from "../test/fixtures/seeds";

export const RANDOM_429_PHASES = ["create", "refresh", "destroy"] as const;
export type Random429Phase = (typeof RANDOM_429_PHASES)[number];
export type PacingMode = "on" | "off";

export interface Random429Options {
  apps: number;
  /** Share of requests answered 429 at random, 0 to 1. */
  rate429: number;
  latencyMs: number;
  /** Rounds; each runs both modes. */
  runs: number;
  /** Extra arguments for every command (e.g. `--parallel 32`). */
  extraArgs: string[];
  log: (line: string) => void;
}

export interface Random429Run {
  round: number;
  pacing: PacingMode;
  seconds: Record<Random429Phase, number>;
  /** 429s the emulator answered during the three phases, and all requests it counted. */
  rejected: number;
  requests: number;
  /** Applications in the emulator after create (expected: `apps`, no duplicate) and after destroy (expected 0). */
  created: number;
  duplicates: number;
  leftAfterDestroy: number;
  /** Commands that exited non-zero, with a bounded excerpt of their output. */
  failures: string[];
}

export interface Random429Report {
  apps: number;
  rate429: number;
  latencyMs: number;
  extraArgs: string[];
  runs: Random429Run[];
  /** Median seconds per phase and mode, and their sum. */
  median: Record<PacingMode, Record<Random429Phase | "total", number>>;
  /** Median total with pacing on ÷ with it off. */
  ratio: number;
}

/** Bounded excerpt of a failed command's output. */
const EXCERPT_CHARS = 1500;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * One stack's create, refresh and destroy in one mode. A fresh emulator per run, seeded by the
 * round: both modes of a round draw the same sequence of 429s (by request order), so neither is
 * luckier in which requests are refused (a refused token request stalls every operation for its
 * Retry-After).
 */
async function oneRun(engine: Engine, dirs: ScratchDirs, round: number, pacing: PacingMode, options: Random429Options): Promise<Random429Run> {
  const emulator = await startEmulator({ seed: 11 + round, faults: { latencyMs: options.latencyMs } });
  const stack = `random-${round}-${pacing}`;
  const cwd = join(dirs.root, stack);
  cpSync(join(REPO_ROOT, "bench", "projects", "app"), cwd, { recursive: true });
  const { name: _name, ...app } = SEED_001.body;
  writeFileSync(
    join(cwd, `Pulumi.${stack}.yaml`),
    JSON.stringify({ config: { "pingone-bench-app:count": String(options.apps), "pingone-bench-app:app": JSON.stringify(app) } }),
  );
  const env = { ...pingOneEnvironment(emulator), ...(pacing === "off" ? { [PACING_VARIABLE]: "off" } : {}) };
  const cli = (args: string[]) => pulumiCli(engine, dirs, [...args, "--stack", stack], { cwd, env });
  const run: Random429Run = {
    round,
    pacing,
    seconds: { create: 0, refresh: 0, destroy: 0 },
    rejected: 0,
    requests: 0,
    created: 0,
    duplicates: 0,
    leftAfterDestroy: 0,
    failures: [],
  };
  const phases: Record<Random429Phase, string[]> = {
    create: ["up", "--yes", "--skip-preview"],
    refresh: ["refresh", "--yes", "--skip-preview"],
    destroy: ["destroy", "--yes", "--skip-preview"],
  };
  try {
    await cli(["stack", "init"]);
    emulator.setFaults({ rate429: options.rate429, retryAfterSeconds: 1 });
    emulator.resetCounters();
    for (const phase of RANDOM_429_PHASES) {
      const started = performance.now();
      const result = await cli([...phases[phase], ...options.extraArgs]);
      run.seconds[phase] = (performance.now() - started) / 1000;
      if (result.code !== 0) run.failures.push(`${phase} exited ${result.code}: ${`${result.stdout}\n${result.stderr}`.slice(-EXCERPT_CHARS)}`);
      if (phase === "create") {
        const names = emulator
          .applications()
          .map((a) => (typeof a.name === "string" ? a.name : ""))
          .filter((name) => name.startsWith("bench-"));
        run.created = new Set(names).size;
        run.duplicates = names.length - run.created;
      }
    }
    const counters = emulator.counters();
    emulator.clearFaults();
    run.rejected = counters.byFault["rate-limit"] ?? 0;
    run.requests = counters.total;
    run.leftAfterDestroy = emulator.applications().filter((a) => typeof a.name === "string" && a.name.startsWith("bench-")).length;
    return run;
  } finally {
    emulator.clearFaults();
    await cli(["stack", "rm", "--yes", "--force"]);
    await emulator.close();
  }
}

export async function runRandom429(options: Random429Options): Promise<Random429Report> {
  const engine = await ensureEngine(options.log);
  const dirs = scratchDirs("pingone-random-429");
  const runs: Random429Run[] = [];
  try {
    for (let round = 1; round <= options.runs; round++) {
      const order: PacingMode[] = round % 2 === 1 ? ["on", "off"] : ["off", "on"];
      for (const pacing of order) {
        const run = await oneRun(engine, dirs, round, pacing, options);
        options.log(
          `  random 429s, round ${round}, pacing ${pacing}: create ${run.seconds.create.toFixed(1)} s, refresh ${run.seconds.refresh.toFixed(1)} s, destroy ${run.seconds.destroy.toFixed(1)} s; ${run.rejected} 429s in ${run.requests} requests`,
        );
        runs.push(run);
      }
    }
  } finally {
    removeScratch(dirs);
  }
  const medians = (pacing: PacingMode): Record<Random429Phase | "total", number> => {
    const mine = runs.filter((run) => run.pacing === pacing);
    const perPhase = Object.fromEntries(RANDOM_429_PHASES.map((phase) => [phase, median(mine.map((run) => run.seconds[phase]))])) as Record<
      Random429Phase,
      number
    >;
    return { ...perPhase, total: median(mine.map((run) => RANDOM_429_PHASES.reduce((sum, phase) => sum + run.seconds[phase], 0))) };
  };
  const median_ = { on: medians("on"), off: medians("off") };
  return {
    apps: options.apps,
    rate429: options.rate429,
    latencyMs: options.latencyMs,
    extraArgs: options.extraArgs,
    runs,
    median: median_,
    ratio: median_.on.total / median_.off.total,
  };
}

/** The most pacing may cost under random 429s (issue 17): on ÷ off. */
export const RANDOM_429_TARGET = 1.3;

/** Problems a random-429 run must not have: a failed command, a missing or duplicate app, one left after destroy. */
export function random429Problems(report: Random429Report): string[] {
  const problems: string[] = [];
  for (const run of report.runs) {
    const which = `random-429 round ${run.round} (pacing ${run.pacing})`;
    problems.push(...run.failures.map((failure) => `${which}: ${failure}`));
    if (run.created !== report.apps) problems.push(`${which} created ${run.created} of ${report.apps} applications`);
    if (run.duplicates > 0) problems.push(`${which} made ${run.duplicates} duplicate application(s)`);
    if (run.leftAfterDestroy > 0) problems.push(`${which} left ${run.leftAfterDestroy} application(s) after destroy`);
  }
  return problems;
}

export function random429Table(report: Random429Report): string {
  const cell = (mode: PacingMode, phase: Random429Phase | "total") => `${report.median[mode][phase].toFixed(1)} s`;
  const rejected = (mode: PacingMode) =>
    report.runs
      .filter((run) => run.pacing === mode)
      .map((run) => run.rejected)
      .join(", ");
  return [
    `| random 429s (${Math.round(report.rate429 * 100)}%, Retry-After: 1, no rate limit), ${report.apps} apps, latency ${report.latencyMs} ms${report.extraArgs.length > 0 ? `, ${report.extraArgs.join(" ")}` : ""} | create | refresh | destroy | total | 429s per round |`,
    "|---|---|---|---|---|---|",
    `| pacing on (median of ${report.runs.length / 2}) | ${cell("on", "create")} | ${cell("on", "refresh")} | ${cell("on", "destroy")} | ${cell("on", "total")} | ${rejected("on")} |`,
    `| pacing off (\`${PACING_VARIABLE}=off\`) | ${cell("off", "create")} | ${cell("off", "refresh")} | ${cell("off", "destroy")} | ${cell("off", "total")} | ${rejected("off")} |`,
    `| **on ÷ off** | ${(report.median.on.create / report.median.off.create).toFixed(2)}× | ${(report.median.on.refresh / report.median.off.refresh).toFixed(2)}× | ${(report.median.on.destroy / report.median.off.destroy).toFixed(2)}× | **${report.ratio.toFixed(2)}×** (target ≤ ${RANDOM_429_TARGET}×) | |`,
  ].join("\n");
}
