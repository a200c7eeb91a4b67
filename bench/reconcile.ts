/**
 * Reconciliation at scale (issue #17, item 5): one create whose POST PingOne committed but whose
 * answer was lost (the connection reset after the commit), in an environment of N applications.
 * The provider must find its application by listing the environment (PingOne's applications list
 * has no name filter, pingone/wire.ts) and adopt it, without holding the whole list: the peak
 * resident set of the process doing it must stay under MAX_RECONCILE_RSS_MB.
 *
 * The N applications are stored straight into the emulator (`importApplications`, validated as a
 * POST would be), not posted one by one. The emulator serves pages of at most PAGE_SIZE, as
 * PingOne's service-defined maximum would. The create runs in a child process
 * (bench/reconcile-child.ts) so that its peak RSS is its own, not the emulator's.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pingOneEnvironment, startEmulator, type JsonObject } from "../emulator";
import { routePatternSource, routeTemplate } from "../emulator/routes";
import { LIST_PAGE_LIMIT } from "../pingone";
import { SEED_001 } from "../test/fixtures/seeds";

/** The bound of issue #17: reconciling among 10,000 applications stays under 300 MB. */
export const MAX_RECONCILE_RSS_MB = 300;
/** The emulator's largest page (the provider asks for pingone/wire.ts LIST_PAGE_LIMIT). */
const PAGE_SIZE = LIST_PAGE_LIMIT;

export interface ReconcileOptions {
  apps: number;
  log: (line: string) => void;
}

export interface ReconcileReport {
  apps: number;
  /** List pages the provider read. */
  pages: number;
  /** Bytes of one stored application as the list serves it (JSON), for scale. */
  appBytes: number;
  ms: number;
  /** The child's resident set before the create, and its peak (MB). */
  startRssMb: number;
  peakRssMb: number;
  /** Applications of the target's name afterwards (1: adopted, no duplicate), and whether state would point at it. */
  named: number;
  adopted: boolean;
  error?: string;
}

const SEED_BODY = JSON.parse(JSON.stringify(SEED_001.body)) as JsonObject;

function body(i: number): JsonObject {
  // Realistic neighbours: each app its own name, redirect URIs and description.
  return {
    ...SEED_BODY,
    name: `tenant-app-${i}`,
    description: `Tenant application ${i}: ${"x".repeat(400)}`,
    redirectUris: Array.from({ length: 5 }, (_, k) => `https://tenant-${i}.example.com/callback/${k}`),
  };
}

export async function runReconcile(options: ReconcileOptions): Promise<ReconcileReport> {
  const emulator = await startEmulator({ seed: 3, listPageSize: PAGE_SIZE });
  try {
    const seeding = performance.now();
    emulator.importApplications(
      emulator.environmentId,
      (function* () {
        for (let i = 0; i < options.apps; i++) yield body(i);
      })(),
    );
    options.log(`reconcile: ${options.apps} applications stored in ${(performance.now() - seeding).toFixed(0)} ms`);
    const appBytes = Buffer.byteLength(JSON.stringify(emulator.applications()[0]));
    const target = `reconcile-target-${process.pid}`;
    emulator.setFaults({ script: [{ match: { method: "POST", path: routePatternSource("applications") }, fault: { reset: "after-commit" } }] });
    emulator.resetCounters();
    const child = await runChild(target, pingOneEnvironment(emulator));
    const named = emulator.applications().filter((a) => a.name === target);
    const pages = emulator.requestLog().filter((r) => r.method === "GET" && r.route === routeTemplate("applications")).length;
    return {
      apps: options.apps,
      pages,
      appBytes,
      ms: child.ms,
      startRssMb: child.startRssKb / 1024,
      peakRssMb: child.maxRssKb / 1024,
      named: named.length,
      adopted: named.length === 1 && named[0].id === child.id,
      error: child.error,
    };
  } finally {
    await emulator.close();
  }
}

interface ChildResult {
  id?: string;
  error?: string;
  ms: number;
  startRssKb: number;
  maxRssKb: number;
}

function runChild(name: string, env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, "reconcile-child.js"), name], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(line) as ChildResult);
      } catch {
        reject(new Error(`reconcile child exited ${String(code)} without a result: ${stderr.slice(-2000)}`));
      }
    });
  });
}

export function reconcileTable(report: ReconcileReport): string {
  return [
    "| reconciliation | apps | pages | bytes/app | time | RSS before | peak RSS | outcome |",
    "|---|---|---|---|---|---|---|---|",
    `| create whose answer was lost | ${report.apps} | ${report.pages} | ${report.appBytes} | ${(report.ms / 1000).toFixed(1)} s | ${report.startRssMb.toFixed(0)} MB | ${report.peakRssMb.toFixed(0)} MB | ${report.adopted ? "adopted, no duplicate" : `${report.named} of that name${report.error ? `; ${report.error.slice(0, 300)}` : ""}`} |`,
  ].join("\n");
}

export function reconcileProblems(report: ReconcileReport): string[] {
  const problems: string[] = [];
  if (!report.adopted)
    problems.push(
      `reconciliation among ${report.apps} apps did not adopt exactly one application (${report.named} of that name)${report.error ? `: ${report.error}` : ""}`,
    );
  if (report.peakRssMb >= MAX_RECONCILE_RSS_MB)
    problems.push(`reconciliation among ${report.apps} apps peaked at ${report.peakRssMb.toFixed(0)} MB RSS (bound: ${MAX_RECONCILE_RSS_MB} MB)`);
  return problems;
}
