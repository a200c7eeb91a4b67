/**
 * The plugin's schema and the provider's facts in lockstep: the Application's inputs are the
 * field table's (types, enums, replace-on-change, what is required), the other resources' are
 * their documented properties, secret outputs are the registry's, and the provider config is
 * SETTING_SOURCES with its PINGONE_* fallbacks. Also the adapter's secret and config handling.
 */
import { strict as assert } from "node:assert";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { APPLICATION_FIELDS, TOP_LEVEL_FIELDS, type FieldFact } from "../../pingone";
import { pluginConfig, unwrapSecrets } from "../../plugin/provider";
import { PLUGIN_OIDC_CLIENT_OUTPUTS, pluginSchema } from "../../plugin/schema";
import { APPLICATION_OUTPUT_DOCS } from "../../provider/application/docs";
import { ApplicationLifecycle, FILLED_BY_CHECK } from "../../provider/application/lifecycle";
import { REPLACE_ON_CHANGE } from "../../provider/application/properties";
import { APPLICATION_SECRET_DOCS } from "../../provider/application-secret/docs";
import { SETTING_SOURCES } from "../../provider/kernel/config";
import type { ResourceDocs } from "../../provider/kernel/property-docs";
import { RESOURCE_GRANT_DOCS } from "../../provider/resource-grant/docs";
import { COMPONENT_RESOURCES, CUSTOM_RESOURCES, pluginTypeToken } from "../../provider/resources";
import { OIDC_CLIENT_DOCS } from "../../provider/oidc-client/docs";
import { SIGN_ON_POLICY_ASSIGNMENT_DOCS } from "../../provider/sign-on-policy-assignment/docs";

interface PropertySpec {
  type?: string;
  $ref?: string;
  items?: PropertySpec;
  secret?: boolean;
  replaceOnChanges?: boolean;
  defaultInfo?: { environment: string[] };
}
interface ResourceSpec {
  isComponent?: boolean;
  inputProperties: Record<string, PropertySpec>;
  requiredInputs: string[];
  properties: Record<string, PropertySpec>;
}
interface Schema {
  name: string;
  resources: Record<string, ResourceSpec>;
  types: Record<string, { enum: { value: string }[]; properties?: Record<string, PropertySpec>; required?: string[] }>;
  config: { variables: Record<string, PropertySpec> };
}

const schema = pluginSchema("0.0.0-test") as unknown as Schema;
const FACTS = APPLICATION_FIELDS as Record<string, FieldFact>;

/** The names a docs row stands for: "a / b" and "a, b" name two. */
const names = (row: { name: string }): string[] => row.name.split(/ \/ |, /);

