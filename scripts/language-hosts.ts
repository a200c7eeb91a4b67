/**
 * The language hosts and the provider plugin for the plugin's programs in other languages: the
 * YAML host (`pulumi-language-yaml`, from github.com/pulumi/pulumi-yaml) built from Go modules
 * like the engine and cached beside it, and a PULUMI_HOME whose plugin cache holds that host and
 * this repository's provider plugin (`pulumi-resource-pingone-oidc`, plugin/bin).
 *
 * An installed `pulumi` ships its own YAML host next to itself, so nothing is built then.
 * Facts checked on this machine (2026-12-07): the Go module proxy serves pulumi-yaml v1.25.0,
 * whose `cmd/pulumi-language-yaml` builds with Go 1.26 in about 2.5 minutes (`go get` then
 * `go build`) and runs programs with the 3.259 CLI this repository builds.
 */
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { PLUGIN_PACKAGE } from "../provider/resources";
import { engineCacheDir, goBuild, isExecutableFile, REPO_ROOT, type Engine } from "./engine";

/** The pulumi-yaml release the YAML host is built from. */
export const YAML_HOST_VERSION = "v1.25.0";

/** The provider plugin's executable, which runs dist/plugin/main.js. */
export const PLUGIN_EXECUTABLE = join(REPO_ROOT, "plugin", "bin", `pulumi-resource-${PLUGIN_PACKAGE}`);

/** Builds (once) the YAML host; undefined for an installed engine, which brings its own. */
export async function ensureYamlHost(
  engine: Engine,
  log: (line: string) => void = () => undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  if (engine.kind === "installed") return undefined;
  const dir = join(engineCacheDir(env), `language-yaml-${YAML_HOST_VERSION}`);
  const output = join(dir, "pulumi-language-yaml");
  if (isExecutableFile(output)) return output;
  log(`engine: building the YAML language host ${YAML_HOST_VERSION} from Go modules (once; a few minutes)`);
  try {
    await goBuild(
      {
        dir: join(dir, "src"),
        module: "local/pulumi-language-yaml",
        requires: [`github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@${YAML_HOST_VERSION}`],
        pkg: "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
        output,
        version: YAML_HOST_VERSION,
        versionVariable: "github.com/pulumi/pulumi-yaml/pkg/version.Version",
      },
      log,
    );
  } catch (error) {
    rmSync(output, { force: true });
    throw new Error(`engine: the YAML language host did not build: ${error instanceof Error ? error.message.slice(0, 2000) : "unknown error"}`);
  }
  return output;
}

function link(home: string, pluginDir: string, file: string, target: string): void {
  const dir = join(home, "plugins", pluginDir);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, file))) symlinkSync(target, join(dir, file));
}

/**
 * A PULUMI_HOME for programs that use the provider plugin: the plugin at the package's version,
 * and the YAML host when one was built. Its plugin cache has nothing else, so the engine can
 * neither download nor pick up another plugin by mistake.
 */
export function pluginProgramsHome(home: string, version: string, yamlHost: string | undefined): string {
  link(home, `resource-${PLUGIN_PACKAGE}-v${version}`, `pulumi-resource-${PLUGIN_PACKAGE}`, PLUGIN_EXECUTABLE);
  if (yamlHost !== undefined) link(home, `language-yaml-${YAML_HOST_VERSION}`, "pulumi-language-yaml", yamlHost);
  return home;
}
