/**
 * The plugin's OidcClient (plugin/component.ts) takes `application` as the engine hands it: an
 * object of properties (plain, or with Output values), or one Output when it depended on a
 * resource as a whole. The child must be registered with the Application's keys either way.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { applicationArgs } from "../../plugin/component";
import { APPLICATION_PROPERTY_NAMES } from "../../provider/application/properties";

function valueOf<T>(input: pulumi.Input<T> | undefined): Promise<T | undefined> {
  return new Promise((resolve) => pulumi.output(input).apply((value) => resolve(value as T | undefined)));
}

describe("the plugin's OidcClient: its application argument", () => {
  it("passes an object of properties on as it is", () => {
    const application = { type: "WORKER", name: pulumi.output("w") };
    assert.equal(applicationArgs(application), application);
  });

  it("splits an application given whole as an Output into one Output per Application property", async () => {
    const args = applicationArgs(pulumi.output({ type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"] }));
    assert.deepEqual(Object.keys(args).sort(), [...APPLICATION_PROPERTY_NAMES].sort());
    assert.equal(await valueOf(args.type), "WORKER");
    assert.deepEqual(await valueOf(args.grantTypes), ["CLIENT_CREDENTIALS"]);
    assert.equal(await valueOf(args.description), undefined);
  });

  it("leaves out, rather than sending as secret nulls, the properties a secret application does not set", async () => {
    const args = applicationArgs(pulumi.secret({ type: "WORKER" }));
    assert.equal(await valueOf(args.type), "WORKER");
    assert.equal(await pulumi.isSecret(pulumi.output(args.type)), true, "a set property keeps the secretness");
    assert.equal(await valueOf(args.description), undefined);
    assert.equal(await pulumi.isSecret(pulumi.output(args.description)), false, "an absent one is a plain undefined, which the SDK leaves out");
  });

  for (const bad of [undefined, "WORKER", ["WORKER"], null])
    it(`refuses ${JSON.stringify(bad)} as the application, naming the property`, () => {
      assert.throws(
        () => applicationArgs(bad),
        (error: unknown) =>
          pulumi.InputPropertyError.isInstance(error) && error.propertyPath === "application" && /object of the Application's properties/.test(error.reason),
      );
    });
});
