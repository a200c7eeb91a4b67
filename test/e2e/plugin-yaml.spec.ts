/**
 * The provider plugin (plugin/, `pingone-oidc`) from a Pulumi YAML program, through the real
 * engine and the YAML language host built from Go modules: seed 001's web app with an openid
 * grant and a sign-on policy assignment, and seed 002's SPA, deployed to the emulator; openid-client
 * signs in with what was deployed; a no-op preview sends nothing; a one-property change is one
 * PUT; credentials from stack config (a secret clientSecret) work and stay encrypted; destroy is clean.
 */
import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SEED_001, SEED_002 } from "../fixtures/seeds";
import { signIn, type TestUserCredentials } from "../helpers/signin";
import { setupE2E, stackOutputs, type E2E } from "./harness";
import { preparePluginHome, yamlProgram, yamlProject } from "./plugin-harness";

const APP_ROUTE = "/v1/environments/{envId}/applications/{appId}";

/** Seed 001's web app with its grant and sign-on policy, and seed 002's SPA, as a YAML program declares them. */
function seedProgram(webDescription: string): string {
  return yamlProgram(
    "plugin-seeds",
    {
      web: { type: "pingone-oidc:index:Application", properties: { ...SEED_001.body, description: webDescription } },
      webOpenid: {
        type: "pingone-oidc:index:ApplicationResourceGrant",
        properties: { applicationId: "${web.id}", resourceName: "openid", scopes: ["profile", "email"] },
      },
      webSignOn: {
        type: "pingone-oidc:index:ApplicationSignOnPolicyAssignment",
        properties: { applicationId: "${web.id}", signOnPolicyName: "Single_Factor", priority: 1 },
      },
      spa: { type: "pingone-oidc:index:Application", properties: SEED_002.body },
    },
    {
      webId: "${web.id}",
      webClientId: "${web.clientId}",
      webClientSecret: "${web.clientSecret}",
      webRedirect: "${web.redirectUris[0]}",
      spaClientId: "${spa.clientId}",
      spaRedirect: "${spa.redirectUris[0]}",
      grantScopes: "${webOpenid.scopeIds}",
    },
  );
}

