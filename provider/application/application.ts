/**
 * The `Application` resource class: a dynamic resource with type token
 * `pulumi-nodejs:dynamic/pingone:Application`, declared outputs, auto-naming and a secret
 * `clientSecret`.
 */
import * as pulumi from "@pulumi/pulumi";
import { resourceProps } from "../kernel/resource-props";
import { PackageResource } from "../kernel/package-resource";
import { APPLICATION_PROPERTY_NAMES, PROVIDER_ONLY_FIELDS } from "./properties";
import { APPLICATION_TYPE, PROVIDER_MODULE, secretOutputsOf } from "../resources";
import type { AccessControl, ApplicationProperties, CorsSettings, Icon, MobileSettings, Signing } from "./types";
import type {
  ApplicationTag,
  ApplicationType,
  GrantType,
  ParRequirement,
  PkceEnforcement,
  Protocol,
  RefreshTokenType,
  ResponseType,
  TokenEndpointAuthMethod,
} from "../../pingone";

/** A value, or a Pulumi input of it, at every level (so list items may be Outputs too). */
export type DeepInput<T> = [T] extends [(infer U)[]]
  ? pulumi.Input<DeepInput<U>[]>
  : [T] extends [object]
    ? pulumi.Input<{ [K in keyof T]: DeepInput<NonNullable<T[K]>> }>
    : pulumi.Input<T>;

/** Arguments of `new Application(name, args)`: PingOne's JSON field names; see `ApplicationProperties` for each one's meaning. */
export type ApplicationArgs = { [K in keyof ApplicationProperties]: DeepInput<NonNullable<ApplicationProperties[K]>> };

const SECRET_OUTPUTS = secretOutputsOf(APPLICATION_TYPE);

/**
 * Outputs declared on the class below: every property (PingOne returns them all) and the computed
 * ones. Dynamic resources only expose outputs whose keys are present in the props given to super().
 * (Also read by the benchmark's same-shape floor, bench/projects/shaped.)
 */
export const APPLICATION_DECLARED_OUTPUTS = [
  ...APPLICATION_PROPERTY_NAMES.filter((key) => !PROVIDER_ONLY_FIELDS.includes(key)),
  "clientId",
  "clientSecret",
  "secretLink",
  "exposeSecret",
  "createdAt",
  "updatedAt",
];

/** A PingOne OIDC application. */
export class Application extends PackageResource {
  /** The application id (also this resource's id). */
  declare readonly id: pulumi.Output<string>;
  /** The OAuth client id. */
  declare readonly clientId: pulumi.Output<string>;
  /**
   * The client secret (a Pulumi secret) for CLIENT_SECRET_BASIC/POST/JWT, as PingOne held it when
   * this resource was created or last refreshed; undefined otherwise, and with `exposeSecret: false`.
   * A rotation by an `ApplicationSecret` shows here after the next refresh; programs that rotate
   * should use `ApplicationSecret.secret`.
   */
  declare readonly clientSecret: pulumi.Output<string | undefined>;
  /** `false` when the secret is kept out of Pulumi (see `ApplicationProperties.exposeSecret`). */
  declare readonly exposeSecret: pulumi.Output<boolean | undefined>;
  /** The environment that owns the application. */
  declare readonly environmentId: pulumi.Output<string>;
  /** `_links.secret.href`: the URL where the client secret is read and rotated. */
  declare readonly secretLink: pulumi.Output<string | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly enabled: pulumi.Output<boolean>;
  declare readonly type: pulumi.Output<ApplicationType>;
  declare readonly protocol: pulumi.Output<Protocol>;
  declare readonly grantTypes: pulumi.Output<GrantType[]>;
  declare readonly responseTypes: pulumi.Output<ResponseType[] | undefined>;
  declare readonly tokenEndpointAuthMethod: pulumi.Output<TokenEndpointAuthMethod>;
  declare readonly pkceEnforcement: pulumi.Output<PkceEnforcement>;
  declare readonly parRequirement: pulumi.Output<ParRequirement>;
  declare readonly parTimeout: pulumi.Output<number>;
  declare readonly redirectUris: pulumi.Output<string[] | undefined>;
  declare readonly postLogoutRedirectUris: pulumi.Output<string[] | undefined>;
  declare readonly refreshTokenDuration: pulumi.Output<number | undefined>;
  declare readonly refreshTokenRollingDuration: pulumi.Output<number | undefined>;
  declare readonly refreshTokenType: pulumi.Output<RefreshTokenType | undefined>;
  declare readonly additionalRefreshTokenReplayProtectionEnabled: pulumi.Output<boolean | undefined>;
  declare readonly deviceTimeout: pulumi.Output<number>;
  declare readonly devicePollingInterval: pulumi.Output<number>;
  declare readonly corsSettings: pulumi.Output<CorsSettings | undefined>;
  declare readonly tags: pulumi.Output<ApplicationTag[] | undefined>;
  declare readonly hiddenFromAppPortal: pulumi.Output<boolean>;
  declare readonly signing: pulumi.Output<Signing | undefined>;
  declare readonly icon: pulumi.Output<Icon | undefined>;
  declare readonly accessControl: pulumi.Output<AccessControl | undefined>;
  declare readonly mobile: pulumi.Output<MobileSettings | undefined>;
  declare readonly allowWildcardInRedirectUris: pulumi.Output<boolean | undefined>;
  declare readonly refreshTokenRollingGracePeriodDuration: pulumi.Output<number | undefined>;
  declare readonly devicePathId: pulumi.Output<string | undefined>;
  declare readonly deviceCustomVerificationUri: pulumi.Output<string | undefined>;
  declare readonly homePageUrl: pulumi.Output<string | undefined>;
  declare readonly loginPageUrl: pulumi.Output<string | undefined>;
  declare readonly initiateLoginUri: pulumi.Output<string | undefined>;
  declare readonly targetLinkUri: pulumi.Output<string | undefined>;
  declare readonly jwks: pulumi.Output<string | undefined>;
  declare readonly jwksUrl: pulumi.Output<string | undefined>;
  declare readonly requireSignedRequestObject: pulumi.Output<boolean | undefined>;
  declare readonly supportUnsignedRequestObject: pulumi.Output<boolean | undefined>;
  declare readonly idpSignoff: pulumi.Output<boolean | undefined>;
  declare readonly includeX5t: pulumi.Output<boolean | undefined>;
  declare readonly opSessionCheckEnabled: pulumi.Output<boolean | undefined>;
  declare readonly requestScopesForMultipleResourcesEnabled: pulumi.Output<boolean | undefined>;
  declare readonly assignActorRoles: pulumi.Output<boolean | undefined>;
  declare readonly kerberos: pulumi.Output<{ key: { id: string } } | undefined>;

  /**
   * @param name The Pulumi resource name; also the base of the auto-generated PingOne `name`.
   * @param args The application's properties, in PingOne's JSON field names.
   * @param opts Resource options. `clientSecret` is always added to `additionalSecretOutputs`.
   */
  constructor(name: string, args: ApplicationArgs, opts?: pulumi.CustomResourceOptions) {
    super(PROVIDER_MODULE, APPLICATION_TYPE, name, resourceProps(APPLICATION_DECLARED_OUTPUTS, args, name), {
      ...opts,
      additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...SECRET_OUTPUTS],
    });
  }
}

/** Compile-time guard: every property has a declared output (except provider-only arguments). */
type UndeclaredOutputs = Exclude<keyof ApplicationProperties, keyof Application | "adoptId">;
const allPropertiesDeclared: [UndeclaredOutputs] extends [never] ? true : UndeclaredOutputs = true;
void allPropertiesDeclared;
