/**
 * Adopting an environment of N applications (issue 19): `pulumi-pingone adopt` against the
 * emulator with 50 ms of latency on every request. Its requests are counted, at most one list
 * request per page of applications, one grant list and one assignment list per application, and
 * one list per look-up (resources, the granted resource's scopes, sign-on policies), and its time
 * is compared with the time of the same requests sent bare (plain `fetch`, the same order and
 * concurrency) in the same run: the target is under ADOPT_TARGET times that.
 *
 * The applications are stored straight into the emulator (`importApplications`, validated as a
 * POST would be); every tenth gets a grant and a sign-on policy assignment through the API.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { adopt } from "../cli/adopt/adopt";
import { READ_CONCURRENCY } from "../cli/adopt/environment";
import { pingOneEnvironment, startEmulator, type JsonObject, type RunningEmulator } from "../emulator";
import { endpointPath, LIST_PAGE_LIMIT, OPENID_RESOURCE_NAME } from "../pingone";
import { clearTokenCache } from "../provider/http/client";
import { clearLookupCache } from "../provider/http/lookups";
import { workerToken } from "../test/e2e/harness";
import { SEED_001 } from "../test/fixtures/seeds";

/** Issue 19's bound: adopt takes under 1.2× the time of its requests. */
export const ADOPT_TARGET = 1.2;

export interface AdoptBenchOptions {
  apps: number;
  latencyMs: number;
  log: (line: string) => void;
}

export interface AdoptBenchReport {
  apps: number;
  latencyMs: number;
  /** Requests adopt sent, by kind. */
  requests: { token: number; listPages: number; grantLists: number; assignmentLists: number; lookups: number; other: number; total: number };
  /** The most requests allowed: pages + 2 per application + the look-ups + the token. */
  allowed: number;
  adoptMs: number;
  /** The same requests sent bare, in the same order and concurrency. */
  bareMs: number;
  declarations: number;
  error?: string;
}

const SEED_BODY = JSON.parse(JSON.stringify(SEED_001.body)) as JsonObject;

async function getJson(url: string, token: string): Promise<JsonObject> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as JsonObject;
}

