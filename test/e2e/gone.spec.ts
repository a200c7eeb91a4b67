/**
 * Issue #17, item 4, through the real engine: one `pulumi refresh --yes` with PINGONE_API_URL
 * missing `/v1` took a stack from 3 applications to 0, and the next `up` left 3 orphans. The
 * refresh must fail naming the URL, keep all 3 in state, and the next `up` with the right URL must
 * change nothing.
 */
import { strict as assert } from "node:assert";
import { SEED_001, SEED_002 } from "../fixtures/seeds";
import { APPLICATION_TYPE_TOKEN } from "../../provider/resources";
import { appRequests, FIXTURE_PROJECT, setupE2E, stackOutputs, type E2E } from "./harness";

interface Checkpoint {
  deployment: { resources?: { type: string; id?: string }[] };
}

describe("end to end: a refresh against a wrong base URL keeps the state", function () {
  this.timeout(300_000);
  let e2e: E2E;
  let stack: string;
  const cwd = FIXTURE_PROJECT;

  before(async () => {
    e2e = await setupE2E();
    stack = await e2e.newStack(cwd, "gone");
  });
  after(async () => {
    if (stack) await e2e.run(["destroy", "--yes", "--skip-preview", "--stack", stack], cwd);
    await e2e?.close();
  });

  async function appsInState(): Promise<string[]> {
    const exported = JSON.parse((await e2e.ok(["stack", "export", "--stack", stack], cwd)).stdout) as Checkpoint;
    return (exported.deployment.resources ?? []).filter((r) => r.type === APPLICATION_TYPE_TOKEN).map((r) => String(r.id));
  }

  it("`pulumi refresh --yes` with apiUrl missing /v1 fails naming the URL; state keeps 3 apps; the next up creates nothing", async () => {
    const apps = {
      web: { ...SEED_001.body, name: undefined },
      spa: { ...SEED_002.body, name: undefined },
      api: { ...SEED_001.body, name: undefined, description: "third" },
    };
    await e2e.ok(["config", "set", "apps", JSON.stringify(apps), "--stack", stack], cwd);
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
    const before = await appsInState();
    assert.equal(before.length, 3, `3 apps in state: ${before.join(", ")}`);

    const refresh = await e2e.run(["refresh", "--yes", "--skip-preview", "--stack", stack], cwd, { PINGONE_API_URL: e2e.emulator.baseUrl });
    const output = `${refresh.stdout}\n${refresh.stderr}`;
    assert.notEqual(refresh.code, 0, `the refresh fails:\n${output}`);
    const id = before[0];
    assert.ok(
      before.some((appId) => output.includes(`${e2e.emulator.baseUrl}/environments/${e2e.emulator.environmentId}/applications/${appId}`)),
      `the error names the URL that failed (e.g. …/applications/${id}):\n${output}`,
    );
    assert.match(output, /PINGONE_API_URL|apiUrl/);
    assert.equal(output.includes(e2e.emulator.clientSecret), false, "no worker secret in the output");
    assert.deepEqual((await appsInState()).sort(), [...before].sort(), "state still holds the 3 apps");

    e2e.emulator.resetCounters();
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
    assert.equal(appRequests(e2e.emulator).POST, 0, "nothing recreated, so nothing orphaned");
    const out = (await stackOutputs(e2e, cwd, stack)) as Record<string, { id: string }>;
    assert.deepEqual(
      Object.values(out)
        .map((o) => o.id)
        .sort(),
      [...before].sort(),
    );
    assert.equal(e2e.emulator.applications().length, 3, "3 apps in PingOne, 0 orphans");
  });
});
