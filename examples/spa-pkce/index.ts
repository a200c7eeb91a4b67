// Seed 002 as infrastructure: a single-page app is a public client (no secret), so it must
// use PKCE with S256. OidcClient also grants it the OpenID scopes it requests (openid, profile,
// email by default; the grant holds profile and email). `pkceEnforcement` is stack config only to show what the policy pack
// catches: `pulumi config set pkceEnforcement OPTIONAL` makes the preview fail under the pack.
import * as pulumi from "@pulumi/pulumi";
import { OidcClient, type PkceEnforcement } from "pulumi-pingone";

const config = new pulumi.Config();

const spa = new OidcClient("spa", {
  application: {
    enabled: true,
    description: "OIDC App (Single Page App)",
    type: "SINGLE_PAGE_APP",
    grantTypes: ["AUTHORIZATION_CODE"],
    redirectUris: [config.get("redirectUri") ?? "https://example.com"],
    responseTypes: ["CODE"],
    tokenEndpointAuthMethod: "NONE",
    pkceEnforcement: config.get<PkceEnforcement>("pkceEnforcement") ?? "S256_REQUIRED",
    refreshTokenDuration: 86400,
    refreshTokenRollingDuration: 86400,
  },
});

export const applicationId = spa.application.id;
export const clientId = spa.clientId;
export const pkceEnforcement = spa.application.pkceEnforcement;
export const authorizationEndpoint = spa.authorizationEndpoint;
export const issuer = spa.issuer;
export const redirectUris = spa.application.redirectUris;
export const scopes = spa.scopes;
export const grantId = spa.grant?.id;
