/**
 * End-to-end harness: the real Pulumi engine (built locally or installed), the emulator on
 * loopback, and a scratch file backend. Missing engine = a loud failure, never a skip.
 */
import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { pingOneEnvironment, startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { authEndpointUrl } from "../../pingone";
import { ensureEngine, REPO_ROOT, type Engine } from "../../scripts/engine";
import { pulumiCli, removeScratch, scratchDirs, type CliResult, type ScratchDirs } from "../../scripts/workspace";

export const FIXTURE_PROJECT = join(REPO_ROOT, "test", "e2e", "project");
export const EXAMPLES = join(REPO_ROOT, "examples");

export interface E2E {
  engine: Engine;
  emulator: RunningEmulator;
  dirs: ScratchDirs;
  /** PINGONE_* settings pointing the provider at the emulator. */
  env: Record<string, string>;
  /** Runs pulumi in a project directory; returns the result whatever the exit code. */
  run(args: string[], cwd: string, extraEnv?: Record<string, string>): Promise<CliResult>;
  /** Runs pulumi and fails the test with its output when it exits non-zero. */
  ok(args: string[], cwd: string, extraEnv?: Record<string, string>): Promise<CliResult>;
  /** A fresh stack in a project; its stack config file is removed by `close`. */
  newStack(cwd: string, prefix: string): Promise<string>;
  close(): Promise<void>;
}

export interface E2EOptions {
  /** Seed of the emulator's rate-based faults (default 11). */
  seed?: number;
  /** Where engine build progress goes (default: the console, indented under the test titles). */
  log?: (line: string) => void;
  /** Further emulator options (a clock, say). */
  emulator?: EmulatorOptions;
}

export async function setupE2E(options: E2EOptions = {}): Promise<E2E> {
  const engine = await ensureEngine(options.log ?? ((line) => console.log(`    ${line}`)));
  const emulator = await startEmulator({ seed: options.seed ?? 11, ...options.emulator });
  const dirs = scratchDirs("pingone-e2e");
  const env = pingOneEnvironment(emulator);
  const stackFiles: string[] = [];
  const run = (args: string[], cwd: string, extraEnv: Record<string, string> = {}) => pulumiCli(engine, dirs, args, { cwd, env: { ...env, ...extraEnv } });
  const ok = async (args: string[], cwd: string, extraEnv: Record<string, string> = {}) => {
    const result = await run(args, cwd, extraEnv);
    assert.equal(result.code, 0, `pulumi ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
    return result;
  };
  return {
    engine,
    emulator,
    dirs,
    env,
    run,
    ok,
    async newStack(cwd, prefix) {
      const name = `${prefix}-${randomBytes(3).toString("hex")}`;
      await ok(["stack", "init", name], cwd);
      stackFiles.push(join(cwd, `Pulumi.${name}.yaml`));
      return name;
    },
    async close() {
      await emulator.close();
      removeScratch(dirs);
      for (const file of stackFiles) rmSync(file, { force: true });
    },
  };
}

/**
 * Pulumi's own trace lines that print property values, secrets included (upstream, not this
 * package): the Node SDK's debug line for RegisterResource responses (runtime/resource.js) and
 * the engine's V(9) property tracing (sdk/go/common/resource/plugin/rpc.go), as the engine quotes it.
 */
export const UPSTREAM_SECRET_TRACES: readonly RegExp[] = [
  /RegisterResource RPC finished/,
  /"Unmarshaling property for RPC\[/,
  /"Marshaling property for RPC\[/,
];

/** The same V(9) tracing in a Go-based language host (YAML's), whose lines the engine relays unquoted. */
export const RELAYED_HOST_SECRET_TRACES: readonly RegExp[] = [/(Unm|M)arshaling property for RPC\[/];

/**
 * A stack export and a `-v=9` log of an `up` hold no worker secret, bearer token or token response,
 * the export holds no plaintext client secret, and the log holds it only in the given upstream traces.
 */
export function assertNoPlaintextSecrets(
  e2e: E2E,
  texts: { exported: string; log: string },
  clientSecret: string,
  upstreamTraces: readonly RegExp[] = UPSTREAM_SECRET_TRACES,
): void {
  assert.ok(texts.log.length > 50_000, "the verbose log was really captured");
  for (const [what, text] of Object.entries({ "stack export": texts.exported, "verbose log": texts.log })) {
    assert.equal(text.includes(e2e.emulator.clientSecret), false, `${what} contains the worker secret`);
    assert.doesNotMatch(text, /Bearer [A-Za-z0-9._~+/-]{8,}/, `${what} contains a bearer token`);
    assert.doesNotMatch(text, /access_token/, `${what} contains a token response`);
  }
  assert.equal(texts.exported.includes(clientSecret), false, "stack export contains the client secret");
  const ours = texts.log.split("\n").filter((line) => line.includes(clientSecret) && !upstreamTraces.some((pattern) => pattern.test(line)));
  assert.deepEqual(
    ours.map((line) => line.replace(clientSecret, "<client secret>").slice(0, 200)),
    [],
  );
}

/** `pulumi stack output --json --show-secrets`, parsed. */
export async function stackOutputs(e2e: E2E, cwd: string, stack: string): Promise<Record<string, unknown>> {
  const result = await e2e.ok(["stack", "output", "--json", "--show-secrets", "--stack", stack], cwd);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/** Requests the emulator counted per method, on application routes only. */
export function appRequests(emulator: RunningEmulator): Record<"GET" | "POST" | "PUT" | "DELETE", number> {
  const totals = { GET: 0, POST: 0, PUT: 0, DELETE: 0 };
  for (const [route, count] of Object.entries(emulator.counters().byRoute)) {
    const [method, path] = route.split(" ");
    if (path.includes("/applications") && method in totals) totals[method as keyof typeof totals] += count;
  }
  return totals;
}

/** A management-API token for the emulator's worker, as the provider gets one (client credentials, HTTP Basic). */
export async function workerToken(emulator: RunningEmulator): Promise<string> {
  const basic = Buffer.from(`${encodeURIComponent(emulator.clientId)}:${encodeURIComponent(emulator.clientSecret)}`).toString("base64");
  const res = await fetch(authEndpointUrl(emulator.authUrl, "token", emulator.environmentId), {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  assert.equal(res.status, 200, "the worker's token request");
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A resource of `pulumi stack export`, the parts the tests read. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  retainOnDelete?: boolean;
}

/**
 * How Pulumi marks a secret value in exported state: this key with this value
 * (`sdk/go/common/resource/sig`). Written here, not imported from the package, as an independent check.
 */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";
