/**
 * `pulumi-pingone audit`: the pack's rules over every application of a PingOne environment,
 * whoever deployed it, or over a `pulumi stack export`: the same rule predicates and the same
 * config file as `pulumi preview --policy-pack-config`, as a table, JSON or SARIF 2.1.0.
 * Exit status: 0 clean (advisory findings allowed), 1 with mandatory findings, 2 for bad usage or
 * an input that cannot be read (nothing is written then).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { judge, type PackConfig } from "../../policy/evaluate";
import { PolicyConfigError } from "../../policy/rules";
import { PingOneClient } from "../../provider/http/client";
import { PingOneApiError } from "../../provider/kernel/errors";
import { environmentError } from "../adopt/environment";
import { CliError, UsageError } from "../errors";
import { parseFlags } from "../flags";
import { commandSettings } from "../command-settings";
import { AUDIT_USAGE } from "./usage";
import { AUDIT_FORMATS, renderJson, renderSarif, renderTable, type AuditFormat, type AuditReport } from "./report";
import { liveResources, stateResources, type AuditInput } from "./resources";

export { AUDIT_USAGE };

export interface AuditOptions {
  environmentId?: string;
  fromState?: string;
  config?: string;
  format: AuditFormat;
  output?: string;
  program?: string;
  selection: { names: string[]; ids: string[]; types: string[] };
  /** Also read each shared secret, to judge its rotation (one more request per such application). */
  withSecrets?: boolean;
  stack?: string;
  cwd: string;
  pulumiPath: string;
}

/** Parses `audit`'s flags; undefined when help was asked for. */
export function parseAuditArgs(argv: string[]): AuditOptions | undefined {
  const values = parseFlags(argv, {
    "environment-id": { type: "string" },
    "from-state": { type: "string" },
    config: { type: "string" },
    format: { type: "string", short: "f" },
    output: { type: "string", short: "o" },
    program: { type: "string" },
    name: { type: "string", multiple: true, default: [] },
    id: { type: "string", multiple: true, default: [] },
    type: { type: "string", multiple: true, default: [] },
    "with-secrets": { type: "boolean", default: false },
    stack: { type: "string", short: "s" },
    cwd: { type: "string", short: "C" },
    pulumi: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) return undefined;
  const format = values.format ?? "table";
  if (!(AUDIT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format is ${JSON.stringify(format.slice(0, 40))}; allowed: ${AUDIT_FORMATS.join(", ")}`);
  if (values.program !== undefined && format !== "sarif") throw new UsageError("--program only applies to --format sarif");
  if (values["from-state"] !== undefined && values["environment-id"] !== undefined)
    throw new UsageError("--from-state and --environment-id exclude each other");
  if (values["from-state"] !== undefined && values["with-secrets"])
    throw new UsageError("--with-secrets reads a live environment; a stack export holds the secrets' settings");
  return {
    environmentId: values["environment-id"],
    fromState: values["from-state"],
    config: values.config,
    format: format as AuditFormat,
    output: values.output,
    program: values.program,
    selection: { names: values.name, ids: values.id, types: values.type },
    withSecrets: values["with-secrets"],
    stack: values.stack,
    cwd: values.cwd ?? process.cwd(),
    pulumiPath: values.pulumi ?? "pulumi",
  };
}

export interface AuditIo {
  out: (text: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** Whether standard error is a terminal: progress is shown only then. */
  progress: boolean;
}

/** A file the user named, or a usage error naming it. */
function readInput(path: string, cwd: string, what: string): string {
  try {
    return readFileSync(join(cwd, path), "utf8");
  } catch (error) {
    throw new CliError("ERR_AUDIT_INPUT", `${what} ${path} cannot be read (${error instanceof Error ? error.message.slice(0, 160) : "unreadable"})`);
  }
}

function packConfig(options: AuditOptions): PackConfig {
  if (options.config === undefined) return {};
  const text = readInput(options.config, options.cwd, "the config file");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError("ERR_AUDIT_INPUT", `the config file ${options.config} is not JSON; expected what \`pulumi preview --policy-pack-config\` takes`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new CliError("ERR_AUDIT_INPUT", `the config file ${options.config} is not a JSON object`);
  return parsed as PackConfig;
}

/** The package's version, for SARIF's tool driver. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { version?: unknown };
  return typeof manifest.version === "string" ? manifest.version : "0.0.0";
}

async function gather(options: AuditOptions, io: AuditIo): Promise<{ input: AuditInput; source: string }> {
  if (options.fromState !== undefined)
    return { input: stateResources(readInput(options.fromState, options.cwd, "the stack export"), options.fromState), source: options.fromState };
  const { settings, environmentId } = await commandSettings(options, io.env, "--environment-id or --from-state");
  // On a terminal only; the last count ends its line.
  const progress = io.progress ? (done: number, total: number) => io.err(`\rreading applications: ${done}/${total}${done === total ? "\n" : ""}`) : undefined;
  try {
    const input = await liveResources({
      environmentId,
      selection: options.selection,
      withSecrets: options.withSecrets === true,
      client: () => new PingOneClient(settings),
      settings,
      progress,
    });
    return { input, source: `environment ${environmentId}` };
  } catch (error) {
    const mapped = environmentError(environmentId, settings.apiUrl, error);
    if (mapped instanceof PingOneApiError) throw new CliError("ERR_ENVIRONMENT_UNREADABLE", `environment ${environmentId} cannot be read: ${mapped.message}`);
    throw mapped;
  }
}

/** Runs `audit`; returns its exit status. */
export async function audit(options: AuditOptions, io: AuditIo): Promise<number> {
  const config = packConfig(options);
  const { input, source } = await gather(options, io);
  let judged;
  try {
    judged = await judge(input.resources, config);
  } catch (error) {
    if (error instanceof PolicyConfigError) throw new CliError("ERR_AUDIT_INPUT", `the config file ${options.config ?? ""}: ${error.message}`);
    throw error;
  }
  const report: AuditReport = { source, resources: input.resources.length, findings: judged.findings, unjudged: judged.unjudged, skipped: input.skipped };
  const program = options.program === undefined ? undefined : { uri: options.program, text: readInput(options.program, options.cwd, "the program") };
  const text =
    options.format === "json" ? renderJson(report) : options.format === "sarif" ? renderSarif(report, packageVersion(), program) : renderTable(report);
  if (options.output === undefined) io.out(text);
  else writeFileSync(join(options.cwd, options.output), text);
  return report.findings.some((f) => f.level === "mandatory") ? 1 : 0;
}
