/**
 * The registry: every resource this package defines, listed once. Type tokens, the package
 * entries that the serialized providers require, the package.json `exports` keys and the README's
 * resource list all derive from this table (a unit test holds package.json and the README to it),
 * as pulumi-command's `provider.go` lists every resource once.
 *
 * A custom resource of this package is registered as Pulumi's Node.js SDK registers a dynamic
 * resource: `pulumi-nodejs:dynamic/<module>:<type>` (`@pulumi/pulumi/dynamic` `Resource`). The
 * engine stores that token and the `__provider` text (`kernel/shim.ts`: a `require` of the
 * entry) in users' stacks, so neither may change without a state migration.
 *
 * @see https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/dynamic/index.ts
 */

/** The npm package name, which the serialized providers `require` by. */
export const PACKAGE_NAME = "pulumi-pingone";

/** The dynamic module every custom resource of this package is registered in. */
export const APPLICATION_MODULE = "pingone";

/** The provider plugin's package (plugin/): not `pingone`, whose tokens the Terraform bridge's package owns. */
export const PLUGIN_PACKAGE = "pingone-oidc";

/** A resource's token in the provider plugin's package: the same resource, served for every Pulumi language. */
export function pluginTypeToken(type: string): string {
  return `${PLUGIN_PACKAGE}:index:${type}`;
}

/** The token of a custom resource type of this package. */
export function dynamicTypeToken(type: string): string {
  return `pulumi-nodejs:dynamic/${APPLICATION_MODULE}:${type}`;
}

export interface CustomResourceEntry {
  /** The resource type within the module, and the class's name. */
  readonly type: string;
  /** The folder under provider/ that holds the class, its checks, its lifecycle and its entry. */
  readonly folder: string;
  /** The package.json `exports` key of the module that exports the lifecycle instance. */
  readonly exportKey: string;
  /** One line for the README's resource list. */
  readonly summary: string;
  /** Outputs the class always registers as Pulumi secrets (`additionalSecretOutputs`). */
  readonly secretOutputs: readonly string[];
}

/** Every custom resource, in the order the README lists them. */
export const CUSTOM_RESOURCES = [
  {
    type: "Application",
    folder: "application",
    exportKey: "./provider",
    summary: "An OIDC application: POST, PUT of the whole object, GET, DELETE.",
    secretOutputs: ["clientSecret"],
  },
  {
    type: "ApplicationSecret",
    folder: "application-secret",
    exportKey: "./provider/secret",
    summary: "An application's client secret, rotated on a schedule with an overlap.",
    secretOutputs: ["secret", "previousSecret"],
  },
  {
    type: "ApplicationResourceGrant",
    folder: "resource-grant",
    exportKey: "./provider/grant",
    summary: "Scopes of a resource (e.g. openid's profile and email) granted to an application.",
    secretOutputs: [],
  },
  {
    type: "ApplicationSignOnPolicyAssignment",
    folder: "sign-on-policy-assignment",
    exportKey: "./provider/sop",
    summary: "A sign-on policy assigned to an application, with its priority.",
    secretOutputs: [],
  },
] as const satisfies readonly CustomResourceEntry[];

/** The component resources, registered by the program itself (no provider). */
export const COMPONENT_RESOURCES = [
  {
    type: "OidcClient",
    token: "pingone:index:OidcClient",
    folder: "oidc-client",
    summary: "An Application with its openid grant and, optionally, a sign-on policy assignment; and the issuer and endpoints to sign in with.",
  },
] as const;

/** The type of one of this package's custom resources, as the registry lists it. */
export type CustomResourceType = (typeof CUSTOM_RESOURCES)[number]["type"];

function entryOf(type: CustomResourceType): CustomResourceEntry {
  const entry = CUSTOM_RESOURCES.find((resource) => resource.type === type);
  if (!entry) throw new Error(`no resource ${type} in the registry`);
  return entry;
}

/** The outputs a resource type's class always registers as Pulumi secrets. */
export function secretOutputsOf(type: CustomResourceType): readonly string[] {
  return entryOf(type).secretOutputs;
}

/** The module specifier the serialized provider of a resource type requires (`pulumi-pingone/provider/…`). */
export function providerModule(type: CustomResourceType): string {
  return `${PACKAGE_NAME}${entryOf(type).exportKey.slice(1)}`;
}

/** Each custom resource's type within the module. @see CUSTOM_RESOURCES */
export const APPLICATION_TYPE = "Application" satisfies CustomResourceType;
export const APPLICATION_SECRET_TYPE = "ApplicationSecret" satisfies CustomResourceType;
export const APPLICATION_RESOURCE_GRANT_TYPE = "ApplicationResourceGrant" satisfies CustomResourceType;
export const APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE = "ApplicationSignOnPolicyAssignment" satisfies CustomResourceType;

/** Each custom resource's type token, as the engine stores it in state. @see dynamicTypeToken */
export const APPLICATION_TYPE_TOKEN = dynamicTypeToken(APPLICATION_TYPE);
export const APPLICATION_SECRET_TYPE_TOKEN = dynamicTypeToken(APPLICATION_SECRET_TYPE);
export const APPLICATION_RESOURCE_GRANT_TYPE_TOKEN = dynamicTypeToken(APPLICATION_RESOURCE_GRANT_TYPE);
export const APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE_TOKEN = dynamicTypeToken(APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE);

/** Each custom resource's package entry, as its serialized provider requires it. @see providerModule */
export const PROVIDER_MODULE = providerModule(APPLICATION_TYPE);
export const SECRET_PROVIDER_MODULE = providerModule(APPLICATION_SECRET_TYPE);
export const GRANT_PROVIDER_MODULE = providerModule(APPLICATION_RESOURCE_GRANT_TYPE);
export const ASSIGNMENT_PROVIDER_MODULE = providerModule(APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE);

/** The OidcClient component's type token. @see COMPONENT_RESOURCES */
export const OIDC_CLIENT_TYPE_TOKEN = COMPONENT_RESOURCES[0].token;
