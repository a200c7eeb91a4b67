/**
 * Post-logout redirect URIs (docs/oauth-client-rules.md §4.5, R27–R28).
 *
 * Private-use schemes for native logout (e.g. `org.bxretail.app://logout`) pass: no spec
 * addresses them (OIDF issue #1338), and PingOne documents them.
 */
import { type BaseConfig, NATIVE_LOOPBACK_PARAMS, type NativeLoopbackConfig } from "./config";
import { appType, isNative, show } from "./predicates";
import { defineRule, finding } from "./rule";
import { OIDC_RP_LOGOUT, RFC9700, rfc9700 } from "./sources";
import { eachUri, withScheme } from "./uri-lists";
import { hasWildcard, isLoopback, loopbackHosts } from "../uri";

interface LoopbackConfig extends BaseConfig, NativeLoopbackConfig {}

/** R27: no wildcard in a post-logout redirect URI. */
export const postLogoutUriNoWildcard = defineRule<BaseConfig>({
  code: "R27",
  name: "post-logout-uri-no-wildcard",
  description: "No post-logout redirect URI contains '*': a wildcard logout redirect is an open redirector.",
  enforcementLevel: "mandatory",
  severity: "high",
  url: RFC9700("4.11"),
  framework: rfc9700("§2.1, §4.11"),
  tags: ["oidc", "logout"],
  params: {},
  check(ctx) {
    eachUri(ctx.app, "postLogoutRedirectUris", ctx.notApplicable, ({ uri, label }) => {
      if (hasWildcard(uri.raw)) {
        ctx.report(
          finding(
            `${label} contains a wildcard ('*'), so PingOne would redirect to URIs the app does not control after ` + "logout (an open redirector).",
            "RFC 9700 §4.11 (the AS MUST NOT expose open redirectors), OIDC RP-Initiated Logout §2 (the URI MUST " +
              "have been registered) and FAPI 2.0 §5.3.2.1(7)",
            "replace it with the exact post-logout URI(s) the app uses, one entry each.",
          ),
        );
      }
    });
  },
});

/** R28: http post-logout URIs only for native loopback. */
export const postLogoutUriHttps = defineRule<LoopbackConfig>({
  code: "R28",
  name: "post-logout-uri-https",
  description:
    "An http post-logout redirect URI is allowed only on a loopback host of a NATIVE_APP (or CUSTOM_APP with " +
    "customAppIsNative). Stricter than RP-Initiated Logout §3.1, which allows http for confidential clients.",
  enforcementLevel: "advisory",
  severity: "medium",
  url: OIDC_RP_LOGOUT,
  tags: ["oidc", "logout", "tls"],
  params: NATIVE_LOOPBACK_PARAMS,
  check(ctx) {
    const hosts = loopbackHosts(ctx.config.extraLoopbackHosts);
    eachUri(ctx.app, "postLogoutRedirectUris", ctx.notApplicable, ({ uri, label }) => {
      if (uri.schemeLower !== "http") {
        return;
      }
      if (isLoopback(uri, hosts) && isNative(ctx.app, ctx.config.customAppIsNative)) {
        return;
      }
      const where = isLoopback(uri, hosts)
        ? `on a loopback host of a ${appType(ctx.app) ?? show(ctx.app.type)} (only native apps may use http loopback)`
        : `on host ${JSON.stringify(uri.hostLower ?? "")}, which is not a loopback host`;
      ctx.report(
        finding(
          `${label} uses cleartext http ${where}.`,
          "OIDC RP-Initiated Logout §3.1 (the URI SHOULD use https) and this pack's stricter choice following " + "RFC 9700 §2.6",
          `register ${JSON.stringify(withScheme(uri, "https"))} instead.`,
        ),
      );
    });
  },
});

/** The §4.5 rules in catalogue order. */
export const postLogoutUriRules = [postLogoutUriNoWildcard, postLogoutUriHttps] as const;
