/**
 * `pulumi-pingone adopt` against the emulator over real HTTP: an environment made by hand
 * (test/fixtures/adopt.ts) is read, and the program and import file it writes are checked here:
 * the program compiles, lints and is formatted as the project's own code, the import file's state
 * is what the provider's check and create compute, and no secret is written. test/e2e/adopt.spec.ts
 * takes them through the real engine.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { pingOneEnvironment } from "../../emulator";
import { adopt, olderThan, parseAdoptArgs, pulumiVersion, type AdoptOptions } from "../../cli/adopt/adopt";
import { SECRET_PLACEHOLDER, type ImportFile } from "../../cli/adopt/import-file";
import { ApplicationLifecycle } from "../../provider/application/lifecycle";
import { clearTokenCache } from "../../provider/http/client";
import { REPO_ROOT } from "../../scripts/engine";
import { withEmulator, type TestClient } from "../emulator/helpers";
import { assertCliCoded, rejectionOf } from "../helpers/errors";
import { HAND_MADE_APPS, seedHandMadeEnvironment, type HandMadeApp } from "../fixtures/adopt";
import { secretsOf } from "../fixtures/upgrade/fixture";

const run = promisify(execFile);
const SCRATCH = join(REPO_ROOT, ".adopt-check", `unit-${process.pid}`);

/** A scratch folder inside the repository, so that the program resolves `pulumi-pingone` as a stack's would. */
function scratch(name: string): string {
  const dir = join(SCRATCH, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

function options(outDir: string, overrides: Partial<AdoptOptions> = {}): AdoptOptions {
  return {
    selection: { names: [], ids: [], types: [] },
    overrides: new Map(),
    withSecrets: false,
    retainOnDelete: false,
    outDir,
    cwd: outDir,
    pulumiPath: join(outDir, "no-pulumi-here"),
    ...overrides,
  };
}

/** The adopted program in `dir` compiles under the project's tsconfig, passes its lint and is as Prettier formats it; each step throws otherwise. */
async function compilesLintsAndIsFormatted(dir: string): Promise<void> {
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: "../../../tsconfig.json", compilerOptions: { noEmit: true }, include: ["adopted.ts"] }));
  const tool = (...path: string[]) => join(REPO_ROOT, "node_modules", ...path);
  const program = join(dir, "adopted.ts");
  await run(process.execPath, [tool("typescript", "bin", "tsc"), "-p", join(dir, "tsconfig.json")], { cwd: REPO_ROOT });
  await run(process.execPath, [tool("eslint", "bin", "eslint.js"), program], { cwd: REPO_ROOT });
  // Only .prettierignore: Prettier also skips what .gitignore lists, and .adopt-check/ is there.
  await run(process.execPath, [tool("prettier", "bin", "prettier.cjs"), "--check", "--ignore-path", ".prettierignore", program], { cwd: REPO_ROOT });
}

function importFileIn(dir: string): ImportFile {
  return JSON.parse(readFileSync(join(dir, "adopted-import.json"), "utf8")) as ImportFile;
}

