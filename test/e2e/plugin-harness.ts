/**
 * What the provider plugin's e2e specs share: the package version (the plugin's), a PULUMI_HOME
 * with the plugin and the YAML host, and YAML projects in the scratch directory.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { REPO_ROOT } from "../../scripts/engine";
import { ensureYamlHost, languageHostsHome, PLUGIN_PROVIDERS } from "../../scripts/language-hosts";
import type { E2E } from "./harness";

export const PLUGIN_VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

/** A Pulumi.yaml's text for a project of `runtime` that uses the plugin. */
export function pluginProjectFile(name: string, runtime: string): string {
  return stringify({ name, runtime, plugins: PLUGIN_PROVIDERS }, { aliasDuplicateObjects: false });
}

/** Builds (once) the YAML host and puts it in the e2e workspace's plugin cache. */
export async function preparePluginHome(e2e: E2E): Promise<void> {
  const yamlHost = await ensureYamlHost(e2e.engine, (line) => console.log(`    ${line}`));
  languageHostsHome(e2e.dirs.pulumiHome, { yaml: yamlHost });
}

/** A Pulumi YAML program, whose Pulumi.yaml points at the plugin as a consumer's does. */
export function yamlProgram(name: string, resources: Record<string, unknown>, outputs: Record<string, string> = {}): string {
  // No YAML aliases for repeated lists: Pulumi YAML does not take them.
  return stringify(
    { name, runtime: "yaml", plugins: PLUGIN_PROVIDERS, resources, ...(Object.keys(outputs).length > 0 ? { outputs } : {}) },
    { aliasDuplicateObjects: false },
  );
}

/** A YAML project directory in the scratch area, holding `program`. */
export function yamlProject(e2e: E2E, dir: string, program: string): string {
  const cwd = join(e2e.dirs.root, dir);
  mkdirSync(cwd, { recursive: true });
  writeFileSync(join(cwd, "Pulumi.yaml"), program);
  return cwd;
}
