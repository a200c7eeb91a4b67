/**
 * The recovery command's flags and its check for an update holding a file backend's stack.
 */
import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileBackendDir, fileBackendLocks } from "../../cli/lock";
import { parseRecoverArgs, UsageError } from "../../cli/main";
import { assertCliCoded } from "../helpers/errors";

describe("pulumi-pingone recover: flags", () => {
  it("defaults to a dry run of the selected stack with pulumi from PATH", () => {
    assert.deepEqual(parseRecoverArgs([]), {
      stack: undefined,
      cwd: process.cwd(),
      pulumiPath: "pulumi",
      yes: false,
      deleteIds: [],
      keepIds: [],
      wait: false,
      timeoutSeconds: undefined,
    });
  });

  it("reads every flag, --delete-id and --keep-id repeatable", () => {
    const options = parseRecoverArgs([
      "-s",
      "dev",
      "-C",
      "/p",
      "--pulumi",
      "/opt/pulumi",
      "--yes",
      "--delete-id",
      "a",
      "--delete-id",
      "b",
      "--keep-id",
      "c",
      "--wait",
      "--timeout",
      "45.5",
    ]);
    assert.deepEqual(options, {
      stack: "dev",
      cwd: "/p",
      pulumiPath: "/opt/pulumi",
      yes: true,
      deleteIds: ["a", "b"],
      keepIds: ["c"],
      wait: true,
      timeoutSeconds: 45.5,
    });
  });

  it("rejects unknown flags, positionals and an empty --delete-id; --help asks for the usage", () => {
    for (const argv of [
      ["--force"],
      ["dev"],
      ["--delete-id", " "],
      ["--keep-id", ""],
      ["--stack"],
      ["--timeout"],
      ["--timeout", "0"],
      ["--timeout", "-5"],
      ["--timeout", "1e3"],
      ["--timeout", "90000"],
      ["--timeout", "soon"],
    ]) {
      assert.throws(
        () => parseRecoverArgs(argv),
        (error: unknown) => error instanceof UsageError && assertCliCoded(error, "ERR_USAGE") !== undefined,
        argv.join(" "),
      );
    }
    assert.equal(parseRecoverArgs(["--help"]), undefined);
  });
});

describe("pulumi-pingone recover: a file backend's stack lock", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "pingone-lock-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("maps file:// URLs to directories (query dropped, ~ is the home directory), and no other backend", () => {
    assert.equal(fileBackendDir("file:///var/state?no_tmp_dir=true"), "/var/state");
    assert.equal(fileBackendDir("file://~"), homedir());
    assert.equal(fileBackendDir("file://~/state"), join(homedir(), "state"));
    assert.equal(fileBackendDir("https://api.pulumi.com"), undefined);
    assert.equal(fileBackendDir("s3://bucket"), undefined);
  });

  it("reports the stack's lock files with who holds them, and ignores other stacks' and projects'", () => {
    assert.deepEqual(fileBackendLocks(dir, "proj", "dev"), [], "no locks directory at all");
    const locks = join(dir, ".pulumi", "locks", "organization");
    mkdirSync(join(locks, "proj", "dev"), { recursive: true });
    mkdirSync(join(locks, "proj", "prod"), { recursive: true });
    mkdirSync(join(locks, "other", "dev"), { recursive: true });
    writeFileSync(join(locks, "proj", "prod", "a.json"), "{}");
    writeFileSync(join(locks, "other", "dev", "b.json"), "{}");
    assert.deepEqual(fileBackendLocks(dir, "proj", "dev"), []);

    writeFileSync(join(locks, "proj", "dev", "c.json"), JSON.stringify({ pid: 4242, username: "ci", hostname: "build-1", timestamp: "2026-01-02T03:04:05Z" }));
    writeFileSync(join(locks, "proj", "dev", "c.json.attrs"), "{}");
    const found = fileBackendLocks(dir, "proj", "dev");
    assert.equal(found.length, 1);
    assert.match(found[0], /c\.json: held by ci@build-1 \(pid 4242\) since 2026-01-02T03:04:05Z$/);
  });

  it("finds the lock of a backend without projects (.pulumi/locks/<stack>)", () => {
    mkdirSync(join(dir, ".pulumi", "locks", "dev"), { recursive: true });
    writeFileSync(join(dir, ".pulumi", "locks", "dev", "d.json"), "not json");
    assert.deepEqual(fileBackendLocks(dir, "proj", "dev"), [join(dir, ".pulumi", "locks", "dev", "d.json")]);
  });
});
