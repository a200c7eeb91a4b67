/**
 * `OidcClient`: an Application bundled with what its client needs to sign users in: a grant of
 * the OpenID scopes it requests, optionally a sign-on policy assignment, the issuer, the OIDC
 * endpoints, the client id and a reference to the client secret (the secret itself is a Pulumi
 * secret output). It is how a team composes a PingOne app with the rest of its stack, e.g.
 * feeding `issuer` and `clientId` to a web service's environment.
 */
import * as pulumi from "@pulumi/pulumi";
import { Application } from "../application/application";
import { resolveSettings } from "../kernel/config";
import { OIDC_CLIENT_TYPE_TOKEN } from "../resources";
import { ApplicationResourceGrant } from "../resource-grant/resource-grant";
import { ApplicationSignOnPolicyAssignment } from "../sign-on-policy-assignment/sign-on-policy-assignment";
import { declareOidcClient, type OidcClientArgs, type OidcClientChildTypes } from "./declare";

export type { OidcClientSignOnPolicy } from "./options";
export type { OidcClientArgs } from "./declare";

/** The program-side view of the `pingone` config namespace, in the shape `resolveSettings` reads. */
function programConfig(): { get(key: string): string | undefined } {
  const config = new pulumi.Config("pingone");
  return { get: (key) => (key.startsWith("pingone:") ? config.get(key.slice("pingone:".length)) : undefined) };
}

/** The children as this package's dynamic resources, in the program's process and its `pingone:*` config. */
const DYNAMIC_CHILDREN: OidcClientChildTypes<Application, ApplicationResourceGrant, ApplicationSignOnPolicyAssignment> = {
  application: (name, args, opts) => new Application(name, args, opts),
  grant: (name, args, opts) => new ApplicationResourceGrant(name, args, opts),
  signOnPolicyAssignment: (name, args, opts) => new ApplicationSignOnPolicyAssignment(name, args, opts),
  defaultAuthUrl: () => resolveSettings(programConfig()).authUrl,
};

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
    super(OIDC_CLIENT_TYPE_TOKEN, name, {}, opts);
    const parts = declareOidcClient(this, name, args, DYNAMIC_CHILDREN);
    this.application = parts.application;
    this.grant = parts.grant;
    this.signOnPolicyAssignment = parts.signOnPolicyAssignment;
    this.scopes = parts.scopes;
    this.issuer = parts.issuer;
    this.discoveryUrl = parts.discoveryUrl;
    this.authorizationEndpoint = parts.authorizationEndpoint;
    this.tokenEndpoint = parts.tokenEndpoint;
    this.userinfoEndpoint = parts.userinfoEndpoint;
    this.jwksUri = parts.jwksUri;
    this.endSessionEndpoint = parts.endSessionEndpoint;
    this.clientId = parts.clientId;
    this.clientSecret = parts.clientSecret;
    this.secretLink = parts.secretLink;
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
