/**
 * The policy pack through the real engine: `pulumi preview/up --policy-pack ./policy` (driven by
 * the Automation API; see scripts/engine.ts for why policy runs use inline programs with the
 * locally built engine) on the examples, and the stack rule that joins a grant to its application
 * through the engine's own dependency records.
 */
import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { OidcClient } from "../../provider";
import { REPO_ROOT } from "../../scripts/engine";
import { inlineStack } from "../../scripts/workspace";
import { setupE2E, type E2E } from "./harness";

const POLICY_PACK = join(REPO_ROOT, "policy");

/** An example's compiled program, loaded afresh on every run as the engine would load it. */
function exampleProgram(name: string): () => Promise<Record<string, unknown>> {
  const path = join(REPO_ROOT, "dist", "examples", name, "index.js");
  return () => {
    delete require.cache[require.resolve(path)];

    return Promise.resolve(require(path) as Record<string, unknown>);
  };
}

interface Outcome {
  ok: boolean;
  output: string;
}

async function attempt(run: (onOutput: (text: string) => void) => Promise<unknown>): Promise<Outcome> {
  let output = "";
  try {
    await run((text) => (output += text));
    return { ok: true, output };
  } catch (error) {
    return { ok: false, output: `${output}\n${error instanceof Error ? error.message : String(error)}` };
  }
}

describe("policy pack through the Pulumi engine", function () {
  this.timeout(600_000);
  let e2e: E2E;
  let savedEnv: NodeJS.ProcessEnv;

  before(async () => {
    e2e = await setupE2E();
    // Inline programs run in this process: they read the provider settings from it.
    savedEnv = { ...process.env };
    Object.assign(process.env, e2e.env);
  });
  after(async () => {
    process.env = savedEnv;
    await e2e?.close();
  });

  async function exampleStack(example: string, stackName: string): Promise<Stack> {
    return inlineStack(e2e.engine, e2e.dirs, { projectName: example, stackName, program: exampleProgram(example), env: e2e.env });
  }

  function configFile(name: string, config: Record<string, unknown>): string {
    const path = join(e2e.dirs.root, `${name}.json`);
    writeFileSync(path, JSON.stringify(config));
    return path;
  }

  it("preview of the SPA without S256 PKCE fails with the mandatory violation, before any request", async () => {
    const stack = await exampleStack("spa-pkce", "insecure");
    await stack.setConfig("pkceEnforcement", { value: "OPTIONAL" });
    e2e.emulator.resetCounters();
    const outcome = await attempt((onOutput) => stack.preview({ policyPacks: [POLICY_PACK], onOutput }));
    assert.equal(outcome.ok, false, "the preview must fail");
    assert.match(outcome.output, /\[mandatory\].*pkce-required-for-public-clients/);
    assert.match(outcome.output, /pkceEnforcement/);
    assert.match(outcome.output, /S256_REQUIRED/, "the message says the fix");
    assert.equal(e2e.emulator.applications().length, 0);
  });

  for (const example of ["spa-pkce", "web-app-auth-code-refresh"]) {
    it(`the secure example ${example} passes with no mandatory violation`, async () => {
      const stack = await exampleStack(example, "secure");
      const outcome = await attempt((onOutput) => stack.preview({ policyPacks: [POLICY_PACK], onOutput }));
      assert.equal(outcome.ok, true, outcome.output);
      assert.doesNotMatch(outcome.output, /\[mandatory\]/);
      assert.match(outcome.output, /pingone-oauth-guardrails/, "the pack ran");
    });
  }

  it("a --policy-pack-config that lowers the rules to advisory lets the preview pass with a warning", async () => {
    const stack = await exampleStack("spa-pkce", "lowered");
    await stack.setConfig("pkceEnforcement", { value: "OPTIONAL" });
    const config = configFile("advisory", { "pkce-required-for-public-clients": "advisory", "pkce-s256-required": "advisory" });
    const outcome = await attempt((onOutput) => stack.preview({ policyPacks: [POLICY_PACK], policyPackConfigs: [config], onOutput }));
    assert.equal(outcome.ok, true, outcome.output);
    assert.match(outcome.output, /\[advisory\].*pkce-required-for-public-clients/);
    assert.doesNotMatch(outcome.output, /\[mandatory\]/);
  });

  it("A01 joins an OidcClient's grant to its app while the app's id is unknown: OpenID scopes on a worker fail the preview", async () => {
    const worker = (scopes?: string[]) => () => {
      const client = new OidcClient("batch", {
        application: { enabled: true, name: "batch", type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" },
        scopes,
      });
      return Promise.resolve({ clientId: client.clientId, granted: client.grant !== undefined });
    };
    const granted = await inlineStack(e2e.engine, e2e.dirs, {
      projectName: "worker-scopes",
      stackName: "granted",
      program: worker(["openid", "profile"]),
      env: e2e.env,
    });
    e2e.emulator.resetCounters();
    const outcome = await attempt((onOutput) => granted.preview({ policyPacks: [POLICY_PACK], onOutput }));
    assert.equal(outcome.ok, false, "the preview must fail");
    assert.match(outcome.output, /\[mandatory\].*openid-scopes-need-user-sign-in/);
    assert.match(
      outcome.output,
      /ApplicationResourceGrant "batch-openid" grants the openid resource's scopes profile to Application "batch", which cannot use them: it is a WORKER app with the CLIENT_CREDENTIALS grant type/,
    );
    assert.equal(e2e.emulator.applications().length, 0, "nothing was created");

    // OidcClient's default for the same worker: no grant, so nothing to flag.
    const plain = await inlineStack(e2e.engine, e2e.dirs, { projectName: "worker-scopes", stackName: "default", program: worker(), env: e2e.env });
    const passed = await attempt((onOutput) => plain.preview({ policyPacks: [POLICY_PACK], onOutput }));
    assert.equal(passed.ok, true, passed.output);
    assert.doesNotMatch(passed.output, /openid-scopes-need-user-sign-in.*\n.*batch-openid/);
    assert.doesNotMatch(passed.output, /\[mandatory\]/);
  });

  it("remediation changes the inputs that are deployed", async () => {
    const stack = await exampleStack("spa-pkce", "remediated");
    await stack.setConfig("pkceEnforcement", { value: "OPTIONAL" });
    const config = configFile("remediate", { "pkce-required-for-public-clients": "remediate", "pkce-s256-required": "remediate" });
    const outcome = await attempt((onOutput) => stack.up({ policyPacks: [POLICY_PACK], policyPackConfigs: [config], onOutput }));
    assert.equal(outcome.ok, true, outcome.output);
    const outputs = await stack.outputs();
    const app = e2e.emulator.applications().find((a) => a.id === outputs.applicationId.value);
    assert.ok(app, "deployed");
    assert.equal(app.pkceEnforcement, "S256_REQUIRED", "the program said OPTIONAL; the pack remediated it");
    await stack.destroy();
  });
});
