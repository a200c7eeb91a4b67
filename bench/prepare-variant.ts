/**
 * `node dist/bench/prepare-variant.js <git revision> <directory>`: builds this package as it was
 * at a revision into a scratch directory, for `npm run bench -- --variant <label>=<directory>`
 * (a before/after comparison in one session). The directory gets the revision's files, a
 * node_modules whose entries link to this clone's (so `@pulumi/pulumi` is the very same), with
 * `pulumi-pingone` linked to the directory itself, and the revision's compiled dist/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { REPO_ROOT } from "../scripts/engine";

function main(argv: string[]): void {
  const [revision, target] = argv;
  if (!revision || !target) throw new Error("usage: node dist/bench/prepare-variant.js <git revision> <directory>");
  const dir = resolve(target);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync("git", ["-C", REPO_ROOT, "archive", "--format=tar", revision], { maxBuffer: 256 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  const modules = join(dir, "node_modules");
  mkdirSync(modules);
  for (const entry of readdirSync(join(REPO_ROOT, "node_modules"))) {
    if (entry === "pulumi-pingone") continue;
    symlinkSync(join(REPO_ROOT, "node_modules", entry), join(modules, entry));
  }
  symlinkSync("..", join(modules, "pulumi-pingone"), "dir");
  execFileSync(process.execPath, [join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(dir, "tsconfig.json")], { stdio: "inherit" });
  console.log(`${revision} built in ${dir}; run: npm run bench -- --variant <label>=${dir}`);
}

try {
  main(process.argv.slice(2));
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