/** Every tenth application gets an openid grant and a sign-on policy assignment, through the API (before the latency is on). */
async function seed(emulator: RunningEmulator, apps: number): Promise<void> {
  const envId = emulator.environmentId;
  const ids = emulator.importApplications(
    envId,
    Array.from({ length: apps }, (_, i) => ({ ...SEED_BODY, name: `tenant-app-${i}`, redirectUris: [`https://tenant-${i}.example.com/callback`] })),
  );
  const token = await workerToken(emulator);
  const api = emulator.apiUrl;
  const resources = (await getJson(`${api}${endpointPath("resources", { envId })}`, token))._embedded as { resources: { id: string; name: string }[] };
  const openid = resources.resources.find((r) => r.name === OPENID_RESOURCE_NAME);
  const scopes = (await getJson(`${api}${endpointPath("resourceScopes", { envId, resourceId: String(openid?.id) })}`, token))._embedded as {
    scopes: { id: string }[];
  };
  const policies = (await getJson(`${api}${endpointPath("signOnPolicies", { envId })}`, token))._embedded as { signOnPolicies: { id: string }[] };
  for (let i = 0; i < ids.length; i += 10) {
    const post = (path: string, body: unknown) =>
      fetch(`${api}${path}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    await post(endpointPath("grants", { envId, appId: ids[i] }), {
      resource: { id: openid?.id },
      scopes: scopes.scopes.slice(0, 2).map((s) => ({ id: s.id })),
    });
    await post(endpointPath("signOnPolicyAssignments", { envId, appId: ids[i] }), { signOnPolicy: { id: policies.signOnPolicies[0].id }, priority: 1 });
  }
}

/** The requests adopt sent, sent again bare: the token, the pages in order, each application's two lists `READ_CONCURRENCY` applications at a time, then the look-ups. */
async function bare(emulator: RunningEmulator, paths: { pages: string[]; perApp: string[][]; lookups: string[] }): Promise<number> {
  const start = performance.now();
  const token = await workerToken(emulator);
  const api = emulator.apiUrl;
  for (const page of paths.pages) await getJson(`${api}${page}`, token);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.perApp.length) {
      const lists = paths.perApp[next++];
      await Promise.all(lists.map((path) => getJson(`${api}${path}`, token)));
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
  for (const lookup of paths.lookups) await getJson(`${api}${lookup}`, token);
  return performance.now() - start;
}

export async function runAdoptBench(options: AdoptBenchOptions): Promise<AdoptBenchReport> {
  const emulator = await startEmulator({ seed: 5, listPageSize: LIST_PAGE_LIMIT });
  const out = mkdtempSync(join(tmpdir(), "pingone-adopt-bench-"));
  try {
    options.log(`adopt bench: storing ${options.apps} applications`);
    await seed(emulator, options.apps);
    emulator.setFaults({ latencyMs: options.latencyMs });
    clearTokenCache();
    clearLookupCache();
    emulator.resetCounters();
    const started = performance.now();
    let declarations = 0;
    let error: string | undefined;
    try {
      const result = await adopt(
        {
          selection: { names: [], ids: [], types: [] },
          overrides: new Map(),
          withSecrets: false,
          retainOnDelete: false,
          outDir: out,
          cwd: out,
          pulumiPath: join(out, "no-pulumi"),
        },
        { out: () => undefined, err: () => undefined, env: pingOneEnvironment(emulator) },
      );
      declarations = result.declarations.length;
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const adoptMs = performance.now() - started;
    const log = emulator.requestLog();
    const kinds = { token: 0, listPages: 0, grantLists: 0, assignmentLists: 0, lookups: 0, other: 0, total: log.length };
    const perApp = new Map<string, string[]>();
    const lookups: string[] = [];
    for (const entry of log) {
      const appList = /\/applications\/([^/]+)\/(grants|signOnPolicyAssignments)$/.exec(entry.path);
      if (entry.path.endsWith("/as/token")) kinds.token++;
      else if (entry.path.endsWith("/applications")) kinds.listPages++;
      else if (appList) {
        if (appList[2] === "grants") kinds.grantLists++;
        else kinds.assignmentLists++;
        perApp.set(appList[1], [...(perApp.get(appList[1]) ?? []), entry.path.replace(/^\/v1/, "")]);
      } else if (/\/(resources|scopes|signOnPolicies)$/.test(entry.path)) {
        kinds.lookups++;
        lookups.push(entry.path.replace(/^\/v1/, ""));
      } else kinds.other++;
    }
    const listPages = Math.max(1, Math.ceil(options.apps / LIST_PAGE_LIMIT));
    const allowed = 1 + listPages + 2 * options.apps + 3;
    // The bare run reads the pages as the provider does, by each page's next link.
    const pages = await nextLinks(emulator, kinds.listPages);
    const bareMs = await bare(emulator, { pages, perApp: [...perApp.values()], lookups });
    return { apps: options.apps, latencyMs: options.latencyMs, requests: kinds, allowed, adoptMs, bareMs, declarations, error };
  } finally {
    rmSync(out, { recursive: true, force: true });
    await emulator.close();
  }
}

/** The paths of the application list's pages, as their `next` links give them (read without latency). */
async function nextLinks(emulator: RunningEmulator, count: number): Promise<string[]> {
  const latency = emulator.faults().latencyMs;
  emulator.setFaults({ latencyMs: 0 });
  const token = await workerToken(emulator);
  const paths: string[] = [];
  let url: string | undefined = `${emulator.apiUrl}${endpointPath("applications", { envId: emulator.environmentId })}?limit=${LIST_PAGE_LIMIT}`;
  while (url !== undefined && paths.length < count) {
    paths.push(url.slice(emulator.apiUrl.length));
    const body = await getJson(url, token);
    const links = body._links as { next?: { href?: string } } | undefined;
    url = links?.next?.href;
  }
  emulator.setFaults({ latencyMs: latency });
  return paths;
}

export function adoptTable(report: AdoptBenchReport): string {
  const r = report.requests;
  return [
    "| adopt | apps | latency | requests (allowed) | token · pages · grant lists · assignment lists · look-ups | adopt | same requests, bare | ratio |",
    "|---|---|---|---|---|---|---|---|",
    `| ${report.declarations} declarations | ${report.apps} | ${report.latencyMs} ms | ${r.total} (≤ ${report.allowed}) | ${r.token} · ${r.listPages} · ${r.grantLists} · ${r.assignmentLists} · ${r.lookups} | ${(report.adoptMs / 1000).toFixed(2)} s | ${(report.bareMs / 1000).toFixed(2)} s | ${(report.adoptMs / report.bareMs).toFixed(2)}× |`,
  ].join("\n");
}

/** What is wrong with a run: an error, more requests than allowed, and (when timed) a ratio over the target. */
export function adoptProblems(report: AdoptBenchReport, options: { timed: boolean }): string[] {
  const problems: string[] = [];
  if (report.error !== undefined) problems.push(`adopt of ${report.apps} apps failed: ${report.error.slice(0, 500)}`);
  if (report.requests.total > report.allowed) problems.push(`adopt of ${report.apps} apps sent ${report.requests.total} requests (allowed: ${report.allowed})`);
  if (report.requests.other > 0) problems.push(`adopt sent ${report.requests.other} requests of no expected kind`);
  const ratio = report.adoptMs / report.bareMs;
  if (options.timed && ratio >= ADOPT_TARGET)
    problems.push(`adopt of ${report.apps} apps took ${ratio.toFixed(2)}× its requests' time (target: < ${ADOPT_TARGET}×)`);
  return problems;
}
