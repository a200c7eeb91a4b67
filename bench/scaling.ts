/**
 * The scaling suite of `npm run bench`: N pulumi-pingone Applications against the engine's floor
 * (N trivial dynamic resources whose create, read, update and delete sleep 100 ms; see
 * bench/projects/floor) and against the same floor at an Application's shape (registered like an
 * Application, answering with its outputs; bench/projects/shaped), through the real engine, with the emulator answering every request
 * after 50 ms. For each N both stacks run the same phases, interleaved, and each figure is the
 * median of the runs, with its ratio to the floor's. Alongside: requests per phase against the
 * minimum, state bytes per resource, `__provider` bytes, and the peak RSS of the program and of the
 * dynamic-provider process (bench/probe.ts).
 *
 * All traffic stays on 127.0.0.1; every loop is bounded by the sizes and run counts given.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync, cpSync, existsSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pingOneEnvironment, startEmulator, type RunningEmulator } from "../emulator";
import { routeKey } from "../emulator/routes";
import { ensureEngine, REPO_ROOT, type Engine } from "../scripts/engine";
import { pulumiCli, removeScratch, scratchDirs, type ScratchDirs } from "../scripts/workspace";
import { SEED_001 } from "../test/fixtures/seeds";
import { ApplicationLifecycle } from "../provider/application/lifecycle";

export const PHASES = ["create", "preview", "up", "update1", "updateAll", "refresh", "destroy"] as const;
export type Phase = (typeof PHASES)[number];
/** The package, the engine floor, or another build of the package (`<label>`, see `ScalingOptions.variants`). */
export type StackKind = string;

/** Another build of this package to run as its own stack, for before/after comparisons in one session. */
export interface PackageVariant {
  label: string;
  /** A directory whose node_modules resolves `pulumi-pingone` (to that build) and `@pulumi/pulumi`. */
  root: string;
}

/** What each phase runs, as the table shows it. */
export const PHASE_COMMANDS: Record<Phase, string> = {
  create: "`up --skip-preview`, N new",
  preview: "no-op `preview`",
  up: "no-op `up` (with preview)",
  update1: "update 1 of N, `up --skip-preview`",
  updateAll: "update all N, `up --skip-preview`",
  refresh: "`refresh --skip-preview`, no drift",
  destroy: "`destroy --skip-preview`",
};

export interface ScalingOptions {
  sizes: number[];
  runs: number;
  latencyMs: number;
  /** Extra arguments for every `up`, `refresh` and `destroy` (e.g. `--parallel 32`). */
  extraArgs: string[];
  /** Extra environment for the engine (e.g. PULUMI_SKIP_CHECKPOINTS=true). */
  extraEnv: Record<string, string>;
  /** Which stacks to run: "package", "floor", and variant labels. */
  kinds: StackKind[];
  variants: PackageVariant[];
  /** Write V8 CPU profiles of the program and the provider process here. */
  cpuProfileDir?: string;
  /** Write the engine's own Go CPU profile per command here (Pulumi's `--profiling <prefix>`). */
  engineProfileDir?: string;
  log: (line: string) => void;
}

/** Requests the emulator counted in a phase, by kind. */
export interface RequestTally {
  post: number;
  getApp: number;
  getSecret: number;
  put: number;
  delete: number;
  token: number;
  other: number;
}

export interface PhaseSample {
  ms: number;
  requests: RequestTally;
  /** Peak RSS (KiB) of the dynamic-provider process(es) and of the program in this phase. */
  providerRssKiB?: number;
  programRssKiB?: number;
  /** CPU time (ms) of this process during the phase: the emulator answering, on the same cores as the engine. */
  emulatorCpuMs?: number;
}

export interface CycleResult {
  kind: StackKind;
  n: number;
  run: number;
  phases: Record<Phase, PhaseSample>;
  /** `pulumi stack export` after create, in bytes; and per resource of the benchmark's type. */
  stateBytes: number;
  stateBytesPerResource: number;
  providerBytes: number;
}

