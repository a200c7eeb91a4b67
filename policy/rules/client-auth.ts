/**
 * Client authentication (docs/oauth-client-rules.md §4.3, R11–R13).
 *
 * R11 (mandatory for SINGLE_PAGE_APP, advisory for NATIVE_APP) and R13 (mandatory for WORKER and
 * SERVICE, advisory for WEB_APP) have split default levels. A policy has one level, so each is
 * two policies: the catalogue id covers the mandatory half, and a companion with a suffix
 * (`-native`, `-web-app`) covers the advisory half. Raise the companion to `mandatory` to
 * enforce both halves.
 *
 * No remediation here: the fix (NONE, PRIVATE_KEY_JWT with a JWKS, or a backend client) is a
 * design choice, not an unambiguous field change.
 */
import { APPLICATION_TYPE, TOKEN_ENDPOINT_AUTH_METHOD, usesSharedSecret } from "../../pingone";
import type { BaseConfig } from "./config";
import { appType, AUTHENTICATING_METHODS, authMethod, type PublicAppType, show } from "./predicates";
import { type CheckContext, defineRule, finding } from "./rule";
import { BBA, RFC9700, rfc9700 } from "./sources";

/** R11's check for the given public app type. */
function noSharedSecretCheck(type: PublicAppType) {
  return (ctx: CheckContext<BaseConfig>): void => {
    if (appType(ctx.app) !== type) {
      ctx.notApplicable(`type is not ${type}`);
    }
    const method = ctx.app.tokenEndpointAuthMethod;
    if (usesSharedSecret(method)) {
      const requirement =
        type === "SINGLE_PAGE_APP"
          ? "the browser-based apps draft §6.3.3.1 (the AS MUST NOT require shared-secret authentication of " +
            "browser-based apps, and MUST treat them as public clients)"
          : "OAuth 2.1 §8.1 (native apps MUST NOT use a shared secret for client authentication) and RFC 8252 " +
            "§8.5 (NOT RECOMMENDED; a secret compiled into an app is not secret)";
      const alternative =
        type === "SINGLE_PAGE_APP"
          ? "or move the token exchange to a backend registered as a WEB_APP with PRIVATE_KEY_JWT"
          : "or PRIVATE_KEY_JWT with per-instance keys (RFC 8252 §8.4)";
      ctx.report(
        finding(
          `tokenEndpointAuthMethod is ${show(method)} on a ${type}: the shared secret ships with the app, so it ` +
            "authenticates nothing and the client is public anyway.",
          requirement,
          `set tokenEndpointAuthMethod: "NONE" with pkceEnforcement: "S256_REQUIRED", ${alternative}.`,
        ),
      );
    }
  };
}

/** R11 (SINGLE_PAGE_APP, mandatory). */
export const publicAppTypesNoSharedSecret = defineRule<BaseConfig>({
  code: "R11",
  name: "public-app-types-no-shared-secret",
  description: "A SINGLE_PAGE_APP must not use CLIENT_SECRET_BASIC/POST/JWT. public-app-types-no-shared-secret-native covers " + "NATIVE_APP (advisory).",
  enforcementLevel: "mandatory",
  severity: "high",
  url: BBA("6.3.3.1"),
  tags: ["oauth", "client-authentication"],
  params: {},
  check: noSharedSecretCheck("SINGLE_PAGE_APP"),
});

/** R11 (NATIVE_APP, advisory): the catalogue's "A for NATIVE" half. */
export const publicAppTypesNoSharedSecretNative = defineRule<BaseConfig>({
  code: "R11",
  name: "public-app-types-no-shared-secret-native",
  description:
    "A NATIVE_APP should not use CLIENT_SECRET_BASIC/POST/JWT (PRIVATE_KEY_JWT with per-instance keys is fine). " +
    "The advisory half of public-app-types-no-shared-secret.",
  enforcementLevel: "advisory",
  severity: "medium",
  url: "https://www.rfc-editor.org/rfc/rfc8252#section-8.5",
  tags: ["oauth", "client-authentication"],
  params: {},
  check: noSharedSecretCheck("NATIVE_APP"),
});

