/**
 * Is an update holding the stack? A running `pulumi up` has in-flight creates that look exactly
 * like a crash's orphans, so recovery refuses to delete anything while one may be running.
 *
 * A file backend (`file://`) keeps one lock file per running update under
 * `.pulumi/locks/<org>/<project>/<stack>/` (`.pulumi/locks/<stack>/` for backends without
 * projects); a process killed with SIGKILL leaves its lock behind until `pulumi cancel` removes
 * it (pulumi `pkg/backend/diy/lock.go`). Pulumi Cloud reports a running update in `pulumi stack ls`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Lock files of larger sizes are not read (they hold a few fields). */
const MAX_LOCK_FILE_BYTES = 64 * 1024;

/** The directory of a `file://` backend URL, or undefined for any other backend. */
export function fileBackendDir(url: string): string | undefined {
  if (!url.startsWith("file://")) return undefined;
  const withoutQuery = url.replace(/\?.*$/, "");
  // Pulumi accepts `file://~` for the home directory.
  if (withoutQuery === "file://~" || withoutQuery.startsWith("file://~/")) return join(homedir(), withoutQuery.slice("file://~".length));
  return fileURLToPath(withoutQuery);
}

/** One line per lock file of the stack: who holds it, since when. */
export function fileBackendLocks(backendDir: string, project: string, stack: string): string[] {
  const locksDir = join(backendDir, ".pulumi", "locks");
  if (!existsSync(locksDir)) return [];
  const stackDirs = [join(locksDir, stack), ...readdirSync(locksDir).map((org) => join(locksDir, org, project, stack))];
  const locks: string[] = [];
  for (const dir of stackDirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) locks.push(describeLock(join(dir, file)));
  }
  return locks;
}

function describeLock(path: string): string {
  try {
    if (statSync(path).size > MAX_LOCK_FILE_BYTES) return path;
    const lock = JSON.parse(readFileSync(path, "utf8")) as { username?: unknown; hostname?: unknown; pid?: unknown; timestamp?: unknown };
    return `${path}: held by ${String(lock.username)}@${String(lock.hostname)} (pid ${String(lock.pid)}) since ${String(lock.timestamp)}`;
  } catch {
    return path;
  }
}
