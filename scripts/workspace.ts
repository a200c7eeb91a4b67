/**
 * Running the real engine locally: a file backend and PULUMI_HOME in a scratch directory, the
 * CLI for Pulumi.yaml projects, and the Automation API for inline programs (the mode policy packs
 * need with the locally built engine; see engine.ts). Each mode has its own PULUMI_HOME plugin set.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { LocalWorkspace, PulumiCommand, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";
import { engineEnv, pluginHome, type Engine } from "./engine";

export interface ScratchDirs {
  root: string;
  backendDir: string;
  /** PULUMI_HOME for Pulumi.yaml projects run with the CLI. */
  pulumiHome: string;
  /** PULUMI_HOME for inline programs, i.e. policy runs with the built engine. */
  inlinePulumiHome: string;
}

/** A fresh directory holding a file backend and the PULUMI_HOMEs. */
export function scratchDirs(prefix: string): ScratchDirs {
  const root = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const dirs = { root, backendDir: join(root, "backend"), pulumiHome: join(root, "home"), inlinePulumiHome: join(root, "home-inline") };
  for (const dir of [dirs.backendDir, dirs.pulumiHome, dirs.inlinePulumiHome]) mkdirSync(dir, { recursive: true });
  return dirs;
}

export function removeScratch(dirs: ScratchDirs): void {
  rmSync(dirs.root, { recursive: true, force: true });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The project directory (holding Pulumi.yaml). */
  cwd: string;
  /** Extra environment, e.g. PINGONE_* settings. */
  env?: Record<string, string>;
  /** Copy output to this process's stdout/stderr as it comes. */
  echo?: boolean;
}

/** The environment `pulumiCli` runs the CLI in, for spawning it (or a tool that runs it) directly. */
export function cliEnv(engine: Engine, dirs: ScratchDirs, extra: Record<string, string> = {}): Record<string, string> {
  const pulumiHome = pluginHome(engine, dirs.pulumiHome, "programs");
  return { ...engineEnv(engine, { backendDir: dirs.backendDir, pulumiHome }), ...extra };
}

/** Runs `pulumi <args>` for a Pulumi.yaml project, fully locally. Never throws on a non-zero exit. */
export function pulumiCli(engine: Engine, dirs: ScratchDirs, args: string[], options: CliOptions): Promise<CliResult> {
  const env = cliEnv(engine, dirs, options.env);
  return new Promise((resolve, reject) => {
    const child = spawn(engine.pulumiPath, [...args, "--non-interactive"], { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (options.echo) process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export interface InlineStackOptions {
  projectName: string;
  stackName: string;
  program: PulumiFn;
  /** Extra environment for the engine and the dynamic provider, e.g. PINGONE_* settings. */
  env?: Record<string, string>;
}

/**
 * A stack whose program runs inside this process (Automation API inline program). With the built
 * engine the language host is kept off PATH, so `--policy-pack` falls back to the analyzer shim.
 */
export async function inlineStack(engine: Engine, dirs: ScratchDirs, options: InlineStackOptions): Promise<Stack> {
  const pulumiHome = pluginHome(engine, dirs.inlinePulumiHome, "policy");
  const envVars = { ...engineEnv(engine, { backendDir: dirs.backendDir, pulumiHome }), ...options.env };
  const pulumiCommand = await PulumiCommand.get({ root: dirname(engine.binDir), skipVersionCheck: engine.kind === "built" });
  const workDir = join(dirs.root, `inline-${options.projectName}`);
  mkdirSync(workDir, { recursive: true });
  return LocalWorkspace.createOrSelectStack(
    { projectName: options.projectName, stackName: options.stackName, program: options.program },
    {
      workDir,
      pulumiHome,
      pulumiCommand,
      envVars,
      projectSettings: { name: options.projectName, runtime: "nodejs", backend: { url: `file://${dirs.backendDir}` } },
    },
  );
}
