/**
 * The Pulumi engine, fully local: `npm start`, `npm test` and `.ci/run` all get it from here.
 *
 * No binary can be downloaded on these machines, so the `pulumi` CLI is built from its Go
 * modules through the Go module proxy and cached outside the clone, keyed by version. A `pulumi`
 * already on PATH (a normal install) is used instead, and nothing is built.
 *
 * Facts this depends on (checked on this machine, 2026-11):
 * - The proxy serves `github.com/pulumi/pulumi/pkg/v3` and `sdk/v3` up to v3.259.0, but refuses
 *   the separate `sdk/nodejs/cmd/pulumi-language-nodejs/v3` module (403 for every version), so
 *   the current Node.js language host cannot be built. The last `sdk/v3` that still contained the
 *   language host is v3.68.0; that host runs programs with CLI 3.259 and SDK 3.259.
 * - The 3.68 host cannot run policy packs (its `RunPlugin` answers "not supported"). When no
 *   `nodejs` language plugin is found, the 3.259 CLI falls back to an analyzer plugin named
 *   `pulumi-analyzer-policy-nodejs` (sdk `analyzer_plugin.go` `NewPolicyAnalyzer`); this script
 *   writes that shim. So policy runs use Automation-API inline programs (which need no language
 *   host) with a PULUMI_HOME whose plugin cache has the shim but not the host; Pulumi.yaml
 *   projects run with a PULUMI_HOME whose plugin cache has the host (`pluginHome`).
 * - `go install pkg@version` refuses modules with replace directives (pulumi-notes C.8), hence a
 *   small wrapper module per binary; the version is stamped with -ldflags so `pulumi version`
 *   (and the Automation API's version check) see it.
 * - Bundled plugins next to the `pulumi` executable, and any plugin in the plugin cache
 *   (`$PULUMI_HOME/plugins/<kind>-<name>-v<version>/`), are found without the "using X from
 *   $PATH" warnings that PATH lookups print (pulumi-notes C.4), so nothing is put on PATH.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync, symlinkSync, writeFileSync, accessSync, constants } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The CLI version built here; `pkg/v3` and `sdk/v3` at the same tag. */
export const CLI_VERSION = "v3.259.0";
/** The newest `sdk/v3` that still carried the Node.js language host inside the module. */
export const LANGUAGE_HOST_VERSION = "v3.68.0";

export interface Engine {
  /** "installed": a pulumi found on PATH; "built": the cached local build. */
  kind: "installed" | "built";
  /** Directory holding `pulumi` (the Automation API's `PulumiCommand` root is its parent). */
  binDir: string;
  pulumiPath: string;
  /** Directory holding `pulumi-language-nodejs`, for running Pulumi.yaml projects (built engine only). */
  languageHostDir?: string;
  version: string;
}

/** The repository root (this file is at dist/scripts/engine.js or scripts/engine.ts). */
export const REPO_ROOT = resolve(__dirname, __dirname.includes(`${join("dist", "scripts")}`) ? "../.." : "..");

