/**
 * The serialized provider (stored with every resource) is a thin shim: small, free of
 * credentials, and after a real serialize → deserialize round trip it runs the same
 * implementation module as the tests (node-fetch included), against the emulator.
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { RunningEmulator } from "../../emulator";
import { providerShim } from "../../provider/shim";
import { secretProviderShim } from "../../provider/secret-shim";
import { lifecycle } from "../../provider/lifecycle";
import { applicationSecretLifecycle } from "../../provider/secret-lifecycle";
import { grantProviderShim } from "../../provider/grant-shim";
import { assignmentProviderShim } from "../../provider/assignment-shim";
import { applicationResourceGrantLifecycle } from "../../provider/grant-lifecycle";
import { applicationSignOnPolicyAssignmentLifecycle } from "../../provider/assignment-lifecycle";
import { SEED_001 } from "../fixtures/seeds";
import { pingOneEnvironment } from "../../emulator";
import { withEmulator } from "../helpers/emulator";

// require-from-string is what the dynamic-provider host uses to load `__provider`.
 
const requireFromString = require("require-from-string") as (code: string, filename?: string) => { handler: () => dynamic.ResourceProvider };

const REPO_ROOT = path.resolve(__dirname, "../../..");

/** Loads a serialized provider as the dynamic-provider host does, from the program directory. */
function deserialize(text: string): dynamic.ResourceProvider {
  const cwd = process.cwd();
  process.chdir(REPO_ROOT);
  try {
    return (requireFromString(text)).handler();
  } finally {
    process.chdir(cwd);
  }
}

async function serializedShim(shim: dynamic.ResourceProvider = providerShim): Promise<string> {
  // Exactly what dynamic.Resource does: serializeFunction(() => provider, { allowSecrets: true }).
  const provider = shim;
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return serialized.text;
}

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

  it("is under 2 KB and contains no credential, token or secret", async () => {
    const text = await serializedShim();
    assert.ok(Buffer.byteLength(text) < 2048, `serialized provider is ${Buffer.byteLength(text)} bytes`);
    for (const secret of [emulator.clientSecret, emulator.clientId, "PINGONE_CLIENT_SECRET", "Bearer"]) {
      assert.equal(text.includes(secret), false, `must not contain ${secret}`);
    }
    assert.match(text, /require\("pulumi-pingone\/provider"\)/, "loads the implementation by package name");
    assert.equal(text.includes("node-fetch"), false, "no HTTP client captured by value");
  });

  it("deserialized, it runs the same implementation module and manages an app against the emulator", async () => {
    const text = await serializedShim();
    const provider = deserialize(text);
    // The package name resolves to this very module instance: one implementation, one token cache.
     
    assert.equal(require("pulumi-pingone/provider"), lifecycle);
    await provider.configure?.({ config: { get: () => undefined, require: () => "" } });
    const checkedInputs = await provider.check!({}, { ...SEED_001.body, __autoname: "roundtrip" });
    assert.deepEqual(checkedInputs.failures, []);
    const created = await provider.create(checkedInputs.inputs as Record<string, unknown>);
    assert.ok(emulator.applications().some((a) => a.id === created.id));
    await provider.delete!(created.id, created.outs as Record<string, unknown>);
    assert.equal(emulator.applications().some((a) => a.id === created.id), false);
  });

  it("the ApplicationSecret shim is as small and clean, and runs its own implementation module against the emulator", async () => {
    const text = await serializedShim(secretProviderShim);
    assert.ok(Buffer.byteLength(text) < 2048, `serialized provider is ${Buffer.byteLength(text)} bytes`);
    for (const secret of [emulator.clientSecret, emulator.clientId, "PINGONE_CLIENT_SECRET", "Bearer"]) {
      assert.equal(text.includes(secret), false, `must not contain ${secret}`);
    }
    assert.match(text, /require\("pulumi-pingone\/provider\/secret"\)/);
    const provider = deserialize(text);
    assert.equal(require("pulumi-pingone/provider/secret"), applicationSecretLifecycle);
    assert.equal(provider.delete, undefined, "deleting an ApplicationSecret sends nothing, so the engine just forgets it");
    await provider.configure?.({ config: { get: () => undefined, require: () => "" } });
    const app = await lifecycle.create((await lifecycle.check({}, { ...SEED_001.body, __autoname: "secret-roundtrip" })).inputs);
    const checked = await provider.check!({}, { applicationId: app.id, rotateWhenChanged: { v: "1" }, __autoname: "secret-roundtrip" });
    assert.deepEqual(checked.failures, []);
    const adopted = await provider.create(checked.inputs as Record<string, unknown>);
    assert.equal(adopted.id, app.id);
    assert.equal((adopted.outs as Record<string, unknown>).secret, app.outs.clientSecret, "adopts the application's secret");
    await lifecycle.delete(app.id, app.outs);
  });

  for (const [label, shim, entry, lifecycleInstance] of [
    ["ApplicationResourceGrant", grantProviderShim, "pulumi-pingone/provider/grant", applicationResourceGrantLifecycle],
    ["ApplicationSignOnPolicyAssignment", assignmentProviderShim, "pulumi-pingone/provider/sop", applicationSignOnPolicyAssignmentLifecycle],
  ] as const) {
    it(`the ${label} shim is under 2 KB, clean, and runs its own implementation module`, async () => {
      const text = await serializedShim(shim);
      assert.ok(Buffer.byteLength(text) < 2048, `serialized provider is ${Buffer.byteLength(text)} bytes`);
      for (const secret of [emulator.clientSecret, emulator.clientId, "PINGONE_CLIENT_SECRET", "Bearer", "node-fetch"]) {
        assert.equal(text.includes(secret), false, `must not contain ${secret}`);
      }
      assert.ok(text.includes(`require("${entry.replace(/\//g, "\\/")}")`) || text.includes(`require("${entry}")`), "loads the implementation by package name");
      const provider = deserialize(text);
      assert.equal(require(entry), lifecycleInstance);
      await provider.configure?.({ config: { get: () => undefined, require: () => "" } });
      const checked = await provider.check!({}, { applicationId: "app", __autoname: "roundtrip" });
      assert.ok((checked.failures ?? []).length > 0, "check runs the implementation's validation");
    });
  }
});
