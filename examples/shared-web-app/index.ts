// Seeds 000 -> 003 -> 004 as infrastructure: one shared web app whose grant types and client
// authentication method change with the stack config value `stage`. Each `pulumi up` after a
// change is exactly one PUT of the whole application; the app id and client id stay the same.
// OidcClient grants it the OpenID scopes it requests (openid, profile, email: the grant holds
// profile and email), which no stage changes.
//
//   stage   grant types                          auth method          (seed)
//   initial AUTHORIZATION_CODE                   CLIENT_SECRET_BASIC
//   000     AUTHORIZATION_CODE + REFRESH_TOKEN   CLIENT_SECRET_BASIC  000
//   003     AUTHORIZATION_CODE                   CLIENT_SECRET_POST   003
//   004     AUTHORIZATION_CODE                   CLIENT_SECRET_BASIC  004
import * as pulumi from "@pulumi/pulumi";
import { OidcClient, type ApplicationArgs } from "pulumi-pingone";

type Stage = "initial" | "000" | "003" | "004";

const STAGES: Record<Stage, Pick<ApplicationArgs, "grantTypes" | "tokenEndpointAuthMethod" | "description">> = {
  initial: { grantTypes: ["AUTHORIZATION_CODE"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" },
  "000": { grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"], tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" },
  "003": {
    grantTypes: ["AUTHORIZATION_CODE"],
    tokenEndpointAuthMethod: "CLIENT_SECRET_POST",
    description:
      "Application using CLIENT_SECRET_POST - credentials are sent in the POST body instead of the Authorization header. Useful for systems where header manipulation is difficult.",
  },
  "004": {
    grantTypes: ["AUTHORIZATION_CODE"],
    tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
    description:
      "Application using CLIENT_SECRET_BASIC - the most common authentication method. Credentials are sent via HTTP Basic Authentication (base64 encoded in Authorization header).",
  },
};

const config = new pulumi.Config();
const stage = config.get<Stage>("stage") ?? "initial";
if (!(stage in STAGES)) throw new Error(`config stage must be one of ${Object.keys(STAGES).join(", ")}, not ${stage}`);

const client = new OidcClient("shared-web-app", {
  application: {
    enabled: true,
    name: "Shared-Web-App",
    type: "WEB_APP",
    protocol: "OPENID_CONNECT",
    redirectUris: ["http://localhost:3000/callback"],
    responseTypes: ["CODE"],
    ...STAGES[stage],
  },
});
const app = client.application;

export const applicationId = app.id;
export const clientId = app.clientId;
export const grantTypes = app.grantTypes;
export const tokenEndpointAuthMethod = app.tokenEndpointAuthMethod;
export const clientSecret = client.clientSecret;
export const issuer = client.issuer;
export const tokenEndpoint = client.tokenEndpoint;
export const redirectUris = app.redirectUris;
export const scopes = client.scopes;
export const grantId = client.grant?.id;
