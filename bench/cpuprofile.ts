/**
 * `node dist/bench/cpuprofile.js <dir or .cpuprofile>...`: summarizes V8 CPU profiles written by
 * `npm run bench -- --cpu-prof DIR`, one block per process role (the Pulumi program, the
 * dynamic-provider host; other Node.js processes are skipped): wall and sampled CPU time, the top
 * frames by self time, and self time by where the code lives (a package, Node's internals, this
 * repository), summed over every profile of that role given.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

type Role = "program" | "provider";

function roleOf(profile: CpuProfile): Role | undefined {
  const urls = profile.nodes.map((n) => n.callFrame.url);
  if (urls.some((u) => /cmd\/dynamic-provider\//.test(u))) return "provider";
  if (urls.some((u) => /cmd\/run\//.test(u))) return "program";
  return undefined;
}

/** Where a frame's code lives: a package under node_modules, Node's internals, this repository's dist, or V8. */
function placeOf(url: string, name: string): string {
  if (url === "") return name.startsWith("(") ? name : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) {
    if (pkg[1] === "@pulumi/pulumi") {
      const area = /@pulumi\/pulumi\/([^/]+(?:\/[^/]+)?)/.exec(url);
      return `@pulumi/pulumi/${area?.[1]?.replace(/\.js$/, "") ?? ""}`;
    }
    return pkg[1];
  }
  const own = /\/dist\/([^/]+)\//.exec(url);
  if (own) return `pulumi-pingone ${own[1]}/`;
  return url;
}

interface Totals {
  profiles: number;
  wallMs: number;
  sampledMs: number;
  idleMs: number;
  byFrame: Map<string, number>;
  byPlace: Map<string, number>;
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function accumulate(totals: Totals, profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  totals.profiles += 1;
  totals.wallMs += (profile.endTime - profile.startTime) / 1000;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)") {
      totals.idleMs += ms;
      continue;
    }
    totals.sampledMs += ms;
    add(totals.byFrame, `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^.*\/dist\//, "dist/")}:${lineNumber + 1}`, ms);
    add(totals.byPlace, placeOf(url, functionName), ms);
  }
}

function profilesUnder(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".cpuprofile"))
    .map((file) => join(path, file));
}

function top(map: Map<string, number>, count: number): [string, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
}

function main(paths: string[]): void {
  const totals = new Map<Role, Totals>();
  for (const file of paths.flatMap(profilesUnder)) {
    const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
    const role = roleOf(profile);
    if (!role) continue;
    let entry = totals.get(role);
    if (!entry) {
      entry = { profiles: 0, wallMs: 0, sampledMs: 0, idleMs: 0, byFrame: new Map(), byPlace: new Map() };
      totals.set(role, entry);
    }
    accumulate(entry, profile);
  }
  for (const [role, t] of totals) {
    console.log(
      `\n## ${role}: ${t.profiles} process(es), ${(t.wallMs / 1000).toFixed(1)} s alive, ${(t.sampledMs / 1000).toFixed(2)} s on CPU (${(t.idleMs / 1000).toFixed(1)} s idle)`,
    );
    console.log("\n| where | self ms | share |\n|---|---|---|");
    for (const [place, ms] of top(t.byPlace, 12)) console.log(`| ${place} | ${ms.toFixed(0)} | ${((ms / t.sampledMs) * 100).toFixed(1)}% |`);
    console.log("\n| frame | self ms |\n|---|---|");
    for (const [frame, ms] of top(t.byFrame, 15)) console.log(`| ${frame.replace(/\|/g, "\\|")} | ${ms.toFixed(0)} |`);
  }
}

main(process.argv.slice(2));
