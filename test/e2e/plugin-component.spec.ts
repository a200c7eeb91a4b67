/**
 * The provider plugin's `OidcClient` component from a Pulumi YAML program, through the real
 * engine: the engine asks the plugin to `construct` it, and the plugin registers the application,
 * its openid grant and its sign-on policy assignment by the plugin's own tokens. Seed 001's web
 * app with a Single_Factor policy and seed 002's SPA; openid-client signs in with the component's
 * outputs (issuer, client id, secret, scopes); a no-op preview sends nothing; a one-property change
 * is one PUT; a bad option fails the preview before any request, naming the option; the README's
 * YAML program deploys as printed and signs in; destroy is clean.
 */
import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { REPO_ROOT } from "../../scripts/engine";
import { PLUGIN_PROVIDERS } from "../../scripts/language-hosts";
import { SEED_001, SEED_002 } from "../fixtures/seeds";
import { signIn, type TestUserCredentials } from "../helpers/signin";
import { setupE2E, stackOutputs, type E2E } from "./harness";
import { preparePluginHome, yamlProgram, yamlProject } from "./plugin-harness";

/** The README's YAML program for the plugin (its section "Every Pulumi language"), as it is printed there. */
function readmeProgram(): { plugins: unknown; resources: Record<string, { properties: { application: { redirectUris: string[] } } }> } {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Every Pulumi language"));
  const block = /```yaml\n([\s\S]*?)```/.exec(section);
  assert.ok(block, "the README's plugin section has a YAML program");
  return parse(block[1]) as ReturnType<typeof readmeProgram>;
}

const APP_ROUTE = "/v1/environments/{envId}/applications/{appId}";
const CLIENT = "pingone-oidc:index:OidcClient";

/** Writes to PingOne, by route, from the emulator's counters. */
function writes(e2e: E2E): [string, number][] {
  return Object.entries(e2e.emulator.counters().byRoute).filter(([route]) => /^(PUT|POST|DELETE) \/v1/.test(route));
}

/** Two OidcClients as a YAML program declares them; `extra` adds resources. */
function clientsProgram(webDescription: string, extra: Record<string, unknown> = {}): string {
  const outputs: Record<string, string> = {};
  for (const client of ["web", "spa"])
    for (const key of ["applicationId", "grantId", "signOnPolicyAssignmentId", "clientId", "clientSecret", "issuer", "scopes", "tokenEndpoint"])
      outputs[`${client}.${key}`] = `\${${client}.${key}}`;
  return yamlProgram(
    "plugin-component",
    {
      web: {
        type: CLIENT,
        properties: { application: { ...SEED_001.body, description: webDescription }, signOnPolicy: { name: "Single_Factor" } },
      },
      spa: { type: CLIENT, properties: { application: SEED_002.body, scopes: ["openid", "profile"] } },
      ...extra,
    },
    Object.fromEntries(Object.entries(outputs).map(([key, value]) => [key.replace(".", "_"), value])),
  );
}

