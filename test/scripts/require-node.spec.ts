// The project needs Node.js >= 22 (package.json "engines"); on machines with an older Node, npm
// scripts get Node 24 from the `node` devDependency, whose preinstall script downloads it. When
// npm skips that script (allowScripts, --ignore-scripts), npm scripts fall back to the machine's
// Node, and scripts/require-node.js must stop `npm start` and `npm test` with one clear message
// before anything else runs. These tests run that check under a real older Node when the machine
// has one (CI does: its Node is 20), through npm exactly as a user types it, and on every machine
// under Node 24 made to report version 20.
import { strict as assert } from "node:assert";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");
const CHECK = path.join("scripts", "require-node.js");
const NODE_EXE = process.platform === "win32" ? "node.exe" : "node";

interface PackageJson {
  engines: { node: string };
  scripts: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as PackageJson;
const requiredMajor = Number(/^>=(\d+)/.exec(pkg.engines.node)?.[1]);

/** PATH without node_modules/.bin entries: what npm scripts see when the bridge is not installed. */
function pathWithoutNodeModules(): string {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => dir !== "" && !dir.split(/[\\/]/).includes("node_modules"))
    .join(path.delimiter);
}

function nodeVersion(executable: string): string | undefined {
  const run = spawnSync(executable, ["--version"], { encoding: "utf8", timeout: 10_000 });
  const match = /^v(\d+\.\d+\.\d+)\s*$/.exec(run.stdout ?? "");
  return run.status === 0 && match ? match[1] : undefined;
}

/** The first Node on PATH outside node_modules whose major version is below the required one. */
function machineNodeBelowRequired(): { executable: string; version: string } | undefined {
  const seen = new Set<string>();
  for (const dir of pathWithoutNodeModules().split(path.delimiter)) {
    const candidate = path.join(dir, NODE_EXE);
    try {
      accessSync(candidate, constants.X_OK);
    } catch {
      continue;
    }
    const real = realpathSync(candidate);
    if (seen.has(real)) continue;
    seen.add(real);
    const version = nodeVersion(candidate);
    if (version !== undefined && Number(version.split(".")[0]) < requiredMajor) return { executable: candidate, version };
  }
  return undefined;
}

/**
 * A project directory with this repository's package.json and check script but no node_modules:
 * the state a clone is in when npm skipped the bridge's preinstall (the package directory has no
 * bin/node then, so npm links no node_modules/.bin/node).
 */
function projectWithoutBridge(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "pulumi-pingone-no-bridge-"));
  mkdirSync(path.join(dir, "scripts"));
  copyFileSync(path.join(ROOT, "package.json"), path.join(dir, "package.json"));
  copyFileSync(path.join(ROOT, CHECK), path.join(dir, CHECK));
  return dir;
}

/** The environment of a fresh terminal: without what the npm running this suite passes to scripts. */
function terminalEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(npm_|INIT_CWD$|NODE_OPTIONS$)/i.test(name)) delete env[name];
  return env;
}

/** The one message, asserted whole: why it stopped, the versions, and what to do; no stack trace. */
function assertClearMessage(output: string, version: string): void {
  assert.equal(output.split(`needs Node.js ${pkg.engines.node}`).length - 1, 1, `exactly one message:\n${output}`);
  assert.ok(output.includes(`this is Node.js ${version}`), output);
  assert.ok(output.includes("node_modules/node/bin/node is missing"), output);
  assert.ok(output.includes('"allowScripts"'), output);
  assert.ok(output.includes("What to do: npm rebuild node --ignore-scripts=false && npm run prepare\n"), output);
  assert.doesNotMatch(output, /^\s+at /m, "no stack trace");
  assert.doesNotMatch(output, /@pulumi|tsc|error TS|not found/, "nothing ran after the check");
}

/** Runs the check under this Node told that its version is `version` (a simulated older Node). */
function runPretending(version: string, cwd: string): SpawnSyncReturns<string> {
  const preload = path.join(mkdtempSync(path.join(tmpdir(), "pulumi-pingone-pretend-")), "pretend.js");
  try {
    writeFileSync(
      preload,
      `Object.defineProperty(process, "versions", { value: Object.assign({}, process.versions, { node: ${JSON.stringify(version)} }) });\n`,
    );
    return spawnSync(process.execPath, ["--require", preload, CHECK], { cwd, encoding: "utf8", timeout: 10_000, env: terminalEnv() });
  } finally {
    rmSync(path.dirname(preload), { recursive: true, force: true });
  }
}

function npm(args: string[], cwd: string, nodeDir: string): SpawnSyncReturns<string> {
  // npm itself runs on the PATH's node (its launcher is `#!/usr/bin/env node`), as for a user.
  const PATH = [nodeDir, pathWithoutNodeModules()].join(path.delimiter);
  return spawnSync("npm", args, { cwd, env: { ...terminalEnv(), PATH }, encoding: "utf8", timeout: 60_000 });
}

