/**
 * `OidcClient`: an Application bundled with what its client needs to sign users in: the issuer,
 * the OIDC endpoints, the client id and a reference to the client secret (the secret itself is a
 * Pulumi secret output). It is how a team composes a PingOne app with the rest of its stack,
 * e.g. feeding `issuer` and `clientId` to a web service's environment.
 */
import * as pulumi from "@pulumi/pulumi";
import { Application, type ApplicationArgs } from "./application";
import { resolveSettings } from "./config";

export interface OidcClientArgs {
  /** The application's properties. */
  application: ApplicationArgs;
  /**
   * Auth base URL (e.g. `https://auth.pingone.eu`). Defaults to the stack config
   * `pingone:authUrl` / `PINGONE_AUTH_URL`, else the region's (`pingone:regionCode`).
   */
  authUrl?: pulumi.Input<string>;
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

  constructor(name: string, args: OidcClientArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pingone:index:OidcClient", name, {}, opts);
    this.application = new Application(name, args.application, { parent: this });
    const authUrl = pulumi.output(args.authUrl ?? resolveSettings(programConfig()).authUrl);
    // PingOne's issuer is per environment: https://auth.pingone.<tld>/<environmentId>/as
    this.issuer = pulumi.interpolate`${authUrl}/${this.application.environmentId}/as`;
    this.discoveryUrl = pulumi.interpolate`${this.issuer}/.well-known/openid-configuration`;
    this.authorizationEndpoint = pulumi.interpolate`${this.issuer}/authorize`;
    this.tokenEndpoint = pulumi.interpolate`${this.issuer}/token`;
    this.userinfoEndpoint = pulumi.interpolate`${this.issuer}/userinfo`;
    this.jwksUri = pulumi.interpolate`${this.issuer}/jwks`;
    this.endSessionEndpoint = pulumi.interpolate`${this.issuer}/signoff`;
    this.clientId = this.application.clientId;
    this.clientSecret = pulumi.secret(this.application.clientSecret);
    this.secretLink = this.application.secretLink;
    this.registerOutputs({
      clientId: this.clientId,
      issuer: this.issuer,
      secretLink: this.secretLink,
    });
  }
}
