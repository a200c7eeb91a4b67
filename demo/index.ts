/**
 * The demo stack: how a platform team composes PingOne applications with the rest of its
 * infrastructure. Each `OidcClient` bundles an application with what sign-in needs (a grant of
 * the OpenID scopes it requests; for the web app, seed 001's sign-on policy assignment) and its
 * issuer, endpoints, client id and a reference to its secret, ready to hand to the service that
 * signs users in. The outputs are what a sign-in needs: client ids, issuer, redirect URIs, scopes,
 * and the credentials as secrets.
 */
import * as pulumi from "@pulumi/pulumi";
import { Application, OidcClient } from "pulumi-pingone";

export = (): Record<string, pulumi.Output<unknown>> => {
  const config = new pulumi.Config();
  const baseUrl = config.get("baseUrl") ?? "https://www.google.com";

  // Seed 001: a confidential web app with authorization code + refresh token.
  const web = new OidcClient("web-portal", {
    application: {
      enabled: true,
      description: "This is an OIDC Web application.",
      type: "WEB_APP",
      grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
      redirectUris: [baseUrl],
      responseTypes: ["CODE"],
      tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
    },
    // Seed 001's step 5: associate the sign-on policy with the application.
    signOnPolicy: { name: "Single_Factor", priority: 1 },
  });

  // Seed 002: a single-page app, a public client with S256 PKCE.
  const spa = new OidcClient("dashboard-spa", {
    application: {
      enabled: true,
      description: "OIDC App (Single Page App)",
      type: "SINGLE_PAGE_APP",
      grantTypes: ["AUTHORIZATION_CODE"],
      redirectUris: ["https://example.com"],
      responseTypes: ["CODE"],
      tokenEndpointAuthMethod: "NONE",
      pkceEnforcement: "S256_REQUIRED",
      refreshTokenDuration: 86400,
      refreshTokenRollingDuration: 86400,
    },
  });

  // A worker for a back-end job that calls the PingOne management API (client credentials). It
  // signs no user in, so it has no OpenID grant (PingOne: worker apps with client_credentials do
  // not support OIDC scopes).
  const worker = new Application("provisioning-worker", {
    enabled: true,
    description: "Back-end provisioning job",
    type: "WORKER",
    grantTypes: ["CLIENT_CREDENTIALS"],
    tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
  });

  return {
    webClientId: web.clientId,
    webIssuer: web.issuer,
    webTokenEndpoint: web.tokenEndpoint,
    webRedirectUris: web.application.redirectUris,
    webScopes: web.scopes,
    webSecretLink: web.secretLink,
    webClientSecret: web.clientSecret,
    webGrantId: pulumi.output(web.grant?.id),
    webSignOnPolicyAssignmentId: pulumi.output(web.signOnPolicyAssignment?.id),
    spaClientId: spa.clientId,
    spaIssuer: spa.issuer,
    spaAuthorizationEndpoint: spa.authorizationEndpoint,
    spaRedirectUris: spa.application.redirectUris,
    spaScopes: spa.scopes,
    spaGrantId: pulumi.output(spa.grant?.id),
    workerId: worker.id,
    // Worker credentials, both as secrets: together they call the management API.
    workerClientId: pulumi.secret(worker.clientId),
    workerClientSecret: pulumi.secret(worker.clientSecret),
    workerSecretLink: worker.secretLink,
  };
};