describe("Node bridge check (scripts/require-node.js)", () => {
  it("package.json engines sets the minimum the check enforces, 22 or later", () => {
    assert.ok(requiredMajor >= 22, `engines.node is ${pkg.engines.node}`);
  });

  it("is the first command of prestart, start, pretest and test", () => {
    // pre-hooks run first (before tsc); npm skips them under --ignore-scripts, so start and test check too.
    for (const name of ["prestart", "start", "pretest", "test"]) {
      assert.ok(pkg.scripts[name]?.startsWith(`node ${CHECK.split(path.sep).join("/")} && `), `${name}: ${pkg.scripts[name]}`);
    }
  });

  it("package.json approves the bridge's install script, and npm finds no unreviewed install scripts", function () {
    this.timeout(30_000);
    assert.equal(pkg.allowScripts?.node, true, "allowScripts.node must be true: the bridge is its preinstall");
    const ls = spawnSync("npm", ["install-scripts", "ls"], { cwd: ROOT, env: terminalEnv(), encoding: "utf8", timeout: 30_000 });
    assert.equal(ls.status, 0, ls.stderr);
    assert.match(ls.stdout, /^No packages with unreviewed install scripts\.$/m, ls.stdout + ls.stderr);
  });

  it(`passes silently under Node ${process.versions.node} (the bridge's)`, () => {
    assert.ok(Number(process.versions.node.split(".")[0]) >= requiredMajor, "the suite itself runs on the bridge's Node");
    const run = spawnSync(process.execPath, [CHECK], { cwd: ROOT, encoding: "utf8", timeout: 10_000, env: terminalEnv() });
    assert.deepEqual({ status: run.status, stdout: run.stdout, stderr: run.stderr }, { status: 0, stdout: "", stderr: "" });
  });

  const oldNode = machineNodeBelowRequired();
  if (oldNode) {
    describe(`with the bridge missing, under the machine's Node ${oldNode.version} (${oldNode.executable})`, () => {
      let project: string;
      before(() => {
        project = projectWithoutBridge();
      });
      after(() => project && rmSync(project, { recursive: true, force: true }));

      for (const [label, args] of [
        ["npm test", ["test"]],
        ["npm start", ["start"]],
        ["npm test --ignore-scripts (npm skips pretest)", ["test", "--ignore-scripts"]],
        ["npm start --ignore-scripts (npm skips prestart)", ["start", "--ignore-scripts"]],
      ] as const) {
        it(`${label} stops with one clear message and a non-zero exit`, function () {
          this.timeout(60_000);
          const run = npm([...args], project, path.dirname(oldNode.executable));
          assert.notEqual(run.status, 0, run.stdout + run.stderr);
          assertClearMessage(run.stdout + run.stderr, oldNode.version);
        });
      }

      it("with the bridge installed but the check started outside npm, it says to run it through npm", () => {
        const run = spawnSync(oldNode.executable, [CHECK], { cwd: ROOT, encoding: "utf8", timeout: 10_000, env: terminalEnv() });
        assert.equal(run.status, 1);
        assert.equal(run.stdout, "");
        assert.ok(run.stderr.includes(`needs Node.js ${pkg.engines.node}`), run.stderr);
        assert.ok(run.stderr.includes("is installed, but this was not started by\nan npm script"), run.stderr);
        assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace");
      });

      it("the check run directly prints only the message, on stderr, and exits 1", () => {
        const run = spawnSync(oldNode.executable, [CHECK], { cwd: project, encoding: "utf8", timeout: 10_000, env: terminalEnv() });
        assert.equal(run.status, 1);
        assert.equal(run.stdout, "");
        assertClearMessage(run.stderr, oldNode.version);
      });
    });
  } else {
    // Shown as pending in the report, not dropped: the simulated run below still checks the message.
    it.skip(`npm test and npm start under the machine's Node below ${pkg.engines.node}: this machine has none on PATH outside node_modules`);
  }

  it("under a simulated Node 20 with the bridge missing, the check prints only the message, on stderr, and exits 1", () => {
    // Runs on every machine, also one without an older Node.
    const project = projectWithoutBridge();
    try {
      const run = runPretending("20.20.2", project);
      assert.equal(run.status, 1);
      assert.equal(run.stdout, "");
      assertClearMessage(run.stderr, "20.20.2");
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it("compares whole versions: the required major's first release passes, anything below stops", () => {
    for (const [version, status] of [
      [`${requiredMajor}.0.0`, 0],
      [`${requiredMajor + 2}.1.0`, 0],
      [`${requiredMajor - 1}.99.99`, 1],
      ["9.0.0", 1],
    ] as const) {
      assert.equal(runPretending(version, ROOT).status, status, version);
    }
  });
});