describe("the provider plugin's OidcClient component from a Pulumi YAML program (construct)", function () {
  this.timeout(900_000);
  let e2e: E2E;
  let cwd: string;
  let stack: string;
  let out: Record<string, unknown>;
  const ada: TestUserCredentials = { username: "ada", password: `pw-${randomBytes(12).toString("hex")}` };

  before(async () => {
    e2e = await setupE2E();
    await preparePluginHome(e2e);
    cwd = yamlProject(e2e, "yaml-component", clientsProgram(String(SEED_001.body.description)));
    stack = await e2e.newStack(cwd, "component");
    e2e.emulator.createUser({ ...ada, email: "ada@example.com", givenName: "Ada", familyName: "Lovelace" });
  });
  after(() => e2e?.close());

  it("up builds each client's application, grant and assignment by the plugin's tokens, under the component", async () => {
    e2e.emulator.resetCounters();
    const up = await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
    out = await stackOutputs(e2e, cwd, stack);
    assert.deepEqual(writes(e2e).sort(), [
      [`POST /v1/environments/{envId}/applications`, 2],
      [`POST ${APP_ROUTE}/grants`, 2],
      [`POST ${APP_ROUTE}/signOnPolicyAssignments`, 1],
    ]);
    const state = JSON.parse((await e2e.ok(["stack", "export", "--stack", stack], cwd)).stdout) as {
      deployment: { resources: { urn: string; type: string; parent?: string; outputs?: Record<string, unknown> }[] };
    };
    const resources = state.deployment.resources;
    const web = resources.find((r) => r.type === CLIENT && r.urn.endsWith("::web"));
    assert.ok(web, "the component is in state");
    const children = resources.filter((r) => r.parent === web.urn).map((r) => `${r.type} ${r.urn.split("::").pop()}`);
    assert.deepEqual(children.sort(), [
      "pingone-oidc:index:Application web",
      "pingone-oidc:index:ApplicationResourceGrant web-openid",
      "pingone-oidc:index:ApplicationSignOnPolicyAssignment web-sign-on-policy",
    ]);
    const spaChildren = resources.filter((r) => r.parent?.endsWith("::spa")).map((r) => r.type);
    assert.deepEqual(spaChildren.sort(), ["pingone-oidc:index:Application", "pingone-oidc:index:ApplicationResourceGrant"]);
    // The component's outputs: ids of its children, the environment's issuer and endpoints.
    const issuer = `${e2e.emulator.authUrl}/${e2e.emulator.environmentId}/as`;
    assert.equal(out.web_issuer, issuer);
    assert.equal(out.web_tokenEndpoint, `${issuer}/token`);
    assert.deepEqual(out.web_scopes, ["openid", "profile", "email"]);
    assert.deepEqual(out.spa_scopes, ["openid", "profile"]);
    assert.equal(out.spa_signOnPolicyAssignmentId, null, "no signOnPolicy, no assignment: YAML reads the absent output as null");
    const apps = e2e.emulator.applications();
    assert.deepEqual(apps.map((a) => a.id).sort(), [out.web_applicationId, out.spa_applicationId].sort());
    // The secret: a secret in the component's outputs and the child's, never plaintext in state or logs.
    const secret = String(out.web_clientSecret);
    assert.ok(secret.length >= 64, "PingOne's secret");
    const exported = JSON.stringify(state);
    assert.ok(!exported.includes(secret), "the state holds no plaintext client secret");
    assert.ok(!`${up.stdout}${up.stderr}`.includes(secret), "nor do the engine's default logs");
  });

  it("openid-client signs in to both clients with the component's outputs", async () => {
    const web = await signIn(
      { issuer: String(out.web_issuer), clientId: String(out.web_clientId), clientSecret: String(out.web_clientSecret), authMethod: "CLIENT_SECRET_BASIC" },
      { redirectUri: String(SEED_001.body.redirectUris?.[0]), user: ada, scope: (out.web_scopes as string[]).join(" ") },
    );
    assert.equal(web.idClaims.aud, out.web_clientId);
    assert.equal(web.idClaims.acr, "Single_Factor", "the assigned sign-on policy");
    assert.equal(web.idClaims.email, "ada@example.com", "the granted email scope");
    const spa = await signIn(
      { issuer: String(out.spa_issuer), clientId: String(out.spa_clientId), authMethod: "NONE" },
      { redirectUri: String(SEED_002.body.redirectUris?.[0]), user: ada, pkce: "S256", scope: (out.spa_scopes as string[]).join(" ") },
    );
    assert.equal(spa.idClaims.aud, out.spa_clientId);
    assert.match(String(spa.accessClaims.scope), /profile/);
  });

  it("a no-op preview sends 0 requests; a change of one application property is one PUT", async () => {
    e2e.emulator.resetCounters();
    const preview = await e2e.ok(["preview", "--expect-no-changes", "--stack", stack], cwd);
    assert.equal(e2e.emulator.counters().total, 0, "no request for a no-op preview");
    // The SPA has no assignment: its signOnPolicyAssignmentId is known to be absent, not shown as to be computed.
    assert.doesNotMatch(preview.stdout, /\[unknown\]/);
    writeFileSync(join(cwd, "Pulumi.yaml"), clientsProgram("Changed through the component"));
    e2e.emulator.resetCounters();
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
    assert.deepEqual(writes(e2e), [[`PUT ${APP_ROUTE}`, 1]]);
    assert.equal(e2e.emulator.applications().find((a) => a.id === out.web_applicationId)?.description, "Changed through the component");
  });

  it("a bad option fails the preview before any request, naming the component, the option and the allowed values", async () => {
    const bad = { bad: { type: CLIENT, properties: { application: SEED_002.body, scopes: ["openid", "offline"] } } };
    writeFileSync(join(cwd, "Pulumi.yaml"), clientsProgram("Changed through the component", bad));
    e2e.emulator.resetCounters();
    const preview = await e2e.run(["preview", "--stack", stack], cwd);
    assert.notEqual(preview.code, 0);
    assert.match(
      preview.stdout + preview.stderr,
      /OidcClient "bad": scopes\[1\] "offline" is not an OpenID Connect scope; allowed values: openid, profile, email, address, phone/,
    );
    assert.deepEqual(writes(e2e), [], "nothing written");
    writeFileSync(join(cwd, "Pulumi.yaml"), clientsProgram("Changed through the component"));
  });

  it("options given as secrets or from other resources' outputs: a secret application, a secret scope, a secret signOnPolicy unknown at preview", async () => {
    const dependentCwd = yamlProject(
      e2e,
      "yaml-dependent",
      yamlProgram(
        "plugin-dependent",
        {
          base: {
            type: "pingone-oidc:index:Application",
            properties: { type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" },
          },
          dep: {
            type: CLIENT,
            properties: {
              application: { "fn::secret": { ...SEED_001.body, description: "${base.clientId}" } },
              scopes: ["openid", { "fn::secret": "profile" }],
              // Unknown until base exists: the first preview sees neither name nor id.
              signOnPolicy: { "fn::secret": { name: { "fn::select": [0, ["Single_Factor", "${base.clientId}"]] } } },
            },
          },
        },
        { clientId: "${dep.clientId}", clientSecret: "${dep.clientSecret}", issuer: "${dep.issuer}", baseClientId: "${base.clientId}" },
      ),
    );
    const dependentStack = await e2e.newStack(dependentCwd, "dependent");
    await e2e.ok(["preview", "--stack", dependentStack], dependentCwd);
    e2e.emulator.resetCounters();
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", dependentStack], dependentCwd);
    assert.deepEqual(writes(e2e).sort(), [
      [`POST /v1/environments/{envId}/applications`, 2],
      [`POST ${APP_ROUTE}/grants`, 1],
      [`POST ${APP_ROUTE}/signOnPolicyAssignments`, 1],
    ]);
    const depOut = await stackOutputs(e2e, dependentCwd, dependentStack);
    const app = e2e.emulator.applications().find((a) => a.id === depOut.clientId);
    assert.equal(app?.description, depOut.baseClientId, "the description from the other resource");
    const signedIn = await signIn(
      { issuer: String(depOut.issuer), clientId: String(depOut.clientId), clientSecret: String(depOut.clientSecret), authMethod: "CLIENT_SECRET_BASIC" },
      { redirectUri: String(SEED_001.body.redirectUris?.[0]), user: ada, scope: "openid profile" },
    );
    assert.equal(signedIn.idClaims.acr, "Single_Factor");
    e2e.emulator.resetCounters();
    await e2e.ok(["preview", "--expect-no-changes", "--stack", dependentStack], dependentCwd);
    assert.equal(e2e.emulator.counters().total, 0, "no request for a no-op preview");
    await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", dependentStack], dependentCwd);
  });

  it("the README's YAML program deploys as printed, and openid-client signs in with the outputs it names", async () => {
    const program = readmeProgram();
    const [name] = Object.keys(program.resources);
    const outputs = { issuer: `\${${name}.issuer}`, clientId: `\${${name}.clientId}`, clientSecret: `\${${name}.clientSecret}`, scopes: `\${${name}.scopes}` };
    // The README names the installed package's plugin (package.spec.ts runs that path from the packed
    // tarball); here the repository's own plugin stands in for it.
    assert.deepEqual(program.plugins, { providers: [{ name: "pingone-oidc", path: "./node_modules/pulumi-pingone/plugin/bin" }] });
    const readmeCwd = yamlProject(e2e, "yaml-readme", stringify({ name: "readme", runtime: "yaml", ...program, plugins: PLUGIN_PROVIDERS, outputs }));
    const readmeStack = await e2e.newStack(readmeCwd, "readme");
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", readmeStack], readmeCwd);
    const readmeOut = await stackOutputs(e2e, readmeCwd, readmeStack);
    const client = { issuer: String(readmeOut.issuer), clientId: String(readmeOut.clientId), clientSecret: String(readmeOut.clientSecret) };
    const signedIn = await signIn(
      { ...client, authMethod: "CLIENT_SECRET_BASIC" },
      { redirectUri: program.resources[name].properties.application.redirectUris[0], user: ada, scope: (readmeOut.scopes as string[]).join(" ") },
    );
    assert.equal(signedIn.idClaims.aud, readmeOut.clientId);
    assert.equal(signedIn.idClaims.acr, "Single_Factor");
    await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", readmeStack], readmeCwd);
  });

  it("destroy deletes both clients' assignment, grants and applications", async () => {
    e2e.emulator.resetCounters();
    await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", stack], cwd);
    const byRoute = e2e.emulator.counters().byRoute;
    assert.equal(byRoute[`DELETE ${APP_ROUTE}`], 2);
    assert.equal(byRoute[`DELETE ${APP_ROUTE}/grants/{grantId}`], 2);
    assert.equal(byRoute[`DELETE ${APP_ROUTE}/signOnPolicyAssignments/{assignmentId}`], 1);
    assert.deepEqual(e2e.emulator.applications(), []);
  });
});
