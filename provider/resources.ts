/**
 * How the engine names an Application in a stack's state. The Node.js SDK registers a dynamic
 * resource as `pulumi-nodejs:dynamic/<module>:<type>` (`@pulumi/pulumi/dynamic` `Resource`), and
 * the recovery command finds this package's resources in a checkpoint by that token.
 */
export const APPLICATION_MODULE = "pingone";
export const APPLICATION_TYPE = "Application";
export const APPLICATION_TYPE_TOKEN = `pulumi-nodejs:dynamic/${APPLICATION_MODULE}:${APPLICATION_TYPE}`;

/** The ApplicationSecret resource, in the same module. */
export const APPLICATION_SECRET_TYPE = "ApplicationSecret";
export const APPLICATION_SECRET_TYPE_TOKEN = `pulumi-nodejs:dynamic/${APPLICATION_MODULE}:${APPLICATION_SECRET_TYPE}`;

/**
 * The package entries (package.json `exports`) that the serialized providers (`kernel/shim.ts`) require
 * in the dynamic-provider process: each exports one resource type's implementation.
 */
export const PROVIDER_MODULE = "pulumi-pingone/provider";
export const SECRET_PROVIDER_MODULE = "pulumi-pingone/provider/secret";
export const GRANT_PROVIDER_MODULE = "pulumi-pingone/provider/grant";
export const ASSIGNMENT_PROVIDER_MODULE = "pulumi-pingone/provider/sop";

/** The ApplicationResourceGrant and ApplicationSignOnPolicyAssignment resources, in the same module. */
export const APPLICATION_RESOURCE_GRANT_TYPE = "ApplicationResourceGrant";
export const APPLICATION_RESOURCE_GRANT_TYPE_TOKEN = `pulumi-nodejs:dynamic/${APPLICATION_MODULE}:${APPLICATION_RESOURCE_GRANT_TYPE}`;
export const APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE = "ApplicationSignOnPolicyAssignment";
export const APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE_TOKEN = `pulumi-nodejs:dynamic/${APPLICATION_MODULE}:${APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE}`;
