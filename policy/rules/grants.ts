/**
 * Grant and response types (docs/oauth-client-rules.md §4.1, R00–R07).
 */
import {
  APPLICATION_TYPES,
  GRANT_TYPE,
  GRANT_TYPES,
  PAR_REQUIREMENTS,
  PKCE_ENFORCEMENTS,
  RESPONSE_TYPE,
  RESPONSE_TYPES,
  TOKEN_ENDPOINT_AUTH_METHODS,
} from "../../pingone";
import type { BaseConfig } from "./config";
import { type ApplicationInput, forEachKnown, grantTypes, isPublic, publicReason, responseTypes, runEachDeferringUnknown, show } from "./predicates";
import { type CheckContext, defineRule, finding } from "./rule";
import { CIBA_CORE, FAPI2_SP, PINGONE_APPLICATIONS, RFC6749, RFC7591, RFC9700, rfc9700 } from "./sources";

const list = (values: Iterable<string>): string => [...values].join(", ");

/** A hint for a value that is almost a valid one, or the ROPC grant. */
function enumHint(value: unknown, allowed: readonly string[]): string {
  if (typeof value === "string") {
    const upper = value.toUpperCase();
    if (upper === "PASSWORD") {
      return ` PingOne has no password grant, and RFC 9700 §2.4 says the resource owner password ` + `credentials grant MUST NOT be used.`;
    }
    if (allowed.includes(upper)) {
      return ` PingOne values are uppercase: did you mean "${upper}"?`;
    }
  }
  return "";
}

/** Reports a field PingOne requires but the app does not set. */
function reportAbsent(ctx: CheckContext<BaseConfig>, field: string, allowed: string): void {
  ctx.report(finding(`${field} is absent; PingOne requires it.`, "PingOne's application schema (required field)", `set ${field} to ${allowed}.`));
}

/** Checks one enum field; `required` fields must be present. */
function checkEnum(
  ctx: CheckContext<BaseConfig>,
  field: "type" | "tokenEndpointAuthMethod" | "pkceEnforcement" | "parRequirement",
  allowed: readonly string[],
  required: boolean,
): void {
  const value = ctx.app[field];
  if (value === undefined || value === null) {
    if (required) reportAbsent(ctx, field, `one of ${list(allowed)}`);
    return;
  }
  if (typeof value !== "string" || !allowed.includes(value)) {
    ctx.report(
      finding(
        `${field} is ${show(value)}, which is not a PingOne value.${enumHint(value, allowed)}`,
        "PingOne's documented enum (Terraform provider and Go SDK; the pack fails closed on unknown values)",
        `set ${field} to one of ${list(allowed)}.`,
      ),
    );
  }
}

/** Checks one list-of-enum field. */
function checkEnumList(ctx: CheckContext<BaseConfig>, field: "grantTypes" | "responseTypes", allowed: readonly string[], required: boolean): void {
  const value = ctx.app[field];
  if (value === undefined || value === null) {
    if (required) reportAbsent(ctx, field, `a list of ${list(allowed)}`);
    return;
  }
  if (!Array.isArray(value)) {
    ctx.report(finding(`${field} is ${show(value)}, not a list.`, "PingOne's application schema", `set ${field} to a list of ${list(allowed)}.`));
    return;
  }
  forEachKnown(value as readonly unknown[], (element) => {
    if (typeof element !== "string" || !allowed.includes(element)) {
      const grantRule = field === "grantTypes" && enumHint(element, allowed).includes("MUST NOT") ? " and RFC 9700 §2.4 (MUST NOT)" : "";
      ctx.report(
        finding(
          `${field} contains ${show(element)}, which is not a PingOne value.${enumHint(element, allowed)}`,
          `PingOne's documented enum (Terraform provider and Go SDK)${grantRule}`,
          `remove ${show(element)} from ${field}; allowed values are ${list(allowed)}.`,
        ),
      );
    }
  });
}

