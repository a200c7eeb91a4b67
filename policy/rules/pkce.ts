/**
 * PKCE (docs/oauth-client-rules.md §4.2, R08–R10).
 *
 * PingOne's `pkceEnforcement: REQUIRED` accepts the `plain` method ("any code challenge method is
 * acceptable"); only `S256_REQUIRED` rules it out. Absent means OPTIONAL (PingOne default).
 *
 * R09 has a split default level in the catalogue (mandatory for public clients, advisory
 * otherwise). A policy has one level, so R09 is two policies: `pkce-s256-required` (public
 * clients, mandatory) and its companion `pkce-s256-required-confidential` (advisory).
 *
 * Remediation (level `remediate` only): every rule here sets `pkceEnforcement: "S256_REQUIRED"`,
 * the one value that satisfies R08, R09, R10 and F04 at once.
 */
import { PKCE_ENFORCEMENT } from "../../pingone";
import type { BaseConfig } from "./config";
import { type ApplicationInput, isCode, isPublic, pkceEnforcement, publicReason, show } from "./predicates";
import { type CheckContext, defineRule, finding, type RuleContext } from "./rule";
import { RFC7636, RFC9700, rfc9700 } from "./sources";

/** Values that make PKCE mandatory at PingOne. */
const ENFORCING: readonly unknown[] = [PKCE_ENFORCEMENT.REQUIRED, PKCE_ENFORCEMENT.S256_REQUIRED];

const S256_FIX = 'set pkceEnforcement: "S256_REQUIRED".';

/** The current value as a message fragment: `OPTIONAL (absent; PingOne default)`. */
function describePkce(app: ApplicationInput): string {
  const pkce = pkceEnforcement(app);
  return pkce.absent ? "OPTIONAL (absent; PingOne's default)" : show(pkce.value);
}

/** The single remediation of this module. */
const toS256 = { pkceEnforcement: PKCE_ENFORCEMENT.S256_REQUIRED } as const;

/** R08: public clients using the code grant must have PKCE enforced. */
export const pkceRequiredForPublicClients = defineRule<BaseConfig>({
  code: "R08",
  name: "pkce-required-for-public-clients",
  description:
    "A public client (NONE auth, SINGLE_PAGE_APP or NATIVE_APP) using AUTHORIZATION_CODE must have pkceEnforcement " +
    "REQUIRED or S256_REQUIRED; absent means OPTIONAL. Remediation sets S256_REQUIRED.",
  enforcementLevel: "mandatory",
  severity: "critical",
  url: RFC9700("2.1.1"),
  framework: rfc9700("§2.1.1"),
  tags: ["oauth", "pkce"],
  remediationSteps: 'Set pkceEnforcement to "S256_REQUIRED" (or run with this rule at level "remediate").',
  params: {},
  check(ctx) {
    if (!isCode(ctx.app)) {
      ctx.notApplicable("grantTypes does not include AUTHORIZATION_CODE");
    }
    if (!isPublic(ctx.app)) {
      ctx.notApplicable("confidential client (pkce-for-confidential-clients applies)");
    }
    if (!ENFORCING.includes(pkceEnforcement(ctx.app).value)) {
      ctx.report(
        finding(
          `pkceEnforcement is ${describePkce(ctx.app)} on a public client using AUTHORIZATION_CODE, so PingOne ` +
            `accepts authorization requests without PKCE. The client is public: ${publicReason(ctx.app)}.`,
          "RFC 9700 §2.1.1 (public clients MUST use PKCE), RFC 8252 §6 and §8.1, the browser-based apps draft " +
            "§6.3.2.1 (the AS MUST enforce it) and OAuth 2.1 §4.1.1/§7.5.1.1",
          S256_FIX,
        ),
      );
    }
  },
  remediate(ctx) {
    const applies = isCode(ctx.app) && isPublic(ctx.app) && !ENFORCING.includes(pkceEnforcement(ctx.app).value);
    return applies ? toS256 : undefined;
  },
});

/** R09's check for one side of the public/confidential split. */
function s256Check(publicSide: boolean) {
  return (ctx: CheckContext<BaseConfig>): void => {
    if (!isCode(ctx.app)) {
      ctx.notApplicable("grantTypes does not include AUTHORIZATION_CODE");
    }
    const pkce = pkceEnforcement(ctx.app).value;
    if (!ENFORCING.includes(pkce)) {
      ctx.notApplicable("PKCE is not enforced (pkce-required-for-public-clients / pkce-for-confidential-clients apply)");
    }
    if (isPublic(ctx.app) !== publicSide) {
      ctx.notApplicable(publicSide ? "confidential client (pkce-s256-required-confidential applies)" : "public client (pkce-s256-required applies)");
    }
    if (pkce === PKCE_ENFORCEMENT.REQUIRED) {
      ctx.report(
        finding(
          'pkceEnforcement is "REQUIRED", which PingOne documents as accepting any code challenge method, including ' +
            '"plain" (the verifier is then exposed in the authorization request).',
          "RFC 9700 §2.1.1 (SHOULD use a method that does not expose the verifier; S256 is the only one), " +
            "RFC 7636 §4.2 (clients capable of S256 MUST use it) and §7.2, OAuth 2.1 §4.1.1",
          S256_FIX,
        ),
      );
    }
  };
}

