/**
 * `OidcClient`: an Application bundled with what its client needs to sign users in: a grant of
 * the OpenID scopes it requests, optionally a sign-on policy assignment, the issuer, the OIDC
 * endpoints, the client id and a reference to the client secret (the secret itself is a Pulumi
 * secret output). It is how a team composes a PingOne app with the rest of its stack, e.g.
 * feeding `issuer` and `clientId` to a web service's environment.
 */
import * as pulumi from "@pulumi/pulumi";
import { endpointPath, issuerOf, OPENID_RESOURCE_NAME } from "../../pingone";
import { Application, type ApplicationArgs } from "../application/application";
import { resolveSettings } from "../kernel/config";
import { planScopes, planSignOnPolicy, type OidcClientSignOnPolicy } from "./options";
import { ApplicationResourceGrant } from "../resource-grant/resource-grant";
import { ApplicationSignOnPolicyAssignment } from "../sign-on-policy-assignment/sign-on-policy-assignment";

export type { OidcClientSignOnPolicy } from "./options";

export interface OidcClientArgs {
  /** The application's properties. */
  application: ApplicationArgs;
  /**
   * Auth base URL (e.g. `https://auth.pingone.eu`). Defaults to the stack config
   * `pingone:authUrl` / `PINGONE_AUTH_URL`, else the region's (`pingone:regionCode`).
   */
  authUrl?: pulumi.Input<string>;
  /**
   * The scopes the client requests, from PingOne's openid resource: `openid`, `profile`, `email`,
   * `address`, `phone`. Default `["openid", "profile", "email"]`. The component grants the
   * application these scopes minus `openid` (every OIDC application may request `openid`; it is
   * never granted), as a child `ApplicationResourceGrant`; there is no grant when nothing is left
   * (`[]` or `["openid"]`). Another name fails at preview. A custom resource's scopes are not
   * requested here: grant them with an `ApplicationResourceGrant` of their own.
   *
   * When `scopes` is not given and the application cannot use OIDC scopes (a `WORKER` with
   * `CLIENT_CREDENTIALS`, or no grant type that signs a user in: `AUTHORIZATION_CODE`, `IMPLICIT`,
   * `DEVICE_CODE`, `CIBA`), the client requests none and there is no grant. That is decided from
   * `application.type` and `application.grantTypes` when they are plain values; when either is an
   * Output, the default grant is declared (pass `scopes: []` to have none). Given as an Output,
   * `scopes` always declares a grant, so it must hold a scope besides `openid`.
   */
  scopes?: pulumi.Input<string[]>;
  /**
   * A sign-on policy for the application's users, by `name` (e.g. `"Single_Factor"`) or `id`
   * (exactly one), with `priority` (default 1, evaluated first): a child
   * `ApplicationSignOnPolicyAssignment`. Without it the environment's default policy applies.
   */
  signOnPolicy?: OidcClientSignOnPolicy;
}

/** The endpoints of an environment's authorization server that the component publishes. */
type IssuerEndpoint = "discovery" | "authorize" | "token" | "userinfo" | "jwks" | "signoff";

/**
 * The URL of one of the issuer's endpoints, on the same base as `issuerOf` (trailing slashes dropped).
 *
 * @see https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2.html
 */
function issuerEndpointUrl(authUrl: string, name: IssuerEndpoint, environmentId: string): string {
  return `${authUrl.replace(/\/+$/, "")}${endpointPath(name, { envId: environmentId })}`;
}

/** The program-side view of the `pingone` config namespace, in the shape `resolveSettings` reads. */
function programConfig(): { get(key: string): string | undefined } {
  const config = new pulumi.Config("pingone");
  return { get: (key) => (key.startsWith("pingone:") ? config.get(key.slice("pingone:".length)) : undefined) };
}