/** R00: every enum field holds a documented PingOne value. */
export const knownEnumValues = defineRule<BaseConfig>({
  code: "R00",
  name: "known-enum-values",
  description:
    "type, grantTypes, responseTypes, tokenEndpointAuthMethod, pkceEnforcement and parRequirement hold only " +
    "PingOne's documented values (catches PASSWORD, lowercase values from other tools, and future values).",
  enforcementLevel: "mandatory",
  severity: "high",
  url: PINGONE_APPLICATIONS,
  tags: ["oauth", "grant-types"],
  remediationSteps: "Use the uppercase PingOne enum values listed in the message.",
  params: {},
  check(ctx) {
    runEachDeferringUnknown([
      () => checkEnum(ctx, "type", APPLICATION_TYPES, true),
      () => checkEnumList(ctx, "grantTypes", GRANT_TYPES, true),
      () => checkEnumList(ctx, "responseTypes", RESPONSE_TYPES, false),
      () => checkEnum(ctx, "tokenEndpointAuthMethod", TOKEN_ENDPOINT_AUTH_METHODS, true),
      () => checkEnum(ctx, "pkceEnforcement", PKCE_ENFORCEMENTS, false),
      () => checkEnum(ctx, "parRequirement", PAR_REQUIREMENTS, false),
    ]);
  },
});

/** The front-channel grants present, in a stable order. */
function frontGrants(app: ApplicationInput): string[] {
  const grants = grantTypes(app);
  return [GRANT_TYPE.AUTHORIZATION_CODE, GRANT_TYPE.IMPLICIT].filter((g) => grants.has(g));
}

/** R01: no access token from the authorization endpoint (implicit `token`, hybrid `code token`). */
export const noAccessTokenInFrontChannel = defineRule<BaseConfig>({
  code: "R01",
  name: "no-access-token-in-front-channel",
  description:
    "responseTypes must not include TOKEN when a front-channel grant (IMPLICIT or AUTHORIZATION_CODE) is used: " +
    "access tokens must not be issued in the authorization response.",
  enforcementLevel: "mandatory",
  severity: "high",
  url: RFC9700("2.1.2"),
  framework: rfc9700("§2.1.2"),
  tags: ["oauth", "response-types"],
  params: {},
  check(ctx) {
    if (!responseTypes(ctx.app).has(RESPONSE_TYPE.TOKEN)) {
      ctx.notApplicable("responseTypes does not include TOKEN");
    }
    const front = frontGrants(ctx.app);
    if (front.length === 0) {
      // PingOne documents `token` with client_credentials; without a front-channel grant no
      // access token reaches the browser. R03 flags the inconsistency.
      ctx.notApplicable("no front-channel grant (IMPLICIT or AUTHORIZATION_CODE)");
    }
    ctx.report(
      finding(
        `responseTypes includes TOKEN together with grantTypes ${list(front)}, so access tokens are issued in the ` +
          `authorization response (implicit "token" or hybrid "code token").`,
        "RFC 9700 §2.1.2 (SHOULD NOT) and §4.1.3, the browser-based apps draft §7.2 (MUST NOT), RFC 8252 §8.2 " +
          "(NOT RECOMMENDED) and OAuth 2.1 §10.1 (implicit removed)",
        `remove "TOKEN" from responseTypes${front.includes(GRANT_TYPE.IMPLICIT) ? ' and "IMPLICIT" from grantTypes' : ""}; ` +
          `use grantTypes ["AUTHORIZATION_CODE"] with responseTypes ["CODE"] and pkceEnforcement "S256_REQUIRED".`,
      ),
    );
  },
});

/** R02: no implicit grant. */
export const noImplicitGrant = defineRule<BaseConfig>({
  code: "R02",
  name: "no-implicit-grant",
  description:
    "grantTypes should not include IMPLICIT. Advisory because OIDC Core §3.2 still defines the id_token-only " +
    "implicit flow; fapi-code-flow-only makes it mandatory for FAPI 2.0 apps.",
  enforcementLevel: "advisory",
  severity: "medium",
  url: RFC9700("2.1.2"),
  framework: rfc9700("§2.1.2"),
  tags: ["oauth", "grant-types"],
  params: {},
  check(ctx) {
    if (!grantTypes(ctx.app).has(GRANT_TYPE.IMPLICIT)) {
      ctx.notApplicable("grantTypes does not include IMPLICIT");
    }
    ctx.report(
      finding(
        "grantTypes includes IMPLICIT.",
        "RFC 9700 §2.1.2 (SHOULD NOT use the implicit grant) and OAuth 2.1 §10.1 (implicit grant removed)",
        'remove "IMPLICIT" from grantTypes and "TOKEN"/"ID_TOKEN" from responseTypes; use "AUTHORIZATION_CODE" ' +
          'with responseTypes ["CODE"] and pkceEnforcement "S256_REQUIRED".',
      ),
    );
  },
});