export function engineCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PULUMI_PINGONE_ENGINE_DIR) return resolve(env.PULUMI_PINGONE_ENGINE_DIR);
  const cacheHome = env.XDG_CACHE_HOME ?? join(homedir(), ".cache");
  return join(cacheHome, "pulumi-pingone", "engine", `cli-${CLI_VERSION}-langhost-${LANGUAGE_HOST_VERSION}`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A `pulumi` on PATH that is not this project's own build. */
export function findInstalledPulumi(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PULUMI_PINGONE_BUILD_ENGINE === "1") return undefined;
  const own = engineCacheDir(env);
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir || resolve(dir).startsWith(own)) continue;
    const candidate = join(dir, "pulumi");
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function pulumiVersion(pulumiPath: string): Promise<string> {
  const { stdout } = await run(pulumiPath, ["version"], { env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
  return stdout.trim();
}

export interface GoBuild {
  dir: string;
  module: string;
  requires: string[];
  pkg: string;
  output: string;
  version: string;
  /** The Go variable the version is stamped into (default: the Pulumi SDK's). */
  versionVariable?: string;
}

/** Whether a file is an executable file. */
export function isExecutableFile(path: string): boolean {
  return isExecutable(path);
}

export async function goBuild(build: GoBuild, log: (line: string) => void): Promise<void> {
  mkdirSync(build.dir, { recursive: true });
  writeFileSync(join(build.dir, "go.mod"), `module ${build.module}\n\ngo 1.25.11\n`);
  const env = { ...process.env, GOFLAGS: "-mod=mod", GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? "auto" };
  const started = Date.now();
  log(`engine: resolving ${build.requires.join(" ")}`);
  await run("go", ["get", ...build.requires], { cwd: build.dir, env, maxBuffer: 64 * 1024 * 1024 });
  log(`engine: building ${build.pkg}`);
  await run(
    "go",
    [
      "build",
      "-trimpath",
      "-ldflags",
      `-s -w -X ${build.versionVariable ?? "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"}=${build.version}`,
      "-o",
      build.output,
      build.pkg,
    ],
    { cwd: build.dir, env, maxBuffer: 64 * 1024 * 1024 },
  );
  log(`engine: built ${build.output} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** The dynamic-provider plugin: the same two lines that ship inside `@pulumi/pulumi`. */
const DYNAMIC_PROVIDER_SHIM = `#!/bin/sh
# Runs Pulumi's Node.js dynamic-provider host, resolved from the program directory (the cwd).
PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))")
if [ ! -z "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" ]; then
    exec node "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" "$@"
fi
`;

/** The analyzer the CLI falls back to for Node.js policy packs when no language host is found. */
const POLICY_ANALYZER_SHIM = `#!/bin/sh
# Runs a Node.js policy pack for the engine: <engine address> <pack dir> [-option=value], cwd = the pack dir.
exec node "$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'))")" "$@"
`;

function writeShim(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o755 });
}

/** Builds (once) or finds the engine. */
export async function ensureEngine(log: (line: string) => void = () => undefined, env: NodeJS.ProcessEnv = process.env): Promise<Engine> {
  const installed = findInstalledPulumi(env);
  if (installed) {
    return { kind: "installed", binDir: dirname(installed), pulumiPath: installed, version: await pulumiVersion(installed) };
  }
  const root = engineCacheDir(env);
  const binDir = join(root, "bin");
  const languageHostDir = join(root, "language-host");
  const pulumiPath = join(binDir, "pulumi");
  const hostPath = join(languageHostDir, "pulumi-language-nodejs");
  const builds: Promise<void>[] = [];
  if (!isExecutable(pulumiPath) || !isExecutable(hostPath)) {
    try {
      await run("go", ["version"]);
    } catch {
      throw new Error("engine: no `pulumi` on PATH and no Go toolchain to build it; install Go >= 1.25 (or Pulumi) and retry");
    }
    log(`engine: building pulumi ${CLI_VERSION} and the Node.js language host ${LANGUAGE_HOST_VERSION} from Go modules into ${root} (once; several minutes)`);
  }
  if (!isExecutable(pulumiPath)) {
    builds.push(
      goBuild(
        {
          dir: join(root, "src-cli"),
          module: "local/pulumi-cli",
          requires: [`github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@${CLI_VERSION}`, `github.com/pulumi/pulumi/sdk/v3@${CLI_VERSION}`],
          pkg: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
          output: pulumiPath,
          version: CLI_VERSION,
        },
        log,
      ),
    );
  }
  if (!isExecutable(hostPath)) {
    builds.push(
      goBuild(
        {
          dir: join(root, "src-language-host"),
          module: "local/pulumi-language-host",
          requires: [`github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs@${LANGUAGE_HOST_VERSION}`],
          pkg: "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs",
          output: hostPath,
          version: LANGUAGE_HOST_VERSION,
        },
        log,
      ),
    );
  }
  try {
    await Promise.all(builds);
  } catch (error) {
    // Leave no half-built binary behind to be mistaken for a good one.
    for (const path of [pulumiPath, hostPath]) if (existsSync(path) && builds.length > 0) rmSync(path, { force: true });
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`engine: build failed: ${detail}`);
  }
  writeShim(join(binDir, "pulumi-resource-pulumi-nodejs"), DYNAMIC_PROVIDER_SHIM);
  // Not beside the binary: the Automation API puts that directory on PATH, and a PATH hit wins
  // over the plugin cache (and prints a warning). `pluginHome` links it into the cache instead.
  mkdirSync(join(root, "policy-analyzer"), { recursive: true });
  writeShim(join(root, "policy-analyzer", "pulumi-analyzer-policy-nodejs"), POLICY_ANALYZER_SHIM);
  rmSync(join(binDir, "pulumi-analyzer-policy-nodejs"), { force: true });
  return { kind: "built", binDir, pulumiPath, languageHostDir, version: CLI_VERSION };
}

export interface EngineEnvOptions {
  /** File backend directory (state lives under `<dir>/.pulumi`). */
  backendDir: string;
  /** PULUMI_HOME, isolating workspaces and plugins; see `pluginHome`. */
  pulumiHome: string;
  passphrase?: string;
}

/** Which plugins a PULUMI_HOME carries for the built engine (see the header). */
export type PluginMode = "programs" | "policy";

/**
 * Prepares `home/plugins` for the built engine: the Node.js language host for running Pulumi.yaml
 * projects, or the policy analyzer shim (and no language host) for policy runs. An installed
 * engine brings its own plugins, so nothing is added.
 */
export function pluginHome(engine: Engine, home: string, mode: PluginMode): string {
  if (engine.kind !== "built" || !engine.languageHostDir) return home;
  const [dir, file, target] =
    mode === "programs"
      ? [`language-nodejs-${LANGUAGE_HOST_VERSION}`, "pulumi-language-nodejs", join(engine.languageHostDir, "pulumi-language-nodejs")]
      : [
          `analyzer-policy-nodejs-${CLI_VERSION}`,
          "pulumi-analyzer-policy-nodejs",
          join(dirname(engine.binDir), "policy-analyzer", "pulumi-analyzer-policy-nodejs"),
        ];
  const pluginDir = join(home, "plugins", dir);
  mkdirSync(pluginDir, { recursive: true });
  if (!existsSync(join(pluginDir, file))) symlinkSync(target, join(pluginDir, file));
  return home;
}

/** Environment for running the engine fully locally: no update checks, no plugin downloads. */
export function engineEnv(engine: Engine, options: EngineEnvOptions, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const path = [dirname(process.execPath)];
  if (engine.kind === "installed") path.push(engine.binDir);
  path.push(join(REPO_ROOT, "node_modules", ".bin"), base.PATH ?? "");
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  return {
    ...env,
    PATH: path.join(delimiter),
    PULUMI_HOME: options.pulumiHome,
    PULUMI_BACKEND_URL: `file://${options.backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: options.passphrase ?? "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    PULUMI_SUPPRESS_COPILOT_LINK: "true",
    PULUMI_SUPPRESS_NEO_LINK: "true",
    // Inline programs and scratch projects outside the repo still resolve this package.
    NODE_PATH: join(REPO_ROOT, "node_modules"),
  };
}

async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? "ensure";
  if (command !== "ensure") {
    console.error(`usage: node dist/scripts/engine.js ensure`);
    process.exitCode = 2;
    return;
  }
  const started = Date.now();
  const engine = await ensureEngine((line) => console.log(line));
  console.log(`engine: ${engine.kind} pulumi ${engine.version} at ${engine.pulumiPath} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
