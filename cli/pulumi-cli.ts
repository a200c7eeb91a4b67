/**
 * The few `pulumi` commands recovery runs, for one stack of one project: the user's own CLI and
 * backend (environment inherited: PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE, PULUMI_HOME...).
 */
import { spawn } from "node:child_process";
import type { ConfigSource } from "../provider/kernel/config";
import { parseStackExport, type StackExport } from "./checkpoint";
import { CliError } from "./errors";

export interface PulumiStackOptions {
  /** The `pulumi` executable (default: the one on PATH). */
  pulumiPath: string;
  /** The project directory (holding Pulumi.yaml). */
  cwd: string;
  /** The stack; undefined = the project's selected stack. */
  stack: string | undefined;
  env?: NodeJS.ProcessEnv;
}

/** A `pulumi` command failed; the message names the command and carries a bounded stderr excerpt. */
export class PulumiCommandError extends CliError {
  override name = "PulumiCommandError";
  constructor(message: string) {
    super("ERR_PULUMI_COMMAND", message);
  }
}

/** Bounds on a command: pulumi answers these in seconds; a checkpoint may be large. */
const COMMAND_TIMEOUT_MS = 5 * 60_000;
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;
const STDERR_EXCERPT_CHARS = 1500;

interface ConfigEntry {
  value?: unknown;
  secret?: boolean;
}

export class PulumiStack {
  constructor(private readonly options: PulumiStackOptions) {}

  private stackArgs(): string[] {
    return this.options.stack === undefined ? [] : ["--stack", this.options.stack];
  }

  /** The checkpoint. `showSecrets` decrypts secrets: that text must stay in memory, never printed or imported. */
  async exportStack(showSecrets = false): Promise<StackExport> {
    const stdout = await this.run(["stack", "export", ...this.stackArgs(), ...(showSecrets ? ["--show-secrets"] : [])]);
    return parseStackExport(stdout);
  }

  /** Replaces the checkpoint (`pulumi stack import` drops every pending operation it is given, by design). */
  async importStack(checkpoint: StackExport): Promise<void> {
    await this.run(["stack", "import", ...this.stackArgs()], JSON.stringify(checkpoint));
  }

  /** The stack config as the provider's `configure` sees it; secrets decrypted only when a `pingone:` key needs it. */
  async config(): Promise<ConfigSource> {
    const read = async (showSecrets: boolean) =>
      JSON.parse(await this.run(["config", "--json", ...this.stackArgs(), ...(showSecrets ? ["--show-secrets"] : [])])) as Record<string, ConfigEntry>;
    let entries = await read(false);
    if (Object.entries(entries).some(([key, entry]) => key.startsWith("pingone:") && entry.secret === true)) entries = await read(true);
    return {
      get: (key) => {
        const value = entries[key]?.value;
        return typeof value === "string" ? value : undefined;
      },
    };
  }

  /** The backend URL (`pulumi whoami`), e.g. `file:///path` or `https://api.pulumi.com`. */
  async backendUrl(): Promise<string> {
    const who = JSON.parse(await this.run(["whoami", "--json"])) as { url?: unknown };
    return typeof who.url === "string" ? who.url : "";
  }

  /** Whether a backend that tracks updates (Pulumi Cloud) says one is running on the stack. */
  async updateInProgress(stack: string): Promise<boolean> {
    const stacks = JSON.parse(await this.run(["stack", "ls", "--json"])) as { name?: unknown; updateInProgress?: unknown }[];
    return stacks.some((s) => typeof s.name === "string" && (s.name === stack || s.name.endsWith(`/${stack}`)) && s.updateInProgress === true);
  }

  /** The selected stack's name. */
  async stackName(): Promise<string> {
    return this.options.stack ?? (await this.run(["stack", "--show-name"])).trim();
  }

  private run(args: string[], input?: string): Promise<string> {
    const command = `pulumi ${args.filter((a) => a !== "--show-secrets").join(" ")}`;
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.pulumiPath, [...args, "--non-interactive"], {
        cwd: this.options.cwd,
        env: this.options.env ?? process.env,
        stdio: ["pipe", "pipe", "pipe"],
        timeout: COMMAND_TIMEOUT_MS,
      });
      const stdout: Buffer[] = [];
      let stdoutBytes = 0;
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdoutBytes += chunk.length;
        if (stdoutBytes > MAX_OUTPUT_BYTES) child.kill();
        else stdout.push(chunk);
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-STDERR_EXCERPT_CHARS);
      });
      child.on("error", (error) =>
        reject(new PulumiCommandError(`${command}: cannot run ${this.options.pulumiPath} (${error.message}); pass --pulumi <path>`)),
      );
      child.on("close", (code, signal) => {
        if (code === 0) return resolve(Buffer.concat(stdout).toString());
        const why = stdoutBytes > MAX_OUTPUT_BYTES ? `output over ${MAX_OUTPUT_BYTES} bytes` : signal ? `killed by ${signal}` : `exit code ${String(code)}`;
        reject(new PulumiCommandError(`${command} failed (${why}): ${stderr.trim()}`));
      });
      // A command that exits before reading its input closes the pipe; its exit code tells why.
      child.stdin.on("error", () => undefined);
      child.stdin.end(input ?? "");
    });
  }
}