/** R03: grant types and response types agree with each other. */
export const grantResponseTypeConsistency = defineRule<BaseConfig>({
  code: "R03",
  name: "grant-response-type-consistency",
  description:
    "AUTHORIZATION_CODE goes with CODE, and IMPLICIT with TOKEN/ID_TOKEN, in both directions; " +
    "CLIENT_CREDENTIALS, DEVICE_CODE, CIBA and TOKEN_EXCHANGE need no response type.",
  enforcementLevel: "advisory",
  severity: "low",
  url: RFC7591("2.1"),
  tags: ["oauth", "grant-types", "response-types"],
  params: {},
  check(ctx) {
    const grants = grantTypes(ctx.app);
    const responses = responseTypes(ctx.app);
    if (grants.size === 0 && responses.size === 0) {
      ctx.notApplicable("grantTypes and responseTypes are both empty");
    }
    const source = "RFC 7591 §2.1 (grant_types and response_types SHOULD be kept consistent) and OIDC Core §3";
    const implicitResponses = [RESPONSE_TYPE.TOKEN, RESPONSE_TYPE.ID_TOKEN].filter((r) => responses.has(r));
    if (grants.has(GRANT_TYPE.AUTHORIZATION_CODE) && !responses.has(RESPONSE_TYPE.CODE)) {
      ctx.report(
        finding(
          "grantTypes includes AUTHORIZATION_CODE but responseTypes does not include CODE.",
          source,
          'add "CODE" to responseTypes, or remove "AUTHORIZATION_CODE" from grantTypes.',
        ),
      );
    }
    if (responses.has(RESPONSE_TYPE.CODE) && !grants.has(GRANT_TYPE.AUTHORIZATION_CODE)) {
      ctx.report(
        finding(
          "responseTypes includes CODE but grantTypes does not include AUTHORIZATION_CODE.",
          source,
          'add "AUTHORIZATION_CODE" to grantTypes, or remove "CODE" from responseTypes.',
        ),
      );
    }
    if (grants.has(GRANT_TYPE.IMPLICIT) && implicitResponses.length === 0) {
      ctx.report(
        finding(
          "grantTypes includes IMPLICIT but responseTypes includes neither TOKEN nor ID_TOKEN, so the grant is unusable.",
          source,
          'remove "IMPLICIT" from grantTypes (preferred; see no-implicit-grant).',
        ),
      );
    }
    if (implicitResponses.length > 0 && !grants.has(GRANT_TYPE.IMPLICIT)) {
      ctx.report(
        finding(
          `responseTypes includes ${list(implicitResponses)} but grantTypes does not include IMPLICIT; ` +
            "those response types are only used by the implicit and hybrid flows.",
          source,
          `remove ${list(implicitResponses.map((r) => `"${r}"`))} from responseTypes (token endpoint grants such ` +
            "as CLIENT_CREDENTIALS need no response type).",
        ),
      );
    }
  },
});

/** R04: no hybrid response types (`code id_token`, `code token`). */
export const noHybridResponseTypes = defineRule<BaseConfig>({
  code: "R04",
  name: "no-hybrid-response-types",
  description:
    "responseTypes should not combine CODE with TOKEN or ID_TOKEN (hybrid flow). Advisory: RFC 9700 accepts " +
    "`code id_token`; FAPI 2.0 forbids it (fapi-code-flow-only).",
  enforcementLevel: "advisory",
  severity: "low",
  url: `${FAPI2_SP}#section-5.3.2.2`,
  tags: ["oauth", "response-types"],
  params: {},
  check(ctx) {
    const responses = responseTypes(ctx.app);
    if (!responses.has(RESPONSE_TYPE.CODE)) {
      ctx.notApplicable("responseTypes does not include CODE");
    }
    const extra = [RESPONSE_TYPE.TOKEN, RESPONSE_TYPE.ID_TOKEN].filter((r) => responses.has(r));
    if (extra.length > 0) {
      ctx.report(
        finding(
          `responseTypes combines CODE with ${list(extra)} (a hybrid flow).`,
          "FAPI 2.0 Security Profile §5.3.2.2(1) (response type shall be code); PingOne's own docs disagree on " + "whether hybrid is supported",
          'set responseTypes to ["CODE"] and remove "IMPLICIT" from grantTypes.',
        ),
      );
    }
  },
});