/** The stack kinds that are floors, not builds of this package. */
export const FLOOR_KINDS = ["floor", "shaped"] as const;
type Project = "app" | (typeof FLOOR_KINDS)[number];
const projectOf = (kind: StackKind): Project => (kind === "floor" || kind === "shaped" ? kind : "app");
const PROJECTS: Record<Project, string> = {
  app: join(REPO_ROOT, "bench", "projects", "app"),
  floor: join(REPO_ROOT, "bench", "projects", "floor"),
  shaped: join(REPO_ROOT, "bench", "projects", "shaped"),
};
const PROJECT_NAMES: Record<Project, string> = { app: "pingone-bench-app", floor: "pingone-bench-floor", shaped: "pingone-bench-shaped" };
const RESOURCE_TYPES: Record<Project, string> = {
  app: "pulumi-nodejs:dynamic/pingone:Application",
  floor: "pulumi-nodejs:dynamic/bench:Floor",
  shaped: "pulumi-nodejs:dynamic/pingone:Shaped",
};

/** The fewest requests each phase can send for N seed-001 applications (README, Application: Operations). */
export function minimumRequests(phase: Phase, n: number): RequestTally {
  const none: RequestTally = { post: 0, getApp: 0, getSecret: 0, put: 0, delete: 0, token: 0, other: 0 };
  switch (phase) {
    case "create":
      // POST, then a GET of the secret (CLIENT_SECRET_BASIC); one worker token per provider process.
      return { ...none, post: n, getSecret: n, token: 1 };
    case "preview":
    case "up":
      return none;
    case "update1":
      return { ...none, put: 1, token: 1 };
    case "updateAll":
      // A PUT does not rotate the secret, so the known one is kept without a read.
      return { ...none, put: n, token: 1 };
    case "refresh":
      return { ...none, getApp: n, getSecret: n, token: 1 };
    case "destroy":
      return { ...none, delete: n, token: 1 };
  }
}

export function totalRequests(tally: RequestTally): number {
  return tally.post + tally.getApp + tally.getSecret + tally.put + tally.delete + tally.token + tally.other;
}

export function tallyRequests(byRoute: Record<string, number>): RequestTally {
  const tally: RequestTally = { post: 0, getApp: 0, getSecret: 0, put: 0, delete: 0, token: 0, other: 0 };
  const kinds = new Map<string, Exclude<keyof RequestTally, "other">>([
    [routeKey("POST", "token"), "token"],
    [routeKey("POST", "applications"), "post"],
    [routeKey("GET", "secret"), "getSecret"],
    [routeKey("GET", "application"), "getApp"],
    [routeKey("PUT", "application"), "put"],
    [routeKey("DELETE", "application"), "delete"],
  ]);
  for (const [route, count] of Object.entries(byRoute)) tally[kinds.get(route) ?? "other"] += count;
  return tally;
}

export function describeRequests(tally: RequestTally): string {
  const parts: string[] = [];
  const named: [keyof RequestTally, string][] = [
    ["post", "POST"],
    ["getApp", "GET"],
    ["getSecret", "GET secret"],
    ["put", "PUT"],
    ["delete", "DELETE"],
    ["token", "token"],
    ["other", "other"],
  ];
  for (const [key, label] of named) if (tally[key] > 0) parts.push(`${tally[key]} ${label}`);
  return parts.length === 0 ? "0" : parts.join(" + ");
}

function sameTally(a: RequestTally, b: RequestTally): boolean {
  return (Object.keys(a) as (keyof RequestTally)[]).every((key) => a[key] === b[key]);
}

/** Stack config for a phase: the whole `Pulumi.<stack>.yaml`, written as JSON (a subset of YAML). */
function stackConfig(kind: StackKind, n: number, changed: number, suffix: string, shape: Shape | undefined): string {
  const project = PROJECT_NAMES[projectOf(kind)];
  const config: Record<string, string> = { [`${project}:count`]: String(n), [`${project}:changed`]: String(changed), [`${project}:suffix`]: suffix };
  if (projectOf(kind) !== "floor") {
    const { name: _name, ...app } = SEED_001.body;
    config[`${project}:app`] = JSON.stringify(app);
  }
  if (projectOf(kind) === "shaped") {
    if (!shape) throw new Error("the same-shape floor needs an Application's outputs, recorded at the start of the session");
    config[`${project}:repo`] = REPO_ROOT;
    config[`${project}:outputKeys`] = JSON.stringify(shape.keys);
  }
  return JSON.stringify({ config }, null, 2);
}

/** An Application's outputs, recorded once per session for the same-shape floor (bench/projects/shaped). */
interface Shape {
  file: string;
  keys: string[];
}

/**
 * Creates one seed-001 Application in the emulator through the provider itself and records its
 * outputs (with a stand-in of the same length for the client secret), then deletes it.
 */
