/**
 * The provider plugin's Pulumi package schema, generated: the Application's properties from the
 * field table (pingone/fields.ts: types, enums, descriptions, replace-on-change), the other
 * resources' from their documented properties (provider/<folder>/docs.ts) with the types below,
 * the secret outputs from the registry (provider/resources.ts), and the provider's config from
 * SETTING_SOURCES with the same `PINGONE_*` environment fallbacks. Nothing here is a second copy
 * of a fact the provider holds: test/plugin/schema.spec.ts keeps the two in lockstep.
 * @see https://www.pulumi.com/docs/iac/extending-pulumi/schema/ (the schema's shape)
 */
import { APPLICATION_FIELDS, TOP_LEVEL_FIELDS, type FieldFact } from "../pingone";
import { FILLED_BY_CHECK } from "../provider/application/lifecycle";
import { APPLICATION_PROPERTY_NAMES, REPLACE_ON_CHANGE } from "../provider/application/properties";
import { SETTING_SOURCES } from "../provider/kernel/config";
import { OIDC_CLIENT_DOCS } from "../provider/oidc-client/docs";
import { COMPONENT_RESOURCES, CUSTOM_RESOURCES, PLUGIN_PACKAGE, pluginTypeToken } from "../provider/resources";

type Spec = Record<string, unknown>;

const ANY = { $ref: "pulumi.json#/Any" };
const FACTS = APPLICATION_FIELDS as Record<string, FieldFact>;

