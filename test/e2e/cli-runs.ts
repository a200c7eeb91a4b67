/**
 * Running the engine's CLI and `pulumi-pingone recover` as child processes, for the e2e specs that
 * crash `pulumi up` and recover from it (crash, recover-race, recover-429): one way to spawn, to
 * collect the output, and to read the stack's checkpoint.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../../scripts/engine";
import { cliEnv } from "../../scripts/workspace";
import type { E2E } from "./harness";

/** The package's CLI, as the `pulumi-pingone` bin runs it. */
export const RECOVER = join(REPO_ROOT, "dist", "cli", "main.js");

/** How a child process ended, and all it printed. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The parts of `pulumi stack export` these specs read. */
export interface Checkpoint {
  deployment: { resources?: { type: string; id?: string }[]; pending_operations?: { type: string; resource: { urn: string } }[] };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs in project `cwd` of the e2e workspace that `e2e()` returns once the spec's `before` has set it up. */
export interface CliRuns {
  /** Starts `command` with the workspace's engine environment; `detached` gives it a process group to kill. */
  spawnRun: (command: string, args: string[], detached?: boolean) => { pid: number; done: Promise<Run> };
  /** `pulumi-pingone recover --stack <stack>` with the workspace's engine, and `flags`. */
  recover: (stack: string, ...flags: string[]) => Promise<Run>;
  /** The stack's checkpoint, as `pulumi stack export` prints it. */
  checkpoint: (stack: string) => Promise<Checkpoint>;
}

export function cliRuns(e2e: () => E2E, cwd: string): CliRuns {
  function spawnRun(command: string, args: string[], detached = false): { pid: number; done: Promise<Run> } {
    const { engine, dirs, env } = e2e();
    const child = spawn(command, args, { cwd, env: cliEnv(engine, dirs, env), detached, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<Run>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    });
    return { pid: child.pid ?? 0, done };
  }
  return {
    spawnRun,
    recover: (stack, ...flags) =>
      spawnRun(process.execPath, [RECOVER, "recover", "--stack", stack, "--cwd", cwd, "--pulumi", e2e().engine.pulumiPath, ...flags]).done,
    checkpoint: async (stack) => JSON.parse((await e2e().ok(["stack", "export", "--stack", stack], cwd)).stdout) as Checkpoint,
  };
}
