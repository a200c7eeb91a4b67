/**
 * The registry (provider/resources.ts) is the one list of this package's resources: package.json's
 * `exports`, the entries the serialized providers require, the type tokens the classes register
 * with, and the folder layout must all agree with it.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Application, ApplicationResourceGrant, ApplicationSecret, ApplicationSignOnPolicyAssignment, OidcClient } from "../../provider";
import { COMPONENT_RESOURCES, CUSTOM_RESOURCES, dynamicTypeToken, providerModule } from "../../provider/resources";
import { serializedProvider } from "../../provider/kernel/shim";

const REPO = join(__dirname, "..", "..", "..");
const PACKAGE = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { exports: Record<string, { default?: string } | string> };

/** What each class registers: token and `__provider`, captured through Pulumi's mocks. */
const registered: { type: string; name: string; provider: unknown }[] = [];

describe("the resource registry", () => {
  before(() => {
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({ type: args.type, name: args.name, provider: (args.inputs as Record<string, unknown>).__provider });
          return { id: `${args.name}-id`, state: args.inputs as Record<string, unknown> };
        },
        call: () => ({}),
      },
      "registry",
      "test",
      false,
    );
  });

  it("every custom resource has a package.json export pointing at its folder's entry, which exports the lifecycle the host calls", () => {
    for (const resource of CUSTOM_RESOURCES) {
      const target = PACKAGE.exports[resource.exportKey];
      assert.ok(typeof target === "object" && target.default, `${resource.type}: package.json has no export ${resource.exportKey}`);
      assert.equal(target.default, `./dist/provider/${resource.folder}/entry.js`, `${resource.type}'s export`);
      assert.ok(existsSync(join(REPO, "provider", resource.folder, "entry.ts")), `${resource.type}: provider/${resource.folder}/entry.ts`);
      const lifecycle = require(providerModule(resource.type)) as Record<string, unknown>;
      for (const method of ["check", "diff", "create", "read", "update", "delete"]) {
        assert.equal(typeof lifecycle[method], "function", `${providerModule(resource.type)} exports ${method}`);
      }
    }
  });

  it("each class registers with its registry token and a serialized provider that requires its registry entry", async () => {
    registered.length = 0;
    const app = new Application("reg-app", { type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" });
    new ApplicationSecret("reg-secret", { applicationId: app.id });
    new ApplicationResourceGrant("reg-grant", { applicationId: app.id, resourceName: "openid", scopes: ["profile"] });
    new ApplicationSignOnPolicyAssignment("reg-sop", { applicationId: app.id, signOnPolicyName: "Single_Factor", priority: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const resource of CUSTOM_RESOURCES) {
      const found = registered.find((r) => r.type === dynamicTypeToken(resource.type));
      assert.ok(found, `${resource.type} registered as ${dynamicTypeToken(resource.type)}; saw ${registered.map((r) => r.type).join(", ")}`);
      assert.equal(found.provider, serializedProvider(providerModule(resource.type)));
    }
  });

  it("the component registers with its registry token", async () => {
    registered.length = 0;
    new OidcClient("reg-oidc", { application: { type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(
      registered.some((r) => r.type === COMPONENT_RESOURCES[0].token && r.name === "reg-oidc"),
      registered.map((r) => r.type).join(", "),
    );
  });

  it("the four export keys stored in users' state (as __provider text) are the ones earlier versions wrote", () => {
    assert.deepEqual(
      CUSTOM_RESOURCES.map((resource) => providerModule(resource.type)),
      ["pulumi-pingone/provider", "pulumi-pingone/provider/secret", "pulumi-pingone/provider/grant", "pulumi-pingone/provider/sop"],
    );
  });
});