describe("pulumi-pingone adopt: a hand-made environment", function () {
  this.timeout(180_000);
  let client: TestClient;
  let ids: Record<HandMadeApp, string>;
  let lines: string[];
  const io = () => ({ out: (line: string) => lines.push(line), err: (line: string) => lines.push(`err: ${line}`), env: pingOneEnvironment(client.emu) });

  before(async () => {
    clearTokenCache();
    client = await withEmulator();
    ids = await seedHandMadeEnvironment(client);
  });
  beforeEach(() => {
    lines = [];
  });
  after(async () => {
    await client.emu.close();
    rmSync(SCRATCH, { recursive: true, force: true });
  });

  it("reads the applications once, each one's grants and assignments once, and names behind ids from one list each", async () => {
    const dir = scratch("requests");
    client.emu.resetCounters();
    const result = await adopt(options(dir), io());
    const byRoute = client.emu.counters().byRoute;
    const apps = result.declarations.filter((d) => d.type === "Application").length;
    assert.equal(apps, 5);
    assert.deepEqual(Object.fromEntries(Object.entries(byRoute).filter(([route]) => !route.includes("/as/token"))), {
      "GET /v1/environments/{envId}/applications": 1,
      "GET /v1/environments/{envId}/applications/{appId}/grants": apps,
      "GET /v1/environments/{envId}/applications/{appId}/signOnPolicyAssignments": apps,
      "GET /v1/environments/{envId}/resources": 1,
      "GET /v1/environments/{envId}/resources/{resourceId}/scopes": 1,
      "GET /v1/environments/{envId}/signOnPolicies": 1,
    });
  });

  it("declares every OIDC app with what belongs to it, and skips and lists the SAML app", async () => {
    const dir = scratch("all");
    const result = await adopt(options(dir), io());
    assert.deepEqual(
      result.declarations.map((d) => `${d.type} ${d.resourceName}`),
      [
        "Application web-portal",
        "ApplicationResourceGrant web-portal-openid",
        "ApplicationSignOnPolicyAssignment web-portal-sign-on",
        "Application team-spa",
        "Application nightly-sync",
        "Application field-app",
        "Application billing-console",
      ],
    );
    assert.deepEqual(result.skipped, [
      { id: ids.saml, name: HAND_MADE_APPS.saml.name, reason: "protocol SAML is not managed by this package (it manages OPENID_CONNECT applications only)" },
    ]);
    assert.ok(lines.includes(`skipped  "${HAND_MADE_APPS.saml.name}" (${ids.saml}): ${result.skipped[0].reason}`), lines.join("\n"));
    const program = readFileSync(join(dir, "adopted.ts"), "utf8");
    assert.match(program, /const webPortal = new pingone\.Application\("web-portal", \{/);
    assert.match(
      program,
      /new pingone\.ApplicationResourceGrant\("web-portal-openid", \{\n {2}environmentId,\n {2}applicationId: webPortal\.id,\n {2}resourceName: "openid",\n {2}scopes: \["profile", "email"\],\n\}\);/,
    );
    assert.match(program, /signOnPolicyName: "Single_Factor",\n {2}priority: 1,/);
    assert.match(program, /mobile: \{\n {4}bundleId: "com\.example\.field",/);
    assert.match(program, /pkceEnforcement: "REQUIRED",/);
    assert.match(program, new RegExp(`keyRotationPolicy: \\{\\n {6}id: "${HAND_MADE_APPS.pkce.signing.keyRotationPolicy.id}",`));
    // What equals PingOne's default is left out: the worker's enabled: true stays, its pkceEnforcement OPTIONAL does not.
    assert.doesNotMatch(program.slice(program.indexOf('"nightly-sync"')), /pkceEnforcement: "OPTIONAL"|parTimeout|deviceTimeout/);
  });

  it("writes a program that compiles under the project's tsconfig, passes its lint and is formatted as Prettier formats it", async () => {
    for (const [name, extra] of [
      ["plain", {}],
      ["retained", { retainOnDelete: true, withSecrets: true }],
    ] as const) {
      const dir = scratch(`compile-${name}`);
      await adopt(options(dir, extra), io());
      await compilesLintsAndIsFormatted(dir);
    }
  });

  it("odd names still make a program that compiles, lints and is formatted: digits first, CommonJS's names, a name and its Args, 200 characters", async () => {
    const odd = ["2024", "exports", "require", "Web Portal Args", `${"very long name ".repeat(14)}end`];
    const created: string[] = [];
    for (const name of odd) created.push(await client.createId({ ...HAND_MADE_APPS.web, name }));
    for (const id of created) await client.grantOpenIdScopes(id, ["profile"]);
    try {
      for (const retainOnDelete of [false, true]) {
        const dir = scratch(`odd-${String(retainOnDelete)}`);
        await adopt(options(dir, { retainOnDelete, selection: { names: [], ids: [ids.web, ...created], types: [] } }), io());
        assert.doesNotMatch(readFileSync(join(dir, "adopted.ts"), "utf8"), /const (exports|require|\d\w*) =/);
        await compilesLintsAndIsFormatted(dir);
      }
    } finally {
      for (const id of created) client.emu.deleteApplicationOutOfBand(client.envId, id);
    }
  });

  it("skips and lists PingOne's built-in apps, an app holding Google Play keys, and one with a setting this package does not know; adopts the rest", async () => {
    const builtIn = await client.createId({ ...HAND_MADE_APPS.worker, name: "Self-Service" });
    client.emu.mutateApplication(client.envId, builtIn, { type: "PING_ONE_SELF_SERVICE" });
    const keyed = await client.createId({
      ...HAND_MADE_APPS.native,
      name: "Keyed App",
      mobile: { bundleId: "com.example.keyed", packageName: "com.example.keyed" },
    });
    client.emu.mutateApplication(client.envId, keyed, {
      mobile: { bundleId: "com.example.keyed", integrityDetection: { googlePlay: { decryptionKey: "dk-secret-1", verificationKey: "vk-secret-2" } } },
    });
    const unknown = await client.createId({
      ...HAND_MADE_APPS.native,
      name: "Newer App",
      mobile: { bundleId: "com.example.newer", packageName: "com.example.newer" },
    });
    client.emu.mutateApplication(client.envId, unknown, { mobile: { bundleId: "com.example.newer", futureSetting: "x" } });
    try {
      const dir = scratch("skips");
      const result = await adopt(options(dir, { selection: { names: [], ids: [ids.web, builtIn, keyed, unknown], types: [] } }), io());
      const reasons = Object.fromEntries(result.skipped.map((s) => [s.id, s.reason]));
      assert.match(reasons[builtIn] ?? "", /^type PING_ONE_SELF_SERVICE is not one this package manages/);
      assert.match(
        reasons[keyed] ?? "",
        /mobile\.integrityDetection\.googlePlay\.decryptionKey, mobile\.integrityDetection\.googlePlay\.verificationKey, which adopt does not write to a file/,
      );
      assert.match(reasons[unknown] ?? "", /mobile\.futureSetting, which this package does not know/);
      assert.deepEqual(
        result.declarations.filter((d) => d.type === "Application").map((d) => d.id),
        [ids.web],
      );
      for (const name of readdirSync(dir))
        for (const key of ["dk-secret-1", "vk-secret-2"]) assert.equal(readFileSync(join(dir, name), "utf8").includes(key), false);
      assert.equal(lines.join("\n").includes("dk-secret-1"), false);
    } finally {
      for (const id of [builtIn, keyed, unknown]) client.emu.deleteApplicationOutOfBand(client.envId, id);
    }
  });

  it("writes both files or neither", async () => {
    const dir = scratch("atomic");
    mkdirSync(join(dir, "adopted.ts"));
    await assert.rejects(adopt(options(dir, { selection: { names: [], ids: [ids.web], types: [] } }), io()));
    assert.deepEqual(readdirSync(dir), ["adopted.ts"], "no import file and no temporary file left");
  });

  it("the import file's state is what the provider's check and create compute, with __provider; the client secret is a secret placeholder", async () => {
    const dir = scratch("state");
    await adopt(options(dir), io());
    const file = importFileIn(dir);
    const web = file.resources.find((r) => r.name === "web-portal");
    assert.ok(web);
    const lifecycle = new ApplicationLifecycle({ env: pingOneEnvironment(client.emu) });
    const registered = { ...web.inputs };
    const { inputs, failures } = await lifecycle.check({}, registered);
    assert.deepEqual(failures, []);
    assert.deepEqual(web.inputs, inputs, "inputs are check's own for the program's registration");
    assert.equal(web.inputs.__provider, 'exports.handler = () => require("pulumi-pingone/provider");\n');
    assert.equal(web.outputs.__provider, web.inputs.__provider);
    assert.deepEqual(web.outputs.clientSecret, SECRET_PLACEHOLDER);
    const { clientSecret: _secret, __provider: _provider, ...outputs } = web.outputs;
    assert.deepEqual(outputs, lifecycle.createdOutputs(client.emu.applications().find((a) => a.id === ids.web) as never, inputs, undefined));
    assert.equal(file.resources.find((r) => r.name === "team-spa")?.outputs.clientSecret, undefined, "a public client has no secret");
  });

  it("--with-secrets adopts each shared secret as an ApplicationSecret: read once, never rotated, never written", async () => {
    const dir = scratch("secrets");
    client.emu.resetCounters();
    const result = await adopt(options(dir, { withSecrets: true }), io());
    const secrets = result.entries.filter((e) => e.type.endsWith(":ApplicationSecret"));
    assert.deepEqual(secrets.map((e) => [e.name, e.id]).sort(), [
      ["billing-console-secret", ids.pkce],
      ["nightly-sync-secret", ids.worker],
      ["web-portal-secret", ids.web],
    ]);
    for (const entry of secrets) assert.deepEqual(entry.outputs.secret, SECRET_PLACEHOLDER);
    const byRoute = client.emu.counters().byRoute;
    assert.equal(byRoute["GET /v1/environments/{envId}/applications/{appId}/secret"], 3);
    assert.equal(byRoute["POST /v1/environments/{envId}/applications/{appId}/secret"], undefined, "no rotation");
    const store = client.emu.exportStore();
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), "utf8");
      for (const secret of secretsOf(store)) assert.equal(text.includes(secret), false, `${name} holds a secret`);
    }
  });

  it("selects by name glob, id and type", async () => {
    const pick = async (selection: Partial<AdoptOptions["selection"]>) =>
      (await adopt(options(scratch("select"), { selection: { names: [], ids: [], types: [], ...selection } }), io())).declarations
        .filter((d) => d.type === "Application")
        .map((d) => d.id);
    assert.deepEqual(await pick({ names: ["*App*"] }), [ids.native]);
    assert.deepEqual(await pick({ names: ["Web Portal", "Team ?PA"] }), [ids.web, ids.spa]);
    assert.deepEqual(await pick({ ids: [ids.worker] }), [ids.worker]);
    assert.deepEqual(await pick({ types: ["WEB_APP"] }), [ids.web, ids.pkce]);
  });

  it("names are made unique and valid: two apps of one name, a name that starts with a digit, --as", async () => {
    const twin = await client.createId({ ...HAND_MADE_APPS.spa });
    const digits = await client.createId({ ...HAND_MADE_APPS.spa, name: "2024 Portal!" });
    try {
      const dir = scratch("names");
      const result = await adopt(
        options(dir, { selection: { names: ["Team SPA", "2024*"], ids: [], types: [] }, overrides: new Map([[digits, "portal2024"]]) }),
        io(),
      );
      assert.deepEqual(
        result.declarations.map((d) => [d.resourceName, d.id]),
        [
          ["team-spa", ids.spa],
          ["team-spa-2", twin],
          ["portal2024", digits],
        ],
      );
      const program = readFileSync(join(dir, "adopted.ts"), "utf8");
      assert.match(program, /new pingone\.Application\("team-spa-2", \{/);
      assert.match(program, /new pingone\.Application\("portal2024", \{/);
    } finally {
      for (const id of [twin, digits]) client.emu.deleteApplicationOutOfBand(client.envId, id);
    }
  });

  describe("bad input: a clear error naming the app and the reason, and nothing written", () => {
    const nothingWritten = (dir: string) =>
      assert.equal(existsSync(join(dir, "adopted.ts")) || existsSync(join(dir, "adopted-import.json")), false, "nothing written");

    it("an unknown environment", async () => {
      const dir = scratch("unknown-env");
      const other = "0b3b9c5e-1c7e-4a8a-9f43-6a1b2c3d4e5f";
      const error = await rejectionOf(adopt(options(dir, { environmentId: other }), io()));
      assertCliCoded(error, "ERR_ENVIRONMENT_UNREADABLE", `environment ${other}`, "knows no such environment", "nothing was written");
      nothingWritten(dir);
    });

    it("a worker without read rights", async () => {
      const dir = scratch("no-rights");
      client.emu.setFaults({
        script: [
          {
            match: { method: "GET", path: "/applications$" },
            fault: { status: 403, code: "ACCESS_FAILED", message: "The actor attempting to perform the request is not authorized." },
          },
        ],
      });
      try {
        const error = await rejectionOf(adopt(options(dir), io()));
        assertCliCoded(error, "ERR_ENVIRONMENT_UNREADABLE", "the worker may not read its applications (HTTP 403 ACCESS_FAILED)", "nothing was written");
        for (const secret of [client.emu.clientSecret, ...client.emu.issuedTokens()]) assert.equal((error as Error).message.includes(secret), false);
      } finally {
        client.emu.clearFaults();
      }
      nothingWritten(dir);
    });

    it("a selection that holds only an app type the package does not manage", async () => {
      const dir = scratch("saml-only");
      const error = await rejectionOf(adopt(options(dir, { selection: { names: [], ids: [ids.saml], types: [] } }), io()));
      assertCliCoded(error, "ERR_ADOPT_NOTHING", "no application this package can manage", "nothing was written");
      assert.ok(
        lines.some((line) => line.includes(`"${HAND_MADE_APPS.saml.name}" (${ids.saml}): protocol SAML`)),
        "the skipped app is listed with its reason",
      );
      nothingWritten(dir);
    });

    it("duplicate names and names that are not valid identifiers, in --as", () => {
      assert.throws(
        () => parseAdoptArgs(["--as", `${ids.web}=portal`, "--as", `${ids.spa}=portal`]),
        (error: unknown) => assertCliCoded(error, "ERR_USAGE", `gives the name "portal" to both ${ids.web} and ${ids.spa}`) !== undefined,
      );
      for (const bad of ["Web Portal", "class", "9lives", "web-portal", "environmentId"]) {
        assert.throws(
          () => parseAdoptArgs(["--as", `${ids.web}=${bad}`]),
          (error: unknown) => assertCliCoded(error, "ERR_USAGE", `--as ${ids.web}=`, "not a valid name", "TypeScript identifier") !== undefined,
          bad,
        );
      }
      assert.throws(
        () => parseAdoptArgs(["--as", "no-equals-sign"]),
        (error: unknown) => assertCliCoded(error, "ERR_USAGE", "expected <application id>=<name>") !== undefined,
      );
    });

    it("--as for an application the selection does not adopt", async () => {
      const dir = scratch("as-unknown");
      const error = await rejectionOf(
        adopt(options(dir, { selection: { names: [], ids: [ids.web], types: [] }, overrides: new Map([[ids.spa, "spa"]]) }), io()),
      );
      assertCliCoded(error, "ERR_USAGE", `--as names ${ids.spa}, which the selection does not adopt`);
      nothingWritten(dir);
    });
  });

  describe("the Pulumi CLI it hands off to", () => {
    it("says plainly when pulumi is older than 3.254, and when it cannot be run; the files are written all the same", async () => {
      const dir = scratch("old-pulumi");
      const fake = join(dir, "pulumi");
      writeFileSync(fake, "#!/bin/sh\necho v3.250.0\n");
      chmodSync(fake, 0o755);
      assert.deepEqual((await pulumiVersion(fake, dir, process.env)).version, [3, 250, 0]);
      await adopt(options(dir, { pulumiPath: fake, selection: { names: [], ids: [ids.web], types: [] } }), io());
      assert.ok(
        lines.some((line) => line.startsWith("err: warning: pulumi v3.250.0 is older than 3.254.0") && line.includes("adoptId")),
        lines.join("\n"),
      );
      assert.ok(existsSync(join(dir, "adopted.ts")));
      lines = [];
      await adopt(options(scratch("no-pulumi"), { selection: { names: [], ids: [ids.web], types: [] } }), io());
      assert.ok(lines.some((line) => line.startsWith("err: warning: cannot run") && line.includes("3.254.0 or later")));
    });

    it("compares versions", () => {
      assert.equal(olderThan([3, 253, 9], [3, 254, 0]), true);
      assert.equal(olderThan([3, 254, 0], [3, 254, 0]), false);
      assert.equal(olderThan([3, 259, 0], [3, 254, 0]), false);
      assert.equal(olderThan([2, 999, 0], [3, 254, 0]), true);
    });
  });
});