/** R12: confidential clients should authenticate with a key pair, not a shared secret. */
export const preferAsymmetricClientAuth = defineRule<BaseConfig>({
  code: "R12",
  name: "prefer-asymmetric-client-auth",
  description:
    "Apps that authenticate (not SINGLE_PAGE_APP/NATIVE_APP, method not NONE) should use PRIVATE_KEY_JWT rather " +
    "than a shared secret (CLIENT_SECRET_JWT is symmetric HMAC too). PingOne has no mTLS method.",
  enforcementLevel: "advisory",
  severity: "low",
  url: RFC9700("2.5"),
  framework: rfc9700("§2.5"),
  tags: ["oauth", "client-authentication"],
  params: {},
  check(ctx) {
    const type = appType(ctx.app);
    if (type === APPLICATION_TYPE.SINGLE_PAGE_APP || type === APPLICATION_TYPE.NATIVE_APP) {
      ctx.notApplicable(`${type} is a public app type (public-app-types-no-shared-secret applies)`);
    }
    const method = authMethod(ctx.app);
    if (method === undefined || method === TOKEN_ENDPOINT_AUTH_METHOD.NONE) {
      ctx.notApplicable("the client does not authenticate (tokenEndpointAuthMethod NONE or absent)");
    }
    if (usesSharedSecret(method)) {
      ctx.report(
        finding(
          `tokenEndpointAuthMethod is ${show(method)}, a shared secret that both PingOne and the client hold.`,
          "RFC 9700 §2.5 and OAuth 2.1 §2.4 (asymmetric client authentication, e.g. private_key_jwt, is RECOMMENDED)",
          'set tokenEndpointAuthMethod: "PRIVATE_KEY_JWT" and provide the client\'s public keys in jwks or jwksUrl ' + "(https).",
        ),
      );
    }
  },
});

/** R13's check for the given app types. */
function mustAuthenticateCheck(types: readonly string[]) {
  return (ctx: CheckContext<BaseConfig>): void => {
    const type = appType(ctx.app);
    if (type === undefined || !types.includes(type)) {
      ctx.notApplicable(`type is not ${types.join(" or ")}`);
    }
    const method = authMethod(ctx.app);
    if (method === undefined || !(AUTHENTICATING_METHODS as readonly string[]).includes(method)) {
      const webApp = type === APPLICATION_TYPE.WEB_APP;
      ctx.report(
        finding(
          `tokenEndpointAuthMethod is ${show(ctx.app.tokenEndpointAuthMethod)} on a ${type}, an app type that runs ` +
            "on a server and can keep a credential, so it should authenticate" +
            (webApp ? "; with NONE it is treated as a public client by the PKCE and refresh-token rules." : "."),
          "RFC 9700 §2.5 (the AS SHOULD enforce client authentication where feasible) and RFC 6749 §2.1 / " +
            "OAuth 2.1 §2.1 (web applications are confidential clients)",
          'set tokenEndpointAuthMethod: "PRIVATE_KEY_JWT" (with jwks or jwksUrl) or "CLIENT_SECRET_BASIC"' +
            (webApp ? '; if this really is a browser-only app, use type "SINGLE_PAGE_APP" (replaces the app).' : "."),
        ),
      );
    }
  };
}

/** R13 (WORKER and SERVICE, mandatory). */
export const confidentialAppTypeMustAuthenticate = defineRule<BaseConfig>({
  code: "R13",
  name: "confidential-app-type-must-authenticate",
  description:
    "WORKER and SERVICE apps must authenticate (tokenEndpointAuthMethod not NONE). " +
    "confidential-app-type-must-authenticate-web-app covers WEB_APP (advisory).",
  enforcementLevel: "mandatory",
  severity: "high",
  url: RFC9700("2.5"),
  framework: rfc9700("§2.5"),
  tags: ["oauth", "client-authentication"],
  params: {},
  check: mustAuthenticateCheck([APPLICATION_TYPE.WORKER, APPLICATION_TYPE.SERVICE]),
});

/** R13 (WEB_APP, advisory): the catalogue's "A for WEB_APP" half. */
export const confidentialAppTypeMustAuthenticateWebApp = defineRule<BaseConfig>({
  code: "R13",
  name: "confidential-app-type-must-authenticate-web-app",
  description: "A WEB_APP should authenticate (tokenEndpointAuthMethod not NONE). The advisory half of " + "confidential-app-type-must-authenticate.",
  enforcementLevel: "advisory",
  severity: "medium",
  url: RFC9700("2.5"),
  framework: rfc9700("§2.5"),
  tags: ["oauth", "client-authentication"],
  params: {},
  check: mustAuthenticateCheck([APPLICATION_TYPE.WEB_APP]),
});

/** The §4.3 rules in catalogue order. */
export const clientAuthRules = [
  publicAppTypesNoSharedSecret,
  publicAppTypesNoSharedSecretNative,
  preferAsymmetricClientAuth,
  confidentialAppTypeMustAuthenticate,
  confidentialAppTypeMustAuthenticateWebApp,
] as const;
