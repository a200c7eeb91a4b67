#!/usr/bin/env node
/**
 * `pulumi-pingone`: command-line tools shipped with the package: `recover`, the recovery after a
 * `pulumi up` that died mid-create, and `adopt`, which brings existing applications under
 * management.
 */
import { parseTimeoutSeconds, TIMEOUT_ALLOWED } from "../provider/kernel/config";
import { recover, type RecoverOptions } from "./recover";
import { adopt, ADOPT_USAGE, parseAdoptArgs } from "./adopt/adopt";
import { AUDIT_USAGE } from "./audit/usage";
import { UsageError } from "./errors";
import { parseFlags } from "./flags";

export { UsageError } from "./errors";

export const USAGE = `Usage: pulumi-pingone recover [options]

After a \`pulumi up\` was killed while creating applications, deletes the PingOne applications
it left behind in no state, then removes the stack's pending operations so that the next
\`pulumi up\` starts clean. Without --yes it only prints what it would do.

Deletes only what this stack provably owns: an application whose name is the one the provider
generated for this stack (<resource name>-<7 hex>, recorded in the stack's pending create),
whose every sent field matches, and whose id is in no resource of the stack's state.
Applications with a name set in the program are listed and left alone (another stack may own
one of the same name); decide each with --delete-id or --keep-id. The pending operations are
cleared only once nothing is left undecided.

A killed \`pulumi up\` can leave its provider process running, still sending a create: until the
deadline of every pending create has passed (the checkpoint's last save + pingone:operationTimeout
+ the provider's reconciliation grace + a 5 s margin: 155 s with the default 120 s timeout), an
application that is not listed may still be created. Before then --yes changes nothing and says
when to run again; with --wait it waits for that moment, saying so, then acts.

Options:
  -s, --stack <name>     the stack (default: the selected stack)
  -C, --cwd <dir>        the Pulumi project directory (default: the current directory)
      --pulumi <path>    the pulumi executable (default: pulumi on PATH)
  -y, --yes              act: delete the orphans, then clear the pending operations
      --delete-id <id>   also delete this skipped candidate: it is this stack's (repeatable)
      --keep-id <id>     leave this skipped candidate alone for good: it is not (repeatable)
      --wait             wait until no pending create can still reach PingOne, then go on
      --timeout <s>      deadline of each delete (and each listing), retries and PingOne's
                         Retry-After waits included (default: pingone:operationTimeout, 120)
  -h, --help             show this help

Credentials: the provider's own (stack config pingone:*, else PINGONE_* variables).
Exit codes: 0 done (or dry run), 1 failed or left something for you to decide, 2 bad usage.`;

/** Parses `recover`'s flags; undefined when help was asked for. */
export function parseRecoverArgs(argv: string[]): RecoverOptions | undefined {
  const values = parseFlags(argv, {
    stack: { type: "string", short: "s" },
    cwd: { type: "string", short: "C" },
    pulumi: { type: "string" },
    yes: { type: "boolean", short: "y", default: false },
    "delete-id": { type: "string", multiple: true, default: [] },
    "keep-id": { type: "string", multiple: true, default: [] },
    wait: { type: "boolean", default: false },
    timeout: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) return undefined;
  const deleteIds = values["delete-id"];
  const keepIds = values["keep-id"];
  if (deleteIds.some((id) => id.trim() === "")) throw new UsageError("--delete-id needs an application id");
  if (keepIds.some((id) => id.trim() === "")) throw new UsageError("--keep-id needs an application id");
  const timeout = values.timeout;
  const timeoutSeconds = timeout === undefined ? undefined : parseTimeoutSeconds(timeout);
  if (timeout !== undefined && timeoutSeconds === undefined) {
    throw new UsageError(`--timeout is ${JSON.stringify(timeout.slice(0, 40))}; allowed: ${TIMEOUT_ALLOWED}`);
  }
  return {
    stack: values.stack,
    cwd: values.cwd ?? process.cwd(),
    pulumiPath: values.pulumi ?? "pulumi",
    yes: values.yes,
    deleteIds,
    keepIds,
    wait: values.wait,
    timeoutSeconds,
  };
}

/**
 * `audit`, loaded only when asked for: it runs the policy pack's rules, which need the pack's
 * framework, `@pulumi/policy`, a peer a consumer installs for the pack (README, Policy pack);
 * `recover` and `adopt` must work without it.
 */
async function runAudit(argv: string[]): Promise<number> {
  let command: typeof import("./audit/audit");
  try {
    command = await import("./audit/audit");
  } catch (error) {
    if ((error as { code?: unknown }).code !== "MODULE_NOT_FOUND" || !String((error as Error).message).includes("@pulumi/policy")) throw error;
    console.error("pulumi-pingone: audit runs the policy pack's rules, which need its framework: npm install @pulumi/policy");
    return 2;
  }
  const options = command.parseAuditArgs(argv);
  if (options === undefined) {
    console.log(AUDIT_USAGE);
    return 0;
  }
  try {
    return await command.audit(options, {
      out: (text) => process.stdout.write(text),
      err: (line) => process.stderr.write(line),
      env: process.env,
      progress: process.stderr.isTTY,
    });
  } catch (error) {
    // Whatever stops an audit (an unreadable environment, a bad file) is exit status 2; 1 means findings.
    if (error instanceof UsageError) throw error;
    console.error(`pulumi-pingone: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

/** Every command's usage, for `pulumi-pingone --help`. */
const ALL_USAGE = `${USAGE}\n\n${ADOPT_USAGE}\n\n${AUDIT_USAGE}`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line), env: process.env };
  const usage = command === "adopt" ? ADOPT_USAGE : command === "audit" ? AUDIT_USAGE : command === "recover" ? USAGE : ALL_USAGE;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      console.log(ALL_USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === "audit") return await runAudit(rest);
    if (command === "adopt") {
      const options = parseAdoptArgs(rest);
      if (options === undefined) {
        console.log(ADOPT_USAGE);
        return 0;
      }
      return (await adopt(options, io)).exitCode;
    }
    if (command !== "recover") throw new UsageError(`unknown command "${command}"`);
    const options = parseRecoverArgs(rest);
    if (options === undefined) {
      console.log(USAGE);
      return 0;
    }
    const result = await recover(options, io);
    return result.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`pulumi-pingone: ${error.message}\n\n${usage}`);
      return 2;
    }
    console.error(`pulumi-pingone: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
