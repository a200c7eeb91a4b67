/** The ApplicationSecret's documented properties and outputs (rendered into the README). */
import { PREVIOUS_SECRET_RANGE_IN_WORDS } from "../../pingone";
import type { ResourceDocs } from "../kernel/property-docs";

export const APPLICATION_SECRET_DOCS: ResourceDocs = {
  properties: [
    {
      name: "applicationId",
      type: "**required**, string (UUID)",
      rules: "The application whose secret this resource rotates. **Replaces** (the new resource adopts the other application's secret).",
    },
    { name: "environmentId", type: "string (UUID)", rules: "The provider's `pingone:environmentId`. **Replaces.**" },
    {
      name: "rotateWhenChanged",
      type: "map of string, number or boolean",
      rules:
        "Any change (a value changed, a key added or removed) rotates on the next `up`. An empty map is the same as none. The state keeps only a digest of it.",
    },
    {
      name: "previousSecretValidFor",
      type: 'duration: `"24h"`, `"1h30m"`, `"7d"` (units `d`, `h`, `m`, `s`)',
      rules: `How long the replaced secret keeps working after a rotation: ${PREVIOUS_SECRET_RANGE_IN_WORDS} (PingOne's range). Unset: it stops working at once.`,
    },
    {
      name: "previousSecretExpiresAt",
      type: "RFC 3339 time with offset",
      rules: `Until when the replaced secret keeps working, ${PREVIOUS_SECRET_RANGE_IN_WORDS} after the rotation; checked only in a run that rotates. Not with \`previousSecretValidFor\`, nor with \`rotationPeriod\` (a fixed time is in the past after the first periodic rotation).`,
    },
    { name: "rotationPeriod", type: "duration, at least `1m`", rules: "Rotate on the first `up` after this long since `rotatedAt`." },
    {
      name: "revokePreviousSecret",
      type: "boolean",
      rules:
        "Opt-in: no previous secret should work. A previous secret still valid is revoked on the next `up` (one `DELETE …/secret`), and rotations keep none. Not with `previousSecretValidFor`/`previousSecretExpiresAt`.",
    },
  ],
  outputs: [
    { name: "id, applicationId", meaning: "The application id." },
    { name: "environmentId", meaning: "The owning environment." },
    { name: "secret", meaning: "The current client secret, a **Pulumi secret**." },
    { name: "previousSecret", meaning: "The replaced secret, a **Pulumi secret**, while it works (as of the last rotation or refresh)." },
    { name: "previousExpiresAt", meaning: "When `previousSecret` stops working (RFC 3339)." },
    { name: "rotatedAt", meaning: "When this resource last rotated, or adopted the secret at create. `rotationPeriod` counts from it." },
    { name: "previousSecretValidFor, previousSecretExpiresAt, rotationPeriod, revokePreviousSecret", meaning: "The settings, as given." },
  ],
};
