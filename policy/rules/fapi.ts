/**
 * FAPI 2.0 Security Profile rules (docs/oauth-client-rules.md §4.7, F01–F05), for apps that opt in.
 *
 * How an app opts in. PingOne applications carry no free-form tags (the `tags` field only admits
 * PING_FED_CONNECTION_INTEGRATION, so it is not used for this), and no PingOne field says "FAPI".
 * An app is treated as FAPI 2.0 when any of these holds, checked in this order:
 *   1. the rule's `fapiAllApplications` parameter is true (a stack or pack that is FAPI-only);
 *   2. its Pulumi resource name is listed in the rule's `fapiApplications` parameter;
 *   3. its `description` contains the rule's `fapiDescriptionMarker` (default "[FAPI2]",
 *      case-insensitive; an empty marker turns this off). This keeps the declaration next to the
 *      app in code and visible in the PingOne console, and needs no pack config;
 *   4. its PingOne `name` is listed in `fapiApplications`.
 * Otherwise the rule marks itself not applicable. The FAPI rules have separate configs (a
 * policy's config is its own), so list an app under each of them, use the description marker,
 * or build the config with {@link fapiOptInConfig}.
 *
 * Reading is lazy: the description and name are read only when an earlier step did not decide,
 * so an unknown description during preview only matters when it is needed.
 *
 * X02 (`fapi-par-timeout-below-600`, an optional catalogue extension) is gated the same way.
 *
 * Remediation (level `remediate` only): F01 sets `parRequirement: "REQUIRED"`, F04 sets
 * `pkceEnforcement: "S256_REQUIRED"`. The others need a design change (client type, keys).
 */
import type { EnforcementLevel } from "@pulumi/policy";
import type { BaseConfig, ParamSchemas } from "./config";
import {
  type ApplicationInput,
  authMethod,
  grantTypes,
  isCode,
  isPublic,
  parRequirement,
  pkceEnforcement,
  publicReason,
  responseTypes,
  show,
} from "./predicates";
import { type CheckContext, defineRule, finding, type RuleContext, type RuleSpec } from "./rule";
import { fapi2, FAPI2_SP } from "./sources";
import { CREATE_DEFAULTS, GRANT_TYPE, PAR_REQUIREMENT, PKCE_ENFORCEMENT, rangeOf, RESPONSE_TYPE, TOKEN_ENDPOINT_AUTH_METHOD } from "../../pingone";

/** PingOne's range for parTimeout. */
const PAR_TIMEOUT = rangeOf("parTimeout");

/** The FAPI opt-in parameters every F-rule takes. */
export interface FapiOptIn {
  /** Treat every Application as FAPI 2.0. */
  readonly fapiAllApplications: boolean;
  /** Pulumi resource names, or PingOne app names, of the FAPI 2.0 apps. */
  readonly fapiApplications: readonly string[];
  /** A marker in `description` that opts the app in; "" disables. Case-insensitive. */
  readonly fapiDescriptionMarker: string;
}

export interface FapiConfig extends BaseConfig, FapiOptIn {}

/** The default description marker. */
export const DEFAULT_FAPI_DESCRIPTION_MARKER = "[FAPI2]";

export const FAPI_OPT_IN_PARAMS: ParamSchemas<FapiOptIn> = {
  fapiAllApplications: {
    type: "boolean",
    default: false,
    description: "Apply this FAPI 2.0 rule to every PingOne Application (for FAPI-only stacks).",
  },
  fapiApplications: {
    type: "array",
    items: { type: "string", minLength: 1 },
    uniqueItems: true,
    default: [],
    description: "Pulumi resource names or PingOne application names of the apps in the FAPI 2.0 profile.",
  },
  fapiDescriptionMarker: {
    type: "string",
    default: DEFAULT_FAPI_DESCRIPTION_MARKER,
    description: "An application whose description contains this text (case-insensitive) is in the FAPI 2.0 profile. " + "Empty disables the marker.",
  },
};

