// Seed 001 as infrastructure: a confidential web app (authorization code + refresh token,
// CLIENT_SECRET_BASIC), the grant of the OpenID scopes it requests (OidcClient's default: openid,
// profile, email; the grant holds profile and email) and seed 001's step 5, the Single_Factor
// sign-on policy. The client secret comes back as a Pulumi secret.
import * as pulumi from "@pulumi/pulumi";
import { OidcClient } from "pulumi-pingone";

const config = new pulumi.Config();

const web = new OidcClient("web-app", {
  application: {
    enabled: true,
    description: "This is an OIDC Web application.",
    type: "WEB_APP",
    grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
    redirectUris: [config.get("redirectUri") ?? "https://www.google.com"],
    responseTypes: ["CODE"],
    tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
    pkceEnforcement: "S256_REQUIRED",
    refreshTokenDuration: 2592000,
    refreshTokenRollingDuration: 15552000,
  },
  signOnPolicy: { name: "Single_Factor", priority: 1 },
});

export const applicationId = web.application.id;
export const clientId = web.clientId;
export const clientSecret = web.clientSecret;
export const secretLink = web.secretLink;
export const issuer = web.issuer;
export const tokenEndpoint = web.tokenEndpoint;
export const redirectUris = web.application.redirectUris;
export const scopes = web.scopes;
export const grantId = web.grant?.id;
export const signOnPolicyAssignmentId = web.signOnPolicyAssignment?.id;