describe("the provider plugin's schema", () => {
  it("is the pingone-oidc package, with one resource per registry entry", () => {
    assert.equal(schema.name, "pingone-oidc");
    const registry = [...CUSTOM_RESOURCES, ...COMPONENT_RESOURCES].map((r) => pluginTypeToken(r.type));
    assert.deepEqual(Object.keys(schema.resources).sort(), registry.sort());
  });

  it("gives the OidcClient component its documented options, the Application's inputs as `application`, and its outputs", () => {
    const client = schema.resources[pluginTypeToken("OidcClient")];
    assert.equal(client.isComponent, true);
    assert.deepEqual(Object.keys(client.inputProperties).sort(), OIDC_CLIENT_DOCS.properties.map((p) => p.name).sort());
    assert.deepEqual(client.requiredInputs, ["application"]);
    const app = schema.resources[pluginTypeToken("Application")];
    const applicationType = schema.types[String(client.inputProperties.application.$ref).replace("#/types/", "")];
    assert.deepEqual(Object.keys(applicationType.properties ?? {}).sort(), Object.keys(app.inputProperties).sort());
    assert.deepEqual(applicationType.required, app.requiredInputs);
    assert.ok(
      Object.values(applicationType.properties ?? {}).every((p) => p.replaceOnChanges === undefined),
      "an object type replaces nothing",
    );
    assert.deepEqual(Object.keys(client.properties).sort(), [...PLUGIN_OIDC_CLIENT_OUTPUTS].sort());
    const secret = Object.keys(client.properties).filter((key) => client.properties[key].secret === true);
    assert.deepEqual(secret, ["clientSecret"]);
  });

  it("gives the Application every top-level field of the table, with its type, enum, replace-on-change and requiredness", () => {
    const app = schema.resources[pluginTypeToken("Application")];
    for (const field of TOP_LEVEL_FIELDS) {
      const fact = FACTS[field];
      const spec = app.inputProperties[field];
      assert.ok(spec, field);
      if (fact.kind === "enum" || fact.kind === "enumSet") {
        const ref = fact.kind === "enum" ? spec.$ref : spec.items?.$ref;
        const values = schema.types[String(ref).replace("#/types/", "")].enum.map((e) => e.value);
        assert.deepEqual(values, fact.values, field);
      }
      if (fact.kind === "boolean") assert.equal(spec.type, "boolean", field);
      if (fact.kind === "integer") assert.equal(spec.type, "integer", field);
      assert.equal(spec.replaceOnChanges === true, REPLACE_ON_CHANGE.includes(field), `${field} replaceOnChanges`);
    }
    assert.deepEqual(
      app.requiredInputs.sort(),
      TOP_LEVEL_FIELDS.filter((f) => FACTS[f].required === true && !(FILLED_BY_CHECK as readonly string[]).includes(f)).sort(),
    );
  });

  it("requires only what check does not fill in: check fills exactly FILLED_BY_CHECK", async () => {
    const news = { type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC", __autoname: "worker" };
    const { inputs } = await new ApplicationLifecycle({ env: {} }).check({}, news);
    const filled = Object.keys(inputs).filter((key) => !(key in news) && !key.startsWith("__"));
    assert.deepEqual(filled.sort(), [...FILLED_BY_CHECK].sort());
  });

  const documented: [string, ResourceDocs][] = [
    ["ApplicationSecret", APPLICATION_SECRET_DOCS],
    ["ApplicationResourceGrant", RESOURCE_GRANT_DOCS],
    ["ApplicationSignOnPolicyAssignment", SIGN_ON_POLICY_ASSIGNMENT_DOCS],
  ];
  for (const [type, docs] of documented) {
    it(`gives ${type} exactly its documented properties, and its documented outputs`, () => {
      const resource = schema.resources[pluginTypeToken(type)];
      assert.deepEqual(Object.keys(resource.inputProperties).sort(), docs.properties.flatMap(names).sort());
      for (const output of docs.outputs.flatMap(names)) if (output !== "id") assert.ok(output in resource.properties, `${type}.${output}`);
    });
  }

  it("gives the Application its documented outputs", () => {
    const app = schema.resources[pluginTypeToken("Application")];
    for (const output of APPLICATION_OUTPUT_DOCS.flatMap(names)) if (output !== "id") assert.ok(output in app.properties, output);
  });

  it("marks the registry's secret outputs secret, and nothing else", () => {
    for (const entry of CUSTOM_RESOURCES) {
      const properties = schema.resources[pluginTypeToken(entry.type)].properties;
      const secret = Object.keys(properties).filter((key) => properties[key].secret === true);
      assert.deepEqual(secret.sort(), [...entry.secretOutputs].sort(), entry.type);
    }
  });

  it("names the plugin's config keys (pingone-oidc:…) wherever a description names a setting", () => {
    assert.deepEqual(JSON.stringify(schema).match(/`pingone:[A-Za-z]+`/g), null);
    assert.match(JSON.stringify(schema.resources[pluginTypeToken("OidcClient")].inputProperties.authUrl), /`pingone-oidc:authUrl`/);
  });

  it("configures the provider as the dynamic one: every setting, its PINGONE_* fallback, the credentials secret", () => {
    const variables = schema.config.variables;
    for (const source of Object.values(SETTING_SOURCES)) {
      const name = source.config.replace("pingone:", "");
      assert.deepEqual(variables[name]?.defaultInfo, { environment: [source.env] }, name);
    }
    assert.equal(variables.clientSecret.secret, true);
    assert.equal(variables.apiAccessToken.secret, true);
    assert.equal(variables.clientId.secret, undefined);
  });
});

describe("the provider plugin's adapter", () => {
  it("reads the stack config the engine passes (PULUMI_CONFIG, namespace removed) under the dynamic provider's keys", () => {
    const config = pluginConfig({ PULUMI_CONFIG: JSON.stringify({ environmentId: "env-1", clientSecret: "s3cret" }) });
    assert.equal(config.get("pingone:environmentId"), "env-1");
    assert.equal(config.get("pingone:clientSecret"), "s3cret");
    assert.equal(config.get("pingone:clientId"), undefined);
    assert.equal(pluginConfig({ PULUMI_CONFIG: "not json" }).get("pingone:environmentId"), undefined);
  });

  it("unwraps secret inputs at any depth", () => {
    const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });
    assert.deepEqual(unwrapSecrets({ a: secret("x"), b: [secret({ c: secret(1) })] }), { a: "x", b: [{ c: 1 }] });
  });
});