describe("the provider plugin from a Pulumi YAML program (pingone-oidc)", function () {
  this.timeout(900_000);
  let e2e: E2E;
  let cwd: string;
  let stack: string;
  let issuer: string;
  const ada: TestUserCredentials = { username: "ada", password: `pw-${randomBytes(12).toString("hex")}` };

  before(async () => {
    e2e = await setupE2E();
    await preparePluginHome(e2e);
    cwd = yamlProject(e2e, "yaml-program", seedProgram(String(SEED_001.body.description)));
    stack = await e2e.newStack(cwd, "yaml");
    issuer = `${e2e.emulator.authUrl}/${e2e.emulator.environmentId}/as`;
    e2e.emulator.createUser({ ...ada, email: "ada@example.com", givenName: "Ada", familyName: "Lovelace" });
  });
  after(() => e2e?.close());

  let out: Record<string, unknown>;

  it("up deploys the web app, its grant and sign-on policy, and the SPA; the client secret is a secret in state and logs", async () => {
    const up = await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
    out = await stackOutputs(e2e, cwd, stack);
    const secret = String(out.webClientSecret);
    assert.ok(secret.length >= 64, "PingOne's secret");
    const exported = (await e2e.ok(["stack", "export", "--stack", stack], cwd)).stdout;
    assert.ok(!exported.includes(secret), "the state holds no plaintext client secret");
    assert.ok(!`${up.stdout}${up.stderr}`.includes(secret), "nor do the engine's default logs");
    assert.ok(!exported.includes(e2e.env.PINGONE_CLIENT_SECRET), "nor the worker's secret");
    const apps = e2e.emulator.applications();
    assert.equal(apps.length, 2);
    assert.deepEqual((out.grantScopes as unknown[]).length, 2);
  });

  it("openid-client signs in to both apps with what was deployed", async () => {
    const web = await signIn(
      { issuer, clientId: String(out.webClientId), clientSecret: String(out.webClientSecret), authMethod: "CLIENT_SECRET_BASIC" },
      { redirectUri: String(out.webRedirect), user: ada },
    );
    assert.equal(web.idClaims.aud, out.webClientId);
    assert.equal(web.idClaims.acr, "Single_Factor", "the assigned sign-on policy");
    assert.match(String(web.accessClaims.scope), /profile/);
    const spa = await signIn(
      { issuer, clientId: String(out.spaClientId), authMethod: "NONE" },
      {
        redirectUri: String(out.spaRedirect),
        user: ada,
        pkce: "S256",
        // The SPA has no grant, so it may ask for "openid" only.
        scope: "openid",
      },
    );
    assert.equal(spa.idClaims.aud, out.spaClientId);
  });

  it("a no-op preview sends 0 requests; a one-property change is one PUT", async () => {
    e2e.emulator.resetCounters();
    await e2e.ok(["preview", "--expect-no-changes", "--stack", stack], cwd);
    assert.equal(e2e.emulator.counters().total, 0, "no request for a no-op preview");
    writeFileSync(join(cwd, "Pulumi.yaml"), seedProgram("Changed by the YAML program"));
    e2e.emulator.resetCounters();
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
    const byRoute = e2e.emulator.counters().byRoute;
    const writes = Object.entries(byRoute).filter(([route]) => /^(PUT|POST|DELETE) \/v1/.test(route));
    assert.deepEqual(writes, [[`PUT ${APP_ROUTE}`, 1]]);
    const web = e2e.emulator.applications().find((a) => a.id === out.webId);
    assert.equal(web?.description, "Changed by the YAML program");
  });

  it("credentials from stack config, the client secret set with --secret, work with no PINGONE_* credentials in the environment", async () => {
    const configCwd = yamlProject(
      e2e,
      "yaml-config",
      yamlProgram(
        "plugin-config",
        {
          worker: {
            type: "pingone-oidc:index:Application",
            properties: { name: "Config Worker", type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" },
          },
        },
        { workerId: "${worker.id}" },
      ),
    );
    const configStack = await e2e.newStack(configCwd, "config");
    const noCredentials = { PINGONE_CLIENT_ID: "", PINGONE_CLIENT_SECRET: "" };
    // key=value in one argument: a random secret may begin with "-", which `config set` would read as a flag.
    await e2e.ok(
      [
        "config",
        "set-all",
        "--stack",
        configStack,
        "--plaintext",
        `pingone-oidc:clientId=${e2e.env.PINGONE_CLIENT_ID}`,
        "--secret",
        `pingone-oidc:clientSecret=${e2e.env.PINGONE_CLIENT_SECRET}`,
      ],
      configCwd,
    );
    const up = await e2e.ok(["up", "--yes", "--skip-preview", "--stack", configStack], configCwd, noCredentials);
    const exported = (await e2e.ok(["stack", "export", "--stack", configStack], configCwd)).stdout;
    const config = readFileSync(join(configCwd, `Pulumi.${configStack}.yaml`), "utf8");
    for (const text of [exported, config, up.stdout, up.stderr])
      assert.ok(!text.includes(e2e.env.PINGONE_CLIENT_SECRET), "the worker's secret stays encrypted");
    await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", configStack], configCwd, noCredentials);
  });

  it("destroy deletes the grant, the assignment and both apps", async () => {
    e2e.emulator.resetCounters();
    await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", stack], cwd);
    const byRoute = e2e.emulator.counters().byRoute;
    assert.equal(byRoute[`DELETE ${APP_ROUTE}`], 2);
    assert.equal(byRoute[`DELETE ${APP_ROUTE}/grants/{grantId}`], 1);
    assert.equal(byRoute[`DELETE ${APP_ROUTE}/signOnPolicyAssignments/{assignmentId}`], 1);
    assert.deepEqual(e2e.emulator.applications(), []);
  });
});
