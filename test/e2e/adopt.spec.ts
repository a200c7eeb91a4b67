/**
 * Bringing existing applications under management, as a user does it: an environment made by hand
 * (out of band, through the emulator's management API), `pulumi-pingone adopt` run as a command,
 * its program put into a fresh stack, `pulumi import --file` with its import file, and then the
 * engine's preview, up, refresh, a one-property change and destroy, counted at the emulator.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { CREATE_ONLY_FIELDS, READ_ONLY_FIELDS, SET_VALUED_PATHS } from "../../pingone";
import { REPO_ROOT } from "../../scripts/engine";
import { cliEnv, type CliResult } from "../../scripts/workspace";
import { TestClient } from "../emulator/helpers";
import { HAND_MADE_APPS, seedHandMadeEnvironment, type HandMadeApp } from "../fixtures/adopt";
import { secretsOf } from "../fixtures/upgrade/fixture";
import { SEED_001, SEED_002 } from "../fixtures/seeds";
import { FIXTURE_PROJECT, SECRET_SIG_KEY, setupE2E, stackOutputs, type E2E, type StateResource } from "./harness";

const run = promisify(execFile);

const APPLICATION = "pulumi-nodejs:dynamic/pingone:Application";

describe("pulumi-pingone adopt, then pulumi import --file, through the Pulumi engine", function () {
  this.timeout(900_000);
  let e2e: E2E;
  let client: TestClient;
  let ids: Record<HandMadeApp, string>;
  /** Every command's output in this suite, for the secret scan. */
  const logs: string[] = [];
  const scratchRoot = join(REPO_ROOT, ".adopt-check", `e2e-${process.pid}`);

  before(async () => {
    e2e = await setupE2E();
    client = new TestClient(e2e.emulator);
    ids = await seedHandMadeEnvironment(client);
    mkdirSync(scratchRoot, { recursive: true });
  });
  after(async () => {
    await e2e?.close();
    rmSync(scratchRoot, { recursive: true, force: true });
  });

  /** A Pulumi project as a user makes one for the adopted program (the program itself comes later). */
  function project(name: string): string {
    const dir = join(scratchRoot, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\nmain: index.ts\n`);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node10", esModuleInterop: true, skipLibCheck: true },
        files: ["index.ts"],
      }),
    );
    return dir;
  }

  /** `pulumi-pingone adopt` as a user runs it: the package's command, in the project directory. */
  async function adoptCommand(cwd: string, args: string[]): Promise<CliResult> {
    const env = { ...process.env, ...cliEnv(e2e.engine, e2e.dirs, e2e.env) };
    try {
      const { stdout, stderr } = await run(process.execPath, [join(REPO_ROOT, "dist", "cli", "main.js"), "adopt", "--pulumi", e2e.engine.pulumiPath, ...args], {
        cwd,
        env,
      });
      logs.push(stdout, stderr);
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      logs.push(failed.stdout ?? "", failed.stderr ?? "");
      return { code: failed.code ?? 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
    }
  }

  async function pulumi(args: string[], cwd: string): Promise<CliResult> {
    const result = await e2e.ok(args, cwd);
    logs.push(result.stdout, result.stderr);
    return result;
  }

  /** Adopts into `cwd` and installs the program as the project's index.ts. */
  async function adoptInto(cwd: string, args: string[] = []): Promise<CliResult> {
    const result = await adoptCommand(cwd, ["--out", ".", ...args]);
    assert.equal(result.code, 0, `adopt failed:\n${result.stdout}\n${result.stderr}`);
    writeFileSync(join(cwd, "index.ts"), readFileSync(join(cwd, "adopted.ts"), "utf8"));
    return result;
  }

  async function exported(cwd: string, stack: string, showSecrets = false): Promise<{ text: string; resources: StateResource[] }> {
    const result = await pulumi(["stack", "export", "--stack", stack, ...(showSecrets ? ["--show-secrets"] : [])], cwd);
    const parsed = JSON.parse(result.stdout) as { deployment: { resources?: StateResource[] } };
    if (!showSecrets) logs.push(result.stdout);
    return { text: result.stdout, resources: parsed.deployment.resources ?? [] };
  }

  function clientSecrets(): string[] {
    return secretsOf(e2e.emulator.exportStore());
  }

  function stored(id: string): Record<string, unknown> {
    const app = e2e.emulator.applications().find((a) => a.id === id);
    assert.ok(app, `application ${id} exists`);
    return app;
  }

  let cwd: string;
  let stack: string;

  it("adopt writes a program and an import file for the five OIDC apps and what belongs to them; the SAML app is skipped and listed", async () => {
    cwd = project("adopted");
    const result = await adoptInto(cwd);
    assert.match(result.stdout, new RegExp(`skipped  "${HAND_MADE_APPS.saml.name}" \\(${ids.saml}\\): protocol SAML is not managed`));
    const file = JSON.parse(readFileSync(join(cwd, "adopted-import.json"), "utf8")) as { resources: { type: string; name: string; id: string }[] };
    assert.deepEqual(
      file.resources.map((r) => `${r.type.split(":").pop() ?? ""} ${r.name} ${r.id}`),
      [
        `Application web-portal ${ids.web}`,
        `ApplicationResourceGrant web-portal-openid ${file.resources[1].id}`,
        `ApplicationSignOnPolicyAssignment web-portal-sign-on ${file.resources[2].id}`,
        `Application team-spa ${ids.spa}`,
        `Application nightly-sync ${ids.worker}`,
        `Application field-app ${ids.native}`,
        `Application billing-console ${ids.pkce}`,
      ],
    );
    for (const name of ["adopted.ts", "adopted-import.json"]) {
      const text = readFileSync(join(cwd, name), "utf8");
      for (const secret of clientSecrets()) assert.equal(text.includes(secret), false, `${name} holds a client secret`);
    }
  });

  it("pulumi import --file imports every entry; preview --expect-no-changes and up then send 0 requests", async () => {
    stack = await e2e.newStack(cwd, "adopted");
    const imported = await pulumi(["import", "--file", "adopted-import.json", "--generate-code=false", "--protect=false", "--yes", "--stack", stack], cwd);
    assert.match(imported.stdout, /7 imported/);
    e2e.emulator.resetCounters();
    await pulumi(["preview", "--expect-no-changes", "--stack", stack], cwd);
    assert.equal(e2e.emulator.counters().total, 0, `preview sent ${JSON.stringify(e2e.emulator.counters().byRoute)}`);
    const up = await pulumi(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
    assert.match(up.stdout, /\b8 unchanged/, "the 7 adopted resources and the stack");
    assert.doesNotMatch(up.stdout, /diff:/);
    assert.equal(e2e.emulator.counters().total, 0, `up sent ${JSON.stringify(e2e.emulator.counters().byRoute)}`);
  });

  it("pulumi-pingone audit --from-state on the stack's export gives the same findings as the live audit of the same apps", async () => {
    const state = await exported(cwd, stack);
    writeFileSync(join(cwd, "state.json"), state.text);
    const findings = async (args: string[]) => {
      const env = { ...process.env, ...cliEnv(e2e.engine, e2e.dirs, e2e.env) };
      const result = await run(process.execPath, [join(REPO_ROOT, "dist", "cli", "main.js"), "audit", "--format", "json", ...args], { cwd, env }).catch(
        (error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }),
      );
      logs.push(result.stdout);
      const parsed = JSON.parse(result.stdout) as { findings: { code: string; rule: string; level: string; resource: { name: string }; message: string }[] };
      return parsed.findings.map((f) => `${f.level} ${f.code} ${f.rule} ${f.resource.name}: ${f.message}`).sort();
    };
    const live = await findings(["--id", ids.web, "--id", ids.spa, "--id", ids.worker, "--id", ids.native, "--id", ids.pkce]);
    assert.ok(live.length > 0);
    assert.deepEqual(await findings(["--from-state", "state.json"]), live);
  });

  it("the client secrets reach the state at the refresh, encrypted; no export or log holds one in plain text", async () => {
    const before = await exported(cwd, stack);
    const withSecret = before.resources.filter((r) => r.type === APPLICATION && r.outputs?.clientSecret !== undefined);
    assert.deepEqual(withSecret.map((r) => r.id).sort(), [ids.web, ids.worker, ids.pkce].sort(), "the three apps with a shared secret hold a secret");
    for (const r of withSecret)
      assert.equal(typeof (r.outputs?.clientSecret as Record<string, unknown>)[SECRET_SIG_KEY], "string", `${r.urn}: a Pulumi secret`);
    await pulumi(["refresh", "--yes", "--stack", stack], cwd);
    const after = await exported(cwd, stack);
    const shown = await exported(cwd, stack, true);
    for (const id of [ids.web, ids.worker, ids.pkce]) {
      const raw = after.resources.find((r) => r.id === id && r.type === APPLICATION)?.outputs?.clientSecret as Record<string, unknown>;
      assert.equal(typeof raw.ciphertext, "string", `${id}: the secret is encrypted in the state`);
      const plain = shown.resources.find((r) => r.id === id && r.type === APPLICATION)?.outputs?.clientSecret as { plaintext: string };
      const current = e2e.emulator.exportStore().environments[0].applications.find((a) => a.record.id === id)?.secret.current;
      assert.equal(JSON.parse(plain.plaintext), current, `${id}: the state's secret is PingOne's`);
    }
    for (const secret of clientSecrets()) assert.equal(after.text.includes(secret), false, "the export holds no plaintext secret");
    e2e.emulator.resetCounters();
    await pulumi(["preview", "--expect-no-changes", "--stack", stack], cwd);
    assert.equal(e2e.emulator.counters().total, 0);
  });

  it("a one-property change is exactly one PUT, whose body is the live application plus the change", async () => {
    const live = stored(ids.pkce);
    const program = readFileSync(join(cwd, "index.ts"), "utf8");
    const changed = program.replace(
      `  name: "${HAND_MADE_APPS.pkce.name}",\n`,
      `  name: "${HAND_MADE_APPS.pkce.name}",\n  description: "Adopted, then described",\n`,
    );
    assert.notEqual(changed, program);
    writeFileSync(join(cwd, "index.ts"), changed);
    e2e.emulator.resetCounters();
    await pulumi(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
    const writes = e2e.emulator.requestLog().filter((r) => r.method !== "GET" && !r.path.endsWith("/as/token"));
    assert.deepEqual(
      writes.map((r) => `${r.method} ${r.path}`),
      [`PUT /v1/environments/${e2e.emulator.environmentId}/applications/${ids.pkce}`],
    );
    const expected: Record<string, unknown> = {};
    // A PUT carries every field PingOne lets it change: not the read-only ones, nor assignActorRoles, which only a POST sets.
    for (const [key, value] of Object.entries(live))
      if (!READ_ONLY_FIELDS.includes(key) && !CREATE_ONLY_FIELDS.includes(key) && value !== null) expected[key] = value;
    expected.description = "Adopted, then described";
    assert.deepEqual(writes[0].body, expected);
  });

  it("pulumi refresh straight after the import, before any up, keeps the secrets encrypted; --with-secrets adopts each ApplicationSecret without rotating it", async () => {
    const second = project("refresh-first");
    e2e.emulator.resetCounters();
    await adoptInto(second, ["--name", "Web*", "--name", "Nightly*", "--with-secrets"]);
    const other = await e2e.newStack(second, "refresh-first");
    await pulumi(["import", "--file", "adopted-import.json", "--generate-code=false", "--protect=false", "--yes", "--stack", other], second);
    await pulumi(["refresh", "--yes", "--stack", other], second);
    const state = await exported(second, other);
    const shown = await exported(second, other, true);
    const current = (id: string) => e2e.emulator.exportStore().environments[0].applications.find((a) => a.record.id === id)?.secret.current;
    for (const id of [ids.web, ids.worker]) {
      for (const [type, key] of [
        [APPLICATION, "clientSecret"],
        ["pulumi-nodejs:dynamic/pingone:ApplicationSecret", "secret"],
      ] as const) {
        const raw = state.resources.find((r) => r.id === id && r.type === type)?.outputs?.[key] as Record<string, unknown>;
        assert.equal(typeof raw.ciphertext, "string", `${id} ${type}.${key}: encrypted`);
        const plain = shown.resources.find((r) => r.id === id && r.type === type)?.outputs?.[key] as { plaintext: string };
        assert.equal(JSON.parse(plain.plaintext), current(id), `${id} ${type}.${key}: PingOne's current secret`);
      }
    }
    for (const secret of clientSecrets()) assert.equal(state.text.includes(secret), false, "no plaintext secret in the state");
    const rotations = e2e.emulator.requestLog().filter((r) => r.method === "POST" && r.path.endsWith("/secret"));
    assert.deepEqual(rotations, [], "no secret was rotated");
    e2e.emulator.resetCounters();
    await pulumi(["preview", "--expect-no-changes", "--stack", other], second);
    assert.equal(e2e.emulator.counters().total, 0);
    // The two stacks manage the same applications: forget them here, so that the next test's destroy is the only one.
    await pulumi(["stack", "rm", "--yes", "--force", "--stack", other], second);
  });

  it("with --retain-on-delete, destroy leaves the applications in PingOne; without, destroy deletes them", async () => {
    const kept = project("retained");
    await adoptInto(kept, ["--id", ids.spa, "--retain-on-delete"]);
    const retained = await e2e.newStack(kept, "retained");
    await pulumi(["import", "--file", "adopted-import.json", "--generate-code=false", "--protect=false", "--yes", "--stack", retained], kept);
    await pulumi(["up", "--yes", "--skip-preview", "--stack", retained], kept);
    await pulumi(["destroy", "--yes", "--stack", retained], kept);
    stored(ids.spa);

    e2e.emulator.resetCounters();
    await pulumi(["destroy", "--yes", "--stack", stack], cwd);
    for (const key of ["web", "spa", "worker", "native", "pkce"] as const) {
      assert.equal(
        e2e.emulator.applications().some((a) => a.id === ids[key]),
        false,
        `${key} was deleted`,
      );
    }
    assert.ok(
      e2e.emulator.applications().some((a) => a.id === ids.saml),
      "the SAML app, never adopted, is left alone",
    );
  });

  it("round trip: applications the package created in stack a, adopted into stack b, have the same inputs and outputs in both states, URNs aside", async () => {
    // Stack a sets what adopt writes: the seed bodies, and the key rotation policy PingOne assigns by
    // default, which adopt cannot tell from another one and so always writes (docs/adopt.md).
    // Likewise replay protection, which PingOne creates on but reads as off when a PUT leaves it out.
    const signing = { keyRotationPolicy: { id: e2e.emulator.defaultKeyRotationPolicyId() } };
    const written = { signing, additionalRefreshTokenReplayProtectionEnabled: true };
    const a = await e2e.newStack(FIXTURE_PROJECT, "made");
    const config = {
      apps: { "rt-web": { ...SEED_001.body, name: undefined, ...written }, "rt-spa": { ...SEED_002.body, name: undefined, ...written } },
      grants: { "rt-web-openid": { app: "rt-web", resourceName: "openid", scopes: ["profile", "email"] } },
      signOnPolicyAssignments: { "rt-web-sign-on": { app: "rt-web", signOnPolicyName: "Single_Factor", priority: 1 } },
    };
    for (const [key, value] of Object.entries(config)) await pulumi(["config", "set", key, JSON.stringify(value), "--stack", a], FIXTURE_PROJECT);
    await pulumi(["up", "--yes", "--skip-preview", "--stack", a], FIXTURE_PROJECT);
    const made = (await stackOutputs(e2e, FIXTURE_PROJECT, a)) as Record<string, { id: string }>;

    const dir = project("round-trip");
    await adoptInto(dir, ["--id", made["rt-web"].id, "--id", made["rt-spa"].id]);
    const b = await e2e.newStack(dir, "adopted");
    await pulumi(["import", "--file", "adopted-import.json", "--generate-code=false", "--protect=false", "--yes", "--stack", b], dir);
    await pulumi(["refresh", "--yes", "--stack", b], dir);
    e2e.emulator.resetCounters();
    await pulumi(["preview", "--expect-no-changes", "--stack", b], dir);
    assert.equal(e2e.emulator.counters().total, 0);

    // The resource name is the URN's, and `__autoname` carries it: both are set aside. A set-valued
    // list (grantTypes, …) is a set to PingOne and to the provider: adopt writes PingOne's order.
    const sets = (values: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(values).map(([key, value]) => [key, SET_VALUED_PATHS.includes(key) && Array.isArray(value) ? [...(value as string[])].sort() : value]),
      );
    const comparable = (resources: StateResource[]) =>
      Object.fromEntries(
        resources
          .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/pingone:"))
          .map((r) => {
            const { __autoname: _in, ...inputs } = r.inputs ?? {};
            const { __autoname: _out, ...outputs } = r.outputs ?? {};
            return [`${r.type} ${r.id ?? ""}`, { inputs: sets(inputs), outputs: sets(outputs) }];
          }),
      );
    const inA = comparable((await exported(FIXTURE_PROJECT, a, true)).resources);
    const inB = comparable((await exported(dir, b, true)).resources);
    assert.equal(Object.keys(inB).length, 4, "two applications, a grant and an assignment");
    assert.deepEqual(inB, inA);
    // Stack b owns them now; stack a forgets them without deleting anything.
    await pulumi(["stack", "rm", "--yes", "--force", "--stack", a], FIXTURE_PROJECT);
    await pulumi(["destroy", "--yes", "--stack", b], dir);
  });

  it("no file or log of the run holds a client secret in plain text", () => {
    const secrets = clientSecrets();
    assert.ok(secrets.length > 0);
    const texts = [...logs];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else texts.push(readFileSync(path, "utf8"));
      }
    };
    walk(scratchRoot);
    for (const text of texts) for (const secret of secrets) assert.equal(text.includes(secret), false, "a client secret in plain text");
  });
});