export class OidcClient extends pulumi.ComponentResource {
  readonly application: Application;
  readonly clientId: pulumi.Output<string>;
  /** The client secret (secret), for shared-secret auth methods. */
  readonly clientSecret: pulumi.Output<string | undefined>;
  /** Where the secret is read and rotated (`_links.secret.href`). */
  readonly secretLink: pulumi.Output<string | undefined>;
  readonly issuer: pulumi.Output<string>;
  readonly discoveryUrl: pulumi.Output<string>;
  readonly authorizationEndpoint: pulumi.Output<string>;
  readonly tokenEndpoint: pulumi.Output<string>;
  readonly userinfoEndpoint: pulumi.Output<string>;
  readonly jwksUri: pulumi.Output<string>;
  readonly endSessionEndpoint: pulumi.Output<string>;
  /** The scopes the client requests (`openid` included); send them as the authorization request's `scope`. */
  readonly scopes: pulumi.Output<string[]>;
  /** The grant of the requested scopes minus `openid` (`<name>-openid`), or undefined when there is nothing to grant. */
  readonly grant: ApplicationResourceGrant | undefined;
  /** The sign-on policy assignment (`<name>-sign-on-policy`), when `signOnPolicy` is given. */
  readonly signOnPolicyAssignment: ApplicationSignOnPolicyAssignment | undefined;

  constructor(name: string, args: OidcClientArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pingone:index:OidcClient", name, {}, opts);
    // Options are checked before any child is declared, so a bad one declares nothing.
    const scopePlan = planScopes(name, args.scopes, args.application);
    const signOnPolicy = args.signOnPolicy === undefined ? undefined : planSignOnPolicy(name, args.signOnPolicy);
    this.application = new Application(name, args.application, { parent: this });
    const child = { parent: this, dependsOn: [this.application] };
    // The application's own environmentId argument (not its output): absent, the children take the
    // provider's default as the application does, and an update of the application, whose outputs
    // are unknown during its preview, does not show the children as replaced.
    const access = { applicationId: this.application.id, environmentId: args.application.environmentId };
    this.scopes = scopePlan.requested;
    this.grant =
      scopePlan.granted === undefined
        ? undefined
        : new ApplicationResourceGrant(`${name}-openid`, { ...access, resourceName: OPENID_RESOURCE_NAME, scopes: scopePlan.granted }, child);
    this.signOnPolicyAssignment =
      signOnPolicy === undefined
        ? undefined
        : new ApplicationSignOnPolicyAssignment(
            `${name}-sign-on-policy`,
            { ...access, signOnPolicyName: signOnPolicy.name, signOnPolicyId: signOnPolicy.id, priority: signOnPolicy.priority },
            child,
          );
    const authUrl = pulumi.output(args.authUrl ?? resolveSettings(programConfig()).authUrl);
    // PingOne's issuer is per environment: https://auth.pingone.<tld>/<environmentId>/as
    const issuerHost = pulumi.all([authUrl, this.application.environmentId]);
    const endpoint = (name: IssuerEndpoint): pulumi.Output<string> => issuerHost.apply(([url, envId]) => issuerEndpointUrl(url, name, envId));
    this.issuer = issuerHost.apply(([url, envId]) => issuerOf(url, envId));
    this.discoveryUrl = endpoint("discovery");
    this.authorizationEndpoint = endpoint("authorize");
    this.tokenEndpoint = endpoint("token");
    this.userinfoEndpoint = endpoint("userinfo");
    this.jwksUri = endpoint("jwks");
    this.endSessionEndpoint = endpoint("signoff");
    this.clientId = this.application.clientId;
    this.clientSecret = pulumi.secret(this.application.clientSecret);
    this.secretLink = this.application.secretLink;
    this.registerOutputs({
      clientId: this.clientId,
      issuer: this.issuer,
      secretLink: this.secretLink,
      scopes: this.scopes,
      grantId: this.grant?.id,
      signOnPolicyAssignmentId: this.signOnPolicyAssignment?.id,
    });
  }
}
