/** The OidcClient component's documented options and outputs (rendered into the README). */
import {
  DEFAULT_SIGN_ON_POLICY_NAME,
  MAX_SIGN_ON_POLICY_PRIORITY,
  MIN_SIGN_ON_POLICY_PRIORITY,
  OPENID_RESOURCE_NAME,
  OPENID_SCOPE,
  OPENID_SCOPE_NAMES,
} from "../../pingone";
import { codeList, stringArray, type ResourceDocs } from "../kernel/property-docs";
import { DEFAULT_OIDC_SCOPES, DEFAULT_SIGN_ON_POLICY_PRIORITY } from "./defaults";

export const OIDC_CLIENT_DOCS: ResourceDocs = {
  properties: [
    { name: "application", type: "**required**, `ApplicationArgs`", rules: "The application (child `<name>`)." },
    { name: "authUrl", type: "string", rules: "Auth base URL for the issuer; defaults to `pingone:authUrl` / `PINGONE_AUTH_URL`, else the region's." },
    {
      name: "scopes",
      type: "string[]",
      rules:
        `The scopes the client requests, from PingOne's \`${OPENID_RESOURCE_NAME}\` resource: ${codeList(OPENID_SCOPE_NAMES)}. Default \`${stringArray(DEFAULT_OIDC_SCOPES)}\`. ` +
        `The component grants the application these scopes **minus \`${OPENID_SCOPE}\`** (child \`ApplicationResourceGrant\` \`<name>-${OPENID_RESOURCE_NAME}\`): every OIDC application may request \`${OPENID_SCOPE}\`, and it is never granted. ` +
        `No grant when nothing is left (\`[]\` or \`${stringArray([OPENID_SCOPE])}\`). Any other name, a repeat or a non-list fails at preview, naming \`scopes[i]\` and the allowed values. ` +
        "A custom resource's scopes are not requested here: grant them with an `ApplicationResourceGrant` of their own.",
    },
    {
      name: "signOnPolicy",
      type: "`{ name?, id?, priority? }`",
      rules:
        `The sign-on policy for the app's users (child \`ApplicationSignOnPolicyAssignment\` \`<name>-sign-on-policy\`): exactly one of \`name\` (e.g. \`${JSON.stringify(DEFAULT_SIGN_ON_POLICY_NAME)}\`) and \`id\`; ` +
        `\`priority\` an integer from ${MIN_SIGN_ON_POLICY_PRIORITY} to ${MAX_SIGN_ON_POLICY_PRIORITY}, default ${DEFAULT_SIGN_ON_POLICY_PRIORITY} (evaluated first). Without it the environment's default policy applies. ` +
        "A missing or doubled name/id, a bad priority or an unknown key fails at preview, naming `signOnPolicy.<option>`.",
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
