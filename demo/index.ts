/**
 * The demo stack: how a platform team composes PingOne applications with the rest of its
 * infrastructure. Each `OidcClient` bundles an application with its issuer, endpoints, client id
 * and a reference to its secret, ready to hand to the service that signs users in.
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

  // A worker for a back-end job that calls the PingOne management API (client credentials).
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
    webSecretLink: web.secretLink,
    webClientSecret: web.clientSecret,
    spaClientId: spa.clientId,
    spaAuthorizationEndpoint: spa.authorizationEndpoint,
    workerId: worker.id,
    workerClientId: worker.clientId,
    workerSecretLink: worker.secretLink,
  };
};
