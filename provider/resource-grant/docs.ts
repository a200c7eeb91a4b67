/** The ApplicationResourceGrant's documented properties and outputs (rendered into the README). */
import { OPENID_RESOURCE_NAME, OPENID_RESOURCE_TYPE, OPENID_SCOPE_NAMES } from "../../pingone";
import { codeList, type ResourceDocs } from "../kernel/property-docs";

export const RESOURCE_GRANT_DOCS: ResourceDocs = {
  properties: [
    { name: "applicationId", type: "**required**, string", rules: "Changing it replaces the grant." },
    {
      name: "environmentId",
      type: "string",
      rules: "Defaults to `pingone:environmentId` / `PINGONE_ENVIRONMENT_ID`, as for `Application`. Changing it replaces the grant.",
    },
    {
      name: "resourceName / resourceId",
      type: "string, exactly one",
      rules: `The resource by name (\`${OPENID_RESOURCE_NAME}\` is PingOne's built-in OpenID Connect resource, type \`${OPENID_RESOURCE_TYPE}\`) or by id. Another resource replaces the grant (PingOne's \`resource.id\` is read-only).`,
    },
    {
      name: "scopes / scopeIds",
      type: "string[], exactly one",
      rules: `The scopes by name (${codeList(OPENID_SCOPE_NAMES)} on the \`${OPENID_RESOURCE_NAME}\` resource) or by id; 1 to 100 distinct entries. Other scopes update the grant with one PUT.`,
    },
  ],
  outputs: [
    { name: "id", meaning: "The grant's id." },
    { name: "resourceId, scopeIds", meaning: "Always." },
    { name: "resourceName, scopes", meaning: "When given by name; after a refresh they name what PingOne holds, so a change made outside shows as drift." },
  ],
};
