/**
 * The field table: one entry per PingOne OIDC application field (top-level and nested, by dotted
 * path), with every fact the provider, the emulator, the policy pack and the README rely on.
 * Adding a field PingOne documents is one entry here (plus, at most, a cross-field rule).
 *
 * Sources, cited per entry where they differ:
 * - API: PingOne Platform API, "Application operations" and "Applications OIDC" data model
 *   (https://apidocs.pingidentity.com/pingone/platform/v1/api/#application-operations).
 * - SPEC: the management API's OpenAPI spec in the Go SDK
 *   (https://github.com/patrickcping/pingone-go-sdk-v2/blob/main/management/generate/pingone-management.yml).
 * - TFP: the Terraform provider's application resource and validators
 *   (https://github.com/pingidentity/terraform-provider-pingone/blob/main/internal/service/sso/resource_application.go).
 * - SEEDS: the example responses of PingOne's "Create an application" workflow pages, kept as
 *   test fixtures in test/fixtures/seeds.ts (what the live API returned).
 */
import {
  ACCESS_CONTROL_GROUP_TYPES,
  ACCESS_CONTROL_ROLE_TYPES,
  APPLICATION_TAGS,
  APPLICATION_TYPES,
  CORS_BEHAVIORS,
  GRANT_TYPES,
  PAR_REQUIREMENTS,
  PASSCODE_TIME_UNITS,
  PKCE_ENFORCEMENTS,
  PROTOCOLS,
  REFRESH_TOKEN_TYPES,
  RESPONSE_TYPES,
  TOKEN_ENDPOINT_AUTH_METHODS,
  type ApplicationType,
} from "./enums";

/** A JSON value, as defaults are written. */
export type FactValue = string | number | boolean;

/** Inclusive integer range. */
export interface Range {
  readonly min: number;
  readonly max: number;
  readonly unit: string;
}

/** A pattern with the words an error message uses for it. */
export interface Pattern {
  readonly regex: RegExp;
  readonly description: string;
}

/**
 * How a value is written. URL kinds: `absoluteUri` is `scheme:…`; `schemeAuthorityUri` is
 * `scheme://…`; `redirectUriSet` holds `scheme:…` URIs (RFC 8252's `com.example.app:/cb`);
 * `uriSet` holds `scheme://…` URIs (the Terraform provider's `post_logout_redirect_uris` regex
 * `^(\S+:\/\/).+` and PingOne's example `org.bxretail.app://logout`); `webUrl` is `https://`, or `http://` on localhost/127.0.0.1; `httpUrl` is
 * `http(s)://…`; `httpsUrl` is `https://…`.
 */
export type FieldKind =
  | "string"
  | "boolean"
  | "integer"
  | "enum"
  | "enumSet"
  | "redirectUriSet"
  | "uriSet"
  | "absoluteUri"
  | "schemeAuthorityUri"
  | "webUrl"
  | "httpUrl"
  | "httpsUrl"
  | "jwksText"
  | "originSet"
  | "idList"
  | "object"
  | "json";

export interface FieldFact {
  readonly kind: FieldKind;
  /** Allowed values of `enum` and `enumSet`. */
  readonly values?: readonly string[];
  /** Allowed range of `integer`. */
  readonly range?: Range;
  /** Pattern a `string` (or each origin of an `originSet`) must match. */
  readonly pattern?: Pattern;
  /** `string`: must not be blank. */
  readonly nonEmpty?: boolean;
  /** Most entries of a list PingOne accepts. */
  readonly maxItems?: number;
  /** PingOne refuses a create without it. */
  readonly required?: boolean;
  /** A list whose order and duplicates do not matter (PingOne answers in its own order). */
  readonly set?: boolean;
  /** PingOne's value when the field is omitted on create. */
  readonly createDefault?: FactValue;
  /**
   * Which of PingOne's answers carry `createDefault` for a field that was not sent: `always`, or
   * only the answer to a `create` (SEEDS: PUT answers 000/003/004 lack the create-only ones).
   */
  readonly answered?: "always" | "create";
  /** What PingOne does when the field is absent or null at any time (the policy pack's view). */
  readonly absentMeans?: FactValue;
  /** A change needs a new application. */
  readonly replaceOnChange?: boolean;
  /** At most one application in an environment may hold a given value. */
  readonly uniqueInEnvironment?: boolean;
  /** Honoured on create only; PingOne ignores it on PUT. */
  readonly createOnly?: boolean;
  /** Once set, PingOne refuses a PUT without it ("cannot be nullified"). */
  readonly nonNullifiable?: boolean;
  /** Application types that may carry the field; all when absent. */
  readonly appTypes?: readonly ApplicationType[];
  /** One line for the README's property table. */
  readonly doc: string;
  /** Where the fact comes from, when it is not the API docs or the spec. */
  readonly source?: string;
}

