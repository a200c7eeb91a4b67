/**
 * The dynamic provider's lifecycle suite (lifecycle.spec.ts), mirrored for the provider plugin's
 * tokens from a YAML program through the real engine: create with outputs equal to PingOne's
 * state, a no-op run with no request, one PUT for an auth-method change and a replacement for a
 * type change, drift shown by refresh and repaired by up, an out-of-band delete dropped by
 * refresh and recreated, no plaintext secret in the export or the verbose log, `adoptId`, and a
 * clean destroy.
 */
import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SEED_001, SEED_002 } from "../fixtures/seeds";
import {
  appRequests,
  assertNoPlaintextSecrets,
  RELAYED_HOST_SECRET_TRACES,
  setupE2E,
  stackOutputs,
  UPSTREAM_SECRET_TRACES,
  workerToken,
  type E2E,
} from "./harness";
import { preparePluginHome, yamlProgram, yamlProject } from "./plugin-harness";

const TOKEN = "pingone-oidc:index:Application";

describe("end to end through the Pulumi engine, with the provider plugin (pingone-oidc) from YAML", function () {
  this.timeout(900_000);
  let e2e: E2E;
  let cwd: string;
  let stack: string;
  const web = { ...SEED_001.body, name: "plugin-web" };
  const spa = { ...SEED_002.body, name: "plugin-spa" };

  /** Writes the program with these applications; each exports its id, name and client secret. */
  function setApps(apps: Record<string, Record<string, unknown>>): void {
    const resources = Object.fromEntries(Object.entries(apps).map(([name, properties]) => [name, { type: TOKEN, properties }]));
    const outputs = Object.fromEntries(
      Object.keys(apps).flatMap((name) => [
        [`${name}Id`, `\${${name}.id}`],
        [`${name}Secret`, `\${${name}.clientSecret}`],
      ]),
    );
    writeFileSync(join(cwd, "Pulumi.yaml"), yamlProgram("plugin-lifecycle", resources, outputs));
  }
  const up = async (...flags: string[]) => (await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack, ...flags], cwd)).stdout;
  const outputs = () => stackOutputs(e2e, cwd, stack) as Promise<Record<string, string | undefined>>;
  const stored = (id: string | undefined) => e2e.emulator.applications().find((a) => a.id === id);

  before(async () => {
    e2e = await setupE2E();
    await preparePluginHome(e2e);
    cwd = yamlProject(e2e, "plugin-lifecycle", yamlProgram("plugin-lifecycle", {}));
    stack = await e2e.newStack(cwd, "lifecycle");
    setApps({ web, spa });
  });
  after(() => e2e?.close());

  it("up creates the apps, and the outputs match the emulator's state", async () => {
    await up();
    const out = await outputs();
    for (const [name, body] of [
      ["web", web],
      ["spa", spa],
    ] as const) {
      const app = stored(out[`${name}Id`]);
      assert.ok(app, `${name} exists`);
      assert.equal(app.name, body.name);
      assert.deepEqual([...(app.grantTypes as string[])].sort(), [...(body.grantTypes as string[])].sort());
    }
  });

  it("a second up or preview reports no changes and sends zero API requests", async () => {
    e2e.emulator.resetCounters();
    await e2e.ok(["preview", "--expect-no-changes", "--stack", stack], cwd);
    assert.match(await up(), /unchanged/);
    assert.equal(e2e.emulator.counters().total, 0);
  });

  it("changing the auth method sends exactly one PUT; changing type replaces the app", async () => {
    const before = await outputs();
    e2e.emulator.resetCounters();
    setApps({ web: { ...web, tokenEndpointAuthMethod: "CLIENT_SECRET_POST" }, spa });
    await up();
    assert.deepEqual(appRequests(e2e.emulator), { GET: 0, POST: 0, PUT: 1, DELETE: 0 });
    assert.equal(stored(before.webId)?.tokenEndpointAuthMethod, "CLIENT_SECRET_POST");

    e2e.emulator.resetCounters();
    setApps({ web: { ...web, tokenEndpointAuthMethod: "CLIENT_SECRET_POST" }, spa: { ...spa, type: "NATIVE_APP" } });
    assert.match(await up(), /replaced/);
    const after = await outputs();
    assert.notEqual(after.spaId, before.spaId);
    assert.equal(stored(after.spaId)?.type, "NATIVE_APP");
    assert.equal(stored(before.spaId), undefined, "the old one is deleted");
    assert.equal(appRequests(e2e.emulator).DELETE, 1);
  });

  it("refresh shows an out-of-band change as drift, and the next up repairs it", async () => {
    const out = await outputs();
    e2e.emulator.mutateApplication(e2e.emulator.environmentId, String(out.webId), { description: "edited in the console" });
    const refresh = await e2e.ok(["refresh", "--yes", "--stack", stack], cwd);
    assert.match(refresh.stdout, /updated|~ 1 to update/);
    const preview = await e2e.run(["preview", "--expect-no-changes", "--stack", stack], cwd);
    assert.notEqual(preview.code, 0, "the drift is now a planned change");
    await up();
    assert.equal(stored(out.webId)?.description, SEED_001.body.description);
  });

  it("after an out-of-band delete, refresh drops the app and the next up recreates it", async () => {
    const out = await outputs();
    assert.ok(e2e.emulator.deleteApplicationOutOfBand(e2e.emulator.environmentId, String(out.spaId)));
    assert.match((await e2e.ok(["refresh", "--yes", "--stack", stack], cwd)).stdout, /deleted/);
    e2e.emulator.resetCounters();
    await up();
    const after = await outputs();
    assert.notEqual(after.spaId, out.spaId);
    assert.ok(stored(after.spaId), "recreated");
    assert.equal(appRequests(e2e.emulator).POST, 1);
  });

  it("stack export and the verbose log hold no plaintext client secret, worker secret or token (but Pulumi's own RPC traces)", async () => {
    const out = await outputs();
    const clientSecret = String(out.webSecret);
    assert.ok(clientSecret.length >= 64);
    setApps({ web, spa: { ...spa, type: "NATIVE_APP" } });
    const verbose = await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack, "--logtostderr", "-v=9", "--logflow"], cwd);
    const log = `${verbose.stdout}\n${verbose.stderr}`;
    const exported = (await e2e.ok(["stack", "export", "--stack", stack], cwd)).stdout;
    assertNoPlaintextSecrets(e2e, { exported, log }, clientSecret, [...UPSTREAM_SECRET_TRACES, ...RELAYED_HOST_SECRET_TRACES]);
  });

  it("adoptId brings an existing application under management", async () => {
    const token = await workerToken(e2e.emulator);
    const response = await fetch(`${e2e.emulator.apiUrl}/environments/${e2e.emulator.environmentId}/applications`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ ...SEED_001.body, name: "Hand-Made-App" }),
    });
    assert.equal(response.status, 201);
    const created = ((await response.json()) as { id: string }).id;
    e2e.emulator.resetCounters();
    setApps({
      web,
      spa: { ...spa, type: "NATIVE_APP" },
      adopted: { ...SEED_001.body, name: "Hand-Made-App", tokenEndpointAuthMethod: "CLIENT_SECRET_POST", adoptId: created },
    });
    await up();
    const out = await outputs();
    assert.equal(out.adoptedId, created);
    assert.equal(appRequests(e2e.emulator).POST, 0, "nothing new was created");
    assert.equal(stored(created)?.tokenEndpointAuthMethod, "CLIENT_SECRET_POST");
  });

  it("destroy leaves no app behind", async () => {
    await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", stack], cwd);
    assert.deepEqual(e2e.emulator.applications(), []);
  });
});
