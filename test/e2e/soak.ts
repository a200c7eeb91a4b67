/**
 * The fault soak: many applications through the real Pulumi engine against the emulator while it
 * answers 429s and 503s, drops connections before and after committing a change, issues
 * short-lived worker tokens and adds latency. Phases: create, update all, no-op preview, refresh,
 * destroy. After every phase the emulator and the stack state must agree exactly (nothing lost,
 * no orphan, no duplicate, no stale app, the client secrets in state equal PingOne's, no pending
 * operation), and no plaintext secret may show in `pulumi stack export` or the CLI's default output.
 *
 * One implementation, two sizes: `npm test` runs a small soak (soak.spec.ts), `npm run soak` the
 * full one (bench/soak.ts).
 */
import type { FaultKind, FaultSettings, RequestCounters, RunningEmulator } from "../../emulator";
import { routeKey, routeTemplate } from "../../emulator/routes";
import { endpointPath, usesSharedSecret } from "../../pingone";
import { SEED_001, SEED_002 } from "../fixtures/seeds";
import { FIXTURE_PROJECT, setupE2E, stackOutputs, type E2E, type StateResource, workerToken } from "./harness";

export const PHASES = ["create", "update", "preview", "refresh", "destroy"] as const;
export type Phase = (typeof PHASES)[number];

/** The full soak's faults: 10% 429, 5% 503, 2% resets before and 2% after commit, 20 s tokens, 20 ms latency. */
export const SOAK_FAULTS: Partial<FaultSettings> = {
  latencyMs: 20,
  rate429: 0.1,
  // Retry-After: 1 keeps the wall time down; the provider honours whatever the server sends (≤ 30 s).
  retryAfterSeconds: 1,
  rate5xx: 0.05,
  status5xx: 503,
  rateReset: 0.02,
  rateResetAfterCommit: 0.02,
  tokenLifetimeSeconds: 20,
};

export interface SoakOptions {
  apps: number;
  faults: Partial<FaultSettings>;
  /** Seed of the emulator's fault generator. */
  seed?: number;
  /** Where engine build progress goes (only when the engine is not built yet). */
  engineLog?: (line: string) => void;
}

/** Emulator and state compared at one point of the run. */
export interface Audit {
  after: Phase;
  /** Applications the program declares at this point (0 after destroy). */
  expected: number;
  inState: number;
  inEmulator: number;
  /** Declared applications missing from the state, or whose id PingOne does not know. */
  lost: number;
  /** Applications in PingOne that no resource in the state points to. */
  orphans: number;
  /** Applications in PingOne beyond the first with the same name. */
  duplicates: number;
  /** Applications whose description in PingOne is not what the program last applied. */
  stale: number;
  /** Apps whose `clientSecret` output differs from the secret PingOne serves (or exists where it should not). */
  secretMismatches: number;
  /** `pending_operations` in `pulumi stack export`. */
  pendingOperations: number;
}

export interface SoakReport {
  apps: number;
  seconds: Record<Phase, number>;
  audits: Audit[];
  /** Where a plaintext secret was found, e.g. `2 client secrets in stack export after create`. */
  leaks: string[];
  /** Secret values found, summed over the texts scanned. */
  secretsFound: number;
  /** Failed commands and broken expectations outside the audits. */
  errors: string[];
  /** API requests the no-op preview sent (expected 0). */
  previewRequests: number;
  /** Requests and faults during the phases (the audits' own reads are not counted). */
  requests: number;
  tokensIssued: number;
  faults: Partial<Record<FaultKind, number>>;
  /** The status the `server-error` faults answered with. */
  status5xx: number;
  /**
   * Creates whose connection dropped (before or after PingOne stored the app), so the provider
   * had to reconcile instead of trusting or repeating the POST. Counted from the request log,
   * which keeps the last 10,000 requests.
   */
  ambiguousCreates: number;
  /** Fault kinds the settings ask for; each must have been injected at least once. */
  faultsConfigured: FaultKind[];
  appsLeftAfterDestroy: number;
}

const TOKEN_ROUTE = routeKey("POST", "token");
const CREATE_ROUTE = routeTemplate("applications");
/** Bounded excerpt of a failed command's output. */
const EXCERPT_LINES = 15;

/**
 * The program's applications for a version of the run: a mix of web apps with a client secret
 * (basic and post) and SPAs without one, all auto-named; each version has its own descriptions.
 */