/** The hosts on which a `webUrl` may use `http://` (TFP's home/login/initiate-login URL validators). */
export const WEB_URL_HTTP_HOSTS: readonly string[] = ["localhost", "127.0.0.1"];

/** UUID, the form of every PingOne resource id (TFP `verify.P1ResourceIDValidator`). */
export const UUID_PATTERN: Pattern = {
  regex: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  description: "a UUID",
};

const REFRESH_TOKEN_RANGE: Range = { min: 60, max: 2147483647, unit: "seconds" };
const TFP_REFRESH = 'TFP issue #82 and PR #88: a PUT without it fails with "Once specified, refreshTokenDuration cannot be nullified"';

export const APPLICATION_FIELDS = {
  name: { kind: "string", required: true, nonEmpty: true, doc: "Display name." },
  description: { kind: "string", doc: "Free-text description." },
  enabled: { kind: "boolean", createDefault: false, answered: "always", absentMeans: false, doc: "Whether users can sign in." },
  type: {
    kind: "enum",
    values: APPLICATION_TYPES,
    required: true,
    replaceOnChange: true,
    doc: "The application type.",
    source: "TFP: `oidc_options.type` RequiresReplace",
  },
  protocol: { kind: "enum", values: PROTOCOLS, required: true, replaceOnChange: true, doc: "Always `OPENID_CONNECT` here." },
  grantTypes: { kind: "enumSet", values: GRANT_TYPES, required: true, set: true, doc: "Grants the client may use; at least one." },
  responseTypes: { kind: "enumSet", values: RESPONSE_TYPES, set: true, doc: "With `IMPLICIT`, must include `TOKEN` or `ID_TOKEN`." },
  tokenEndpointAuthMethod: { kind: "enum", values: TOKEN_ENDPOINT_AUTH_METHODS, required: true, doc: "`PRIVATE_KEY_JWT` needs `jwks` or `jwksUrl`." },
  pkceEnforcement: {
    kind: "enum",
    values: PKCE_ENFORCEMENTS,
    createDefault: "OPTIONAL",
    answered: "always",
    absentMeans: "OPTIONAL",
    doc: "`REQUIRED` accepts plain and S256.",
  },
  parRequirement: {
    kind: "enum",
    values: PAR_REQUIREMENTS,
    createDefault: "OPTIONAL",
    answered: "always",
    absentMeans: "OPTIONAL",
    doc: "Pushed authorization requests.",
  },
  parTimeout: { kind: "integer", range: { min: 1, max: 600, unit: "seconds" }, createDefault: 60, answered: "always", doc: "Lifetime of a pushed request." },
  redirectUris: { kind: "redirectUriSet", set: true, doc: "No fragment; a `*` only with `allowWildcardInRedirectUris`, once, in the path or query." },
  postLogoutRedirectUris: { kind: "uriSet", set: true, doc: "No fragment." },
  allowWildcardInRedirectUris: { kind: "boolean", absentMeans: false, doc: "Allow one `*` in redirect URIs." },
  refreshTokenDuration: {
    kind: "integer",
    range: REFRESH_TOKEN_RANGE,
    nonNullifiable: true,
    absentMeans: 2592000,
    doc: "Refresh token idle lifetime; ≤ `refreshTokenRollingDuration`.",
    source: `${TFP_REFRESH}; absent = 2592000 s (SPEC default)`,
  },
  refreshTokenRollingDuration: {
    kind: "integer",
    range: REFRESH_TOKEN_RANGE,
    nonNullifiable: true,
    doc: "How long a refresh token can roll before sign-in is needed again.",
    source: TFP_REFRESH,
  },
  refreshTokenRollingGracePeriodDuration: {
    kind: "integer",
    range: { min: 0, max: 86400, unit: "seconds" },
    doc: "How long a used refresh token stays valid.",
  },
  refreshTokenType: { kind: "enum", values: REFRESH_TOKEN_TYPES, doc: "Refresh token format." },
  additionalRefreshTokenReplayProtectionEnabled: {
    kind: "boolean",
    createDefault: true,
    answered: "create",
    absentMeans: false,
    doc: "Revoke a token family on reuse. A PUT without it turns it off.",
    source: 'API: "Setting this to null equates to a false setting"; SEEDS 001 (create: true) and 000 (PUT answer: absent)',
  },
  deviceTimeout: { kind: "integer", range: { min: 1, max: 3600, unit: "seconds" }, createDefault: 600, answered: "always", doc: "Device code lifetime." },
  devicePollingInterval: {
    kind: "integer",
    range: { min: 1, max: 60, unit: "seconds" },
    createDefault: 5,
    answered: "always",
    doc: "Minimum device polling interval.",
  },
  devicePathId: {
    kind: "string",
    pattern: { regex: /^[a-zA-Z0-9_-]{1,50}$/, description: "1 to 50 characters of a-z, A-Z, 0-9, _ and -" },
    uniqueInEnvironment: true,
    doc: "Device verification path id.",
  },
  deviceCustomVerificationUri: { kind: "schemeAuthorityUri", doc: "Custom device verification URI." },
  homePageUrl: { kind: "webUrl", doc: "Application home page." },
  loginPageUrl: { kind: "webUrl", doc: "Custom login page." },
  initiateLoginUri: { kind: "webUrl", doc: "Third-party initiated login URI." },
  targetLinkUri: { kind: "schemeAuthorityUri", doc: "Where to go after third-party initiated login." },
  jwks: { kind: "jwksText", doc: 'Inline JWKS JSON text `{"keys": […]}`. Not with `jwksUrl`.' },
  jwksUrl: { kind: "httpsUrl", doc: "URL of the client's JWKS. Not with `jwks`." },
  corsSettings: { kind: "object", doc: "`{ behavior, origins? }`: `origins` required exactly with `ALLOW_SPECIFIC_ORIGINS`." },
  "corsSettings.behavior": { kind: "enum", values: CORS_BEHAVIORS, required: true, doc: "Which origins may call the OIDC endpoints." },
  "corsSettings.origins": {
    kind: "originSet",
    set: true,
    maxItems: 40,
    pattern: {
      regex: /^(https?:\/\/)?(localhost|\d{1,3}(\.\d{1,3}){3}|([*a-zA-Z0-9-]+\.)+[a-zA-Z]{2,})(:\d{1,5})?$/,
      description: "http(s)://host[:port] with no path (host: a domain, localhost or an IPv4 address; * allowed in subdomains)",
    },
    doc: "Origins allowed to call the OIDC endpoints.",
    source: 'TFP `cors_settings.origins` validator; PR #1313 "to align with the PingOne API limit of 40"',
  },
  tags: { kind: "enumSet", values: APPLICATION_TAGS, set: true, appTypes: ["WORKER"], doc: "Integration tags." },
  hiddenFromAppPortal: { kind: "boolean", createDefault: false, answered: "create", absentMeans: false, doc: "Hide from the application portal." },
  signing: {
    kind: "object",
    appTypes: ["WEB_APP", "NATIVE_APP", "SINGLE_PAGE_APP", "CUSTOM_APP", "WORKER"],
    doc: "`{ keyRotationPolicy: { id } }`. When unset, PingOne assigns the default policy, and it is kept on updates.",
    source: "TFP `validateSigning`, PR #1343: SERVICE applications are refused",
  },
  "signing.keyRotationPolicy": { kind: "object", required: true, doc: "The key rotation policy that signs tokens." },
  "signing.keyRotationPolicy.id": { kind: "string", pattern: UUID_PATTERN, required: true, doc: "Key rotation policy id." },
  requireSignedRequestObject: { kind: "boolean", doc: "Not `true` together with `supportUnsignedRequestObject`." },
  supportUnsignedRequestObject: { kind: "boolean", doc: "Not `true` together with `requireSignedRequestObject`." },
  idpSignoff: { kind: "boolean", createDefault: false, absentMeans: false, doc: "Sign out of the upstream IdP on sign-off." },
  includeX5t: { kind: "boolean", absentMeans: false, doc: "Include the `x5t` header in signed tokens." },
  opSessionCheckEnabled: { kind: "boolean", absentMeans: false, doc: "Enable the OP session check endpoint." },
  requestScopesForMultipleResourcesEnabled: {
    kind: "boolean",
    createDefault: false,
    answered: "always",
    absentMeans: false,
    doc: "Allow scopes of several resources in one request.",
  },
  icon: { kind: "object", doc: "`{ id, href }`, both required." },
  "icon.id": { kind: "string", pattern: UUID_PATTERN, required: true, doc: "Image id." },
  "icon.href": { kind: "httpUrl", required: true, doc: "Image URL." },
  accessControl: { kind: "object", doc: "`{ role?: { type }, group?: { type, groups: [{ id }] } }`." },
  "accessControl.role": { kind: "object", doc: "Limit sign-on to admin users." },
  "accessControl.role.type": { kind: "enum", values: ACCESS_CONTROL_ROLE_TYPES, required: true, doc: "Role requirement." },
  "accessControl.group": { kind: "object", doc: "Group membership required to sign on." },
  "accessControl.group.type": { kind: "enum", values: ACCESS_CONTROL_GROUP_TYPES, required: true, doc: "Any or all of the groups." },
  "accessControl.group.groups": { kind: "idList", set: true, required: true, doc: "At least one `{ id }`." },
  assignActorRoles: {
    kind: "boolean",
    createDefault: false,
    createOnly: true,
    doc: "Worker apps: inherit the creating actor's roles.",
  },
  kerberos: { kind: "object", appTypes: ["NATIVE_APP"], doc: "`{ key: { id } }`: certificate-based authentication." },
  "kerberos.key": { kind: "object", required: true, doc: "An ISSUANCE key." },
  "kerberos.key.id": { kind: "string", pattern: UUID_PATTERN, required: true, doc: "Key id." },
  mobile: { kind: "object", appTypes: ["NATIVE_APP"], doc: "Native mobile settings." },
  "mobile.bundleId": {
    kind: "string",
    replaceOnChange: true,
    uniqueInEnvironment: true,
    doc: "iOS bundle id.",
    source: "TFP: `mobile_app.bundle_id` RequiresReplace",
  },
  "mobile.packageName": { kind: "string", replaceOnChange: true, uniqueInEnvironment: true, doc: "Android package name." },
  "mobile.huaweiAppId": { kind: "string", replaceOnChange: true, uniqueInEnvironment: true, doc: "Huawei app id; with `huaweiPackageName`." },
  "mobile.huaweiPackageName": { kind: "string", replaceOnChange: true, uniqueInEnvironment: true, doc: "Huawei package name; with `huaweiAppId`." },
  "mobile.uriPrefix": { kind: "string", doc: "Universal app link prefix." },
  "mobile.passcodeRefreshDuration": { kind: "object", doc: "`{ duration, timeUnit }`." },
  "mobile.passcodeRefreshDuration.duration": { kind: "integer", range: { min: 30, max: 60, unit: "seconds" }, required: true, doc: "Passcode refresh period." },
  "mobile.passcodeRefreshDuration.timeUnit": { kind: "enum", values: PASSCODE_TIME_UNITS, doc: "Unit of the period." },
  "mobile.passcodeGracePeriod": {
    kind: "integer",
    range: { min: 1, max: 10, unit: "windows" },
    absentMeans: 5,
    doc: "Passcode windows accepted around the current one.",
    source:
      'SDK docs `ApplicationOIDCAllOfMobile`: "number of windows to use (min 1, max 10)… When this field is not included, the default value used is 5 windows"; TFP CHANGELOG: `oidc_options.mobile_app.passcode_grace_period` (#1341)',
  },
  "mobile.integrityDetection": { kind: "json", doc: "Mobile integrity detection, as PingOne's JSON." },
  "mobile.integrityDetection.excludedPlatforms": { kind: "json", set: true, doc: "Platforms excluded from integrity detection." },
} as const satisfies Record<string, FieldFact>;