/** Why the app is in the FAPI profile, or `undefined` when it is not. */
export function fapiOptInReason(app: ApplicationInput, resourceName: string, optIn: FapiOptIn): string | undefined {
  if (optIn.fapiAllApplications) {
    return "fapiAllApplications is true";
  }
  if (optIn.fapiApplications.includes(resourceName)) {
    return `resource "${resourceName}" is listed in fapiApplications`;
  }
  const marker = optIn.fapiDescriptionMarker.trim().toLowerCase();
  if (marker !== "" && typeof app.description === "string" && app.description.toLowerCase().includes(marker)) {
    return `description contains "${optIn.fapiDescriptionMarker}"`;
  }
  if (optIn.fapiApplications.length > 0 && typeof app.name === "string" && optIn.fapiApplications.includes(app.name)) {
    return `PingOne name "${app.name}" is listed in fapiApplications`;
  }
  return undefined;
}

/** Marks the rule not applicable unless the app opted in. */
function requireFapi(ctx: RuleContext<FapiConfig>): void {
  if (fapiOptInReason(ctx.app, ctx.resourceName, ctx.config) === undefined) {
    const marker = ctx.config.fapiDescriptionMarker.trim();
    ctx.notApplicable(
      "not a FAPI 2.0 app (to opt in: set fapiAllApplications, list it in fapiApplications" +
        (marker === "" ? ")" : `, or put ${JSON.stringify(marker)} in its description)`),
    );
  }
}

type FapiRuleSpec = Omit<RuleSpec<FapiConfig>, "params" | "enforcementLevel" | "tags">;

/** Defines an F-rule: mandatory, FAPI opt-in parameters, opt-in checked before check/remediate. */
function defineFapiRule(spec: FapiRuleSpec) {
  const remediate = spec.remediate;
  return defineRule<FapiConfig>({
    ...spec,
    enforcementLevel: "mandatory",
    tags: ["fapi2", "oauth"],
    params: FAPI_OPT_IN_PARAMS,
    check(ctx: CheckContext<FapiConfig>) {
      requireFapi(ctx);
      spec.check(ctx);
    },
    remediate:
      remediate === undefined
        ? undefined
        : (ctx: RuleContext<FapiConfig>) => {
            requireFapi(ctx);
            return remediate(ctx);
          },
  });
}

/** F01: pushed authorization requests required. */
export const fapiParRequired = defineFapiRule({
  code: "F01",
  name: "fapi-par-required",
  description: 'FAPI 2.0 apps require pushed authorization requests: parRequirement "REQUIRED" (absent = OPTIONAL).',
  severity: "high",
  url: `${FAPI2_SP}#section-5.3.2.2`,
  framework: fapi2("§5.3.2.2(3), §5.3.3.2(2)"),
  remediationSteps: 'Set parRequirement to "REQUIRED".',
  check(ctx) {
    const par = parRequirement(ctx.app);
    if (par.value !== PAR_REQUIREMENT.REQUIRED) {
      ctx.report(
        finding(
          `parRequirement is ${par.absent ? "OPTIONAL (absent; PingOne's default)" : show(par.value)} on a FAPI 2.0 app.`,
          "FAPI 2.0 Security Profile §5.3.2.2(3) and §5.3.3.2(2) (the AS shall require pushed authorization " + "requests, RFC 9126)",
          'set parRequirement: "REQUIRED".',
        ),
      );
    }
  },
  remediate: (ctx) => (parRequirement(ctx.app).value !== PAR_REQUIREMENT.REQUIRED ? { parRequirement: "REQUIRED" } : undefined),
});

