/**
 * The serialized provider (stored twice with every resource) is a fixed text: tiny, free of
 * credentials, and loaded exactly as the dynamic-provider host loads it (`require-from-string`,
 * then `handler()`), it is the very implementation instance the tests exercise (node-fetch
 * included), and it manages an app against the emulator. Each resource class registers it under
 * the dynamic-provider type token, as `pulumi.dynamic.Resource` would.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { RunningEmulator } from "../../emulator";
import { serializedProvider } from "../../provider/kernel/shim";
import applicationProvider from "../../provider/application/entry";
import applicationSecretProvider from "../../provider/application-secret/entry";
import applicationResourceGrantProvider from "../../provider/resource-grant/entry";
import applicationSignOnPolicyAssignmentProvider from "../../provider/sign-on-policy-assignment/entry";
import { ASSIGNMENT_PROVIDER_MODULE, GRANT_PROVIDER_MODULE, PROVIDER_MODULE, SECRET_PROVIDER_MODULE } from "../../provider/resources";
import { Application, ApplicationResourceGrant, ApplicationSecret, ApplicationSignOnPolicyAssignment } from "../../provider";
import { SEED_001 } from "../fixtures/seeds";
import { pingOneEnvironment } from "../../emulator";
import { withEmulator } from "../helpers/emulator";

// require-from-string is what the dynamic-provider host uses to load `__provider`.
const requireFromString = require("require-from-string") as (code: string, filename?: string) => { handler: () => dynamic.ResourceProvider };

const REPO_ROOT = path.resolve(__dirname, "../../..");

/** The largest `__provider` allowed: the longest entry's text is 67 bytes. */
const MAX_PROVIDER_BYTES = 80;

/** Loads a serialized provider as the dynamic-provider host does, from the program directory. */
function deserialize(text: string): dynamic.ResourceProvider {
  const cwd = process.cwd();
  process.chdir(REPO_ROOT);
  try {
    return requireFromString(text).handler();
  } finally {
    process.chdir(cwd);
  }
}

const ENTRIES = [
  ["Application", PROVIDER_MODULE, applicationProvider],
  ["ApplicationSecret", SECRET_PROVIDER_MODULE, applicationSecretProvider],
  ["ApplicationResourceGrant", GRANT_PROVIDER_MODULE, applicationResourceGrantProvider],
  ["ApplicationSignOnPolicyAssignment", ASSIGNMENT_PROVIDER_MODULE, applicationSignOnPolicyAssignmentProvider],
] as const;

