/**
 * PingOne's enumerations for OIDC applications. Source for each: the management API's OpenAPI
 * spec in the Go SDK (https://github.com/patrickcping/pingone-go-sdk-v2,
 * management/generate/pingone-management.yml, `EnumApplication*` schemas) and PingOne's API docs,
 * "Application operations" (https://apidocs.pingidentity.com/pingone/platform/v1/api/#application-operations).
 */

/** The OIDC application types PingOne accepts on create (the portal/self-service types are PingOne's own). */
export const APPLICATION_TYPES = ["WEB_APP", "NATIVE_APP", "SINGLE_PAGE_APP", "WORKER", "CUSTOM_APP", "SERVICE"] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number];

/** This package manages OIDC applications only; PingOne's other protocols have other fields. */
export const PROTOCOLS = ["OPENID_CONNECT"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** `EnumApplicationOIDCGrantType`. There is no password (ROPC) grant in PingOne. */
export const GRANT_TYPES = ["AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN", "CLIENT_CREDENTIALS", "DEVICE_CODE", "TOKEN_EXCHANGE", "CIBA"] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/** `EnumApplicationOIDCResponseType`: what the authorization endpoint may return. */
export const RESPONSE_TYPES = ["CODE", "TOKEN", "ID_TOKEN"] as const;
export type ResponseType = (typeof RESPONSE_TYPES)[number];

/** `EnumApplicationOIDCTokenAuthMethod`: how the client authenticates at the token endpoint. */
export const TOKEN_ENDPOINT_AUTH_METHODS = ["NONE", "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "CLIENT_SECRET_JWT", "PRIVATE_KEY_JWT"] as const;
export type TokenEndpointAuthMethod = (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number];

/** Methods that authenticate with the shared client secret (which `GET …/secret` returns). */
export const SHARED_SECRET_AUTH_METHODS: readonly TokenEndpointAuthMethod[] = ["CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "CLIENT_SECRET_JWT"];

/** `EnumApplicationOIDCPKCEOption`: whether authorization requests must carry a PKCE challenge, and which. */
export const PKCE_ENFORCEMENTS = ["OPTIONAL", "REQUIRED", "S256_REQUIRED"] as const;
export type PkceEnforcement = (typeof PKCE_ENFORCEMENTS)[number];

/** `EnumApplicationOIDCPARRequirement`: whether authorization requests must be pushed first (RFC 9126). */
export const PAR_REQUIREMENTS = ["OPTIONAL", "REQUIRED"] as const;
export type ParRequirement = (typeof PAR_REQUIREMENTS)[number];

/** The refresh token's format (`additionalRefreshTokenReplayProtectionEnabled` needs one PingOne can track). */
export const REFRESH_TOKEN_TYPES = ["JSON_WEB_TOKEN", "OPAQUE_TOKEN"] as const;
export type RefreshTokenType = (typeof REFRESH_TOKEN_TYPES)[number];

/** `EnumApplicationTags`: tags PingOne attaches to applications of an integration. */
export const APPLICATION_TAGS = ["PING_FED_CONNECTION_INTEGRATION"] as const;
export type ApplicationTag = (typeof APPLICATION_TAGS)[number];

/** `EnumApplicationCorsSettingsBehavior`: which origins may call PingOne's endpoints from a browser. */
export const CORS_BEHAVIORS = ["ALLOW_NO_ORIGINS", "ALLOW_SPECIFIC_ORIGINS"] as const;
export type CorsBehavior = (typeof CORS_BEHAVIORS)[number];

/** `EnumApplicationAccessControlType` for `accessControl.role.type`. */
export const ACCESS_CONTROL_ROLE_TYPES = ["ADMIN_USERS_ONLY"] as const;
export type AccessControlRoleType = (typeof ACCESS_CONTROL_ROLE_TYPES)[number];
/** `EnumApplicationAccessControlGroupType` for `accessControl.group.type`. */
export const ACCESS_CONTROL_GROUP_TYPES = ["ANY_GROUP", "ALL_GROUPS"] as const;
export type AccessControlGroupType = (typeof ACCESS_CONTROL_GROUP_TYPES)[number];
/** The time unit of `mobile.passcodeRefreshDuration` (`EnumPasscodeRefreshTimeUnit`). */
export const PASSCODE_TIME_UNITS = ["SECONDS"] as const;
export type PasscodeTimeUnit = (typeof PASSCODE_TIME_UNITS)[number];

/** An enumeration's values by name: `{ IMPLICIT: "IMPLICIT", … }`, frozen. */
export type ValuesByName<T extends string> = { readonly [K in T]: K };

/**
 * The values of an enumeration of pingone/ as an object keyed by value, so that code outside
 * pingone/ names a value (`GRANT_TYPE.IMPLICIT`) that the compiler checks against the enumeration,
 * instead of retyping the literal.
 *
 * @see GRANT_TYPE
 */
export function valuesByName<T extends string>(values: readonly T[]): ValuesByName<T> {
  return Object.freeze(Object.fromEntries(values.map((value) => [value, value]))) as ValuesByName<T>;
}

/**
 * {@link APPLICATION_TYPES} by name.
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/#application-operations
 */
export const APPLICATION_TYPE = valuesByName(APPLICATION_TYPES);
/**
 * {@link PROTOCOLS} by name.
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/#application-operations
 */
export const PROTOCOL = valuesByName(PROTOCOLS);
/**
 * {@link GRANT_TYPES} by name (`EnumApplicationOIDCGrantType`).
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/#application-operations
 */
export const GRANT_TYPE = valuesByName(GRANT_TYPES);
/**
 * {@link RESPONSE_TYPES} by name (`EnumApplicationOIDCResponseType`).
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/#application-operations
 */
export const RESPONSE_TYPE = valuesByName(RESPONSE_TYPES);
/**
 * {@link TOKEN_ENDPOINT_AUTH_METHODS} by name (`EnumApplicationOIDCTokenAuthMethod`).
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/#application-operations
 */
export const TOKEN_ENDPOINT_AUTH_METHOD = valuesByName(TOKEN_ENDPOINT_AUTH_METHODS);
/**
 * {@link PKCE_ENFORCEMENTS} by name (`EnumApplicationOIDCPKCEOption`).
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/#application-operations
 */
export const PKCE_ENFORCEMENT = valuesByName(PKCE_ENFORCEMENTS);
/**
 * {@link PAR_REQUIREMENTS} by name (`EnumApplicationOIDCPARRequirement`).
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/#application-operations
 */
export const PAR_REQUIREMENT = valuesByName(PAR_REQUIREMENTS);
/**
 * {@link CORS_BEHAVIORS} by name (`EnumApplicationCorsSettingsBehavior`).
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/#application-operations
 */
export const CORS_BEHAVIOR = valuesByName(CORS_BEHAVIORS);

/** Whether an auth method authenticates with the shared client secret. */
export function usesSharedSecret(method: unknown): boolean {
  return typeof method === "string" && (SHARED_SECRET_AUTH_METHODS as readonly string[]).includes(method);
}
