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
        'The scopes the client requests, from PingOne\'s `openid` resource: `openid`, `profile`, `email`, `address`, `phone`. Default `["openid", "profile", "email"]`. The component grants the application these scopes **minus `openid`** (child `ApplicationResourceGrant` `<name>-openid`): every OIDC application may request `openid`, and it is never granted. No grant when nothing is left (`[]` or `["openid"]`). Any other name, a repeat or a non-list fails at preview, naming `scopes[i]` and the allowed values. A custom resource\'s scopes are not requested here: grant them with an `ApplicationResourceGrant` of their own.',
    },
    {
      name: "signOnPolicy",
      type: "`{ name?, id?, priority? }`",
      rules:
        "The sign-on policy for the app's users (child `ApplicationSignOnPolicyAssignment` `<name>-sign-on-policy`): exactly one of `name` (e.g. `\"Single_Factor\"`) and `id`; `priority` an integer from 1 to 2147483647, default 1 (evaluated first). Without it the environment's default policy applies. A missing or doubled name/id, a bad priority or an unknown key fails at preview, naming `signOnPolicy.<option>`.",
    },
  ],
  outputs: [
    { name: "application, grant, signOnPolicyAssignment", meaning: "The children; `grant` and `signOnPolicyAssignment` may be undefined." },
    { name: "clientId, clientSecret, secretLink", meaning: "The application's; `clientSecret` is a **Pulumi secret**." },
    { name: "scopes", meaning: "What the client requests, `openid` included: send them as the authorization request's `scope`." },
    {
      name: "issuer, discoveryUrl, authorizationEndpoint, tokenEndpoint, userinfoEndpoint, jwksUri, endSessionEndpoint",
      meaning: "The environment's authorization server: the issuer is `<authUrl>/<environmentId>/as`.",
    },
    {
      name: "registered outputs",
      meaning: "`clientId`, `issuer`, `secretLink`, `scopes`, `grantId` and `signOnPolicyAssignmentId`, the component's own.",
    },
  ],
};