describe("serialized provider", () => {
  let emulator: RunningEmulator;
  const saved: Record<string, string | undefined> = {};

  before(async () => {
    emulator = await withEmulator();
    // Credentials reach the provider process only through its environment (or stack config).
    for (const [key, value] of Object.entries(pingOneEnvironment(emulator))) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
  });
  after(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await emulator.close();
  });

  for (const [label, entry, instance] of ENTRIES) {
    it(`${label}: at most ${MAX_PROVIDER_BYTES} bytes, no credential, token or HTTP client, and it loads the implementation instance by package name`, () => {
      const text = serializedProvider(entry);
      assert.ok(Buffer.byteLength(text) <= MAX_PROVIDER_BYTES, `serialized provider is ${Buffer.byteLength(text)} bytes`);
      for (const secret of [emulator.clientSecret, emulator.clientId, "PINGONE_CLIENT_SECRET", "Bearer", "node-fetch"]) {
        assert.equal(text.includes(secret), false, `must not contain ${secret}`);
      }
      assert.ok(text.includes(`require(${JSON.stringify(entry)})`), "loads the implementation by package name");
      // One implementation per process: the handler returns the module instance itself (one token cache).
      assert.equal(deserialize(text), instance);
      assert.equal(require(entry), instance);
    });
  }

  it("the lifecycles do not depend on the dynamic-provider interface: only kernel/dynamic-provider.ts knows that host", () => {
    const provider = path.join(REPO_ROOT, "provider");
    const sources = ["kernel", "application", "application-secret", "application-access", "resource-grant", "sign-on-policy-assignment"].flatMap((folder) =>
      fs
        .readdirSync(path.join(provider, folder))
        .filter((file) => file.endsWith(".ts"))
        .map((file) => `${folder}/${file}`),
    );
    // The resource classes (what a program constructs) are Pulumi's by nature; the rest is host-neutral.
    const programSide = /^(kernel\/package-resource|[a-z-]+\/(application|application-secret|resource-grant|sign-on-policy-assignment))\.ts$/;
    const hostNeutral = sources.filter((file) => file !== "kernel/dynamic-provider.ts" && !programSide.test(file));
    assert.ok(hostNeutral.includes("kernel/lifecycle.ts") && hostNeutral.includes("application/lifecycle.ts"), JSON.stringify(hostNeutral));
    for (const file of hostNeutral) {
      const text = fs.readFileSync(path.join(provider, file), "utf8");
      assert.doesNotMatch(text, /from "@pulumi\/pulumi/, `${file} imports @pulumi/pulumi`);
    }
  });

  it("deserialized, the Application provider manages an app against the emulator", async () => {
    const provider = deserialize(serializedProvider(PROVIDER_MODULE));
    await provider.configure?.({ config: { get: () => undefined, require: () => "" } });
    const checkedInputs = await provider.check!({}, { ...SEED_001.body, __autoname: "roundtrip" });
    assert.deepEqual(checkedInputs.failures, []);
    const created = await provider.create(checkedInputs.inputs as Record<string, unknown>);
    assert.ok(emulator.applications().some((a) => a.id === created.id));
    await provider.delete!(created.id, created.outs as Record<string, unknown>);
    assert.equal(
      emulator.applications().some((a) => a.id === created.id),
      false,
    );
  });

  it("deserialized, the ApplicationSecret provider adopts an application's secret; its delete sends nothing", async () => {
    const provider = deserialize(serializedProvider(SECRET_PROVIDER_MODULE));
    await provider.configure?.({ config: { get: () => undefined, require: () => "" } });
    const app = await applicationProvider.create((await applicationProvider.check({}, { ...SEED_001.body, __autoname: "secret-roundtrip" })).inputs);
    const checked = await provider.check!({}, { applicationId: app.id, rotateWhenChanged: { v: "1" }, __autoname: "secret-roundtrip" });
    assert.deepEqual(checked.failures, []);
    const adopted = await provider.create(checked.inputs as Record<string, unknown>);
    assert.equal(adopted.id, app.id);
    assert.equal((adopted.outs as Record<string, unknown>).secret, app.outs.clientSecret, "adopts the application's secret");
    emulator.resetCounters();
    await provider.delete!(app.id, adopted.outs as Record<string, unknown>);
    assert.equal(emulator.counters().total, 0, "deleting an ApplicationSecret sends nothing");
    assert.ok(emulator.applications().some((a) => a.id === app.id));
    await applicationProvider.delete(app.id, app.outs);
  });

  it("deserialized, the grant and assignment providers run their own validation", async () => {
    for (const entry of [GRANT_PROVIDER_MODULE, ASSIGNMENT_PROVIDER_MODULE]) {
      const provider = deserialize(serializedProvider(entry));
      await provider.configure?.({ config: { get: () => undefined, require: () => "" } });
      const checked = await provider.check!({}, { applicationId: "app", __autoname: "roundtrip" });
      assert.ok((checked.failures ?? []).length > 0, `${entry}: check runs the implementation's validation`);
    }
  });

  it("each resource class registers the dynamic-provider type token and its fixed provider text, and is a CustomResource", async () => {
    const registered: { type: string; provider: unknown }[] = [];
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          const inputs = args.inputs as Record<string, unknown>;
          registered.push({ type: args.type, provider: inputs.__provider });
          return { id: `${args.name}-id`, state: inputs };
        },
        call: () => ({}),
      },
      "serialization",
      "spec",
      true,
    );
    const app = new Application("web", {
      type: "WEB_APP",
      grantTypes: ["AUTHORIZATION_CODE"],
      responseTypes: ["CODE"],
      redirectUris: ["https://app.example.com/cb"],
      tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
    });
    const resources = [
      app,
      new ApplicationSecret("web-secret", { applicationId: app.id }),
      new ApplicationResourceGrant("web-openid", { applicationId: app.id, resourceName: "openid", scopes: ["openid"] }),
      new ApplicationSignOnPolicyAssignment("web-sop", { applicationId: app.id, signOnPolicyName: "Single_Factor", priority: 1 }),
    ];
    await new Promise<void>((resolve) => pulumi.all(resources.map((r) => r.urn)).apply(() => resolve()));
    for (const resource of resources) assert.ok(resource instanceof pulumi.CustomResource);
    assert.deepEqual(
      registered.map((r) => [r.type, r.provider]).sort(),
      ENTRIES.map(([label, entry]) => [`pulumi-nodejs:dynamic/pingone:${label}`, serializedProvider(entry)]).sort(),
    );
  });
});
