/**
 * The provider plugin from Go, through the real engine and the Go language host built from Go
 * modules: the Go SDK generated from the plugin's schema (scripts/sdkgen, the CLI's own Go code
 * generator), and a Go program of it (test/fixtures/plugin-go) with seed 001's web app and its
 * ApplicationSecret, and seed 002's SPA through the OidcClient component (built by the plugin's
 * `construct` for a Go program). openid-client signs in with the secret and with the component's
 * outputs; a no-op preview sends
 * nothing; a one-property change is one PUT; a new `rotation` rotates with one POST …/secret and
 * both secrets work during the overlap; destroy is clean. The Python, Node.js and .NET SDKs are
 * generated too (their toolchains' packages cannot be installed here): Python's compiles.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { pluginSchema } from "../../plugin/schema";
import { CLI_VERSION, REPO_ROOT } from "../../scripts/engine";
import { ensureDotnetSdkGen, ensureGoHost, ensureSdkGen, languageHostsHome } from "../../scripts/language-hosts";
import { signIn, type TestUserCredentials } from "../helpers/signin";
import { setupE2E, stackOutputs, type E2E } from "./harness";
import { PLUGIN_VERSION, pluginProjectFile } from "./plugin-harness";

const run = promisify(execFile);
const APP_ROUTE = "/v1/environments/{envId}/applications/{appId}";
const GO_SDK_MODULE = "example.com/pingone-oidc/sdk/go";
/** The Go host compiles the program, resolving its modules through the proxy the engine's build uses. */
const GO_ENV = { GOFLAGS: "-mod=mod" };

