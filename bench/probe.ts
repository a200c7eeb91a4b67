/**
 * Preloaded (`NODE_OPTIONS=--require dist/bench/probe.js`) into every Node.js process the engine
 * starts during a scaling benchmark, to measure the two that matter: the Pulumi program
 * (`@pulumi/pulumi/cmd/run`) and the dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`).
 * Any other Node.js process (the plugin shim's `node -e require.resolve(...)`) is left alone.
 *
 * When such a process exits it appends one JSON line to `$PINGONE_BENCH_PROBE_FILE`: its role, pid
 * and `process.resourceUsage().maxRSS` (the kernel's ru_maxrss, the process's peak resident set,
 * in KiB). The engine stops plugins with SIGINT to their process group, which would end Node.js
 * without an exit event (and without writing a `--cpu-prof` profile), so the probe turns SIGINT
 * into a normal exit in the dynamic-provider process.
 */
import { appendFileSync } from "node:fs";

type Role = "program" | "provider";

function roleOf(script: string | undefined): Role | undefined {
  if (script === undefined) return undefined;
  if (/cmd[\\/]dynamic-provider/.test(script)) return "provider";
  if (/cmd[\\/]run([\\/]|$)/.test(script)) return "program";
  return undefined;
}

const file = process.env.PINGONE_BENCH_PROBE_FILE;
const role = roleOf(process.argv[1]);
if (file && role) {
  process.on("exit", () => {
    const record = { role, pid: process.pid, maxRssKiB: process.resourceUsage().maxRSS };
    appendFileSync(file, `${JSON.stringify(record)}\n`);
  });
  if (role === "provider") process.once("SIGINT", () => process.exit(0));
}
