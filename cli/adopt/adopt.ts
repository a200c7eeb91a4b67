/**
 * `pulumi-pingone adopt`: reads a live environment and writes a TypeScript program that declares
 * its OIDC applications (with their grants, sign-on policy assignments and, when asked, secrets)
 * and a `pulumi import --file` file whose state is what the provider's own create would have
 * written. Nothing is written unless everything could be read; no secret is written at all.
 */
import { spawn } from "node:child_process";
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { PingOneClient } from "../../provider/http/client";
import { excerptText } from "../../provider/kernel/excerpt";
import { CliError, UsageError } from "../errors";
import { parseFlags } from "../flags";
import { commandSettings } from "../command-settings";
import { checkOverrides, declare, environmentNames, type Declaration, type NameOverrides } from "./declarations";
import { environmentError, lookupFor, readEnvironment, type LiveApplication, type Selection, type SkippedApplication } from "./environment";
import { EntryLifecycles, importEntry, type ImportEntry } from "./import-file";
import { renderProgram } from "./program";

/** The oldest Pulumi CLI whose `pulumi import --file` takes entries with inputs and outputs (pulumi/pulumi#23984). */
export const MIN_IMPORT_FILE_VERSION = [3, 254, 0] as const;

export const ADOPT_USAGE = `Usage: pulumi-pingone adopt [options]

Reads a PingOne environment's OIDC applications, with their resource grants and sign-on policy
assignments, and writes two files: a TypeScript program that declares them, and an import file
for \`pulumi import --file <file> --generate-code=false --protect=false\` (Pulumi CLI 3.254 or later). After the
import and a \`pulumi refresh\`, the program previews with no changes. No secret is written: the
client secrets reach the stack's state, encrypted, at that refresh.

Options:
      --environment-id <id>  the environment (default: pingone:environmentId, PINGONE_ENVIRONMENT_ID)
      --name <glob>          only applications whose name matches (* and ?; repeatable)
      --id <id>              only these applications (repeatable)
      --type <TYPE>          only applications of this type, e.g. WEB_APP (repeatable)
      --as <id>=<name>       an application's resource and variable name, an identifier such as
                             webPortal (default: derived from its PingOne name)
      --with-secrets         also declare an ApplicationSecret per application with a shared secret
      --retain-on-delete     declare every resource with retainOnDelete: true
  -o, --out <dir>            where to write adopted.ts and adopted-import.json (default: .)
  -s, --stack <name>         read the provider's settings from this stack's config
  -C, --cwd <dir>            the Pulumi project directory (default: the current directory)
      --pulumi <path>        the pulumi executable whose version is checked (default: pulumi)
  -h, --help                 show this help

Credentials: the provider's own (with --stack, its config pingone:*; else PINGONE_* variables).
Exit codes: 0 written, 1 failed (nothing written), 2 bad usage.`;

export interface AdoptOptions {
  environmentId?: string;
  selection: Selection;
  overrides: NameOverrides;
  withSecrets: boolean;
  retainOnDelete: boolean;
  outDir: string;
  stack?: string;
  cwd: string;
  pulumiPath: string;
}

/** Parses `adopt`'s flags; undefined when help was asked for. */
export function parseAdoptArgs(argv: string[]): AdoptOptions | undefined {
  const values = parseFlags(argv, {
    "environment-id": { type: "string" },
    name: { type: "string", multiple: true, default: [] },
    id: { type: "string", multiple: true, default: [] },
    type: { type: "string", multiple: true, default: [] },
    as: { type: "string", multiple: true, default: [] },
    "with-secrets": { type: "boolean", default: false },
    "retain-on-delete": { type: "boolean", default: false },
    out: { type: "string", short: "o" },
    stack: { type: "string", short: "s" },
    cwd: { type: "string", short: "C" },
    pulumi: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) return undefined;
  for (const flag of ["name", "id", "type"] as const) {
    if (values[flag].some((value) => value.trim() === "")) throw new UsageError(`--${flag} needs a value`);
  }
  const overrides = new Map<string, string>();
  for (const pair of values.as) {
    const at = pair.indexOf("=");
    if (at <= 0 || at === pair.length - 1) throw new UsageError(`--as ${JSON.stringify(pair.slice(0, 80))}: expected <application id>=<name>`);
    const id = pair.slice(0, at);
    if (overrides.has(id)) throw new UsageError(`--as names application ${id} twice`);
    overrides.set(id, pair.slice(at + 1));
  }
  checkOverrides(overrides);
  return {
    environmentId: values["environment-id"],
    selection: { names: values.name, ids: values.id, types: values.type },
    overrides,
    withSecrets: values["with-secrets"],
    retainOnDelete: values["retain-on-delete"],
    outDir: values.out ?? ".",
    stack: values.stack,
    cwd: values.cwd ?? process.cwd(),
    pulumiPath: values.pulumi ?? "pulumi",
  };
}

/** Where `adopt` reports. */
export interface AdoptIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/** What `adopt` did. */
export interface AdoptResult {
  exitCode: number;
  declarations: Declaration[];
  entries: ImportEntry[];
  skipped: SkippedApplication[];
  programPath?: string;
  importPath?: string;
}

/** The Pulumi CLI's version (`pulumi version`), or why it could not be told. */
export function pulumiVersion(pulumiPath: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ version?: number[]; text: string }> {
  return new Promise((resolve) => {
    const child = spawn(pulumiPath, ["version"], { cwd, env, stdio: ["ignore", "pipe", "pipe"], timeout: 30_000 });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out = (out + chunk.toString()).slice(0, 200)));
    child.on("error", (error) => resolve({ text: `cannot run ${pulumiPath} (${error.message})` }));
    child.on("close", () => {
      const match = /v?(\d+)\.(\d+)\.(\d+)/.exec(out);
      resolve(
        match
          ? { version: match.slice(1, 4).map(Number), text: match[0] }
          : { text: `${pulumiPath} version printed ${JSON.stringify(out.trim().slice(0, 60))}` },
      );
    });
  });
}

