/**
 * What an `OidcClient` declares, whichever way its children are registered: the application, the
 * grant of the scopes it requests, the sign-on policy assignment, and the issuer and endpoints to
 * sign in with. The TypeScript component registers the children as this package's dynamic
 * resources (`oidc-client.ts`); the provider plugin's `construct` registers them by the plugin's
 * tokens (plugin/component.ts). Both run this one function, so the two cannot drift apart.
 */
import * as pulumi from "@pulumi/pulumi";
import { authEndpointUrl, issuerOf, OPENID_RESOURCE_NAME, type EnvironmentAuthEndpointName } from "../../pingone";
import type { ApplicationArgs } from "../application/application";
import type { ApplicationResourceGrantArgs } from "../resource-grant/resource-grant";
import type { ApplicationSignOnPolicyAssignmentArgs } from "../sign-on-policy-assignment/sign-on-policy-assignment";
import { planScopes, planSignOnPolicy, type OidcClientSignOnPolicy } from "./options";

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
  signOnPolicy?: pulumi.Input<OidcClientSignOnPolicy>;
}

/** What the component reads from its application child. */
export interface OidcClientApplication extends pulumi.CustomResource {
  readonly environmentId: pulumi.Output<string>;
  readonly clientId: pulumi.Output<string>;
  readonly clientSecret: pulumi.Output<string | undefined>;
  readonly secretLink: pulumi.Output<string | undefined>;
}

/** How the children are registered: by which resource types. */
export interface OidcClientChildTypes<A extends OidcClientApplication, G extends pulumi.CustomResource, S extends pulumi.CustomResource> {
  application(name: string, args: ApplicationArgs, opts: pulumi.CustomResourceOptions): A;
  grant(name: string, args: ApplicationResourceGrantArgs, opts: pulumi.CustomResourceOptions): G;
  signOnPolicyAssignment(name: string, args: ApplicationSignOnPolicyAssignmentArgs, opts: pulumi.CustomResourceOptions): S;
  /** The auth base URL when `authUrl` is not given: the settings of where the component runs. */
  defaultAuthUrl(): string;
}

/** The children and outputs of an OidcClient. */
export interface OidcClientParts<A, G, S> {
  readonly application: A;
  readonly grant: G | undefined;
  readonly signOnPolicyAssignment: S | undefined;
  readonly clientId: pulumi.Output<string>;
  readonly clientSecret: pulumi.Output<string | undefined>;
  readonly secretLink: pulumi.Output<string | undefined>;
  readonly issuer: pulumi.Output<string>;
  readonly discoveryUrl: pulumi.Output<string>;
  readonly authorizationEndpoint: pulumi.Output<string>;
  readonly tokenEndpoint: pulumi.Output<string>;
  readonly userinfoEndpoint: pulumi.Output<string>;
  readonly jwksUri: pulumi.Output<string>;
  readonly endSessionEndpoint: pulumi.Output<string>;
  readonly scopes: pulumi.Output<string[]>;
}

/** Declares an OidcClient's children under `parent` and derives its outputs; a bad option throws before any child is declared. */
export function declareOidcClient<A extends OidcClientApplication, G extends pulumi.CustomResource, S extends pulumi.CustomResource>(
  parent: pulumi.Resource,
  name: string,
  args: OidcClientArgs,
  types: OidcClientChildTypes<A, G, S>,
): OidcClientParts<A, G, S> {
  // Options are checked before any child is declared, so a bad one declares nothing.
  const scopePlan = planScopes(name, args.scopes, args.application);
  const signOnPolicy = args.signOnPolicy === undefined ? undefined : planSignOnPolicy(name, args.signOnPolicy);
  const application = types.application(name, args.application, { parent });
  const child = { parent, dependsOn: [application] };
  // The application's own environmentId argument (not its output): absent, the children take the
  // provider's default as the application does, and an update of the application, whose outputs
  // are unknown during its preview, does not show the children as replaced.
  const access = { applicationId: application.id, environmentId: args.application.environmentId };
  const grant =
    scopePlan.granted === undefined
      ? undefined
      : types.grant(`${name}-openid`, { ...access, resourceName: OPENID_RESOURCE_NAME, scopes: scopePlan.granted }, child);
  const signOnPolicyAssignment =
    signOnPolicy === undefined
      ? undefined
      : types.signOnPolicyAssignment(
          `${name}-sign-on-policy`,
          { ...access, signOnPolicyName: signOnPolicy.name, signOnPolicyId: signOnPolicy.id, priority: signOnPolicy.priority },
          child,
        );
  const authUrl = pulumi.output(args.authUrl ?? types.defaultAuthUrl());
  const environmentId = application.environmentId;
  const endpoint = (endpointName: EnvironmentAuthEndpointName): pulumi.Output<string> =>
    pulumi.all([authUrl, environmentId]).apply(([base, id]) => authEndpointUrl(base, endpointName, id));
  return {
    application,
    grant,
    signOnPolicyAssignment,
    clientId: application.clientId,
    clientSecret: pulumi.secret(application.clientSecret),
    secretLink: application.secretLink,
    // PingOne's issuer is per environment: https://auth.pingone.<tld>/<environmentId>/as
    issuer: pulumi.all([authUrl, environmentId]).apply(([base, id]) => issuerOf(base, id)),
    discoveryUrl: endpoint("discovery"),
    authorizationEndpoint: endpoint("authorize"),
    tokenEndpoint: endpoint("token"),
    userinfoEndpoint: endpoint("userinfo"),
    jwksUri: endpoint("jwks"),
    endSessionEndpoint: endpoint("signoff"),
    scopes: scopePlan.requested,
  };
}
