/**
 * Auditing an environment of N applications (issue 20): `pulumi-pingone audit` against the
 * emulator with 50 ms of latency on every request. Its requests are counted (at most one list
 * request per page of applications, one grant list and one assignment list per application, one
 * list per look-up, one token), and the CPU time of judging them with every rule of the pack is
 * measured; the target is under 1 s.
 */
import { performance } from "node:perf_hooks";
import { liveResources } from "../cli/audit/resources";
import { pingOneEnvironment, startEmulator, type JsonObject } from "../emulator";
import { judge } from "../policy/evaluate";
import { LIST_PAGE_LIMIT } from "../pingone";
import { clearTokenCache, PingOneClient } from "../provider/http/client";
import { clearLookupCache } from "../provider/http/lookups";
import { resolveSettings } from "../provider/kernel/config";
import { SEED_001, SEED_002 } from "../test/fixtures/seeds";

/** Issue 20's bound on judging, in CPU seconds. */
export const AUDIT_JUDGE_CPU_TARGET_MS = 1000;

export interface AuditBenchReport {
  apps: number;
  requests: number;
  allowed: number;
  readMs: number;
  judgeCpuMs: number;
  findings: number;
}

export async function runAuditBench(options: { apps: number; latencyMs: number; log: (line: string) => void }): Promise<AuditBenchReport> {
  const emulator = await startEmulator({ seed: 7, listPageSize: LIST_PAGE_LIMIT });
  try {
    options.log(`audit bench: storing ${options.apps} applications`);
    const bodies = Array.from({ length: options.apps }, (_, i): JsonObject => {
      const seed = JSON.parse(JSON.stringify(i % 2 === 0 ? SEED_001.body : SEED_002.body)) as JsonObject;
      return { ...seed, name: `audited-${i}`, redirectUris: [`https://tenant-${i}.example.com/callback`] };
    });
    emulator.importApplications(emulator.environmentId, bodies);
    emulator.setFaults({ latencyMs: options.latencyMs });
    clearTokenCache();
    clearLookupCache();
    emulator.resetCounters();
    const settings = resolveSettings(undefined, pingOneEnvironment(emulator));
    const started = performance.now();
    const input = await liveResources({
      environmentId: emulator.environmentId,
      selection: { names: [], ids: [], types: [] },
      withSecrets: false,
      client: () => new PingOneClient(settings),
      settings,
    });
    const readMs = performance.now() - started;
    const requests = emulator.counters().total;
    const cpu = process.cpuUsage();
    const judged = await judge(input.resources);
    const used = process.cpuUsage(cpu);
    const pages = Math.max(1, Math.ceil(options.apps / LIST_PAGE_LIMIT));
    return {
      apps: options.apps,
      requests,
      allowed: 1 + pages + 2 * options.apps + 3,
      readMs,
      judgeCpuMs: (used.user + used.system) / 1000,
      findings: judged.findings.length,
    };
  } finally {
    await emulator.close();
  }
}

export function auditTable(report: AuditBenchReport): string {
  return [
    "| audit | apps | requests (allowed) | reading at 50 ms latency | judging, CPU | findings |",
    "|---|---|---|---|---|---|",
    `| every rule of the pack | ${report.apps} | ${report.requests} (≤ ${report.allowed}) | ${(report.readMs / 1000).toFixed(2)} s | ${report.judgeCpuMs.toFixed(0)} ms | ${report.findings} |`,
  ].join("\n");
}

export function auditProblems(report: AuditBenchReport): string[] {
  const problems: string[] = [];
  if (report.requests > report.allowed) problems.push(`audit of ${report.apps} apps sent ${report.requests} requests (allowed: ${report.allowed})`);
  if (report.judgeCpuMs >= AUDIT_JUDGE_CPU_TARGET_MS)
    problems.push(`judging ${report.apps} apps took ${report.judgeCpuMs.toFixed(0)} ms of CPU (target: < ${AUDIT_JUDGE_CPU_TARGET_MS} ms)`);
  return problems;
}