export function soakApps(count: number, version: number): Record<string, Record<string, unknown>> {
  const apps: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < count; i++) {
    const base = i % 3 === 2 ? SEED_002.body : { ...SEED_001.body, tokenEndpointAuthMethod: i % 3 === 0 ? "CLIENT_SECRET_BASIC" : "CLIENT_SECRET_POST" };
    apps[`soak${i}`] = { ...base, name: undefined, description: descriptionOf(i, version) };
  }
  return apps;
}

function descriptionOf(index: number, version: number): string {
  return `soak app ${index}, version ${version}`;
}

/** Kinds the settings inject: these must all show up in the counters. */
export function configuredFaultKinds(faults: Partial<FaultSettings>): FaultKind[] {
  const kinds: FaultKind[] = [];
  if ((faults.latencyMs ?? 0) > 0) kinds.push("latency");
  if ((faults.rate429 ?? 0) > 0) kinds.push("rate-limit");
  if ((faults.rate5xx ?? 0) > 0) kinds.push("server-error");
  if ((faults.rateReset ?? 0) > 0) kinds.push("reset-before");
  if ((faults.rateResetAfterCommit ?? 0) > 0) kinds.push("reset-after-commit");
  for (const entry of faults.script ?? []) {
    const kind: FaultKind =
      entry.fault.status !== undefined
        ? "scripted-status"
        : entry.fault.reset === "before"
          ? "reset-before"
          : entry.fault.reset === "after-commit"
            ? "reset-after-commit"
            : "latency";
    if (!kinds.includes(kind)) kinds.push(kind);
  }
  return kinds;
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const e2e = await setupE2E({ seed: options.seed, log: options.engineLog });
  const cwd = FIXTURE_PROJECT;
  const report: SoakReport = {
    apps: options.apps,
    seconds: { create: 0, update: 0, preview: 0, refresh: 0, destroy: 0 },
    audits: [],
    leaks: [],
    secretsFound: 0,
    errors: [],
    previewRequests: 0,
    requests: 0,
    tokensIssued: 0,
    faults: {},
    status5xx: 0,
    ambiguousCreates: 0,
    faultsConfigured: configuredFaultKinds(options.faults),
    appsLeftAfterDestroy: 0,
  };
  /** Texts that must hold no plaintext secret: default CLI output and stack exports. */
  const scanned: { where: string; text: string }[] = [];
  const clientSecrets = new Set<string>();
  try {
    const stack = await e2e.newStack(cwd, "soak");
    const setApps = (version: number) => e2e.ok(["config", "set", "apps", JSON.stringify(soakApps(options.apps, version)), "--stack", stack], cwd);

    /** Runs one phase's command under faults; a failure is recorded and the run goes on. */
    const phase = async (name: Phase, args: string[]): Promise<number> => {
      const before = e2e.emulator.counters();
      const started = Date.now();
      const result = await e2e.run([...args, "--stack", stack], cwd);
      report.seconds[name] = (Date.now() - started) / 1000;
      const requests = addPhaseCounters(report, before, e2e.emulator.counters());
      const output = `${result.stdout}\n${result.stderr}`;
      scanned.push({ where: `${name} output`, text: output });
      if (result.code !== 0) report.errors.push(`pulumi ${args.join(" ")} exited ${result.code}: ${excerpt(output)}`);
      return requests;
    };
    const audit = async (after: Phase, expected: Record<string, Record<string, unknown>>) => {
      const checked = await auditState(e2e, stack, after, expected, clientSecrets);
      report.audits.push(checked.audit);
      scanned.push({ where: `stack export after ${after}`, text: checked.exported });
    };

    const v1 = soakApps(options.apps, 1);
    const v2 = soakApps(options.apps, 2);
    await setApps(1);
    e2e.emulator.setFaults(options.faults);
    report.status5xx = e2e.emulator.faults().status5xx;
    await phase("create", ["up", "--yes", "--skip-preview"]);
    await audit("create", v1);
    await setApps(2);
    await phase("update", ["up", "--yes", "--skip-preview"]);
    await audit("update", v2);
    report.previewRequests = await phase("preview", ["preview", "--expect-no-changes"]);
    if (report.previewRequests !== 0) report.errors.push(`the no-op preview sent ${report.previewRequests} requests to PingOne`);
    await phase("refresh", ["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    await audit("refresh", v2);
    await phase("destroy", ["destroy", "--yes", "--skip-preview"]);
    await audit("destroy", {});
    report.appsLeftAfterDestroy = e2e.emulator.applications().length;
    report.ambiguousCreates = e2e.emulator
      .requestLog()
      .filter((r) => r.method === "POST" && r.route === CREATE_ROUTE && r.faults.some((f) => f === "reset-before" || f === "reset-after-commit")).length;

    const secrets: [string, string[]][] = [
      ["client secret", [...clientSecrets]],
      ["worker secret", [e2e.emulator.clientSecret]],
      ["access token", e2e.emulator.issuedTokens()],
    ];
    for (const { where, text } of scanned) {
      for (const [kind, values] of secrets) {
        const found = values.filter((value) => text.includes(value)).length;
        report.secretsFound += found;
        if (found > 0) report.leaks.push(`${found} ${kind}${found === 1 ? "" : "s"} in ${where}`);
      }
    }
    if (clientSecrets.size === 0) report.errors.push("no client secret was read, so the leak scan proved nothing");
  } finally {
    await e2e.close();
  }
  return report;
}

/** Adds one phase's requests, tokens and faults to the report; returns its API requests (tokens excluded). */
function addPhaseCounters(report: SoakReport, before: RequestCounters, after: RequestCounters): number {
  const tokens = (after.byRoute[TOKEN_ROUTE] ?? 0) - (before.byRoute[TOKEN_ROUTE] ?? 0);
  const requests = after.total - before.total;
  report.requests += requests;
  report.tokensIssued += tokens;
  for (const [kind, count] of Object.entries(after.byFault) as [FaultKind, number][]) {
    const delta = count - (before.byFault[kind] ?? 0);
    if (delta > 0) report.faults[kind] = (report.faults[kind] ?? 0) + delta;
  }
  return requests - tokens;
}

function excerpt(output: string): string {
  return output.trim().split("\n").slice(-EXCERPT_LINES).join("\n");
}

interface StackExport {
  deployment: { resources?: StateResource[]; pending_operations?: unknown[] };
}
type AppOutput = { id?: string; name?: string; clientSecret?: string };

const APPLICATION_TYPE = "pulumi-nodejs:dynamic/pingone:Application";

/** Compares the stack's state and outputs with the emulator, with faults off for the audit's own reads. */
async function auditState(
  e2e: E2E,
  stack: string,
  after: Phase,
  expected: Record<string, Record<string, unknown>>,
  clientSecrets: Set<string>,
): Promise<{ audit: Audit; exported: string }> {
  const emulator = e2e.emulator;
  const exported = (await e2e.ok(["stack", "export", "--stack", stack], FIXTURE_PROJECT)).stdout;
  const state = JSON.parse(exported) as StackExport;
  const inState = (state.deployment.resources ?? []).filter((r) => r.type === APPLICATION_TYPE);
  const outputs = (await stackOutputs(e2e, FIXTURE_PROJECT, stack)) as Record<string, AppOutput>;
  const stored = storedApps(emulator);
  const storedById = new Map(stored.map((app) => [app.id, app]));
  const stateIds = new Set(inState.map((r) => r.id));

  const names = new Map<string, number>();
  for (const app of stored) names.set(app.name, (names.get(app.name) ?? 0) + 1);

  let lost = 0;
  let stale = 0;
  for (const [resourceName, args] of Object.entries(expected)) {
    const resource = inState.find((r) => r.urn.endsWith(`::${resourceName}`));
    const app = resource?.id === undefined ? undefined : storedById.get(resource.id);
    if (!app) lost += 1;
    else if (app.description !== args.description) stale += 1;
  }

  const withSecrets = inState.flatMap((r) => (r.id !== undefined && storedById.has(r.id) ? [r.id] : []));
  const served = await servedSecrets(emulator, withSecrets);
  let secretMismatches = 0;
  for (const output of Object.values(outputs)) {
    if (output.id === undefined) continue;
    const secret = served.get(output.id);
    if (secret !== undefined) clientSecrets.add(secret);
    const expectedSecret = storedById.get(output.id)?.usesSecret ? secret : undefined;
    if (output.clientSecret !== expectedSecret) secretMismatches += 1;
  }

  const audit: Audit = {
    after,
    expected: Object.keys(expected).length,
    inState: inState.length,
    inEmulator: stored.length,
    lost,
    orphans: stored.filter((app) => !stateIds.has(app.id)).length,
    duplicates: [...names.values()].reduce((sum, n) => sum + n - 1, 0),
    stale,
    secretMismatches,
    pendingOperations: state.deployment.pending_operations?.length ?? 0,
  };
  return { audit, exported };
}

interface StoredApp {
  id: string;
  name: string;
  description: unknown;
  /** Its auth method uses a client secret. */
  usesSecret: boolean;
}

function storedApps(emulator: RunningEmulator): StoredApp[] {
  return emulator.applications().map((app) => ({
    id: typeof app.id === "string" ? app.id : "",
    name: typeof app.name === "string" ? app.name : "",
    description: app.description,
    usesSecret: usesSharedSecret(app.tokenEndpointAuthMethod),
  }));
}

/**
 * The client secret PingOne serves for each application, read over the API like any client
 * would, with the emulator's faults paused so the audit itself cannot fail.
 */
async function servedSecrets(emulator: RunningEmulator, ids: string[]): Promise<Map<string, string>> {
  const faults = emulator.faults();
  emulator.clearFaults();
  try {
    const token = await workerToken(emulator);
    const secrets = new Map<string, string>();
    await Promise.all(
      ids.map(async (id) => {
        const response = await fetch(`${emulator.apiUrl}${endpointPath("secret", { envId: emulator.environmentId, appId: id })}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (response.status !== 200) return;
        const body = (await response.json()) as { secret?: unknown };
        if (typeof body.secret === "string") secrets.set(id, body.secret);
      }),
    );
    return secrets;
  } finally {
    emulator.setFaults(faults);
  }
}

/** The worst value of a measure over all audits. */
export function worst(report: SoakReport, measure: Exclude<keyof Audit, "after">): number {
  return Math.max(0, ...report.audits.map((a) => a[measure]));
}

/** Audit measures that must be 0 at every point. */
const AUDIT_ZEROES = ["lost", "orphans", "duplicates", "stale", "secretMismatches", "pendingOperations"] as const;

/** Every broken expectation; empty when the run is clean. */
export function soakProblems(report: SoakReport): string[] {
  const problems = [...report.errors];
  for (const audit of report.audits) {
    const broken = AUDIT_ZEROES.some((measure) => audit[measure] !== 0) || audit.inState !== audit.expected || audit.inEmulator !== audit.expected;
    if (broken) problems.push(`after ${audit.after}: ${JSON.stringify(audit)}`);
  }
  if (report.audits.length !== PHASES.length - 1) problems.push(`${report.audits.length} audits ran, expected ${PHASES.length - 1}`);
  problems.push(...report.leaks.map((leak) => `plaintext ${leak}`));
  if (report.appsLeftAfterDestroy !== 0) problems.push(`${report.appsLeftAfterDestroy} apps left after destroy`);
  for (const kind of report.faultsConfigured) {
    if (!report.faults[kind]) problems.push(`no ${kind} fault was injected: the run did not test it`);
  }
  return problems;
}

function seconds(value: number): string {
  return `${value.toFixed(1)} s`;
}

/** The one-line summary `npm run soak` prints. */
export function summaryLine(report: SoakReport): string {
  const f = report.faults;
  const parts = [
    `soak: ${report.apps} apps`,
    ...PHASES.map((phase) => `${phase} ${seconds(report.seconds[phase])}`),
    `${worst(report, "lost")} lost`,
    `${worst(report, "orphans")} orphans`,
    `${worst(report, "duplicates")} duplicates`,
    `${worst(report, "stale")} stale`,
    `${worst(report, "secretMismatches")} secret mismatches`,
    `${worst(report, "pendingOperations")} pending ops`,
    `${report.secretsFound} secrets in state/logs`,
    `${report.appsLeftAfterDestroy} apps left after destroy`,
    `${report.errors.length} errors`,
    `faults injected: 429×${f["rate-limit"] ?? 0} ${report.status5xx}×${f["server-error"] ?? 0} reset×${f["reset-before"] ?? 0} reset-after-commit×${f["reset-after-commit"] ?? 0}` +
      (f["scripted-status"] ? ` scripted-status×${f["scripted-status"]}` : "") +
      ` in ${report.requests} requests (${report.tokensIssued} worker tokens, ${report.ambiguousCreates} ambiguous creates reconciled)`,
  ];
  return parts.join(" · ");
}