export type FieldPath = keyof typeof APPLICATION_FIELDS;
/** Top-level fields: the properties of an application. */
export type TopLevelField = { [P in FieldPath]: P extends `${string}.${string}` ? never : P }[FieldPath];

const ENTRIES = Object.entries(APPLICATION_FIELDS) as [FieldPath, FieldFact][];

/** The fact for a path, or undefined for a path the table does not know. */
export function fieldFact(path: string): FieldFact | undefined {
  return (APPLICATION_FIELDS as Record<string, FieldFact>)[path];
}

/** Paths whose fact satisfies `predicate`, in table order. */
export function pathsWhere(predicate: (fact: FieldFact) => boolean): string[] {
  return ENTRIES.filter(([, fact]) => predicate(fact)).map(([path]) => path);
}

/** The top-level field names, in table order. */
export const TOP_LEVEL_FIELDS = ENTRIES.map(([path]) => path).filter((path) => !path.includes(".")) as TopLevelField[];

/** Set-valued paths: they compare without regard to order or duplicates. */
export const SET_VALUED_PATHS: readonly string[] = pathsWhere((f) => f.set === true);
/** Paths whose change needs a new application. */
export const REPLACE_TRIGGERS: readonly string[] = pathsWhere((f) => f.replaceOnChange === true);
/** Paths whose value may be held by one application only in an environment. */
export const UNIQUE_IN_ENVIRONMENT: readonly string[] = pathsWhere((f) => f.uniqueInEnvironment === true);
/** Fields PingOne refuses to clear. */
export const NON_NULLIFIABLE_FIELDS: readonly string[] = pathsWhere((f) => f.nonNullifiable === true);
/** Fields honoured on create only. */
export const CREATE_ONLY_FIELDS: readonly string[] = pathsWhere((f) => f.createOnly === true);