/** F02: confidential clients only. */
export const fapiConfidentialClient = defineFapiRule({
  code: "F02",
  name: "fapi-confidential-client",
  description: "FAPI 2.0 apps must be confidential clients (not NONE, not SINGLE_PAGE_APP or NATIVE_APP).",
  severity: "critical",
  url: `${FAPI2_SP}#section-5.3.2.1`,
  framework: fapi2("§5.3.2.1(3)"),
  check(ctx) {
    if (isPublic(ctx.app)) {
      ctx.report(
        finding(
          `The FAPI 2.0 app is a public client: ${publicReason(ctx.app)}.`,
          "FAPI 2.0 Security Profile §5.3.2.1(3) (the AS shall only issue tokens to confidential clients)",
          'use a WEB_APP (or CUSTOM_APP) with tokenEndpointAuthMethod: "PRIVATE_KEY_JWT" and its jwks or jwksUrl ' +
            "(type cannot change in place: this replaces the app).",
        ),
      );
    }
  },
});

/** F03: private_key_jwt client authentication (PingOne has no mTLS method). */
export const fapiPrivateKeyJwt = defineFapiRule({
  code: "F03",
  name: "fapi-private-key-jwt",
  description: 'FAPI 2.0 apps authenticate with tokenEndpointAuthMethod "PRIVATE_KEY_JWT" (PingOne has no mTLS method).',
  severity: "critical",
  url: `${FAPI2_SP}#section-5.3.3.1`,
  framework: fapi2("§5.3.2.1(6), §5.3.3.1(2)"),
  check(ctx) {
    const method = authMethod(ctx.app);
    if (method !== TOKEN_ENDPOINT_AUTH_METHOD.PRIVATE_KEY_JWT) {
      ctx.report(
        finding(
          `tokenEndpointAuthMethod is ${show(ctx.app.tokenEndpointAuthMethod)} on a FAPI 2.0 app.`,
          "FAPI 2.0 Security Profile §5.3.2.1(6) and §5.3.3.1(2) (client authentication shall be MTLS or " + "private_key_jwt; PingOne offers only the latter)",
          'set tokenEndpointAuthMethod: "PRIVATE_KEY_JWT" and provide the client\'s public keys in jwks or jwksUrl (https).',
        ),
      );
    }
  },
});

/** F04: S256 PKCE. */
export const fapiPkceS256 = defineFapiRule({
  code: "F04",
  name: "fapi-pkce-s256",
  description: 'A FAPI 2.0 app using AUTHORIZATION_CODE requires pkceEnforcement "S256_REQUIRED".',
  severity: "high",
  url: `${FAPI2_SP}#section-5.3.2.2`,
  framework: fapi2("§5.3.2.2(5), §5.3.3.2(3)"),
  remediationSteps: 'Set pkceEnforcement to "S256_REQUIRED".',
  check(ctx) {
    if (!isCode(ctx.app)) {
      ctx.notApplicable("grantTypes does not include AUTHORIZATION_CODE");
    }
    const pkce = pkceEnforcement(ctx.app);
    if (pkce.value !== PKCE_ENFORCEMENT.S256_REQUIRED) {
      ctx.report(
        finding(
          `pkceEnforcement is ${pkce.absent ? "OPTIONAL (absent; PingOne's default)" : show(pkce.value)} on a FAPI 2.0 ` + "app using AUTHORIZATION_CODE.",
          "FAPI 2.0 Security Profile §5.3.2.2(5) and §5.3.3.2(3) (PKCE with the S256 method shall be required)",
          'set pkceEnforcement: "S256_REQUIRED".',
        ),
      );
    }
  },
  remediate: (ctx) => (isCode(ctx.app) && pkceEnforcement(ctx.app).value !== PKCE_ENFORCEMENT.S256_REQUIRED ? { pkceEnforcement: "S256_REQUIRED" } : undefined),
});

/**
 * F05: the authorization code flow only: no IMPLICIT, no TOKEN/ID_TOKEN response type, and CODE
 * when AUTHORIZATION_CODE is used. An app that does not use the authorization endpoint (e.g.
 * CLIENT_CREDENTIALS only) with no response types passes: there is no front channel to profile.
 */
