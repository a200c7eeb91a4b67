/**
 * The Application's documented outputs (its properties' table is rendered from the field table,
 * pingone/fields.ts, by scripts/property-table.ts).
 */
import type { OutputDoc } from "../kernel/property-docs";

export const APPLICATION_OUTPUT_DOCS: readonly OutputDoc[] = [
  { name: "id", meaning: "The application id (the resource id)." },
  { name: "clientId", meaning: "The OAuth client id (PingOne uses the application id)." },
  { name: "environmentId", meaning: "The owning environment." },
  { name: "secretLink", meaning: "`_links.secret.href`, where the secret is read and rotated." },
  { name: "createdAt, updatedAt", meaning: "PingOne's timestamps." },
  {
    name: "clientSecret",
    meaning:
      "A **Pulumi secret**, for `CLIENT_SECRET_BASIC`, `CLIENT_SECRET_POST` and `CLIENT_SECRET_JWT`, as PingOne held it at create or the last refresh; absent otherwise and with `exposeSecret: false` (see [`ApplicationSecret`](#applicationsecret)).",
  },
];
