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
import { declareOidcClient, type OidcClientArgs, type OidcClientChildTypes, type OidcClientParts } from "./declare";

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

/** The component; its fields are what `declareOidcClient` declares, which `implements` holds them to. */
export class OidcClient extends pulumi.ComponentResource implements OidcClientParts<Application, ApplicationResourceGrant, ApplicationSignOnPolicyAssignment> {
  declare readonly application: Application;
  declare readonly clientId: pulumi.Output<string>;
  /** The client secret (secret), for shared-secret auth methods. */
  declare readonly clientSecret: pulumi.Output<string | undefined>;
  /** Where the secret is read and rotated (`_links.secret.href`). */
  declare readonly secretLink: pulumi.Output<string | undefined>;
  declare readonly issuer: pulumi.Output<string>;
  declare readonly discoveryUrl: pulumi.Output<string>;
  declare readonly authorizationEndpoint: pulumi.Output<string>;
  declare readonly tokenEndpoint: pulumi.Output<string>;
  declare readonly userinfoEndpoint: pulumi.Output<string>;
  declare readonly jwksUri: pulumi.Output<string>;
  declare readonly endSessionEndpoint: pulumi.Output<string>;
  /** The scopes the client requests (`openid` included); send them as the authorization request's `scope`. */
  declare readonly scopes: pulumi.Output<string[]>;
  /** The grant of the requested scopes minus `openid` (`<name>-openid`), or undefined when there is nothing to grant. */
  declare readonly grant: ApplicationResourceGrant | undefined;
  /** The sign-on policy assignment (`<name>-sign-on-policy`), when `signOnPolicy` is given. */
  declare readonly signOnPolicyAssignment: ApplicationSignOnPolicyAssignment | undefined;

  constructor(name: string, args: OidcClientArgs, opts?: pulumi.ComponentResourceOptions) {
    super(OIDC_CLIENT_TYPE_TOKEN, name, {}, opts);
    const parts = declareOidcClient(this, name, args, DYNAMIC_CHILDREN);
    Object.assign(this, parts);
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