/** Each field's value when omitted on create. */
export const CREATE_DEFAULTS: Readonly<Record<string, FactValue>> = Object.fromEntries(
  ENTRIES.flatMap(([path, fact]) => (fact.createDefault === undefined ? [] : [[path, fact.createDefault] as const])),
);

/**
 * Settings that are credentials, not configuration (below `mobile.integrityDetection`, a `json`
 * field): Google Play Integrity's keys and service account. Never written to a file or a log.
 * @see https://github.com/pingidentity/terraform-provider-pingone/blob/main/internal/service/sso/resource_application.go (google_play: decryption_key, verification_key, service_account_credentials_json are `Sensitive: true`)
 * @see https://github.com/patrickcping/pingone-go-sdk-v2/blob/main/management/docs/ApplicationOIDCAllOfMobileIntegrityDetectionGooglePlay.md (the API's names)
 */
export const SENSITIVE_FIELD_PATHS = [
  "mobile.integrityDetection.googlePlay.decryptionKey",
  "mobile.integrityDetection.googlePlay.verificationKey",
  "mobile.integrityDetection.googlePlay.serviceAccountCredentials",
] as const;

/** What an absent field means to PingOne, for fields where that is a value. */
export const ABSENT_MEANS: Readonly<Record<string, FactValue>> = Object.fromEntries(
  ENTRIES.flatMap(([path, fact]) => (fact.absentMeans === undefined ? [] : [[path, fact.absentMeans] as const])),
);

/** The range of an integer field. */
export function rangeOf(path: FieldPath): Range {
  const range = (APPLICATION_FIELDS[path] as FieldFact).range;
  if (!range) throw new Error(`${path} has no range`);
  return range;
}

/** Application fields PingOne computes; never sent in a request body. */
export const READ_ONLY_FIELDS: readonly string[] = ["id", "_links", "environment", "createdAt", "updatedAt", "clientId"];