export const fapiCodeFlowOnly = defineFapiRule({
  code: "F05",
  name: "fapi-code-flow-only",
  description:
    'FAPI 2.0 apps use only the code flow: responseTypes exactly ["CODE"] (when AUTHORIZATION_CODE is used) and ' +
    "no IMPLICIT grant. Makes no-implicit-grant and no-hybrid-response-types mandatory for FAPI apps.",
  severity: "high",
  url: `${FAPI2_SP}#section-5.3.2.2`,
  framework: fapi2("§5.3.2.2(1), §5.3.3.2(1)"),
  check(ctx) {
    const grants = grantTypes(ctx.app);
    const responses = responseTypes(ctx.app);
    const requirement = "FAPI 2.0 Security Profile §5.3.2.2(1) and §5.3.3.2(1) (only the response type code shall be used)";
    if (grants.has(GRANT_TYPE.IMPLICIT)) {
      ctx.report(finding("grantTypes includes IMPLICIT on a FAPI 2.0 app.", requirement, 'remove "IMPLICIT" from grantTypes.'));
    }
    const others = [...responses].filter((r) => r !== RESPONSE_TYPE.CODE);
    if (others.length > 0) {
      ctx.report(finding(`responseTypes includes ${others.join(", ")} on a FAPI 2.0 app.`, requirement, 'set responseTypes: ["CODE"].'));
    }
    if (grants.has(GRANT_TYPE.AUTHORIZATION_CODE) && !responses.has(RESPONSE_TYPE.CODE)) {
      ctx.report(
        finding(
          "grantTypes includes AUTHORIZATION_CODE but responseTypes does not include CODE on a FAPI 2.0 app.",
          requirement,
          'set responseTypes: ["CODE"].',
        ),
      );
    }
  },
});

/**
 * X02 (docs/oauth-client-rules.md §4.8, an optional extension, included because the §7 edge-case table decides
 * it): a FAPI app's PAR lifetime must be below 600 s. PingOne accepts up to 600, which FAPI does
 * not; absent means PingOne's default of 60 s.
 */
export const fapiParTimeoutBelow600 = defineFapiRule({
  code: "X02",
  name: "fapi-par-timeout-below-600",
  description: `A FAPI 2.0 app's parTimeout must be less than 600 seconds (PingOne allows ${PAR_TIMEOUT.max}; absent = ${String(CREATE_DEFAULTS.parTimeout)}).`,
  severity: "medium",
  url: `${FAPI2_SP}#section-5.3.2.2`,
  framework: fapi2("§5.3.2.2(12)"),
  check(ctx) {
    const value = ctx.app.parTimeout;
    if (value === undefined || value === null) {
      return;
    }
    if (typeof value !== "number" || value >= 600) {
      ctx.report(
        finding(
          `parTimeout is ${show(value)} on a FAPI 2.0 app; PingOne accepts up to ${PAR_TIMEOUT.max} s, FAPI requires less.`,
          "FAPI 2.0 Security Profile §5.3.2.2(12) (the request_uri shall expire in less than 600 seconds) and " + "RFC 9126 §2.2",
          `set parTimeout to a value below 600, e.g. ${String(CREATE_DEFAULTS.parTimeout)} (PingOne's default), or remove it.`,
        ),
      );
    }
  },
});

/** The §4.7 rules in catalogue order, then the FAPI extension X02. */
export const fapiRules = [fapiParRequired, fapiConfidentialClient, fapiPrivateKeyJwt, fapiPkceS256, fapiCodeFlowOnly, fapiParTimeoutBelow600] as const;

/**
 * The same FAPI opt-in for all FAPI rules (F01–F05, X02), as per-rule overrides (for `buildPolicies`, or to
 * write into a `--policy-pack-config` file). Optionally sets their enforcement level too.
 */
export function fapiOptInConfig(
  optIn: Partial<FapiOptIn>,
  enforcementLevel?: EnforcementLevel,
): Record<string, Partial<FapiOptIn> & { enforcementLevel?: EnforcementLevel }> {
  const entry = enforcementLevel === undefined ? { ...optIn } : { ...optIn, enforcementLevel };
  return Object.fromEntries(fapiRules.map((rule) => [rule.name, { ...entry }]));
}
