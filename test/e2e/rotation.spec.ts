/**
 * Client-secret rotation through the real engine: `ApplicationSecret` next to the `Application`
 * it rotates, against the emulator. Time is injected, never waited for: the emulator's clock is
 * moved ahead, and each `pulumi` run gets the same time through the provider's test hook
 * (`PULUMI_PINGONE_TEST_NOW`), which the engine passes on to the dynamic-provider process.
 * Old and new secrets are tried against the emulator's token endpoint (client credentials).
 */
import { strict as assert } from "node:assert";
import { TEST_NOW_VARIABLE } from "../../provider/kernel/clock";
import { serializedProvider } from "../../provider/kernel/shim";
import { SECRET_PROVIDER_MODULE } from "../../provider/resources";
import { appRequests, FIXTURE_PROJECT, setupE2E, stackOutputs, type E2E, workerToken } from "./harness";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SECRET_ROUTE = "/v1/environments/{envId}/applications/{appId}/secret";

type Outputs = Record<string, Record<string, unknown>>;

describe("client-secret rotation through the Pulumi engine", function () {
  this.timeout(900_000);
  let e2e: E2E;
  let stack: string;
  /** How far the emulator's and the provider's clocks are ahead of the real one. */
  let offset = 0;
  const cwd = FIXTURE_PROJECT;
  /** Every secret seen in outputs, for the plaintext check. */
  const seen = new Set<string>();

  const service = { type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC", enabled: true };
  const apps = { svc: service, hidden: { ...service, exposeSecret: false } };
  const rotation = (v: string) => ({ app: "svc", rotateWhenChanged: { v }, previousSecretValidFor: "24h", rotationPeriod: "2160h" });

  const clockEnv = (): Record<string, string> => ({ [TEST_NOW_VARIABLE]: new Date(Date.now() + offset).toISOString() });
  const run = (args: string[]) => e2e.run([...args, "--stack", stack], cwd, clockEnv());
  const ok = (args: string[]) => e2e.ok([...args, "--stack", stack], cwd, clockEnv());
  const up = async () => (await ok(["up", "--yes", "--skip-preview"])).stdout;

  async function configure(rotations: Record<string, unknown>): Promise<void> {
    await e2e.ok(["config", "set", "apps", JSON.stringify(apps), "--stack", stack], cwd);
    await e2e.ok(["config", "set", "rotations", JSON.stringify(rotations), "--stack", stack], cwd);
  }
  async function outputs(): Promise<Outputs> {
    const out = (await stackOutputs(e2e, cwd, stack)) as Outputs;
    for (const value of [out.svc?.clientSecret, out.svcSecret?.secret, out.svcSecret?.previousSecret]) if (typeof value === "string") seen.add(value);
    return out;
  }
  /** A client-credentials token request as the application itself, with HTTP Basic. */
  async function tokenStatus(clientId: unknown, secret: unknown): Promise<number> {
    const { emulator } = e2e;
    const response = await fetch(`${emulator.authUrl}/${emulator.environmentId}/as/token`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Authorization: `Basic ${Buffer.from(`${String(clientId)}:${String(secret)}`).toString("base64")}`,
      },
      body: "grant_type=client_credentials",
    });
    return response.status;
  }
  function secretRequests(): Record<"GET" | "POST" | "DELETE", number> {
    const byRoute = e2e.emulator.counters().byRoute;
    return { GET: byRoute[`GET ${SECRET_ROUTE}`] ?? 0, POST: byRoute[`POST ${SECRET_ROUTE}`] ?? 0, DELETE: byRoute[`DELETE ${SECRET_ROUTE}`] ?? 0 };
  }

  before(async () => {
    e2e = await setupE2E({ emulator: { clock: () => Date.now() + offset } });
    stack = await e2e.newStack(cwd, "rotation");
  });
  after(() => e2e?.close());

  it("up creates the application and an ApplicationSecret that adopts its secret (no rotation); exposeSecret:false reads none", async () => {
    await configure({ svcSecret: rotation("1") });
    e2e.emulator.resetCounters();
    await up();
    const out = await outputs();
    assert.equal(typeof out.svcSecret.secret, "string");
    assert.equal(out.svcSecret.secret, out.svc.clientSecret, "both resources start from the same secret");
    assert.equal(out.svcSecret.previousSecret, undefined);
    assert.equal(out.hidden.clientSecret, undefined);
    assert.deepEqual(secretRequests(), { GET: 2, POST: 0, DELETE: 0 }, "the app's create and the adoption read it; the hidden app's secret is never read");
    const secretReads = e2e.emulator.requestLog().filter((r) => r.route === SECRET_ROUTE);
    assert.ok(secretReads.every((r) => !r.path.includes(String(out.hidden.id))));
    assert.equal(await tokenStatus(out.svc.clientId, out.svcSecret.secret), 200);
  });

  it("a no-op up and preview send zero requests", async () => {
    e2e.emulator.resetCounters();
    await ok(["preview", "--expect-no-changes"]);
    assert.match(await up(), /unchanged/);
    assert.equal(e2e.emulator.counters().total, 0);
  });

  it("a change of rotateWhenChanged rotates with exactly one POST …/secret; both secrets work until previousExpiresAt, then only the new one", async () => {
    const before = await outputs();
    await configure({ svcSecret: rotation("2") });
    e2e.emulator.resetCounters();
    const rotatedAt = Date.now() + offset;
    await up();
    assert.deepEqual(appRequests(e2e.emulator), { GET: 0, POST: 1, PUT: 0, DELETE: 0 }, "exactly one request to the applications API");
    assert.deepEqual(secretRequests(), { GET: 0, POST: 1, DELETE: 0 });
    const out = await outputs();
    assert.notEqual(out.svcSecret.secret, before.svcSecret.secret, "the secret changed");
    assert.equal(out.svcSecret.previousSecret, before.svcSecret.secret);
    const expiresAt = Date.parse(String(out.svcSecret.previousExpiresAt));
    assert.ok(Math.abs(expiresAt - (rotatedAt + DAY)) < 60_000, `previousExpiresAt ${String(out.svcSecret.previousExpiresAt)} is 24h after the rotation`);

    assert.equal(await tokenStatus(out.svc.clientId, before.svcSecret.secret), 200, "the old secret still works");
    assert.equal(await tokenStatus(out.svc.clientId, out.svcSecret.secret), 200, "the new secret works");
    offset += DAY + HOUR;
    assert.equal(await tokenStatus(out.svc.clientId, before.svcSecret.secret), 401, "the old secret is refused after previousExpiresAt");
    assert.equal(await tokenStatus(out.svc.clientId, out.svcSecret.secret), 200);
  });

  it("once the previous secret has expired, up and preview neither fail nor show a diff, and refresh simply drops it", async () => {
    e2e.emulator.resetCounters();
    await ok(["preview", "--expect-no-changes"]);
    assert.match(await up(), /unchanged/);
    assert.equal(e2e.emulator.counters().total, 0);
    await ok(["refresh", "--yes"]);
    e2e.emulator.resetCounters();
    await ok(["preview", "--expect-no-changes"]);
    // Stack outputs are the program's, registered by `up`: a no-op up publishes the refreshed state.
    assert.match(await up(), /unchanged/);
    assert.equal(e2e.emulator.counters().total, 0);
    const out = await outputs();
    assert.equal(out.svcSecret.previousSecret, undefined);
    assert.equal(out.svcSecret.previousExpiresAt, undefined);
  });

  it("rotationPeriod rotates on the first up after it elapses, decided without a request", async () => {
    const before = await outputs();
    const lastRotation = Date.parse(String(before.svcSecret.rotatedAt));
    offset = lastRotation + 90 * DAY - HOUR - Date.now();
    e2e.emulator.resetCounters();
    await ok(["preview", "--expect-no-changes"]);
    assert.equal(e2e.emulator.counters().total, 0, "not yet due");

    offset = lastRotation + 90 * DAY + 60_000 - Date.now();
    const preview = await run(["preview", "--expect-no-changes"]);
    assert.notEqual(preview.code, 0, "the elapsed period is a planned change");
    assert.match(preview.stdout, /svcSecret/);
    assert.equal(e2e.emulator.counters().total, 0, "diff decided it without asking PingOne");
    await up();
    assert.deepEqual(secretRequests(), { GET: 0, POST: 1, DELETE: 0 });
    const out = await outputs();
    assert.notEqual(out.svcSecret.secret, before.svcSecret.secret);
    assert.equal(out.svcSecret.previousSecret, before.svcSecret.secret);
    assert.ok(Date.parse(String(out.svcSecret.rotatedAt)) > lastRotation + 90 * DAY);
    await ok(["preview", "--expect-no-changes"]);
  });

  it("a refresh after an out-of-band rotation shows the new secret on both resources, without a diff", async () => {
    const before = await outputs();
    const rotated = await rotateByHand(e2e, String(before.svc.id));
    await ok(["refresh", "--yes"]);
    e2e.emulator.resetCounters();
    await ok(["preview", "--expect-no-changes"]);
    assert.match(await up(), /unchanged/);
    assert.equal(e2e.emulator.counters().total, 0, "no request, no change");
    const out = await outputs();
    assert.equal(out.svcSecret.secret, rotated);
    assert.equal(out.svc.clientSecret, rotated, "Application.clientSecret follows the latest secret on refresh");
    assert.equal(out.svcSecret.rotatedAt, before.svcSecret.rotatedAt);
  });

  it("stack export holds neither the current nor any previous secret in plaintext; the default output masks them", async () => {
    await configure({ svcSecret: rotation("3") });
    const run = await ok(["up", "--yes"]);
    const out = await outputs();
    assert.ok(seen.size >= 4, `secrets seen along the way: ${seen.size}`);
    const exported = (await e2e.ok(["stack", "export", "--stack", stack], cwd)).stdout;
    for (const secret of seen) {
      assert.equal(exported.includes(secret), false, "a secret is in the stack export in plaintext");
      assert.equal(`${run.stdout}${run.stderr}`.includes(secret), false, "a secret is in the output of up");
    }
    const state = JSON.parse(exported) as { deployment: { resources: { type: string; outputs?: Record<string, unknown> }[] } };
    const secretState = state.deployment.resources.find((r) => r.type === "pulumi-nodejs:dynamic/pingone:ApplicationSecret");
    assert.ok(secretState?.outputs, "the ApplicationSecret is in the state");
    for (const key of ["secret", "previousSecret"]) {
      const field = secretState.outputs[key] as Record<string, unknown>;
      assert.equal(field["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", `${key} is stored as an encrypted secret`);
    }
    assert.equal(typeof out.svcSecret.previousSecret, "string");
    assert.equal(secretState.outputs.__provider, serializedProvider(SECRET_PROVIDER_MODULE), "__provider is the small fixed text");
    const hiddenState = state.deployment.resources.find((r) => r.type === "pulumi-nodejs:dynamic/pingone:Application" && r.outputs?.id === out.hidden.id);
    assert.ok(hiddenState?.outputs);
    assert.equal("clientSecret" in hiddenState.outputs, false, "exposeSecret:false keeps no secret in state, encrypted or not");
  });

  it("destroy deletes the applications and sends nothing for the ApplicationSecret", async () => {
    e2e.emulator.resetCounters();
    await ok(["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(secretRequests(), { GET: 0, POST: 0, DELETE: 0 });
    assert.equal(appRequests(e2e.emulator).DELETE, 2);
    assert.deepEqual(e2e.emulator.applications(), []);
  });
});

/** Rotates an application's secret directly through the management API, as the console would. */
async function rotateByHand(e2e: E2E, applicationId: string): Promise<string> {
  const { emulator } = e2e;
  const token = await workerToken(emulator);
  const response = await fetch(`${emulator.apiUrl}/environments/${emulator.environmentId}/applications/${applicationId}/secret`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: "{}",
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { secret: string }).secret;
}
