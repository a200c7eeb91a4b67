/**
 * The language hosts and the provider plugin for the plugin's programs in other languages: the
 * YAML host (`pulumi-language-yaml`, from github.com/pulumi/pulumi-yaml) and the Go host, built
 * from Go modules like the engine and cached beside it; the SDK generator (scripts/sdkgen); and a
 * PULUMI_HOME whose plugin cache holds those hosts and this repository's provider plugin
 * (`pulumi-resource-pingone-oidc`, plugin/bin).
 *
 * An installed `pulumi` ships its own YAML host next to itself, so nothing is built then.
 * Facts checked on this machine (2026-12-07): the Go module proxy serves pulumi-yaml v1.25.0,
 * whose `cmd/pulumi-language-yaml` builds with Go 1.26 in about 2.5 minutes (`go get` then
 * `go build`) and runs programs with the 3.259 CLI this repository builds.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { PLUGIN_PACKAGE } from "../provider/resources";
import { CLI_VERSION, engineCacheDir, goBuild, isExecutableFile, REPO_ROOT, type Engine, type GoBuild } from "./engine";

/** The pulumi-yaml release the YAML host is built from. */
export const YAML_HOST_VERSION = "v1.25.0";

/** The provider plugin's executable, which runs dist/plugin/main.js. */
export const PLUGIN_EXECUTABLE = join(REPO_ROOT, "plugin", "bin", `pulumi-resource-${PLUGIN_PACKAGE}`);

/**
 * The newest `sdk/v3` that still carried the Go language host inside the module: from v3.67.0 it
 * is its own module, `sdk/go/pulumi-language-go/v3`, which the proxy refuses (403), as it does the
 * Node.js host's. The 3.66 host builds and runs Go programs with the 3.259 CLI.
 */
export const GO_HOST_VERSION = "v3.66.0";

type Log = (line: string) => void;

/** Builds one Go binary into the engine cache, once; the message says what failed. */
async function cachedGoBuild(
  what: string,
  build: Omit<GoBuild, "dir" | "output"> & { file: string },
  log: Log,
  env: NodeJS.ProcessEnv,
  prepare?: (src: string) => void,
): Promise<string> {
  const dir = join(engineCacheDir(env), `${build.file}-${build.version}`);
  const output = join(dir, build.file);
  if (isExecutableFile(output)) return output;
  log(`engine: building ${what} ${build.version} from Go modules (once; a few minutes)`);
  try {
    const src = join(dir, "src");
    mkdirSync(src, { recursive: true });
    prepare?.(src);
    await goBuild({ ...build, dir: src, output }, log);
  } catch (error) {
    rmSync(output, { force: true });
    throw new Error(`engine: ${what} did not build: ${error instanceof Error ? error.message.slice(0, 2000) : "unknown error"}`);
  }
  return output;
}

/** Builds (once) the YAML host; undefined for an installed engine, which brings its own. */
export function ensureYamlHost(engine: Engine, log: Log = () => undefined, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (engine.kind === "installed") return Promise.resolve(undefined);
  return cachedGoBuild(
    "the YAML language host",
    {
      file: "pulumi-language-yaml",
      module: "local/pulumi-language-yaml",
      requires: [`github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@${YAML_HOST_VERSION}`],
      pkg: "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
      version: YAML_HOST_VERSION,
      versionVariable: "github.com/pulumi/pulumi-yaml/pkg/version.Version",
    },
    log,
    env,
  );
}

/** Builds (once) the Go host; undefined for an installed engine, which brings its own. */
export function ensureGoHost(engine: Engine, log: Log = () => undefined, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (engine.kind === "installed") return Promise.resolve(undefined);
  return cachedGoBuild(
    "the Go language host",
    {
      file: "pulumi-language-go",
      module: "local/pulumi-language-go",
      requires: [`github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go@${GO_HOST_VERSION}`],
      pkg: "github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go",
      version: GO_HOST_VERSION,
    },
    log,
    env,
  );
}

/**
 * Builds (once) scripts/sdkgen, which writes the plugin's SDKs with the Pulumi CLI's own code
 * generators at the CLI's version (`pulumi package gen-sdk` asks a language host for them, and
 * the hosts that can be built here predate that request).
 */
export function ensureSdkGen(log: Log = () => undefined, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return buildSdkGenerator("the SDK generator", "sdkgen", CLI_VERSION, join("scripts", "sdkgen"), log, env);
}

/**
 * The last pkg/v3 that carried the .NET code generator (pkg/codegen/dotnet left it at v3.229.0 for
 * the .NET language host's repository, which the proxy does not serve).
 */
export const DOTNET_CODEGEN_VERSION = "v3.228.0";

/** Builds (once) scripts/sdkgen/dotnet, which writes the plugin's .NET SDK. */
export function ensureDotnetSdkGen(log: Log = () => undefined, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return buildSdkGenerator("the .NET SDK generator", "sdkgen-dotnet", DOTNET_CODEGEN_VERSION, join("scripts", "sdkgen", "dotnet"), log, env);
}

/** Builds (once) one of the generators under scripts/sdkgen: its main.go against pkg/v3 and sdk/v3 at `version`. */
function buildSdkGenerator(what: string, file: string, version: string, source: string, log: Log, env: NodeJS.ProcessEnv): Promise<string> {
  return cachedGoBuild(
    what,
    {
      file,
      module: `local/${file}`,
      requires: [`github.com/pulumi/pulumi/pkg/v3@${version}`, `github.com/pulumi/pulumi/sdk/v3@${version}`],
      pkg: ".",
      version,
    },
    log,
    env,
    (src) => copyFileSync(join(REPO_ROOT, source, "main.go"), join(src, "main.go")),
  );
}

function link(home: string, pluginDir: string, file: string, target: string): void {
  const dir = join(home, "plugins", pluginDir);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, file))) symlinkSync(target, join(dir, file));
}

/**
 * A PULUMI_HOME whose plugin cache holds the language hosts that were built (an installed engine
 * brings its own). The provider plugin is not installed there: a program names it in its
 * Pulumi.yaml (`plugins.providers`, {@link PLUGIN_PROVIDERS}), as a consumer's does.
 */
export function languageHostsHome(home: string, hosts: { yaml?: string; go?: string }): string {
  if (hosts.yaml !== undefined) link(home, `language-yaml-${YAML_HOST_VERSION}`, "pulumi-language-yaml", hosts.yaml);
  if (hosts.go !== undefined) link(home, `language-go-${GO_HOST_VERSION}`, "pulumi-language-go", hosts.go);
  return home;
}

/**
 * The Pulumi.yaml entry that points the engine at this package's plugin (project plugins: the
 * engine runs `pulumi-resource-pingone-oidc` from that directory, nothing is installed). A
 * consumer writes `path: ./node_modules/pulumi-pingone/plugin/bin`.
 */
export const PLUGIN_PROVIDERS = { providers: [{ name: PLUGIN_PACKAGE, path: dirname(PLUGIN_EXECUTABLE) }] };
