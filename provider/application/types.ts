/**
 * The Application's properties, in PingOne's own JSON field names so that a request body from
 * the PingOne docs (or the seeds) can be pasted in as-is. Ranges, patterns and defaults are
 * PingOne's facts and live in the field table (pingone/fields.ts), from which the README's
 * property table is rendered; the comments here say what each property means.
 */
import type {
  AccessControlGroupType,
  AccessControlRoleType,
  ApplicationTag,
  ApplicationType,
  CorsBehavior,
  GrantType,
  ParRequirement,
  PasscodeTimeUnit,
  PkceEnforcement,
  Protocol,
  RefreshTokenType,
  ResponseType,
  TokenEndpointAuthMethod,
} from "../../pingone";
import type { ApplicationPropertyName } from "./properties";

/** CORS for the application's OIDC endpoints. */
export interface CorsSettings {
  /** `ALLOW_NO_ORIGINS` or `ALLOW_SPECIFIC_ORIGINS`. Without `corsSettings` PingOne allows any origin except on sensitive endpoints. */
  behavior: CorsBehavior;
  /** Origins (scheme, host, optional port; no path), required and only allowed with `ALLOW_SPECIFIC_ORIGINS`. A set; see the README's property table for PingOne's limit. */
  origins?: string[];
}

/** Token signing settings. */
export interface Signing {
  /** The key rotation policy whose key signs tokens. When unset PingOne uses the environment's default key. */
  keyRotationPolicy?: { id: string };
}

/** Application icon. */
export interface Icon {
  /** Image id (UUID). */
  id: string;
  /** Image URL. */
  href: string;
}

/** Who may use the application. */
export interface AccessControl {
  /** `{ type: "ADMIN_USERS_ONLY" }` limits sign-on to admin users. */
  role?: { type: AccessControlRoleType };
  /** Group membership required to use the application. */
  group?: { type: AccessControlGroupType; groups: { id: string }[] };
}

/** Native mobile settings (NATIVE_APP). */
export interface MobileSettings {
  /** iOS bundle id. Immutable: changing it replaces the application. */
  bundleId?: string;
  /** Android package name. Immutable: changing it replaces the application. */
  packageName?: string;
  /** Huawei app id. Immutable; goes with `huaweiPackageName`. */
  huaweiAppId?: string;
  /** Huawei package name. Immutable; goes with `huaweiAppId`. */
  huaweiPackageName?: string;
  /** Universal app link prefix. */
  uriPrefix?: string;
  /** Passcode refresh period: `{ duration: 30..60, timeUnit: "SECONDS" }`. */
  passcodeRefreshDuration?: { duration: number; timeUnit: PasscodeTimeUnit };
  /** Passcode windows accepted around the current one; see the README's property table. */
  passcodeGracePeriod?: number;
  /** Mobile integrity detection, as PingOne's JSON. */
  integrityDetection?: Record<string, unknown>;
}