/** R05 and R06 share this shape: a grant only a confidential client may use. */
function confidentialOnlyCheck(grant: string, requirement: string, replacement: string) {
  return (ctx: CheckContext<BaseConfig>): void => {
    if (!grantTypes(ctx.app).has(grant)) {
      ctx.notApplicable(`grantTypes does not include ${grant}`);
    }
    if (isPublic(ctx.app)) {
      ctx.report(
        finding(
          `grantTypes includes ${grant} but the application is a public client: ${publicReason(ctx.app)}.`,
          requirement,
          `remove "${grant}" from grantTypes, or move this flow to ${replacement}.`,
        ),
      );
    }
  };
}

/** R05: client credentials only for confidential clients. */
export const clientCredentialsConfidentialOnly = defineRule<BaseConfig>({
  code: "R05",
  name: "client-credentials-confidential-only",
  description: "CLIENT_CREDENTIALS may only be used by a confidential client (a NATIVE_APP with a secret is still public).",
  enforcementLevel: "mandatory",
  severity: "critical",
  url: RFC6749("4.4"),
  tags: ["oauth", "grant-types", "client-authentication"],
  params: {},
  check: confidentialOnlyCheck(
    GRANT_TYPE.CLIENT_CREDENTIALS,
    "RFC 6749 §4.4 and OAuth 2.1 §4.2 (the client credentials grant MUST only be used by confidential clients)",
    'a separate WORKER or SERVICE application with tokenEndpointAuthMethod "PRIVATE_KEY_JWT" (type cannot be ' + "changed in place)",
  ),
});

/** R06: CIBA only for confidential clients. */
export const cibaConfidentialOnly = defineRule<BaseConfig>({
  code: "R06",
  name: "ciba-confidential-only",
  description: "CIBA may only be used by a confidential client, which authenticates at the backchannel endpoint.",
  enforcementLevel: "mandatory",
  severity: "high",
  url: CIBA_CORE,
  tags: ["oauth", "grant-types", "client-authentication"],
  params: {},
  check: confidentialOnlyCheck(
    GRANT_TYPE.CIBA,
    "OpenID CIBA Core §7.1 (the client MUST authenticate to the backchannel authentication endpoint)",
    'a WEB_APP or CUSTOM_APP application with tokenEndpointAuthMethod "PRIVATE_KEY_JWT"',
  ),
});

/** Grants under which a refresh token is legitimately issued. */
const REFRESH_ELIGIBLE_GRANTS: readonly string[] = [GRANT_TYPE.AUTHORIZATION_CODE, GRANT_TYPE.DEVICE_CODE, GRANT_TYPE.CIBA, GRANT_TYPE.TOKEN_EXCHANGE];

/** R07: REFRESH_TOKEN only alongside a grant that issues refresh tokens. */
export const refreshTokenNeedsEligibleGrant = defineRule<BaseConfig>({
  code: "R07",
  name: "refresh-token-needs-eligible-grant",
  description:
    "REFRESH_TOKEN needs AUTHORIZATION_CODE, DEVICE_CODE, CIBA or TOKEN_EXCHANGE; alongside only IMPLICIT or " +
    "CLIENT_CREDENTIALS it is dead or undesirable configuration.",
  enforcementLevel: "advisory",
  severity: "low",
  url: RFC6749("4.2.2"),
  tags: ["oauth", "grant-types", "refresh-tokens"],
  params: {},
  check(ctx) {
    const grants = grantTypes(ctx.app);
    if (!grants.has(GRANT_TYPE.REFRESH_TOKEN)) {
      ctx.notApplicable("grantTypes does not include REFRESH_TOKEN");
    }
    if (!REFRESH_ELIGIBLE_GRANTS.some((g) => grants.has(g))) {
      const others = [...grants].filter((g) => g !== GRANT_TYPE.REFRESH_TOKEN);
      ctx.report(
        finding(
          `grantTypes includes REFRESH_TOKEN but no grant that issues refresh tokens (other grants: ` + `${others.length > 0 ? list(others) : "none"}).`,
          "RFC 6749 §4.2.2 (the implicit grant MUST NOT issue refresh tokens) and §4.4.3 (client credentials " + "SHOULD NOT)",
          `remove "REFRESH_TOKEN" from grantTypes, or add the grant that needs it (${list(REFRESH_ELIGIBLE_GRANTS)}).`,
        ),
      );
    }
  },
});

/** The §4.1 rules in catalogue order. */
export const grantRules = [
  knownEnumValues,
  noAccessTokenInFrontChannel,
  noImplicitGrant,
  grantResponseTypeConsistency,
  noHybridResponseTypes,
  clientCredentialsConfidentialOnly,
  cibaConfidentialOnly,
  refreshTokenNeedsEligibleGrant,
] as const;
