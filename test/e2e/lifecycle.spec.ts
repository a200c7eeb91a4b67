/**
 * The real engine drives the provider: `pulumi up/preview/refresh/destroy` on a Pulumi.yaml
 * project against the emulator, checked through the emulator's state and request counters.
 */
import { strict as assert } from "node:assert";
import { SEED_001, SEED_002 } from "../fixtures/seeds";
import { serializedProvider } from "../../provider/kernel/shim";
import { PROVIDER_MODULE } from "../../provider/resources";
import { appRequests, assertNoPlaintextSecrets, FIXTURE_PROJECT, setupE2E, stackOutputs, type E2E, workerToken } from "./harness";

type AppOutputs = { id: string; clientId: string; secretLink?: string; clientSecret?: string; name: string };

describe("end to end through the Pulumi engine", function () {
  this.timeout(600_000);
  let e2e: E2E;
  let stack: string;
  const cwd = FIXTURE_PROJECT;

  async function setApps(apps: Record<string, unknown>): Promise<void> {
    await e2e.ok(["config", "set", "apps", JSON.stringify(apps), "--stack", stack], cwd);
  }
  async function up(): Promise<string> {
    return (await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd)).stdout;
  }
  async function outputs(): Promise<Record<string, AppOutputs>> {
    return (await stackOutputs(e2e, cwd, stack)) as Record<string, AppOutputs>;
  }
  function stored(id: string): Record<string, unknown> | undefined {
    return e2e.emulator.applications().find((a) => a.id === id);
  }

  const web = { ...SEED_001.body, name: undefined };
  const spa = { ...SEED_002.body, name: undefined };

  before(async () => {
    e2e = await setupE2E();
    stack = await e2e.newStack(cwd, "e2e");
  });
  after(() => e2e?.close());

  it("up creates the apps, and the outputs match the emulator's state", async () => {
    await setApps({ web, spa });
    await up();
    const out = await outputs();
    for (const key of ["web", "spa"]) {
      const app = stored(out[key].id);
      assert.ok(app, `${key} exists in the emulator`);
      assert.equal(out[key].clientId, app.id);
      assert.equal(out[key].name, app.name);
      assert.match(String(app.name), new RegExp(`^${key}-[0-9a-f]{7}$`), "auto-named from the resource name");
      assert.equal(out[key].secretLink, (app._links as Record<string, { href: string }>).secret.href);
    }
    assert.equal(typeof out.web.clientSecret, "string", "web (CLIENT_SECRET_BASIC) has a secret");
    assert.equal(out.spa.clientSecret, undefined, "spa (NONE) has none");
  });

  it("a second up or preview reports no changes and sends zero API requests", async () => {
    e2e.emulator.resetCounters();
    await e2e.ok(["preview", "--expect-no-changes", "--stack", stack], cwd);
    const second = await up();
    assert.match(second, /2 unchanged|unchanged/);
    assert.equal(e2e.emulator.counters().total, 0, "no request reached PingOne");
  });

  it("changing the auth method sends exactly one PUT; changing type replaces the app", async () => {
    const before = await outputs();
    e2e.emulator.resetCounters();
    await setApps({ web: { ...web, tokenEndpointAuthMethod: "CLIENT_SECRET_POST" }, spa });
    await up();
    assert.deepEqual(appRequests(e2e.emulator), { GET: 0, POST: 0, PUT: 1, DELETE: 0 });
    assert.equal(stored(before.web.id)?.tokenEndpointAuthMethod, "CLIENT_SECRET_POST");

    e2e.emulator.resetCounters();
    await setApps({ web: { ...web, tokenEndpointAuthMethod: "CLIENT_SECRET_POST" }, spa: { ...spa, type: "NATIVE_APP" } });
    const output = await up();
    assert.match(output, /replaced/);
    const after = await outputs();
    assert.notEqual(after.spa.id, before.spa.id);
    assert.equal(stored(after.spa.id)?.type, "NATIVE_APP", "the new app exists");
    assert.equal(stored(before.spa.id), undefined, "the old one is deleted");
    assert.equal(appRequests(e2e.emulator).DELETE, 1);
  });

  it("refresh shows an out-of-band change as drift, and the next up repairs it", async () => {
    const out = await outputs();
    e2e.emulator.mutateApplication(e2e.emulator.environmentId, out.web.id, { description: "edited in the console" });
    const refresh = await e2e.ok(["refresh", "--yes", "--stack", stack], cwd);
    assert.match(refresh.stdout, /1 updated|~ 1 to update|updated/);
    const preview = await e2e.run(["preview", "--expect-no-changes", "--stack", stack], cwd);
    assert.notEqual(preview.code, 0, "the drift is now a planned change");
    await up();
    assert.equal(stored(out.web.id)?.description, SEED_001.body.description);
  });

  it("after an out-of-band delete, refresh drops the app and the next up recreates it", async () => {
    const out = await outputs();
    assert.ok(e2e.emulator.deleteApplicationOutOfBand(e2e.emulator.environmentId, out.spa.id));
    const refresh = await e2e.ok(["refresh", "--yes", "--stack", stack], cwd);
    assert.match(refresh.stdout, /deleted/);
    e2e.emulator.resetCounters();
    await up();
    const after = await outputs();
    assert.notEqual(after.spa.id, out.spa.id);
    assert.ok(stored(after.spa.id), "recreated");
    assert.equal(appRequests(e2e.emulator).POST, 1);
  });

  it("stack export and the verbose log hold no plaintext client secret, worker secret or access token (except Pulumi's own RPC traces of secret outputs)", async () => {
    const out = await outputs();
    const clientSecret = out.web.clientSecret;
    assert.ok(clientSecret && clientSecret.length >= 64);
    await setApps({ web: { ...web, tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" }, spa: { ...spa, type: "NATIVE_APP" } });
    const verbose = await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack, "--logtostderr", "-v=9", "--logflow"], cwd);
    const log = `${verbose.stdout}\n${verbose.stderr}`;
    const exported = (await e2e.ok(["stack", "export", "--stack", stack], cwd)).stdout;
    assertNoPlaintextSecrets(e2e, { exported, log }, clientSecret);

    const state = JSON.parse(exported) as {
      deployment: { resources: { type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[] };
    };
    const webState = state.deployment.resources.find(
      (r) => r.type === "pulumi-nodejs:dynamic/pingone:Application" && String(r.outputs?.name).startsWith("web-"),
    );
    assert.ok(webState?.outputs, "the web app is in the state");
    const secretField = webState.outputs.clientSecret as Record<string, unknown>;
    assert.equal(secretField["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "clientSecret is stored as an encrypted secret");
    assert.equal(typeof secretField.ciphertext, "string");
    // The fixed provider text, in outputs and inputs alike: about 60 bytes per copy, not a serialized closure.
    assert.equal(webState.outputs.__provider, serializedProvider(PROVIDER_MODULE));
    assert.equal(webState.inputs?.__provider, serializedProvider(PROVIDER_MODULE));
  });

  it("at the default verbosity, no output of a run carries the client secret", async () => {
    const out = await outputs();
    await setApps({ web: { ...web, tokenEndpointAuthMethod: "CLIENT_SECRET_POST" }, spa: { ...spa, type: "NATIVE_APP" } });
    const run = await e2e.ok(["up", "--yes", "--stack", stack], cwd);
    assert.equal(`${run.stdout}${run.stderr}`.includes(String(out.web.clientSecret)), false);
    assert.match(run.stdout, /\[secret\]/, "the secret output is shown masked");
  });

  it("adoptId brings an existing application under management through the engine", async () => {
    const handMade = e2e.emulator.applications().length;
    // An app made by hand, outside Pulumi (through the same API a curl script would use).
    const created = await createByHand(e2e, { ...SEED_001.body, name: "Hand-Made-App" });
    assert.equal(e2e.emulator.applications().length, handMade + 1);
    e2e.emulator.resetCounters();
    await setApps({
      web: { ...web, tokenEndpointAuthMethod: "CLIENT_SECRET_POST" },
      spa: { ...spa, type: "NATIVE_APP" },
      adopted: { ...SEED_001.body, name: "Hand-Made-App", tokenEndpointAuthMethod: "CLIENT_SECRET_POST", adoptId: created },
    });
    await up();
    const out = await outputs();
    assert.equal(out.adopted.id, created, "the resource is the existing app");
    assert.equal(appRequests(e2e.emulator).POST, 0, "nothing new was created");
    const onAdopted = e2e.emulator.requestLog().filter((r) => r.path.endsWith(`/applications/${created}`));
    assert.deepEqual(
      onAdopted.map((r) => r.method),
      ["GET", "PUT"],
      "one GET and one PUT on the adopted app",
    );
    assert.equal(stored(created)?.tokenEndpointAuthMethod, "CLIENT_SECRET_POST");
  });

  it("destroy leaves no app behind", async () => {
    await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", stack], cwd);
    assert.deepEqual(e2e.emulator.applications(), []);
  });
});

/** Creates an application directly through the management API, as a curl script would. */
async function createByHand(e2e: E2E, body: Record<string, unknown>): Promise<string> {
  const { emulator } = e2e;
  const token = await workerToken(emulator);
  const response = await fetch(`${emulator.apiUrl}/environments/${emulator.environmentId}/applications`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 201);
  return ((await response.json()) as { id: string }).id;
}