async function recordShape(emulator: RunningEmulator, dir: string): Promise<Shape> {
  const provider = new ApplicationLifecycle({ env: pingOneEnvironment(emulator) });
  const inputs = (await provider.check({}, { ...SEED_001.body, __autoname: "shape" })).inputs;
  const { id, outs } = await provider.create(inputs);
  await provider.delete(id, outs);
  const secret = outs.clientSecret;
  const recorded = {
    ...outs,
    ...(typeof secret === "string" ? { clientSecret: randomBytes(secret.length).toString("base64url").slice(0, secret.length) } : {}),
  };
  const file = join(dir, "shape.json");
  writeFileSync(file, JSON.stringify(recorded));
  return { file, keys: Object.keys(recorded) };
}

interface ProbeRecord {
  role: "program" | "provider";
  pid: number;
  maxRssKiB: number;
}

function readProbe(file: string): ProbeRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ProbeRecord);
}

interface Session {
  engine: Engine;
  emulator: RunningEmulator;
  dirs: ScratchDirs;
  options: ScalingOptions;
  shape?: Shape;
}

/** One full cycle (create … destroy) of one stack of size n, in a fresh copy of its project. */
async function runCycle(session: Session, kind: StackKind, n: number, run: number): Promise<CycleResult> {
  const { engine, emulator, dirs, options, shape } = session;
  if (options.engineProfileDir) mkdirSync(options.engineProfileDir, { recursive: true });
  const stack = `${kind.replace(/[^A-Za-z0-9-]/g, "-")}-${n}-${run}`;
  const cwd = join(dirs.root, stack);
  cpSync(PROJECTS[projectOf(kind)], cwd, { recursive: true });
  const variant = options.variants.find((v) => v.label === kind);
  const probeFile = join(dirs.root, `probe-${stack}.jsonl`);
  const nodeOptions = [`--require ${join(REPO_ROOT, "dist", "bench", "probe.js")}`];
  if (options.cpuProfileDir) nodeOptions.push("--cpu-prof", `--cpu-prof-dir=${join(options.cpuProfileDir, stack)}`);
  const env = {
    ...pingOneEnvironment(emulator),
    ...options.extraEnv,
    NODE_OPTIONS: [process.env.NODE_OPTIONS ?? "", ...nodeOptions].join(" ").trim(),
    PINGONE_BENCH_PROBE_FILE: probeFile,
    ...(shape ? { PINGONE_BENCH_SHAPE_FILE: shape.file } : {}),
    // A variant's build of the package (and the same @pulumi/pulumi) for the program and the provider.
    ...(variant ? { NODE_PATH: join(variant.root, "node_modules") } : {}),
  };
  const cli = async (args: string[]): Promise<string> => {
    const result = await pulumiCli(engine, dirs, [...args, "--stack", stack], { cwd, env });
    if (result.code !== 0)
      throw new Error(`${kind} N=${n}: pulumi ${args.join(" ")} exited ${result.code}:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
    return result.stdout;
  };
  const configure = (changed: number, suffix: string) => writeFileSync(join(cwd, `Pulumi.${stack}.yaml`), stackConfig(kind, n, changed, suffix, shape));

  const phases = {} as Record<Phase, PhaseSample>;
  const timed = async (phase: Phase, args: string[]): Promise<string> => {
    rmSync(probeFile, { force: true });
    emulator.resetCounters();
    const profiling = options.engineProfileDir ? ["--profiling", join(options.engineProfileDir, `${stack}-${phase}`)] : [];
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const stdout = await cli([...args, ...profiling]);
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const probes = readProbe(probeFile);
    const peak = (role: ProbeRecord["role"]) => {
      const values = probes.filter((p) => p.role === role).map((p) => p.maxRssKiB);
      return values.length === 0 ? undefined : Math.max(...values);
    };
    phases[phase] = {
      ms,
      requests: tallyRequests(emulator.counters().byRoute),
      providerRssKiB: peak("provider"),
      programRssKiB: peak("program"),
      emulatorCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    };
    options.log(`  ${kind} N=${n} run ${run}: ${phase} ${(ms / 1000).toFixed(1)} s, ${describeRequests(phases[phase].requests)}`);
    return stdout;
  };

  const extra = options.extraArgs;
  await cli(["stack", "init"]);
  let stateBytes = 0;
  let stateBytesPerResource = 0;
  let providerBytes = 0;
  try {
    configure(0, "");
    await timed("create", ["up", "--yes", "--skip-preview", ...extra]);
    const exported = await cli(["stack", "export"]);
    stateBytes = Buffer.byteLength(exported);
    const deployment = JSON.parse(exported) as { deployment?: { resources?: { type: string; inputs?: { __provider?: unknown } }[] } };
    const resources = (deployment.deployment?.resources ?? []).filter((r) => r.type === RESOURCE_TYPES[projectOf(kind)]);
    if (resources.length !== n)
      throw new Error(`${kind} N=${n}: the state holds ${resources.length} resources of ${RESOURCE_TYPES[projectOf(kind)]} after create`);
    stateBytesPerResource = Math.round(resources.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0) / n);
    const provider = resources[0]?.inputs?.__provider;
    providerBytes = typeof provider === "string" ? Buffer.byteLength(provider) : 0;
    await timed("preview", ["preview", "--expect-no-changes"]);
    await timed("up", ["up", "--yes", "--expect-no-changes", ...extra]);
    configure(1, "one");
    await timed("update1", ["up", "--yes", "--skip-preview", ...extra]);
    configure(n, "all");
    await timed("updateAll", ["up", "--yes", "--skip-preview", ...extra]);
    await timed("refresh", ["refresh", "--yes", "--skip-preview", "--expect-no-changes", ...extra]);
    await timed("destroy", ["destroy", "--yes", "--skip-preview", ...extra]);
  } finally {
    await pulumiCli(engine, dirs, ["stack", "rm", "--yes", "--force", stack], { cwd, env });
    rmSync(cwd, { recursive: true, force: true });
  }
  return { kind, n, run, phases, stateBytes, stateBytesPerResource, providerBytes };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface PhaseSummary {
  n: number;
  phase: Phase;
  packageMs?: number;
  floorMs?: number;
  ratio?: number;
  /** The same-shape floor (bench/projects/shaped), and this package's time over it. */
  shapedMs?: number;
  shapedRatio?: number;
  /** CPU time the emulator (in the benchmark's own process) spent answering this package's requests, median. */
  packageEmulatorCpuMs?: number;
  packageRequests?: RequestTally;
  minimum: RequestTally;
  atMinimum?: boolean;
}

export interface SizeSummary {
  n: number;
  packageStateBytesPerResource?: number;
  floorStateBytesPerResource?: number;
  shapedStateBytesPerResource?: number;
  packageStateBytes?: number;
  floorStateBytes?: number;
  packageProviderBytes?: number;
  floorProviderBytes?: number;
  packageProviderRssMiB?: number;
  floorProviderRssMiB?: number;
  packageProgramRssMiB?: number;
}

/** This package against another build of it (a variant), per phase: same session, interleaved. */
export interface VariantComparison {
  variant: string;
  n: number;
  phase: Phase | "state bytes per resource";
  packageValue?: number;
  variantValue?: number;
  /** reference ÷ variant: below 1 means the reference build is faster (or smaller). */
  ratio?: number;
}

export interface ScalingReport {
  startedAt: string;
  machine: MachineDescription;
  settings: { sizes: number[]; runs: number; latencyMs: number; extraArgs: string[]; extraEnv: Record<string, string> };
  phases: PhaseSummary[];
  sizes: SizeSummary[];
  comparisons: VariantComparison[];
  cycles: CycleResult[];
  problems: string[];
}

export interface MachineDescription {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  engine: string;
  languageHost: string;
}

function describeMachine(engine: Engine): MachineDescription {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    engine: `pulumi ${engine.version} (${engine.kind})`,
    languageHost: engine.kind === "built" ? "pulumi-language-nodejs v3.68.0" : "bundled",
  };
}

function maxOf(values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length === 0 ? undefined : Math.max(...defined);
}

/** Each other build against `reference` (this clone's build, "package", unless only variants ran). */
export function compareVariants(cycles: CycleResult[], sizes: number[], reference: StackKind, variants: string[]): VariantComparison[] {
  const rows: VariantComparison[] = [];
  for (const variant of variants.filter((v) => v !== reference)) {
    for (const n of sizes) {
      const pkg = cycles.filter((c) => c.kind === reference && c.n === n);
      const other = cycles.filter((c) => c.kind === variant && c.n === n);
      const row = (phase: VariantComparison["phase"], value: (c: CycleResult) => number) => {
        const packageValue = pkg.length > 0 ? median(pkg.map(value)) : undefined;
        const variantValue = other.length > 0 ? median(other.map(value)) : undefined;
        const ratio = packageValue !== undefined && variantValue ? packageValue / variantValue : undefined;
        rows.push({ variant, n, phase, packageValue, variantValue, ratio });
      };
      for (const phase of PHASES) row(phase, (c) => c.phases[phase].ms);
      row("state bytes per resource", (c) => c.stateBytesPerResource);
    }
  }
  return rows;
}

export function summarize(cycles: CycleResult[], sizes: number[]): { phases: PhaseSummary[]; sizes: SizeSummary[]; problems: string[] } {
  const phases: PhaseSummary[] = [];
  const sizeRows: SizeSummary[] = [];
  const problems: string[] = [];
  for (const n of sizes) {
    const of = (kind: StackKind) => cycles.filter((c) => c.kind === kind && c.n === n);
    for (const phase of PHASES) {
      const minimum = minimumRequests(phase, n);
      const pkg = of("package");
      const floor = of("floor");
      const shaped = of("shaped");
      const packageMs = pkg.length > 0 ? median(pkg.map((c) => c.phases[phase].ms)) : undefined;
      const floorMs = floor.length > 0 ? median(floor.map((c) => c.phases[phase].ms)) : undefined;
      const shapedMs = shaped.length > 0 ? median(shaped.map((c) => c.phases[phase].ms)) : undefined;
      const packageRequests = pkg[0]?.phases[phase].requests;
      const atMinimum = pkg.length > 0 ? pkg.every((c) => sameTally(c.phases[phase].requests, minimum)) : undefined;
      if (atMinimum === false) {
        const seen = pkg.map((c) => describeRequests(c.phases[phase].requests)).join("; ");
        problems.push(`N=${n} ${phase}: requests ${seen}, the minimum is ${describeRequests(minimum)}`);
      }
      phases.push({
        n,
        phase,
        packageMs,
        floorMs,
        ratio: packageMs !== undefined && floorMs !== undefined && floorMs > 0 ? packageMs / floorMs : undefined,
        shapedMs,
        shapedRatio: packageMs !== undefined && shapedMs !== undefined && shapedMs > 0 ? packageMs / shapedMs : undefined,
        packageEmulatorCpuMs: pkg.length > 0 ? median(pkg.map((c) => c.phases[phase].emulatorCpuMs ?? 0)) : undefined,
        packageRequests,
        minimum,
        atMinimum,
      });
    }
    const pkg = of("package");
    const floor = of("floor");
    const mib = (kib: number | undefined) => (kib === undefined ? undefined : Math.round((kib / 1024) * 10) / 10);
    sizeRows.push({
      n,
      packageStateBytesPerResource: pkg[0]?.stateBytesPerResource,
      floorStateBytesPerResource: floor[0]?.stateBytesPerResource,
      shapedStateBytesPerResource: of("shaped")[0]?.stateBytesPerResource,
      packageStateBytes: pkg[0]?.stateBytes,
      floorStateBytes: floor[0]?.stateBytes,
      packageProviderBytes: pkg[0]?.providerBytes,
      floorProviderBytes: floor[0]?.providerBytes,
      packageProviderRssMiB: mib(maxOf(pkg.flatMap((c) => PHASES.map((p) => c.phases[p].providerRssKiB)))),
      floorProviderRssMiB: mib(maxOf(floor.flatMap((c) => PHASES.map((p) => c.phases[p].providerRssKiB)))),
      packageProgramRssMiB: mib(maxOf(pkg.flatMap((c) => PHASES.map((p) => c.phases[p].programRssKiB)))),
    });
  }
  return { phases, sizes: sizeRows, problems };
}

const seconds = (ms: number | undefined) => (ms === undefined ? "–" : `${(ms / 1000).toFixed(1)} s`);
const ratioText = (ratio: number | undefined) => (ratio === undefined ? "–" : `${ratio.toFixed(2)}×`);
const kb = (bytes: number | undefined) => (bytes === undefined ? "–" : `${(bytes / 1024).toFixed(1)} KB`);

/** The README's tables: time per phase against the floor, then state and memory per N. */
export function markdownTables(report: Pick<ScalingReport, "phases" | "sizes" | "settings" | "machine" | "comparisons">): string {
  const { settings, machine } = report;
  const lines = [
    `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.engine}; emulator latency ${settings.latencyMs} ms; median of ${settings.runs} run(s)${settings.extraArgs.length > 0 ? `; ${settings.extraArgs.join(" ")}` : ""}${
      Object.keys(settings.extraEnv).length > 0
        ? `; ${Object.entries(settings.extraEnv)
            .map(([k, v]) => `${k}=${v}`)
            .join(" ")}`
        : ""
    }`,
    "",
    "| phase | N | this package | engine floor | ratio | same-shape floor | ratio to it | requests (this package) | minimum |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const row of report.phases) {
    const requests = row.packageRequests === undefined ? "–" : describeRequests(row.packageRequests);
    lines.push(
      `| ${PHASE_COMMANDS[row.phase]} | ${row.n} | ${seconds(row.packageMs)} | ${seconds(row.floorMs)} | ${ratioText(row.ratio)} | ${seconds(row.shapedMs)} | ${ratioText(row.shapedRatio)} | ${requests} | ${describeRequests(row.minimum)}${row.atMinimum === false ? " ✗" : ""} |`,
    );
  }
  lines.push(
    "",
    "| N | state per resource: app / floor / same-shape floor | `pulumi stack export`: app / floor | `__provider`: app / floor | peak RSS, provider process: app / floor | peak RSS, program (app) |",
    "|---|---|---|---|---|---|",
  );
  for (const row of report.sizes) {
    const mib = (v: number | undefined) => (v === undefined ? "–" : `${v} MiB`);
    lines.push(
      `| ${row.n} | ${kb(row.packageStateBytesPerResource)} / ${kb(row.floorStateBytesPerResource)} / ${kb(row.shapedStateBytesPerResource)} | ${kb(row.packageStateBytes)} / ${kb(row.floorStateBytes)} | ${row.packageProviderBytes ?? "–"} B / ${row.floorProviderBytes ?? "–"} B | ${mib(row.packageProviderRssMiB)} / ${mib(row.floorProviderRssMiB)} | ${mib(row.packageProgramRssMiB)} |`,
    );
  }
  if (report.comparisons.length > 0) {
    lines.push("", "| first build vs another | N | first build | other build | ratio |", "|---|---|---|---|---|");
    for (const row of report.comparisons) {
      const value = (v: number | undefined) => (row.phase === "state bytes per resource" ? kb(v) : seconds(v));
      const label = row.phase === "state bytes per resource" ? row.phase : PHASE_COMMANDS[row.phase];
      lines.push(`| ${label} (vs ${row.variant}) | ${row.n} | ${value(row.packageValue)} | ${value(row.variantValue)} | ${ratioText(row.ratio)} |`);
    }
  }
  return lines.join("\n");
}

/** Runs the suite: for each N, for each run, the package and the floor interleaved (order alternating). */
export async function runScaling(options: ScalingOptions): Promise<ScalingReport> {
  const startedAt = new Date().toISOString();
  const engine = await ensureEngine(options.log);
  const emulator = await startEmulator({ seed: 5, faults: { latencyMs: options.latencyMs } });
  const dirs = scratchDirs("pingone-scaling");
  if (options.cpuProfileDir) mkdirSync(options.cpuProfileDir, { recursive: true });
  const session: Session = { engine, emulator, dirs, options };
  const cycles: CycleResult[] = [];
  try {
    if (options.kinds.includes("shaped")) session.shape = await recordShape(emulator, dirs.root);
    for (const n of options.sizes) {
      for (let run = 1; run <= options.runs; run++) {
        const order = run % 2 === 1 ? options.kinds : [...options.kinds].reverse();
        for (const kind of order) cycles.push(await runCycle(session, kind, n, run));
      }
    }
  } finally {
    await emulator.close();
    removeScratch(dirs);
  }
  const summary = summarize(cycles, options.sizes);
  return {
    startedAt,
    machine: describeMachine(engine),
    settings: { sizes: options.sizes, runs: options.runs, latencyMs: options.latencyMs, extraArgs: options.extraArgs, extraEnv: options.extraEnv },
    ...summary,
    comparisons: compareVariants(
      cycles,
      options.sizes,
      options.kinds.find((kind) => !(FLOOR_KINDS as readonly string[]).includes(kind)) ?? "package",
      options.variants.map((v) => v.label),
    ),
    cycles,
  };
}

/** Writes the report to bench/results/<timestamp>.json; returns the path. */
export function saveReport(report: ScalingReport, dir: string = join(REPO_ROOT, "bench", "results")): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${report.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