/** An enum value's name in the SDKs: `AUTHORIZATION_CODE` → `AuthorizationCode`. */
function enumMemberName(value: string): string {
  return value
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/** The name of a field's enum type: `grantTypes` → `GrantType`. */
function enumTypeName(field: string): string {
  if (field === "type") return "ApplicationType";
  const singular = field.endsWith("s") ? field.slice(0, -1) : field;
  return singular.charAt(0).toUpperCase() + singular.slice(1);
}

function fieldSpec(field: string, fact: FieldFact, types: Record<string, Spec>): Spec {
  const description = fact.doc;
  switch (fact.kind) {
    case "boolean":
      return { type: "boolean", description };
    case "integer":
      return { type: "integer", description };
    case "enum":
    case "enumSet": {
      const name = pluginTypeToken(enumTypeName(field));
      types[name] = { type: "string", enum: (fact.values ?? []).map((value) => ({ value, name: enumMemberName(value) })) };
      const ref = { $ref: `#/types/${name}` };
      return fact.kind === "enum" ? { ...ref, description } : { type: "array", items: ref, description };
    }
    case "redirectUriSet":
    case "uriSet":
    case "originSet":
      return { type: "array", items: { type: "string" }, description };
    case "idList":
    case "object":
    case "json":
      return { ...ANY, description };
    default:
      return { type: "string", description };
  }
}

/** The Application's inputs: every top-level field of the table, plus this package's own. */
function applicationInputs(types: Record<string, Spec>): { properties: Record<string, Spec>; required: string[] } {
  const properties: Record<string, Spec> = {};
  for (const field of TOP_LEVEL_FIELDS) properties[field] = fieldSpec(field, FACTS[field], types);
  properties.environmentId = { type: "string", description: "The environment; defaults to the provider's `environmentId`." };
  properties.adoptId = { type: "string", description: "Take over this existing application instead of creating one." };
  properties.exposeSecret = { type: "boolean", description: "Read the client secret into `clientSecret` (default true)." };
  for (const name of APPLICATION_PROPERTY_NAMES) if (!(name in properties)) throw new Error(`schema: no spec for Application.${name}`);
  for (const name of REPLACE_ON_CHANGE) if (name in properties) properties[name] = { ...properties[name], replaceOnChanges: true };
  const filled: readonly string[] = FILLED_BY_CHECK;
  const required = TOP_LEVEL_FIELDS.filter((field) => FACTS[field].required === true && !filled.includes(field));
  return { properties, required };
}

const STRING = { type: "string" };
const STRINGS = { type: "array", items: STRING };

/** The other resources' inputs (their Args), with what their docs.ts says each does. */
const ACCESS_INPUTS: Record<string, Record<string, Spec>> = {
  ApplicationSecret: {
    applicationId: { ...STRING, replaceOnChanges: true },
    environmentId: { ...STRING, replaceOnChanges: true },
    rotateWhenChanged: { type: "object", additionalProperties: ANY },
    previousSecretValidFor: STRING,
    previousSecretExpiresAt: STRING,
    rotationPeriod: STRING,
    revokePreviousSecret: { type: "boolean" },
  },
  ApplicationResourceGrant: {
    applicationId: { ...STRING, replaceOnChanges: true },
    environmentId: { ...STRING, replaceOnChanges: true },
    resourceName: STRING,
    resourceId: STRING,
    scopes: STRINGS,
    scopeIds: STRINGS,
  },
  ApplicationSignOnPolicyAssignment: {
    applicationId: { ...STRING, replaceOnChanges: true },
    environmentId: { ...STRING, replaceOnChanges: true },
    signOnPolicyId: STRING,
    signOnPolicyName: STRING,
    priority: { type: "integer" },
  },
};

/** Outputs beyond the inputs, per resource (their docs.ts's outputs). */
const EXTRA_OUTPUTS: Record<string, Record<string, Spec>> = {
  Application: { clientId: STRING, clientSecret: STRING, secretLink: STRING, createdAt: STRING, updatedAt: STRING },
  ApplicationSecret: { secret: STRING, previousSecret: STRING, previousExpiresAt: STRING, rotatedAt: STRING },
  ApplicationResourceGrant: {},
  ApplicationSignOnPolicyAssignment: {},
};

/** The provider's config: each setting, with its `PINGONE_*` fallback. */
function configVariables(): Record<string, Spec> {
  const variables: Record<string, Spec> = {};
  for (const source of Object.values(SETTING_SOURCES)) {
    const name = source.config.slice(source.config.indexOf(":") + 1);
    variables[name] = {
      type: "string",
      description: `Falls back to \`${source.env}\`.`,
      defaultInfo: { environment: [source.env] },
      ...(/secret|token/i.test(name) ? { secret: true } : {}),
    };
  }
  return variables;
}

/** The component's token in the plugin's package. */
export const PLUGIN_OIDC_CLIENT_TOKEN = pluginTypeToken("OidcClient");

/**
 * The component's outputs, as the engine records them and the schema lists them: the children by
 * id (a program outside Node reads ids, not resource objects), the client's credentials and the
 * authorization server's endpoints.
 */
export const PLUGIN_OIDC_CLIENT_OUTPUTS = [
  "applicationId",
  "grantId",
  "signOnPolicyAssignmentId",
  "clientId",
  "clientSecret",
  "secretLink",
  "scopes",
  "issuer",
  "discoveryUrl",
  "authorizationEndpoint",
  "tokenEndpoint",
  "userinfoEndpoint",
  "jwksUri",
  "endSessionEndpoint",
] as const;

/** The object type an OidcClient's `application` takes: the Application's inputs. */
export const APPLICATION_PROPERTIES_TYPE = pluginTypeToken("ApplicationProperties");
/** The object type of an OidcClient's `signOnPolicy`. */
export const SIGN_ON_POLICY_TYPE = pluginTypeToken("OidcClientSignOnPolicy");

/**
 * A component option's description: its row of the component's docs (the README's), with the
 * settings it names under the plugin's namespace (`pingone-oidc:authUrl`), where the plugin reads them.
 */
function componentOption(name: string): string {
  const row = OIDC_CLIENT_DOCS.properties.find((property) => property.name === name);
  if (row === undefined) throw new Error(`schema: OidcClient has no documented option ${name}`);
  return row.rules.replaceAll("`pingone:", `\`${PLUGIN_PACKAGE}:`);
}

/** What an OidcClient's outputs mean, for the schema's descriptions and the SDKs' doc comments. */
const OIDC_CLIENT_OUTPUT_SPECS: Record<(typeof PLUGIN_OIDC_CLIENT_OUTPUTS)[number], Spec> = {
  applicationId: { ...STRING, description: "The application's id (child `<name>`)." },
  grantId: { ...STRING, description: "The openid grant's id (child `<name>-openid`), when there is one." },
  signOnPolicyAssignmentId: { ...STRING, description: "The sign-on policy assignment's id (child `<name>-sign-on-policy`), when `signOnPolicy` is given." },
  clientId: { ...STRING, description: "The OAuth client id." },
  clientSecret: { ...STRING, secret: true, description: "The client secret, for shared-secret auth methods." },
  secretLink: { ...STRING, description: "Where the secret is read and rotated (`_links.secret.href`)." },
  scopes: { ...STRINGS, description: "The scopes the client requests, `openid` included: the authorization request's `scope`." },
  issuer: { ...STRING, description: "The environment's issuer, `<authUrl>/<environmentId>/as`." },
  discoveryUrl: { ...STRING, description: "The OpenID Provider configuration document." },
  authorizationEndpoint: STRING,
  tokenEndpoint: STRING,
  userinfoEndpoint: STRING,
  jwksUri: STRING,
  endSessionEndpoint: STRING,
};

/** The OidcClient component: `construct` in the plugin declares its children by the plugin's tokens. */
function oidcClientResource(application: { properties: Record<string, Spec>; required: string[] }, types: Record<string, Spec>): Spec {
  const objectProperties = Object.fromEntries(Object.entries(application.properties).map(([name, { replaceOnChanges: _replace, ...spec }]) => [name, spec]));
  types[APPLICATION_PROPERTIES_TYPE] = {
    type: "object",
    description: "An Application's properties, as an OidcClient takes them.",
    properties: objectProperties,
    required: application.required,
  };
  types[SIGN_ON_POLICY_TYPE] = {
    type: "object",
    properties: {
      name: { ...STRING, description: 'The policy by name, e.g. "Single_Factor". Exactly one of name and id.' },
      id: { ...STRING, description: "The policy by id." },
      priority: { type: "integer", description: "From 1 (the default, evaluated first) to 2147483647." },
    },
  };
  return {
    isComponent: true,
    description: COMPONENT_RESOURCES[0].summary,
    inputProperties: {
      application: { $ref: `#/types/${APPLICATION_PROPERTIES_TYPE}`, description: componentOption("application") },
      authUrl: { ...STRING, description: componentOption("authUrl") },
      scopes: { ...STRINGS, description: componentOption("scopes") },
      signOnPolicy: { $ref: `#/types/${SIGN_ON_POLICY_TYPE}`, description: componentOption("signOnPolicy") },
    },
    requiredInputs: ["application"],
    properties: OIDC_CLIENT_OUTPUT_SPECS,
    required: PLUGIN_OIDC_CLIENT_OUTPUTS.filter((name) => !["grantId", "signOnPolicyAssignmentId", "clientSecret", "secretLink"].includes(name)),
  };
}

/** The whole schema, as `pulumi package get-schema` prints it. */
export function pluginSchema(version: string): Spec {
  const types: Record<string, Spec> = {};
  const resources: Record<string, Spec> = {};
  const application = applicationInputs(types);
  for (const entry of CUSTOM_RESOURCES) {
    const { properties, required } = entry.type === "Application" ? application : { properties: ACCESS_INPUTS[entry.type], required: ["applicationId"] };
    const secrets = new Set<string>(entry.secretOutputs);
    const outputs: Record<string, Spec> = {};
    for (const [name, spec] of Object.entries({ ...properties, ...EXTRA_OUTPUTS[entry.type] })) {
      const { replaceOnChanges: _replace, ...output } = spec;
      outputs[name] = secrets.has(name) ? { ...output, secret: true } : output;
    }
    resources[pluginTypeToken(entry.type)] = {
      description: entry.summary,
      inputProperties: properties,
      requiredInputs: required,
      properties: outputs,
    };
  }
  resources[PLUGIN_OIDC_CLIENT_TOKEN] = oidcClientResource(application, types);
  const variables = configVariables();
  return {
    name: PLUGIN_PACKAGE,
    displayName: "PingOne OIDC",
    version,
    description: "PingOne OIDC applications, their secrets, grants and sign-on policies, with this package's check, reconciliation and rotation.",
    keywords: ["pulumi", "pingone", "oidc", "category/infrastructure"],
    config: { variables },
    // No provider arguments: the Node SDK's server never hands them over (docs/plugin.md), so an
    // explicit provider resource could only ignore them. Settings come from stack config.
    provider: {},
    resources,
    types,
    language: {
      nodejs: { packageName: "@local/pingone-oidc" },
      go: { importBasePath: "example.com/pingone-oidc/sdk/go/pingoneoidc", generateResourceContainerTypes: false },
    },
  };
}
