/**
 * Each example is a runnable Pulumi project (TypeScript, as a consumer writes it), deployed with
 * the CLI against the emulator.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { SEED_000, SEED_001, SEED_002, SEED_003, SEED_004 } from "../fixtures/seeds";
import { appRequests, EXAMPLES, setupE2E, stackOutputs, type E2E } from "./harness";

describe("examples through the Pulumi engine", function () {
  this.timeout(600_000);
  let e2e: E2E;

  before(async () => {
    e2e = await setupE2E();
  });
  after(() => e2e?.close());

  function stored(id: unknown): Record<string, unknown> {
    const app = e2e.emulator.applications().find((a) => a.id === id);
    assert.ok(app, `application ${String(id)} exists`);
    return app;
  }

  it("web-app-auth-code-refresh (seed 001): up creates the web app with a secret, destroy removes it", async () => {
    const cwd = join(EXAMPLES, "web-app-auth-code-refresh");
    const stack = await e2e.newStack(cwd, "web");
    await e2e.ok(["up", "--yes", "--stack", stack], cwd);
    const out = await stackOutputs(e2e, cwd, stack);
    const app = stored(out.applicationId);
    for (const key of ["type", "grantTypes", "responseTypes", "tokenEndpointAuthMethod", "description"]) assert.deepEqual(app[key], SEED_001.response[key], key);
    assert.equal(typeof out.clientSecret, "string");
    assert.equal(out.issuer, `${e2e.emulator.authUrl}/${e2e.emulator.environmentId}/as`);
    await e2e.ok(["destroy", "--yes", "--stack", stack], cwd);
    assert.equal(e2e.emulator.applications().some((a) => a.id === out.applicationId), false);
  });

  it("spa-pkce (seed 002): a public client with S256 PKCE and no secret", async () => {
    const cwd = join(EXAMPLES, "spa-pkce");
    const stack = await e2e.newStack(cwd, "spa");
    await e2e.ok(["up", "--yes", "--stack", stack], cwd);
    const out = await stackOutputs(e2e, cwd, stack);
    const app = stored(out.applicationId);
    for (const key of ["type", "tokenEndpointAuthMethod", "pkceEnforcement", "refreshTokenDuration", "refreshTokenRollingDuration"]) assert.deepEqual(app[key], SEED_002.response[key], key);
    await e2e.ok(["destroy", "--yes", "--stack", stack], cwd);
  });

  it("shared-web-app (seeds 000 → 003 → 004): each stage change is exactly one PUT to the same app", async () => {
    const cwd = join(EXAMPLES, "shared-web-app");
    const stack = await e2e.newStack(cwd, "shared");
    await e2e.ok(["up", "--yes", "--stack", stack], cwd);
    const first = await stackOutputs(e2e, cwd, stack);
    for (const seed of [SEED_000, SEED_003, SEED_004]) {
      await e2e.ok(["config", "set", "stage", seed.seed, "--stack", stack], cwd);
      e2e.emulator.resetCounters();
      await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
      assert.deepEqual(appRequests(e2e.emulator), { GET: 0, POST: 0, PUT: 1, DELETE: 0 }, `stage ${seed.seed}`);
      const app = stored(first.applicationId);
      for (const key of ["grantTypes", "tokenEndpointAuthMethod", "description", "redirectUris"]) {
        assert.deepEqual(app[key], seed.response[key], `stage ${seed.seed}: ${key}`);
      }
    }
    const last = await stackOutputs(e2e, cwd, stack);
    assert.equal(last.applicationId, first.applicationId, "the same app all along");
    assert.equal(last.clientSecret, first.clientSecret, "PUTs do not rotate the secret");
    await e2e.ok(["destroy", "--yes", "--stack", stack], cwd);
  });
});
