/**
 * The processes a SIGKILL of `pulumi up` leaves running. The engine starts the language host and
 * each provider plugin in a process group of its own, so killing the CLI's group does not end them;
 * a test that crashes `pulumi up` on purpose must end them itself, or each crash leaves a dynamic
 * provider (about 125 MB) running for good. Linux only (/proc); elsewhere nothing is found.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";

export interface Survivor {
  pid: number;
  /** The command line when found: a pid reused by another process since is never signalled. */
  cmdline: string;
}

function cmdlineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return undefined;
  }
}

/** Every process descending from `pid` now (children, their children...), with its command line. */
export function descendants(pid: number): Survivor[] {
  if (!existsSync("/proc")) return [];
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // Fields after the command name (which may hold spaces, inside parentheses): state, ppid, ...
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: Survivor[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    const cmdline = cmdlineOf(next);
    if (cmdline !== undefined) found.push({ pid: next, cmdline });
    queue.push(...(children.get(next) ?? []));
  }
  return found;
}

/** Whether the survivor still runs (the same command line under its pid). */
export function isRunning(survivor: Survivor): boolean {
  return cmdlineOf(survivor.pid) === survivor.cmdline;
}

/** SIGKILLs each survivor still running the same command line; returns how many were ended. */
export function endSurvivors(survivors: readonly Survivor[]): number {
  let ended = 0;
  for (const { pid, cmdline } of survivors) {
    if (!isRunning({ pid, cmdline })) continue;
    try {
      process.kill(pid, "SIGKILL");
      ended++;
    } catch {
      // Gone meanwhile.
    }
  }
  return ended;
}
