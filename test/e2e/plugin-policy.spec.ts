/**
 * The policy pack on the provider plugin's resources through the real engine: `pulumi preview
 * --policy-pack ./policy` of a YAML program of `pingone-oidc:index:*` resources fails on a public
 * client without PKCE before any request, declared by itself or through the OidcClient component,
 * and passes the same client with S256 PKCE. The built
 * engine runs Node.js policy packs through the analyzer shim, in a PULUMI_HOME without the
 * Node.js language host (scripts/engine.ts); the YAML host is there for the program.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { pluginHome, REPO_ROOT } from "../../scripts/engine";
import { ensureYamlHost, languageHostsHome } from "../../scripts/language-hosts";
import { SEED_002 } from "../fixtures/seeds";
import { setupE2E, type E2E } from "./harness";
import { yamlProgram, yamlProject } from "./plugin-harness";

describe("the policy pack on the provider plugin's resources, at pulumi preview", function () {
  this.timeout(600_000);
  let e2e: E2E;
  let policyHome: Record<string, string>;

  before(async () => {
    e2e = await setupE2E();
    const home = pluginHome(e2e.engine, e2e.dirs.inlinePulumiHome, "policy");
    languageHostsHome(home, { yaml: await ensureYamlHost(e2e.engine, (line) => console.log(`    ${line}`)) });
    policyHome = { PULUMI_HOME: home };
  });
  after(() => e2e?.close());

  /** Seed 002's SPA with this PKCE setting, declared by itself or through an OidcClient. */
  function spa(pkceEnforcement: string, through: "Application" | "OidcClient"): Record<string, unknown> {
    const application = { ...SEED_002.body, pkceEnforcement };
    const properties = through === "Application" ? application : { application };
    return { spa: { type: `pingone-oidc:index:${through}`, properties } };
  }

  async function preview(
    name: string,
    pkceEnforcement: string,
    through: "Application" | "OidcClient" = "Application",
  ): Promise<{ code: number; output: string }> {
    const cwd = yamlProject(e2e, name, yamlProgram(name, spa(pkceEnforcement, through)));
    const stack = await e2e.newStack(cwd, name);
    e2e.emulator.resetCounters();
    const result = await e2e.run(["preview", "--policy-pack", join(REPO_ROOT, "policy"), "--stack", stack], cwd, policyHome);
    assert.equal(e2e.emulator.counters().total, 0, "the pack judges before any request");
    return { code: result.code, output: `${result.stdout}${result.stderr}` };
  }

  it("a single-page app without PKCE fails the preview with the mandatory finding, as the dynamic one does", async () => {
    const { code, output } = await preview("spa-no-pkce", "OPTIONAL");
    assert.notEqual(code, 0, output);
    assert.match(output, /\[mandatory\].*pkce-required-for-public-clients/);
    assert.match(output, /pingone-oidc:index:Application/);
  });

  it("the same app declared by the OidcClient component fails the same way: the pack judges the children construct registers", async () => {
    const { code, output } = await preview("client-no-pkce", "OPTIONAL", "OidcClient");
    assert.notEqual(code, 0, output);
    assert.match(output, /\[mandatory\].*pkce-required-for-public-clients/);
    assert.match(output, /pingone-oidc:index:Application/);
  });

  it("the same app with S256 PKCE passes with no mandatory finding", async () => {
    const { code, output } = await preview("spa-s256", "S256_REQUIRED");
    assert.equal(code, 0, output);
    assert.doesNotMatch(output, /\[mandatory\]/);
    assert.match(output, /pingone-oauth-guardrails/, "the pack ran");
  });
});