/** Whether version `a` is older than `b`. */
export function olderThan(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  return false;
}

/**
 * Writes every file or none: each goes to a temporary file beside it first, and they are renamed
 * into place only once all are written.
 */
function writeBoth(files: readonly (readonly [string, string])[]): void {
  // A rename cannot replace a directory: refuse before anything is written.
  for (const [path] of files) {
    if (existsSync(path) && statSync(path).isDirectory()) throw new CliError("ERR_USAGE", `${path} is a directory; nothing was written`);
  }
  const written: string[] = [];
  try {
    for (const [path, text] of files) {
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, text);
      written.push(temporary);
    }
  } catch (error) {
    for (const temporary of written) rmSync(temporary, { force: true });
    throw error;
  }
  files.forEach(([path], i) => renameSync(written[i], path));
}

/** Runs `adopt`. */
export async function adopt(options: AdoptOptions, io: AdoptIo): Promise<AdoptResult> {
  const { config, settings, environmentId } = await commandSettings(options, io.env);

  const version = await pulumiVersion(options.pulumiPath, options.cwd, io.env);
  if (version.version === undefined) {
    io.err(`warning: ${version.text}: \`pulumi import --file\` with this file needs Pulumi CLI ${MIN_IMPORT_FILE_VERSION.join(".")} or later`);
  } else if (olderThan(version.version, MIN_IMPORT_FILE_VERSION)) {
    io.err(
      `warning: pulumi ${version.text} is older than ${MIN_IMPORT_FILE_VERSION.join(".")}: its \`pulumi import --file\` ignores the state in this file and calls read, which a dynamic provider cannot do. Upgrade the Pulumi CLI, or use the program with adoptId on each Application instead (docs/adopt.md)`,
    );
  }

  const client = (): PingOneClient => new PingOneClient(settings);
  let apps: LiveApplication[];
  let skipped: SkippedApplication[];
  try {
    ({ apps, skipped } = await readEnvironment({ environmentId, selection: options.selection, withSecrets: options.withSecrets, client }));
  } catch (error) {
    throw environmentError(environmentId, settings.apiUrl, error);
  }
  const overridden = [...options.overrides.keys()].filter((id) => !apps.some((live) => live.app.id === id));
  if (overridden.length > 0) throw new UsageError(`--as names ${overridden.join(", ")}, which the selection does not adopt`);

  let names;
  try {
    names = await environmentNames(lookupFor(client(), settings, environmentId), apps);
  } catch (error) {
    throw environmentError(environmentId, settings.apiUrl, error);
  }
  const lifecycles = new EntryLifecycles(io.env, config);
  const adopted: LiveApplication[] = [];
  const entries: ImportEntry[] = [];
  let declarations = await declare(apps, environmentId, names, options);
  // An application the provider's check refuses as PingOne holds it is skipped, with what it belongs to.
  for (const live of apps) {
    const own = declarations.filter((d) => d.live === live);
    try {
      const computed: ImportEntry[] = [];
      for (const declaration of own) computed.push(await importEntry(declaration, lifecycles));
      entries.push(...computed);
      adopted.push(live);
    } catch (error) {
      if (!(error instanceof CliError && error.code === "ERR_ADOPT_REFUSED")) throw error;
      skipped.push({ id: live.app.id, name: String(live.app.name), reason: excerptText(error.message, 1000) });
    }
  }
  declarations = declarations.filter((d) => adopted.includes(d.live));
  for (const s of skipped) io.out(`skipped  ${JSON.stringify(s.name)} (${s.id}): ${s.reason}`);
  if (declarations.length === 0) {
    throw new CliError(
      "ERR_ADOPT_NOTHING",
      `environment ${environmentId}: the selection holds no application this package can manage (${skipped.length} skipped); nothing was written`,
    );
  }
  for (const d of declarations) io.out(`${d.type === "Application" ? "adopt" : "  with"}  ${d.type} ${d.resourceName} (${d.id})`);

  const programPath = `${options.outDir}/adopted.ts`;
  const importPath = `${options.outDir}/adopted-import.json`;
  const program = renderProgram(declarations, { environmentId, importFile: "adopted-import.json" }, { retainOnDelete: options.retainOnDelete });
  writeBoth([
    [importPath, `${JSON.stringify({ resources: entries }, null, 2)}\n`],
    [programPath, program],
  ]);
  io.out(`wrote ${programPath} (${declarations.length} resources of ${adopted.length} applications) and ${importPath}`);
  io.out(`next, in the stack's project with the program in place:`);
  io.out(`  pulumi import --file ${importPath} --generate-code=false --protect=false --yes`);
  io.out(`  pulumi refresh --yes                 # reads the client secrets into the state, encrypted`);
  io.out(`  pulumi preview --expect-no-changes`);
  return { exitCode: 0, declarations, entries, skipped, programPath, importPath };
}