/** Everything a user can set on an OIDC application. All fields are optional unless noted. */
export interface ApplicationProperties {
  /**
   * The PingOne environment (UUID) that owns the application. Defaults to the provider's
   * `pingone:environmentId` / `PINGONE_ENVIRONMENT_ID`. Changing it replaces the application.
   */
  environmentId?: string;
  /** Display name. Defaults to the Pulumi resource name plus a random suffix (auto-naming). */
  name?: string;
  /** Free-text description. */
  description?: string;
  /** Whether the application is enabled. */
  enabled?: boolean;
  /**
   * Required. `WEB_APP`, `NATIVE_APP`, `SINGLE_PAGE_APP`, `WORKER`, `CUSTOM_APP` or `SERVICE`.
   * Changing it replaces the application.
   */
  type: ApplicationType;
  /** Always `OPENID_CONNECT` (the default); this resource manages OIDC applications. */
  protocol?: Protocol;
  /** Required. Grants the client may use. A set: order and duplicates do not matter. */
  grantTypes: GrantType[];
  /** `CODE`, `TOKEN`, `ID_TOKEN`. A set. */
  responseTypes?: ResponseType[];
  /** Required. `NONE`, `CLIENT_SECRET_BASIC`, `CLIENT_SECRET_POST`, `CLIENT_SECRET_JWT` or `PRIVATE_KEY_JWT`. */
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  /** `OPTIONAL`, `REQUIRED` (any method, including plain) or `S256_REQUIRED`. */
  pkceEnforcement?: PkceEnforcement;
  /** Pushed authorization requests: `OPTIONAL` or `REQUIRED`. */
  parRequirement?: ParRequirement;
  /** Lifetime of a pushed authorization request, in seconds. */
  parTimeout?: number;
  /**
   * Absolute URIs PingOne may redirect to after authorization: `https://`, a private-use scheme
   * (`com.example.app:/cb`) or `http://` on a loopback host. No fragments. A set.
   */
  redirectUris?: string[];
  /** Absolute URIs allowed after RP-initiated logout. A set. */
  postLogoutRedirectUris?: string[];
  /** Allow one `*` wildcard in the path or query of redirect URIs. */
  allowWildcardInRedirectUris?: boolean;
  /** Refresh token idle lifetime in seconds, at most `refreshTokenRollingDuration`. Once set, PingOne cannot clear it. */
  refreshTokenDuration?: number;
  /** Seconds a refresh token can roll before re-authentication. Once set, PingOne cannot clear it. */
  refreshTokenRollingDuration?: number;
  /** Seconds a used refresh token stays valid. */
  refreshTokenRollingGracePeriodDuration?: number;
  /** `JSON_WEB_TOKEN` or `OPAQUE_TOKEN`. */
  refreshTokenType?: RefreshTokenType;
  /** Revoke a refresh token family when a refresh token is reused. */
  additionalRefreshTokenReplayProtectionEnabled?: boolean;
  /** Device authorization code lifetime, in seconds. */
  deviceTimeout?: number;
  /** Minimum device polling interval, in seconds. */
  devicePollingInterval?: number;
  /** Device verification path id, unique in the environment. */
  devicePathId?: string;
  /** Custom device verification URI. */
  deviceCustomVerificationUri?: string;
  /** Application home page: `https://`, or `http://` on localhost/127.0.0.1. */
  homePageUrl?: string;
  /** Custom login page: `https://`, or `http://` on localhost/127.0.0.1. */
  loginPageUrl?: string;
  /** Third-party initiated login URI: `https://`, or `http://` on localhost/127.0.0.1. */
  initiateLoginUri?: string;
  /** Where PingOne sends the user after third-party initiated login (any absolute URI). */
  targetLinkUri?: string;
  /** Inline JWKS (JSON text) for `PRIVATE_KEY_JWT` and signed request objects. Not with `jwksUrl`. */
  jwks?: string;
  /** `https://` URL of the client's JWKS. Not with `jwks`. */
  jwksUrl?: string;
  /** CORS settings for the OIDC endpoints. */
  corsSettings?: CorsSettings;
  /** `["PING_FED_CONNECTION_INTEGRATION"]`, for worker applications only. A set. */
  tags?: ApplicationTag[];
  /** Hide the application from the application portal. */
  hiddenFromAppPortal?: boolean;
  /** Token signing (not for `SERVICE`). Unmanaged values PingOne holds are kept on update. */
  signing?: Signing;
  /** Require request objects to be signed. Cannot be `true` together with `supportUnsignedRequestObject`. */
  requireSignedRequestObject?: boolean;
  /** Accept unsigned request objects. Cannot be `true` together with `requireSignedRequestObject`. */
  supportUnsignedRequestObject?: boolean;
  /** Sign the user out of the upstream IdP on sign-off. */
  idpSignoff?: boolean;
  /** Include the `x5t` header in signed tokens. */
  includeX5t?: boolean;
  /** Enable the OP session check endpoint. */
  opSessionCheckEnabled?: boolean;
  /** Allow scopes of several resources in one request. */
  requestScopesForMultipleResourcesEnabled?: boolean;
  /** Application icon. */
  icon?: Icon;
  /** Access control by admin role or group membership. */
  accessControl?: AccessControl;
  /** Worker apps: inherit the creating actor's roles. Honoured on create only (PingOne ignores it on PUT). */
  assignActorRoles?: boolean;
  /** Certificate-based authentication key for NATIVE_APP: `{ key: { id } }`, an ISSUANCE key. */
  kerberos?: { key: { id: string } };
  /** Mobile settings for NATIVE_APP. */
  mobile?: MobileSettings;
  /**
   * Not a PingOne field. The id of an existing application to bring under management instead of
   * creating one: on create the provider reads it and applies these properties with one PUT
   * (keeping settings you do not manage). From then on it is managed like any other, and
   * `pulumi destroy` deletes it unless the resource has `retainOnDelete: true`. Changing or
   * removing `adoptId` later has no effect. (Pulumi's `import` option and `Application.get` do not
   * work for dynamic providers: pulumi/pulumi#16175.)
   */
  adoptId?: string;
  /**
   * Not a PingOne field. `false` keeps the client secret out of Pulumi entirely: the provider never
   * reads it (one request fewer on create and refresh), `clientSecret` stays undefined and the state
   * holds no copy, encrypted or not. The application still has a secret; read it where it is needed
   * (`secretLink` is its URL), or rotate and publish it with an `ApplicationSecret`. Default `true`.
   * Changing it sends no request to PingOne, except a secret read when it goes back to `true`.
   */
  exposeSecret?: boolean;
}

/**
 * Compile-time guard: the interface above declares exactly the properties the field table (and
 * the provider's own `environmentId`, `adoptId` and `exposeSecret`) define; a field added to the table without a
 * declaration here, or the reverse, fails the build.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const PROPERTIES_MATCH_FIELD_TABLE: Same<keyof ApplicationProperties, ApplicationPropertyName> = true;

/** Outputs of an Application: every field as PingOne returned it, plus these. */
export interface ApplicationOutputs extends ApplicationProperties {
  /** The application id (UUID), also the Pulumi resource id. */
  id: string;
  /** The OAuth client id (PingOne uses the application id). */
  clientId: string;
  /** The environment that owns the application. */
  environmentId: string;
  /** `_links.secret.href`: where the client secret is read and rotated. */
  secretLink?: string;
  /** Creation time (ISO 8601), from PingOne. */
  createdAt: string;
  /** Last update time (ISO 8601), from PingOne. */
  updatedAt: string;
  /** The client secret, a Pulumi secret, for `CLIENT_SECRET_BASIC`/`POST`/`JWT`. */
  clientSecret?: string;
}