describe("the provider plugin from a Go program, with the generated Go SDK", function () {
  this.timeout(1_200_000);
  let e2e: E2E;
  let sdkgen: string;
  let schemaPath: string;
  let cwd: string;
  let stack: string;
  const ada: TestUserCredentials = { username: "ada", password: `pw-${randomBytes(12).toString("hex")}` };

  before(async () => {
    e2e = await setupE2E();
    const log = (line: string) => console.log(`    ${line}`);
    const [go, generator] = await Promise.all([ensureGoHost(e2e.engine, log), ensureSdkGen(log)]);
    sdkgen = generator;
    languageHostsHome(e2e.dirs.pulumiHome, { go });
    schemaPath = join(e2e.dirs.root, "schema.json");
    writeFileSync(schemaPath, JSON.stringify(pluginSchema(PLUGIN_VERSION)));
    e2e.emulator.createUser({ ...ada, email: "ada@example.com", givenName: "Ada", familyName: "Lovelace" });
  });
  after(() => e2e?.close());

  it("generates the Go SDK from the plugin's schema, and a Go program of it deploys an app and its secret, and an OidcClient", async () => {
    const sdk = join(e2e.dirs.root, "sdk", "go");
    await run(sdkgen, [schemaPath, "go", sdk]);
    assert.ok(existsSync(join(sdk, "pingoneoidc", "application.go")));
    writeFileSync(join(sdk, "go.mod"), `module ${GO_SDK_MODULE}\n\ngo 1.25.11\n\nrequire github.com/pulumi/pulumi/sdk/v3 ${CLI_VERSION}\n`);
    cwd = join(e2e.dirs.root, "go-program");
    mkdirSync(cwd, { recursive: true });
    copyFileSync(join(REPO_ROOT, "test", "fixtures", "plugin-go", "main.go"), join(cwd, "main.go"));
    writeFileSync(join(cwd, "Pulumi.yaml"), pluginProjectFile("plugin-go", "go"));
    writeFileSync(
      join(cwd, "go.mod"),
      `module plugin-go-program\n\ngo 1.25.11\n\nrequire (\n\t${GO_SDK_MODULE} v0.0.0\n\tgithub.com/pulumi/pulumi/sdk/v3 ${CLI_VERSION}\n)\n\nreplace ${GO_SDK_MODULE} => ${sdk}\n`,
    );
    await run("go", ["mod", "tidy"], { cwd, env: { ...process.env, ...GO_ENV }, maxBuffer: 16 * 1024 * 1024 });
    stack = await e2e.newStack(cwd, "go");
    await e2e.ok(["config", "set", "rotation", "1", "--stack", stack], cwd);
    await e2e.ok(["config", "set", "description", "first", "--stack", stack], cwd);
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd, GO_ENV);
    const out = await stackOutputs(e2e, cwd, stack);
    const exported = (await e2e.ok(["stack", "export", "--stack", stack], cwd)).stdout;
    assert.ok(String(out.secret).length >= 64);
    assert.ok(!exported.includes(String(out.secret)), "the secret is encrypted in state");
    const issuer = `${e2e.emulator.authUrl}/${e2e.emulator.environmentId}/as`;
    const signedIn = await signIn(
      { issuer, clientId: String(out.clientId), clientSecret: String(out.secret), authMethod: "CLIENT_SECRET_BASIC" },
      { redirectUri: String(out.redirect), user: ada, scope: "openid" },
    );
    assert.equal(signedIn.idClaims.aud, out.clientId);
    // The component, from Go: the issuer, client id and scopes it outputs sign in, under its policy and grant.
    assert.equal(out.spaIssuer, issuer);
    assert.deepEqual(out.spaScopes, ["openid", "profile", "email"]);
    const spa = await signIn(
      { issuer: String(out.spaIssuer), clientId: String(out.spaClientId), authMethod: "NONE" },
      { redirectUri: "https://example.com", user: ada, pkce: "S256", scope: out.spaScopes.join(" ") },
    );
    assert.equal(spa.idClaims.aud, out.spaClientId);
    assert.equal(spa.idClaims.acr, "Single_Factor");
    assert.equal(spa.idClaims.email, "ada@example.com");
  });

  it("a no-op preview sends 0 requests; a one-property change is one PUT", async () => {
    e2e.emulator.resetCounters();
    await e2e.ok(["preview", "--expect-no-changes", "--stack", stack], cwd, GO_ENV);
    assert.equal(e2e.emulator.counters().total, 0);
    await e2e.ok(["config", "set", "description", "second", "--stack", stack], cwd);
    e2e.emulator.resetCounters();
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd, GO_ENV);
    const writes = Object.entries(e2e.emulator.counters().byRoute).filter(([route]) => /^(PUT|POST|DELETE) \/v1/.test(route));
    assert.deepEqual(writes, [[`PUT ${APP_ROUTE}`, 1]]);
  });

  it("a new rotation value rotates with one POST …/secret; the old secret works until the overlap ends", async () => {
    const before = await stackOutputs(e2e, cwd, stack);
    await e2e.ok(["config", "set", "rotation", "2", "--stack", stack], cwd);
    e2e.emulator.resetCounters();
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd, GO_ENV);
    const writes = Object.entries(e2e.emulator.counters().byRoute).filter(([route]) => /^(PUT|POST|DELETE) \/v1/.test(route));
    assert.deepEqual(writes, [[`POST ${APP_ROUTE}/secret`, 1]]);
    const after = await stackOutputs(e2e, cwd, stack);
    assert.notEqual(after.secret, before.secret);
    assert.equal(after.previousSecret, before.secret);
    const issuer = `${e2e.emulator.authUrl}/${e2e.emulator.environmentId}/as`;
    for (const secret of [after.secret, after.previousSecret]) {
      const signedIn = await signIn(
        { issuer, clientId: String(after.clientId), clientSecret: String(secret), authMethod: "CLIENT_SECRET_BASIC" },
        { redirectUri: String(after.redirect), user: ada, scope: "openid" },
      );
      assert.equal(signedIn.idClaims.aud, after.clientId);
    }
  });

  it("destroy deletes both applications (and with them the secret), the component's grant and assignment", async () => {
    e2e.emulator.resetCounters();
    await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", stack], cwd, GO_ENV);
    const byRoute = e2e.emulator.counters().byRoute;
    assert.equal(byRoute[`DELETE ${APP_ROUTE}`], 2);
    assert.equal(byRoute[`DELETE ${APP_ROUTE}/grants/{grantId}`], 1);
    assert.equal(byRoute[`DELETE ${APP_ROUTE}/signOnPolicyAssignments/{assignmentId}`], 1);
    assert.deepEqual(e2e.emulator.applications(), []);
  });

  it("generates the Python, Node.js and .NET SDKs from the same schema; the Python one compiles", async () => {
    for (const language of ["python", "nodejs"]) await run(sdkgen, [schemaPath, language, join(e2e.dirs.root, "sdk", language)]);
    await run(await ensureDotnetSdkGen((line) => console.log(`    ${line}`)), [schemaPath, join(e2e.dirs.root, "sdk", "dotnet")]);
    const python = join(e2e.dirs.root, "sdk", "python", "pulumi_pingone_oidc");
    assert.ok(existsSync(join(python, "application.py")));
    assert.ok(existsSync(join(python, "oidc_client.py")), "the component, for Python");
    assert.ok(existsSync(join(e2e.dirs.root, "sdk", "nodejs", "application.ts")));
    assert.ok(existsSync(join(e2e.dirs.root, "sdk", "dotnet", "ApplicationSecret.cs")));
    assert.ok(existsSync(join(e2e.dirs.root, "sdk", "dotnet", "OidcClient.cs")), "the component, for .NET");
    await run("python3", ["-m", "compileall", "-q", python]);
  });
});
