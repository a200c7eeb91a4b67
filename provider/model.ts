/**
 * PingOne facts for OIDC applications, defined once.
 *
 * Every enum, range, set-valued field, replace trigger and server default that the provider,
 * the policy pack and the docs rely on lives here. Sources are noted next to each fact; the
 * short names refer to `shared/reference/pingone-applications-api.md` (§ numbers) and the seeds.
 */

/** Application types this resource manages (reference §3a: the OIDC types PingOne accepts). */
export const APPLICATION_TYPES = ["WEB_APP", "NATIVE_APP", "SINGLE_PAGE_APP", "WORKER", "CUSTOM_APP", "SERVICE"] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number];

/** This resource manages OIDC applications only; PingOne's other protocols have other fields. */
export const PROTOCOLS = ["OPENID_CONNECT"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** Reference §2c EnumApplicationOIDCGrantType. There is no password (ROPC) grant in PingOne. */
export const GRANT_TYPES = [
  "AUTHORIZATION_CODE",
  "IMPLICIT",
  "REFRESH_TOKEN",
  "CLIENT_CREDENTIALS",
  "DEVICE_CODE",
  "TOKEN_EXCHANGE",
  "CIBA",
] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export const RESPONSE_TYPES = ["CODE", "TOKEN", "ID_TOKEN"] as const;
export type ResponseType = (typeof RESPONSE_TYPES)[number];

export const TOKEN_ENDPOINT_AUTH_METHODS = [
  "NONE",
  "CLIENT_SECRET_BASIC",
  "CLIENT_SECRET_POST",
  "CLIENT_SECRET_JWT",
  "PRIVATE_KEY_JWT",
] as const;
export type TokenEndpointAuthMethod = (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number];

/** Methods that authenticate with the shared client secret, so the provider reads it (reference §4 Secret GET). */
export const SHARED_SECRET_AUTH_METHODS: readonly TokenEndpointAuthMethod[] = [
  "CLIENT_SECRET_BASIC",
  "CLIENT_SECRET_POST",
  "CLIENT_SECRET_JWT",
];

export const PKCE_ENFORCEMENTS = ["OPTIONAL", "REQUIRED", "S256_REQUIRED"] as const;
export type PkceEnforcement = (typeof PKCE_ENFORCEMENTS)[number];

export const PAR_REQUIREMENTS = ["OPTIONAL", "REQUIRED"] as const;
export type ParRequirement = (typeof PAR_REQUIREMENTS)[number];

export const REFRESH_TOKEN_TYPES = ["JSON_WEB_TOKEN", "OPAQUE_TOKEN"] as const;
export type RefreshTokenType = (typeof REFRESH_TOKEN_TYPES)[number];

export const APPLICATION_TAGS = ["PING_FED_CONNECTION_INTEGRATION"] as const;
export type ApplicationTag = (typeof APPLICATION_TAGS)[number];

export const CORS_BEHAVIORS = ["ALLOW_NO_ORIGINS", "ALLOW_SPECIFIC_ORIGINS"] as const;
export type CorsBehavior = (typeof CORS_BEHAVIORS)[number];

export const ACCESS_CONTROL_ROLE_TYPES = ["ADMIN_USERS_ONLY"] as const;
export const ACCESS_CONTROL_GROUP_TYPES = ["ANY_GROUP", "ALL_GROUPS"] as const;

/** Application types that may carry `signing` (TFP `validateSigning`, PR #1343: SERVICE is refused). */
export const SIGNING_APPLICATION_TYPES: readonly ApplicationType[] = [
  "WEB_APP",
  "NATIVE_APP",
  "SINGLE_PAGE_APP",
  "CUSTOM_APP",
  "WORKER",
];

/** Inclusive numeric ranges (reference §2b and §3b: spec minimum/maximum, TF validators). */
export interface Range {
  readonly min: number;
  readonly max: number;
  readonly unit: string;
}
export const NUMERIC_RANGES = {
  parTimeout: { min: 1, max: 600, unit: "seconds" },
  deviceTimeout: { min: 1, max: 3600, unit: "seconds" },
  devicePollingInterval: { min: 1, max: 60, unit: "seconds" },
  refreshTokenDuration: { min: 60, max: 2147483647, unit: "seconds" },
  refreshTokenRollingDuration: { min: 60, max: 2147483647, unit: "seconds" },
  refreshTokenRollingGracePeriodDuration: { min: 0, max: 86400, unit: "seconds" },
} as const satisfies Record<string, Range>;
export type NumericField = keyof typeof NUMERIC_RANGES;

/** `corsSettings.origins` limit: 40 (TFP PR #1313 "to align with the PingOne API limit of 40"). */
export const MAX_CORS_ORIGINS = 40;
/** `devicePathId` pattern (SDK spec). */
export const DEVICE_PATH_ID_PATTERN = /^[a-zA-Z0-9_-]{1,50}$/;

/**
 * Values PingOne fills in when a field is omitted on create, as the seeds' responses show
 * (seed 001 and the reference §1 sample). A field the user never set is not diffed against these.
 */
export const SERVER_DEFAULTS: Readonly<Record<string, unknown>> = {
  enabled: false,
  hiddenFromAppPortal: false,
  assignActorRoles: false,
  idpSignoff: false,
  additionalRefreshTokenReplayProtectionEnabled: true,
  pkceEnforcement: "OPTIONAL",
  parRequirement: "OPTIONAL",
  parTimeout: 60,
  deviceTimeout: 600,
  devicePollingInterval: 5,
  requestScopesForMultipleResourcesEnabled: false,
};

/**
 * Fields whose values are sets: PingOne returns them in its own order (seed 000 reverses
 * `grantTypes`), so they compare without regard to order or duplicates. Paths are dotted.
 */
export const SET_VALUED_PATHS: readonly string[] = [
  "grantTypes",
  "responseTypes",
  "redirectUris",
  "postLogoutRedirectUris",
  "tags",
  "corsSettings.origins",
  "accessControl.group.groups",
  "mobile.integrityDetection.excludedPlatforms",
];

/** Changing any of these needs a new application (reference §5 Replacement triggers). */
export const REPLACE_TRIGGERS: readonly string[] = [
  "environmentId",
  "type",
  "protocol",
  "mobile.bundleId",
  "mobile.packageName",
  "mobile.huaweiAppId",
  "mobile.huaweiPackageName",
];

/** Values that must be unique within an environment (spec: devicePathId; TF: mobile ids). */
export const UNIQUE_IN_ENVIRONMENT: readonly string[] = [
  "devicePathId",
  "mobile.bundleId",
  "mobile.packageName",
  "mobile.huaweiAppId",
  "mobile.huaweiPackageName",
];

/**
 * Once set, PingOne refuses to clear these: a PUT without them fails with
 * "Once specified, refreshTokenDuration cannot be nullified" (TFP issue #82, fixed by PR #88).
 */
export const NON_NULLIFIABLE_FIELDS: readonly string[] = ["refreshTokenDuration", "refreshTokenRollingDuration"];

/** Honoured on POST only; PingOne ignores it on PUT (reference §2a). */
export const CREATE_ONLY_FIELDS: readonly string[] = ["assignActorRoles"];

/**
 * Arguments that steer the provider rather than describe the application: never sent to PingOne
 * and never compared with what PingOne holds. `adoptId` only matters when the resource is
 * created; the lifecycle compares `exposeSecret` itself.
 */
export const PROVIDER_ONLY_FIELDS: readonly string[] = ["adoptId", "exposeSecret"];

/** Fields PingOne computes; never sent in a request body. */
export const READ_ONLY_FIELDS: readonly string[] = ["id", "_links", "environment", "createdAt", "updatedAt", "clientId"];

/** The management API's top-level error codes (reference §7). */
export interface PingOneErrorDetail {
  code?: string;
  target?: string;
  message?: string;
  innerError?: Record<string, unknown>;
}
export interface PingOneErrorBody {
  id?: string;
  code?: string;
  message?: string;
  details?: PingOneErrorDetail[];
}

/** Regions and their domain suffixes (SDK `pingone/model/region.go`, reference §8). */
export const REGION_SUFFIXES = {
  NA: "com",
  EU: "eu",
  CA: "ca",
  AU: "com.au",
  SG: "sg",
  AP: "asia",
} as const;
export type RegionCode = keyof typeof REGION_SUFFIXES;

/** The Pulumi type token of the Application resource: module `pingone`, type `Application`. */
export const APPLICATION_TYPE_TOKEN = "pulumi-nodejs:dynamic/pingone:Application";

/** The Pulumi type token of the ApplicationSecret resource. */
export const APPLICATION_SECRET_TYPE_TOKEN = "pulumi-nodejs:dynamic/pingone:ApplicationSecret";

/**
 * Client-secret rotation, as PingOne's management API offers it:
 * - `GET …/applications/{appId}/secret` answers 200 with `{secret, previous?: {secret, expiresAt,
 *   lastUsed}}`; `previous` is returned only while a previous secret is designated and not expired.
 * - `POST …/secret` generates a new secret and answers 200 with it. The optional body
 *   `{"previous": {"expiresAt": "<RFC 3339>"}}` keeps the replaced secret valid as `previous` until
 *   then, from 1 minute to 30 days ahead; without it, the replaced secret stops working at once.
 * - `DELETE …/secret` revokes the previous secret before it expires (204).
 * - There is no way to delete an application's only secret.
 * Sources: https://developer.pingidentity.com/pingone-api/platform/applications/application-secret.html
 * (data model, permissions), https://developer.pingidentity.com/pingone-api/platform/applications/application-secret/update-application-secret.html
 * ("remains valid for a specified period, up to 30 days"), the Go SDK's
 * https://github.com/patrickcping/pingone-go-sdk-v2/blob/main/management/api_application_secret.go
 * (ReadApplicationSecret, UpdateApplicationSecret, DeletePreviousApplicationSecret), and
 * https://github.com/pingidentity/terraform-provider-pingone/blob/main/internal/service/sso/resource_application_secret.go
 * (`previous.expires_at`: "Supported time range is 1 minute to 30 days").
 */
export const PREVIOUS_SECRET_MIN_MS = 60_000;
export const PREVIOUS_SECRET_MAX_MS = 30 * 24 * 3600_000;

/** Whether an auth method authenticates with the shared client secret. */
export function usesSharedSecret(method: unknown): boolean {
  return typeof method === "string" && (SHARED_SECRET_AUTH_METHODS as readonly string[]).includes(method);
}
