/**
 * Facts about application resource access grants and the resources and scopes they name. No HTTP.
 *
 * Sources:
 * - Grant data model: `resource.id` (set on create), `scopes[].id` (required, mutable), `application.id`,
 *   `id`, `createdAt`, `updatedAt`; POST 201, GET/PUT 200, DELETE 204; 404 for the admin-console and
 *   self-service application types.
 *   https://developer.pingidentity.com/pingone-api/platform/applications/application-resource-grants.html
 * - Create body `{ "resource": { "id" }, "scopes": [{ "id" }] }`:
 *   https://developer.pingidentity.com/pingone-api/platform/applications/application-resource-grants/create-grant.html
 * - The built-in "openid" resource and its scopes (found by `GET …/resources`, then
 *   `GET …/resources/{resourceId}/scopes`), as the "Configure a Single Page Application with an
 *   Implicit Grant" workflow does:
 *   https://developer.pingidentity.com/pingone-api/workflow-library/application-management/configure-a-single-page-application-with-an-implicit-grant/step-3-get-all-scopes.html
 *   https://developer.pingidentity.com/pingone-api/foundations/pingone-roles-scopes-and-permissions/access-services-through-scopes-and-roles/openid-connect-oidc-scopes.html
 * - The Terraform provider's `pingone_application_resource_grant`: `environment_id`, `application_id`
 *   and `resource_id` trigger a replace; `scopes` is a set of ids; and "When using the "openid"
 *   resource, the "openid" scope should not be included" (what PingOne does when it is included is
 *   not documented; the emulator accepts it):
 *   https://github.com/pingidentity/terraform-provider-pingone/blob/main/docs/resources/application_resource_grant.md
 */

import { valuesByName } from "./enums";

/** The name of PingOne's built-in OpenID Connect resource in every environment. */
export const OPENID_RESOURCE_NAME = "openid";
/** Its `type` in `GET …/resources` (the other built-in, "PingOne API", is `PINGONE_API`; custom ones are `CUSTOM`). */
export const OPENID_RESOURCE_TYPE = "OPENID_CONNECT";
/** The name of the other built-in resource, PingOne's own management API. */
export const PINGONE_API_RESOURCE_NAME = "PingOne API";
/** Its `type` in `GET …/resources`. */
export const PINGONE_API_RESOURCE_TYPE = "PINGONE_API";
/**
 * Two of the PingOne API resource's self-management scopes
 * (https://developer.pingidentity.com/pingone-api/platform/resources/resource-scopes.html).
 */
export const PINGONE_API_SAMPLE_SCOPE_NAMES = ["p1:read:user", "p1:update:user"] as const;
/** The OIDC scopes PingOne's openid resource documents. */
export const OPENID_SCOPE_NAMES = ["openid", "profile", "email", "address", "phone"] as const;
/** One of {@link OPENID_SCOPE_NAMES}. */
export type OpenIdScopeName = (typeof OPENID_SCOPE_NAMES)[number];
/**
 * {@link OPENID_SCOPE_NAMES} by name (`OPENID_SCOPE_BY_NAME.profile`).
 * @see https://developer.pingidentity.com/pingone-api/foundations/pingone-roles-scopes-and-permissions/access-services-through-scopes-and-roles/openid-connect-oidc-scopes.html
 */
export const OPENID_SCOPE_BY_NAME = valuesByName(OPENID_SCOPE_NAMES);

/**
 * The lifetime of an access token when its resource does not set one: a resource's
 * `accessTokenValiditySeconds` defaults to 3600.
 * @see https://developer.pingidentity.com/pingone-api/platform/resources/resources-1.html
 */
export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

/**
 * The scope that marks an OpenID Connect request. It is requested, never granted: PingOne's
 * workflows grant only `profile`, `email`… of the openid resource, and the Terraform provider says
 * the `openid` scope "should not be included" in a grant of that resource (sources above).
 */
export const OPENID_SCOPE = "openid";

/**
 * Grant types with which an end user signs in, so that the user-claim scopes of the openid resource
 * (`profile`, `email`, `address`, `phone`: claims about "the end-user", per PingOne's OIDC scopes page
 * above and OpenID Connect Core §5.4, https://openid.net/specs/openid-connect-core-1_0.html#ScopeClaims)
 * describe someone. CLIENT_CREDENTIALS has no user; REFRESH_TOKEN only renews one of these;
 * TOKEN_EXCHANGE is left out because its subject is another token, not a sign-in.
 */
export const USER_SIGN_IN_GRANT_TYPES = ["AUTHORIZATION_CODE", "IMPLICIT", "DEVICE_CODE", "CIBA"] as const;

/**
 * Why an application with these grant types signs no user in, or undefined when it does (one of
 * `signInGrantTypes`, by default USER_SIGN_IN_GRANT_TYPES, is among them).
 */
export function noUserSignInReason(grantTypes: readonly string[], signInGrantTypes: readonly string[] = USER_SIGN_IN_GRANT_TYPES): string | undefined {
  if (grantTypes.some((grantType) => signInGrantTypes.includes(grantType))) return undefined;
  const listed = grantTypes.length === 0 ? "none" : grantTypes.join(", ");
  return `none of its grant types (${listed}) signs a user in (${signInGrantTypes.join(", ")})`;
}

/**
 * Why an application with this type and these grant types cannot use the openid resource's scopes,
 * or undefined when it can. PingOne: "Worker apps that have the client_credentials grant type do not
 * support OIDC scopes"
 * (https://developer.pingidentity.com/pingone-api/platform/applications/application-resource-grants/create-grant.html),
 * while "Worker applications that use a user-based grant type such as implicit or authorization_code
 * let you assign only OIDC scopes"
 * (https://developer.pingidentity.com/pingone-api/foundations/authentication-concepts/authorization-and-authentication-by-application-type/worker-applications.html).
 * An application of any type that signs no user in has no user for the scopes' claims to describe.
 */
export function openIdScopesUnusableReason(
  type: string | undefined,
  grantTypes: readonly string[],
  signInGrantTypes: readonly string[] = USER_SIGN_IN_GRANT_TYPES,
): string | undefined {
  if (type === "WORKER" && grantTypes.includes("CLIENT_CREDENTIALS")) {
    return "it is a WORKER app with the CLIENT_CREDENTIALS grant type, and PingOne's worker apps with client_credentials do not support OIDC scopes";
  }
  const noUser = noUserSignInReason(grantTypes, signInGrantTypes);
  return noUser === undefined ? undefined : `${noUser}, so there is no user for profile, email, address or phone claims to describe`;
}

/** Application types whose grants endpoint answers 404 on every method (resource grants page, "Response codes"). */
export const GRANTLESS_APPLICATION_TYPES = ["PING_ONE_ADMIN_CONSOLE", "PING_ONE_SELF_SERVICE"] as const;

/** A grant as PingOne returns it (the fields this package reads). */
export interface PingOneGrant {
  id: string;
  resource: { id: string };
  scopes: { id: string }[];
  application?: { id: string };
}

/** A resource as `GET …/resources` lists it (the fields this package reads). */
export interface PingOneResource {
  id: string;
  name: string;
  type?: string;
}

/** A scope as `GET …/resources/{resourceId}/scopes` lists it. */
export interface PingOneScope {
  id: string;
  name: string;
  resource?: { id: string };
}
