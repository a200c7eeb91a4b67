/** The OidcClient component's documented options and outputs (rendered into the README). */
import type { ResourceDocs } from "../kernel/property-docs";

export const OIDC_CLIENT_DOCS: ResourceDocs = {
  properties: [
    { name: "application", type: "**required**, `ApplicationArgs`", rules: "The application (child `<name>`)." },
    { name: "authUrl", type: "string", rules: "Auth base URL for the issuer; defaults to `pingone:authUrl` / `PINGONE_AUTH_URL`, else the region's." },
    {
      name: "scopes",
      type: "string[]",
      rules:
        'The scopes the client requests, from PingOne\'s `openid` resource. Default `["openid", "profile", "email"]`, or none for apps that cannot use OIDC scopes (a `WORKER` with `CLIENT_CREDENTIALS`, or no grant type that signs a user in). The component grants these **minus `openid`** (child `ApplicationResourceGrant` `<name>-openid`); no grant when nothing is left (`[]`).',
    },
    {
      name: "signOnPolicy",
      type: "`{ name?, id?, priority? }`",
      rules:
        "The sign-on policy for the app's users (child `ApplicationSignOnPolicyAssignment` `<name>-sign-on-policy`): exactly one of `name` and `id`; `priority` 1 to 2147483647, default 1. Without it the environment's default policy applies.",
    },
  ],
  outputs: [
    { name: "application, grant, signOnPolicyAssignment", meaning: "The children (the last two may be undefined)." },
    { name: "clientId, clientSecret, secretLink", meaning: "The application's; `clientSecret` is a **Pulumi secret**." },
    { name: "scopes", meaning: "What the client requests, `openid` included: send them as the authorization request's `scope`." },
    {
      name: "issuer, discoveryUrl, authorizationEndpoint, tokenEndpoint, userinfoEndpoint, jwksUri, endSessionEndpoint",
      meaning: "The environment's authorization server: the issuer is `<authUrl>/<environmentId>/as`.",
    },
  ],
};
