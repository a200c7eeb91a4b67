/**
 * The plugin's protocol adapter over a stand-in lifecycle: secrets stay secrets at any depth and
 * in outputs whose inputs were secret, and a write whose follow-up failed reaches the engine with
 * state the server can send (no `undefined`: protobuf's Struct refuses it, and the server then
 * never answers), its secrets wrapped.
 */
import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { isRpcSecret, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { PingOneOidcProvider } from "../../plugin/provider";
import { ResourceInitError } from "../../provider/kernel/errors";
import type { CheckOutcome, ResourceLifecycle } from "../../provider/kernel/lifecycle";
import type { Inputs } from "../../provider/kernel/values";
import { CUSTOM_RESOURCES } from "../../provider/resources";

const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });
const URN = (type: string, name = "web") => `urn:pulumi:dev::proj::pingone-oidc:index:${type}::${name}`;

/** A lifecycle that echoes its inputs, records what it was given, and can fail a write part-way. */
class EchoLifecycle implements ResourceLifecycle {
  seen: Inputs[] = [];
  failCreate: ResourceInitError | undefined;
  configure(): Promise<void> {
    return Promise.resolve();
  }
  check(_olds: Inputs, news: Inputs): Promise<CheckOutcome> {
    this.seen.push(news);
    return Promise.resolve({ inputs: { ...news }, failures: [] });
  }
  diff(): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }> {
    return Promise.resolve({ changes: false, replaces: [], deleteBeforeReplace: false });
  }
  create(inputs: Inputs): Promise<{ id: string; outs: Inputs }> {
    this.seen.push(inputs);
    if (this.failCreate) return Promise.reject(this.failCreate);
    return Promise.resolve({ id: "app-1", outs: { ...inputs, clientSecret: "s3cret-value" } });
  }
  read(id: string, props: Inputs): Promise<{ id: string; props: Inputs }> {
    return Promise.resolve({ id, props });
  }
  update(_id: string, _olds: Inputs, news: Inputs): Promise<{ outs: Inputs }> {
    return Promise.resolve({ outs: news });
  }
  delete(): Promise<void> {
    return Promise.resolve();
  }
}

describe("the provider plugin's protocol adapter", () => {
  let lifecycle: EchoLifecycle;
  let plugin: PingOneOidcProvider;
  beforeEach(() => {
    lifecycle = new EchoLifecycle();
    plugin = new PingOneOidcProvider("0.0.0", "{}", Object.fromEntries(CUSTOM_RESOURCES.map((r) => [r.type, lifecycle])), () => "https://auth.example");
  });

  it("check: the lifecycle sees plain values and the URN's name; a value secret at any depth stays secret", async () => {
    const result = await plugin.check(URN("ApplicationSecret", "web::secret"), {}, { rotateWhenChanged: { k: secret("hunter2") }, applicationId: "app-1" });
    assert.deepEqual(lifecycle.seen[0], { rotateWhenChanged: { k: "hunter2" }, applicationId: "app-1", __autoname: "web::secret" });
    const inputs = result.inputs as Inputs;
    assert.ok(isRpcSecret(inputs.rotateWhenChanged), "the whole value is wrapped");
    assert.equal(isRpcSecret(inputs.applicationId), false);
  });

  it("create: the registry's secret outputs and outputs of secret inputs are wrapped", async () => {
    const result = await plugin.create(URN("Application"), { name: secret("Payroll"), type: "WORKER" });
    const outs = result.outs as Inputs;
    assert.ok(isRpcSecret(outs.clientSecret));
    assert.ok(isRpcSecret(outs.name), "a secret input's output stays secret");
    assert.equal(outs.type, "WORKER");
  });

  it("a write that happened but whose follow-up failed reaches the server as state it can send, secrets wrapped", async () => {
    lifecycle.failCreate = new ResourceInitError("created, but the secret could not be read", "app-1", {
      __provider: undefined,
      clientSecret: "half-done-secret",
      nested: { expiresAt: undefined, kept: 1 },
    });
    const error = await plugin.create(URN("Application"), { type: "WORKER" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof ResourceInitError);
    assert.equal(error.id, "app-1");
    assert.doesNotThrow(() => Struct.fromJavaScript(error.properties as Parameters<typeof Struct.fromJavaScript>[0]));
    assert.deepEqual(error.properties.nested, { kept: 1 });
    assert.ok(isRpcSecret(error.properties.clientSecret));
  });

  it("read: an output whose earlier state was secret stays secret", async () => {
    const result = await plugin.read("app-1", URN("Application"), { environmentId: "env-1", description: secret("internal") });
    assert.ok(isRpcSecret((result.props as Inputs).description));
  });
});
