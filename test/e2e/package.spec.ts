/**
 * The package as a consumer gets it: `npm pack`, installed into a scratch Pulumi project outside
 * this repository, then `pulumi up`. Proves that the serialized provider resolves
 * `pulumi-pingone/provider` from the consumer's node_modules, with nothing borrowed from the repo.
 */
import { strict as assert } from "node:assert";
import { stringify } from "yaml";
import { ensureYamlHost, languageHostsHome } from "../../scripts/language-hosts";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../scripts/engine";
import { cliEnv } from "../../scripts/workspace";
import { setupE2E, stackOutputs, type E2E } from "./harness";
import { SEED_002 } from "../fixtures/seeds";

const run = promisify(execFile);

/** npm as the test runner was started (npm sets npm_execpath), else the one on PATH. */
function npm(args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  const cli = process.env.npm_execpath;
  const [command, prefix] = cli ? [process.execPath, [cli]] : ["npm", []];
  return run(command, [...prefix, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
}

describe("the packed tarball in a consumer's project", function () {
  this.timeout(900_000);
  let e2e: E2E;
  let scratch: string;

  before(async () => {
    e2e = await setupE2E();
    scratch = mkdtempSync(join(tmpdir(), "pingone-consumer-"));
  });
  after(async () => {
    await e2e?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("npm pack, npm install the tarball elsewhere, pulumi up and destroy", async () => {
    const { stdout } = await npm(["pack", "--pack-destination", scratch, "--ignore-scripts"], REPO_ROOT);
    const tarball = join(scratch, stdout.trim().split("\n").pop() ?? "");
    const project = join(scratch, "consumer");
    mkdirSync(project);
    writeFileSync(join(project, "Pulumi.yaml"), "name: consumer\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n");
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, dependencies: { "pulumi-pingone": `file:${tarball}`, "@pulumi/pulumi": "3.259.0" } }, null, 2),
    );
    writeFileSync(
      join(project, "index.js"),
      [
        'const { Application } = require("pulumi-pingone");',
        'const app = new Application("consumer-app", { type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" });',
        "exports.id = app.id;",
        "exports.clientSecret = app.clientSecret;",
      ].join("\n"),
    );
    await npm(["install", "--no-audit", "--no-fund", "--prefer-offline"], project);

    // NODE_PATH off: the consumer's own node_modules must be enough.
    const stack = await e2e.newStack(project, "consumer");
    await e2e.ok(["up", "--yes", "--stack", stack], project, { NODE_PATH: "" });
    const out = await stackOutputs(e2e, project, stack);
    assert.ok(e2e.emulator.applications().some((a) => a.id === out.id && a.type === "WORKER"));
    assert.equal(typeof out.clientSecret, "string");
    // The recovery command ships as the package's `pulumi-pingone` bin and runs from the consumer's node_modules.
    const recovered = await run(join(project, "node_modules", ".bin", "pulumi-pingone"), ["recover", "--stack", stack, "--pulumi", e2e.engine.pulumiPath], {
      cwd: project,
      env: cliEnv(e2e.engine, e2e.dirs, { ...e2e.env, NODE_PATH: "" }),
    });
    assert.match(recovered.stdout, /^summary \(dry run, nothing changed\): found 0, would delete 0, skipped 0, would clear 0 of 0 pending operations$/m);
    // Without the pack's framework installed, audit says what to install, and the other commands never load it.
    const audited = await run(join(project, "node_modules", ".bin", "pulumi-pingone"), ["audit"], {
      cwd: project,
      env: cliEnv(e2e.engine, e2e.dirs, { ...e2e.env, NODE_PATH: "" }),
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr ?? "" }),
    );
    assert.deepEqual(
      [audited.code, audited.stderr.trim()],
      [2, "pulumi-pingone: audit runs the policy pack's rules, which need its framework: npm install @pulumi/policy"],
    );
    await e2e.ok(["destroy", "--yes", "--stack", stack], project, { NODE_PATH: "" });
    assert.equal(e2e.emulator.applications().length, 0);

    // The provider plugin ships too: a YAML project beside it names the installed package's plugin/bin.
    languageHostsHome(e2e.dirs.pulumiHome, { yaml: await ensureYamlHost(e2e.engine, (line) => console.log(`    ${line}`)) });
    const yamlProject = join(project, "yaml");
    mkdirSync(yamlProject);
    writeFileSync(
      join(yamlProject, "Pulumi.yaml"),
      stringify({
        name: "consumer-yaml",
        runtime: "yaml",
        plugins: { providers: [{ name: "pingone-oidc", path: "../node_modules/pulumi-pingone/plugin/bin" }] },
        resources: {
          worker: {
            type: "pingone-oidc:index:Application",
            properties: { type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" },
          },
          // The component too: construct loads it from the installed package, with the consumer's SDK.
          portal: {
            type: "pingone-oidc:index:OidcClient",
            properties: {
              application: { ...SEED_002.body, name: "Consumer SPA" },
              signOnPolicy: { name: "Single_Factor" },
            },
          },
        },
        outputs: { id: "${worker.id}", portalId: "${portal.applicationId}", portalGrantId: "${portal.grantId}" },
      }),
    );
    const yamlStack = await e2e.newStack(yamlProject, "consumer-yaml");
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", yamlStack], yamlProject, { NODE_PATH: "" });
    const yamlOut = await stackOutputs(e2e, yamlProject, yamlStack);
    assert.deepEqual(
      e2e.emulator
        .applications()
        .map((a) => a.id)
        .sort(),
      [yamlOut.id, yamlOut.portalId].sort(),
    );
    assert.equal(typeof yamlOut.portalGrantId, "string", "the component granted its scopes");
    await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", yamlStack], yamlProject, { NODE_PATH: "" });
    assert.equal(e2e.emulator.applications().length, 0);
  });
});