/** R09's remediation for one side of the split. */
function s256Remediation(publicSide: boolean) {
  return (ctx: RuleContext<BaseConfig>) =>
    isCode(ctx.app) && pkceEnforcement(ctx.app).value === PKCE_ENFORCEMENT.REQUIRED && isPublic(ctx.app) === publicSide ? toS256 : undefined;
}

const R09_DESCRIPTION =
  'With PKCE enforced on an AUTHORIZATION_CODE app, pkceEnforcement must be "S256_REQUIRED": PingOne\'s ' +
  '"REQUIRED" accepts the plain method. Remediation upgrades REQUIRED to S256_REQUIRED.';

/** R09 (public clients, mandatory). */
export const pkceS256Required = defineRule<BaseConfig>({
  code: "R09",
  name: "pkce-s256-required",
  description: `${R09_DESCRIPTION} This policy covers public clients; pkce-s256-required-confidential covers the rest.`,
  enforcementLevel: "mandatory",
  severity: "high",
  url: RFC7636("4.2"),
  framework: rfc9700("§2.1.1"),
  tags: ["oauth", "pkce"],
  remediationSteps: 'Change pkceEnforcement from "REQUIRED" to "S256_REQUIRED".',
  params: {},
  check: s256Check(true),
  remediate: s256Remediation(true),
});

/** R09 (confidential clients, advisory): the catalogue's "A otherwise" half. */
export const pkceS256RequiredConfidential = defineRule<BaseConfig>({
  code: "R09",
  name: "pkce-s256-required-confidential",
  description: `${R09_DESCRIPTION} This policy covers confidential clients; pkce-s256-required covers public ones.`,
  enforcementLevel: "advisory",
  severity: "medium",
  url: RFC7636("4.2"),
  framework: rfc9700("§2.1.1"),
  tags: ["oauth", "pkce"],
  remediationSteps: 'Change pkceEnforcement from "REQUIRED" to "S256_REQUIRED".',
  params: {},
  check: s256Check(false),
  remediate: s256Remediation(false),
});

/** R10: confidential clients using the code grant should enforce PKCE too. */
export const pkceForConfidentialClients = defineRule<BaseConfig>({
  code: "R10",
  name: "pkce-for-confidential-clients",
  description:
    "A confidential client using AUTHORIZATION_CODE should enforce PKCE (pkceEnforcement not OPTIONAL). Advisory; " +
    "set it to mandatory when targeting OAuth 2.1. Remediation sets S256_REQUIRED.",
  enforcementLevel: "advisory",
  severity: "medium",
  url: RFC9700("2.1.1"),
  framework: rfc9700("§2.1.1"),
  tags: ["oauth", "pkce"],
  remediationSteps: 'Set pkceEnforcement to "S256_REQUIRED" (make sure the client sends a code_challenge).',
  params: {},
  check(ctx) {
    if (!isCode(ctx.app)) {
      ctx.notApplicable("grantTypes does not include AUTHORIZATION_CODE");
    }
    if (isPublic(ctx.app)) {
      ctx.notApplicable("public client (pkce-required-for-public-clients applies)");
    }
    if (!ENFORCING.includes(pkceEnforcement(ctx.app).value)) {
      ctx.report(
        finding(
          `pkceEnforcement is ${describePkce(ctx.app)} on a confidential client using AUTHORIZATION_CODE, so ` +
            "authorization codes are not bound to the client's session by PKCE.",
          "RFC 9700 §2.1.1 (PKCE RECOMMENDED for confidential clients) and OAuth 2.1 §4.1.1/§7.5.1.1 (REQUIRED " + "unless the client uses the OIDC nonce)",
          S256_FIX,
        ),
      );
    }
  },
  remediate(ctx) {
    const applies = isCode(ctx.app) && !isPublic(ctx.app) && !ENFORCING.includes(pkceEnforcement(ctx.app).value);
    return applies ? toS256 : undefined;
  },
});

/** The §4.2 rules in catalogue order. */
export const pkceRules = [pkceRequiredForPublicClients, pkceS256Required, pkceS256RequiredConfidential, pkceForConfidentialClients] as const;
