/**
 * Redirect URIs (docs/oauth-client-rules.md §4.4, R14–R26).
 *
 * Every per-URI rule reports one finding per offending URI, naming it, so a list with several
 * problems shows all of them. Scheme and host are lowercased before every check (`uri.ts`).
 * The rules apply whenever `redirectUris` is non-empty, whatever the grants: registered URIs
 * become live as soon as a front-channel grant is added.
 *
 * Parameters: `customAppIsNative` and `extraLoopbackHosts` (R18, R20; R19 takes the latter).
 */
import { APPLICATION_TYPE, GRANT_TYPE } from "../../pingone";
import { type BaseConfig, EXTRA_LOOPBACK_HOSTS_PARAM, NATIVE_LOOPBACK_PARAMS, type NativeLoopbackConfig } from "./config";
import { appType, grantTypes, isNative, listOf, show } from "./predicates";
import { defineRule, finding } from "./rule";
import { OAUTH21, OIDC_REGISTRATION, RFC3986, RFC8252, RFC9700, rfc9700 } from "./sources";
import { eachUri, normalisedUri, withScheme } from "./uri-lists";
import {
  hasFragment,
  hasNonAsciiHost,
  hasWildcard,
  isAbsolute,
  isDangerousScheme,
  isLoopback,
  isLoopbackIpLiteral,
  isPrivateUseScheme,
  loopbackHosts,
  suspiciousStructure,
} from "../uri";

interface LoopbackConfig extends BaseConfig, NativeLoopbackConfig {}
interface ExtraHostsConfig extends BaseConfig {
  readonly extraLoopbackHosts: readonly string[];
}

/** R14: front-channel apps register at least one redirect URI. */
export const redirectUrisRegistered = defineRule<BaseConfig>({
  code: "R14",
  name: "redirect-uris-registered",
  description:
    "An app using AUTHORIZATION_CODE or IMPLICIT must register at least one redirect URI. DEVICE_CODE, CIBA and " +
    "CLIENT_CREDENTIALS apps are not applicable.",
  enforcementLevel: "mandatory",
  severity: "high",
  url: OAUTH21("2.3.1"),
  tags: ["oauth", "redirect-uris"],
  params: {},
  check(ctx) {
    const grants = grantTypes(ctx.app);
    const front = [GRANT_TYPE.AUTHORIZATION_CODE, GRANT_TYPE.IMPLICIT].filter((g) => grants.has(g));
    if (front.length === 0) {
      ctx.notApplicable("no grant uses the authorization endpoint (AUTHORIZATION_CODE or IMPLICIT)");
    }
    if (listOf(ctx.app, "redirectUris").length === 0) {
      ctx.report(
        finding(
          `grantTypes includes ${front.join(", ")} but redirectUris is ${ctx.app.redirectUris === undefined ? "absent" : "empty"}.`,
          "OAuth 2.1 §2.3.1 (the AS MUST require redirect URI registration), RFC 6749 §3.1.2.2 and the " + "browser-based apps draft §6.3.3.2.1",
          'register the exact redirect URIs the app uses, e.g. redirectUris: ["https://app.example.com/callback"].',
        ),
      );
    }
  },
});

/** A likely absolute form of a relative redirect URI, for the fix text. */
function absoluteSuggestion(raw: string): string {
  if (raw.startsWith("//")) {
    return `https:${raw}`;
  }
  if (raw.startsWith("/")) {
    return `https://<your-host>${raw}`;
  }
  return `https://${raw}`;
}

/** R15: every redirect URI is absolute. */
export const redirectUriAbsolute = defineRule<BaseConfig>({
  code: "R15",
  name: "redirect-uri-absolute",
  description: "Every redirect URI is absolute: it has a scheme, and an http(s) URI has a non-empty host.",
  enforcementLevel: "mandatory",
  severity: "high",
  url: OAUTH21("2.3"),
  tags: ["oauth", "redirect-uris"],
  params: {},
  check(ctx) {
    const requirement = "OAuth 2.1 §2.3 and RFC 6749 §3.1.2 (the redirect URI MUST be an absolute URI, RFC 3986 §4.3)";
    eachUri(
      ctx.app,
      "redirectUris",
      ctx.notApplicable,
      ({ uri, label }) => {
        if (isAbsolute(uri)) {
          return;
        }
        const problem = uri.scheme === undefined ? "has no scheme (it is a relative reference)" : "has no host";
        ctx.report(
          finding(
            `${label} ${problem}.`,
            requirement,
            uri.scheme === undefined
              ? `replace it with the full URI, e.g. ${JSON.stringify(absoluteSuggestion(uri.raw))}.`
              : `replace it with the full URI including the host, e.g. "${uri.schemeLower}://app.example.com/callback".`,
          ),
        );
      },
      (value) =>
        ctx.report(finding(`redirectUris contains ${show(value)}, which is not a URI string.`, requirement, `remove ${show(value)} from redirectUris.`)),
    );
  },
});

/** R16: no fragment in a redirect URI. */
export const redirectUriNoFragment = defineRule<BaseConfig>({
  code: "R16",
  name: "redirect-uri-no-fragment",
  description: "No redirect URI contains a fragment ('#'), not even an empty one. '%23' is not a fragment.",
  enforcementLevel: "mandatory",
  severity: "high",
  url: "https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2",
  tags: ["oauth", "redirect-uris"],
  params: {},
  check(ctx) {
    eachUri(ctx.app, "redirectUris", ctx.notApplicable, ({ uri, label }) => {
      if (hasFragment(uri)) {
        ctx.report(
          finding(
            `${label} has a fragment ("#${uri.fragment ?? ""}").`,
            "RFC 6749 §3.1.2 and OAuth 2.1 §2.3 (the redirect URI MUST NOT include a fragment); PingOne's redirect " + "URI documentation says the same",
            `register ${JSON.stringify(uri.raw.slice(0, uri.raw.indexOf("#")))} instead.`,
          ),
        );
      }
    });
  },
});

/** R17: no wildcard in a redirect URI. */
export const redirectUriNoWildcard = defineRule<BaseConfig>({
  code: "R17",
  name: "redirect-uri-no-wildcard",
  description:
    "No redirect URI contains '*' (host, port, path or query): redirect URIs must be matched exactly. " + "Keep allowWildcardInRedirectUris unset or false.",
  enforcementLevel: "mandatory",
  severity: "critical",
  url: RFC9700("4.1.3"),
  framework: rfc9700("§2.1, §4.1.3"),
  tags: ["oauth", "redirect-uris"],
  params: {},
  check(ctx) {
    const hosts = loopbackHosts();
    eachUri(ctx.app, "redirectUris", ctx.notApplicable, ({ uri, label }) => {
      if (!hasWildcard(uri.raw)) {
        return;
      }
      const portOnly = uri.port?.includes("*") === true && isLoopback(uri, hosts);
      const fix = portOnly
        ? `register the URI without a port wildcard, e.g. ${JSON.stringify(uri.raw.replace(`:${uri.port ?? ""}`, ""))}: ` +
          "RFC 8252 §7.3 makes PingOne accept any port on a loopback redirect URI at request time."
        : "replace it with the exact redirect URI(s) the app uses, one entry each, and keep " + "allowWildcardInRedirectUris unset or false.";
      ctx.report(
        finding(
          `${label} contains a wildcard ('*'), so it matches URIs the app does not control ` +
            '(e.g. "https://rp.example.com*" also matches "https://rp.example.com.attacker.example").',
          "RFC 9700 §2.1 and §4.1.3 (redirect URIs MUST be compared by exact string matching), OAuth 2.1 §2.3.1 " + "and OIDC Core §3.1.2.1",
          fix,
        ),
      );
    });
  },
});

/** R18: cleartext http only for native apps' loopback redirect URIs. */
export const redirectUriNoCleartextHttp = defineRule<LoopbackConfig>({
  code: "R18",
  name: "redirect-uri-no-cleartext-http",
  description:
    "An http redirect URI (scheme compared case-insensitively) is allowed only on a loopback host (exactly " +
    "127.0.0.1, ::1 or localhost, plus extraLoopbackHosts) of a NATIVE_APP (or CUSTOM_APP with customAppIsNative).",
  enforcementLevel: "mandatory",
  severity: "critical",
  url: RFC9700("2.6"),
  framework: rfc9700("§2.6"),
  tags: ["oauth", "redirect-uris", "tls"],
  params: NATIVE_LOOPBACK_PARAMS,
  check(ctx) {
    const hosts = loopbackHosts(ctx.config.extraLoopbackHosts);
    const requirement =
      "RFC 9700 §2.6 (the AS MUST NOT allow http redirect URIs, except loopback redirects of native apps), " +
      "OAuth 2.1 §1.5, RFC 8252 §7.3/§8.3 and FAPI 2.0 §5.3.2.2(8)";
    eachUri(ctx.app, "redirectUris", ctx.notApplicable, ({ uri, label }) => {
      if (uri.schemeLower !== "http") {
        return;
      }
      const https = JSON.stringify(withScheme(uri, "https"));
      if (!isLoopback(uri, hosts)) {
        ctx.report(
          finding(
            `${label} uses cleartext http on host ${JSON.stringify(uri.hostLower ?? "")}, which is not a loopback ` +
              `host (exactly ${[...hosts].join(", ")}).`,
            requirement,
            `register ${https} instead.`,
          ),
        );
      } else if (!isNative(ctx.app, ctx.config.customAppIsNative)) {
        const type = appType(ctx.app) ?? show(ctx.app.type);
        const customHint = type === APPLICATION_TYPE.CUSTOM_APP ? ' If this CUSTOM_APP is a desktop app, set this rule\'s "customAppIsNative": true.' : "";
        ctx.report(
          finding(
            `${label} uses cleartext http on a loopback host, which only native apps may do; this app is a ${type}.`,
            requirement,
            `register ${https} (or the deployed https URL) instead.${customHint}`,
          ),
        );
      }
    });
  },
});

/** Whether a host is an IP literal (IPv4 dotted quad or IPv6), not a name. */
function isIpLiteralHost(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":");
}

/** R19: prefer 127.0.0.1 / [::1] over localhost. */
export const loopbackRedirectPreferIpLiteral = defineRule<ExtraHostsConfig>({
  code: "R19",
  name: "loopback-redirect-prefer-ip-literal",
  description:
    "Loopback redirect URIs should use the IP literals 127.0.0.1 or [::1], not the name localhost (nor another " + "named host from extraLoopbackHosts).",
  enforcementLevel: "advisory",
  severity: "low",
  url: RFC8252("8.3"),
  tags: ["oauth", "redirect-uris", "native-apps"],
  params: EXTRA_LOOPBACK_HOSTS_PARAM,
  check(ctx) {
    const hosts = loopbackHosts(ctx.config.extraLoopbackHosts);
    let loopbackSeen = false;
    eachUri(ctx.app, "redirectUris", ctx.notApplicable, ({ uri, label }) => {
      if (!isLoopback(uri, hosts)) {
        return;
      }
      loopbackSeen = true;
      const host = uri.hostLower ?? "";
      if (!isLoopbackIpLiteral(uri) && !isIpLiteralHost(host)) {
        ctx.report(
          finding(
            `${label} uses the loopback name ${JSON.stringify(host)} rather than an IP literal; a name can be ` +
              "resolved elsewhere by a misconfigured resolver or hosts file, and may bind another interface.",
            "RFC 8252 §7.3 and §8.3 (localhost is NOT RECOMMENDED) and OAuth 2.1 §8.4.2 (clients SHOULD use IP " + "literals)",
            `register ${JSON.stringify(uri.raw.replace(uri.host ?? host, "127.0.0.1"))} instead (PingOne accepts any port on loopback IP redirects).`,
          ),
        );
      }
    });
    if (!loopbackSeen) {
      ctx.notApplicable("no redirect URI uses a loopback host");
    }
  },
});

/** R20: loopback redirect URIs only on native apps. */
export const loopbackRedirectOnlyNative = defineRule<LoopbackConfig>({
  code: "R20",
  name: "loopback-redirect-only-native",
  description:
    "Apps that are not NATIVE_APP (or CUSTOM_APP with customAppIsNative) should not register redirect URIs on a " +
    "loopback host, with any scheme. Advisory; raise it to mandatory for production stacks.",
  enforcementLevel: "advisory",
  severity: "medium",
  url: RFC9700("4.1.3"),
  framework: rfc9700("§2.1, §4.1.3"),
  tags: ["oauth", "redirect-uris"],
  params: NATIVE_LOOPBACK_PARAMS,
  check(ctx) {
    if (isNative(ctx.app, ctx.config.customAppIsNative)) {
      ctx.notApplicable("native app");
    }
    const hosts = loopbackHosts(ctx.config.extraLoopbackHosts);
    const type = appType(ctx.app) ?? show(ctx.app.type);
    eachUri(ctx.app, "redirectUris", ctx.notApplicable, ({ uri, label }) => {
      if (isLoopback(uri, hosts)) {
        ctx.report(
          finding(
            `${label} points at loopback host ${JSON.stringify(uri.hostLower ?? "")} on a ${type}; any process on ` +
              "the user's machine can receive the authorization response there.",
            "RFC 9700 §2.1/§4.1.3 (the loopback exception is for native apps) and OIDC Registration §2 (web " +
              "clients using implicit MUST NOT use localhost)",
            `remove ${JSON.stringify(uri.raw)} from redirectUris (register local development in a separate app or ` + "stack).",
          ),
        );
      }
    });
  },
});

/** R21: web/SPA apps using implicit: https only, never localhost. */
export const implicitWebClientHttpsNoLocalhost = defineRule<BaseConfig>({
  code: "R21",
  name: "implicit-web-client-https-no-localhost",
  description: "A WEB_APP or SINGLE_PAGE_APP using IMPLICIT must register only https redirect URIs, none on localhost.",
  enforcementLevel: "mandatory",
  severity: "high",
  url: OIDC_REGISTRATION,
  tags: ["oidc", "redirect-uris", "implicit"],
  params: {},
  check(ctx) {
    const type = appType(ctx.app);
    if (type !== APPLICATION_TYPE.WEB_APP && type !== APPLICATION_TYPE.SINGLE_PAGE_APP) {
      ctx.notApplicable("type is not WEB_APP or SINGLE_PAGE_APP");
    }
    if (!grantTypes(ctx.app).has(GRANT_TYPE.IMPLICIT)) {
      ctx.notApplicable("grantTypes does not include IMPLICIT");
    }
    const requirement = "OIDC Registration §2 (web clients using the implicit grant MUST use https redirect URIs and MUST NOT use " + "localhost as the host)";
    eachUri(ctx.app, "redirectUris", ctx.notApplicable, ({ uri, label }) => {
      if (uri.schemeLower !== "https") {
        ctx.report(
          finding(
            `${label} is not https on a ${type} using IMPLICIT.`,
            requirement,
            uri.schemeLower === "http"
              ? `register ${JSON.stringify(withScheme(uri, "https"))} instead (and prefer AUTHORIZATION_CODE with PKCE over IMPLICIT).`
              : "register an https redirect URI instead.",
          ),
        );
      }
      if (uri.hostLower === "localhost") {
        ctx.report(
          finding(
            `${label} uses host "localhost" on a ${type} using IMPLICIT.`,
            requirement,
            "register the app's real https host instead, and remove the localhost entry.",
          ),
        );
      }
    });
  },
});

/** R22: private-use schemes are reverse domain names. */
export const privateUseSchemeReverseDomain = defineRule<BaseConfig>({
  code: "R22",
  name: "private-use-scheme-reverse-domain",
  description: "A private-use (custom) redirect scheme must be a reverse domain name, i.e. contain a '.', such as " + "com.example.app:/cb; myapp:// fails.",
  enforcementLevel: "mandatory",
  severity: "high",
  url: RFC8252("7.1"),
  tags: ["oauth", "redirect-uris", "native-apps"],
  params: {},
  check(ctx) {
    eachUri(ctx.app, "redirectUris", ctx.notApplicable, ({ uri, label }) => {
      if (isPrivateUseScheme(uri) && !(uri.scheme ?? "").includes(".")) {
        ctx.report(
          finding(
            `${label} uses private-use scheme ${JSON.stringify(uri.scheme)}, which is not a reverse domain name, so ` +
              "another app can claim the same scheme and receive the authorization code.",
            "RFC 8252 §7.1 (apps MUST use a reverse domain name scheme) and §8.4 (the AS SHOULD reject others), " + "OAuth 2.1 §2.3.1/§8.4.3",
            `use a scheme based on a domain you control, e.g. ${JSON.stringify(`com.example.${(uri.schemeLower ?? "app").replace(/[^a-z0-9]/g, "") || "app"}:/callback`)}.`,
          ),
        );
      }
    });
  },
});

/** R23: private-use schemes only on native or custom apps. */
export const privateUseSchemeNativeOnly = defineRule<BaseConfig>({
  code: "R23",
  name: "private-use-scheme-native-only",
  description: "Private-use (custom) scheme redirect URIs belong to NATIVE_APP or CUSTOM_APP apps only.",
  enforcementLevel: "advisory",
  severity: "low",
  url: RFC8252("7.1"),
  tags: ["oauth", "redirect-uris", "native-apps"],
  params: {},
  check(ctx) {
    const type = appType(ctx.app);
    if (type === APPLICATION_TYPE.NATIVE_APP || type === APPLICATION_TYPE.CUSTOM_APP) {
      ctx.notApplicable(`${type} may use private-use schemes`);
    }
    eachUri(ctx.app, "redirectUris", ctx.notApplicable, ({ uri, label }) => {
      if (isPrivateUseScheme(uri)) {
        ctx.report(
          finding(
            `${label} uses private-use scheme ${JSON.stringify(uri.scheme)} on a ${type ?? show(ctx.app.type)}; ` +
              "private-use schemes are a native-app mechanism.",
            "RFC 8252 §7.1 and OIDC Registration §2",
            "register an https redirect URI for this app, or register the native app as a separate NATIVE_APP.",
          ),
        );
      }
    });
  },
});

/** R24: no scheme that runs code or reads local data. */
export const redirectUriNoDangerousScheme = defineRule<BaseConfig>({
  code: "R24",
  name: "redirect-uri-no-dangerous-scheme",
  description: "No redirect URI uses javascript:, data:, vbscript:, file: or blob: (case-insensitive).",
  enforcementLevel: "mandatory",
  severity: "critical",
  url: RFC3986("3.1"),
  tags: ["oauth", "redirect-uris"],
  params: {},
  check(ctx) {
    eachUri(ctx.app, "redirectUris", ctx.notApplicable, ({ uri, label }) => {
      if (isDangerousScheme(uri)) {
        ctx.report(
          finding(
            `${label} uses the ${JSON.stringify(uri.schemeLower)} scheme, which executes script or reads local data ` +
              "in the user agent instead of delivering the response to the client.",
            "this pack's policy (as Nimbus RedirectURIValidator and KC-REDIR-005 do), following RFC 9700 §4.1 " + "(redirect URI attacks)",
            `remove ${JSON.stringify(uri.raw)} from redirectUris and register the app's https or reverse-domain redirect URI.`,
          ),
        );
      }
    });
  },
});

/** R25: structures that make a URI mean something else than it seems. */
export const redirectUriSuspiciousStructure = defineRule<BaseConfig>({
  code: "R25",
  name: "redirect-uri-suspicious-structure",
  description:
    "No redirect URI has userinfo ('@' in the authority), a backslash, a '..' segment (plain or %2e%2e), or a " + "query parameter named code or state.",
  enforcementLevel: "advisory",
  severity: "medium",
  url: RFC9700("4.1"),
  framework: rfc9700("§4.1"),
  tags: ["oauth", "redirect-uris"],
  params: {},
  check(ctx) {
    eachUri(ctx.app, "redirectUris", ctx.notApplicable, ({ uri, label }) => {
      for (const problem of suspiciousStructure(uri)) {
        ctx.report(
          finding(
            `${label}: ${problem}.`,
            "this pack's policy (KC-REDIR-004, Nimbus RedirectURIValidator), following RFC 9700 §4.1 (redirect URI " + "validation pitfalls)",
            "register the plain URI the app receives responses on: no userinfo, backslashes, dot-segments, or " + "code/state query parameters.",
          ),
        );
      }
    });
  },
});

/** R26: scheme and host in normal form (lowercase ASCII). */
export const redirectUriNormalizedForm = defineRule<BaseConfig>({
  code: "R26",
  name: "redirect-uri-normalized-form",
  description:
    "Redirect URI scheme and host are lowercase ASCII (no IDN U-label host), because PingOne compares redirect URIs " +
    "as strings: the registered form must be the form the client sends.",
  enforcementLevel: "advisory",
  severity: "low",
  url: RFC3986("6.2.2.1"),
  tags: ["oauth", "redirect-uris"],
  params: {},
  check(ctx) {
    eachUri(ctx.app, "redirectUris", ctx.notApplicable, ({ uri, label }) => {
      const problems: string[] = [];
      if (uri.scheme !== undefined && uri.scheme !== uri.schemeLower) {
        problems.push(`its scheme ${JSON.stringify(uri.scheme)} is not lowercase`);
      }
      if (hasNonAsciiHost(uri)) {
        problems.push(`its host ${JSON.stringify(uri.host)} has non-ASCII characters (a possible homograph)`);
      } else if (uri.host !== undefined && uri.host !== uri.hostLower) {
        problems.push(`its host ${JSON.stringify(uri.host)} is not lowercase`);
      }
      if (problems.length > 0) {
        ctx.report(
          finding(
            `${label}: ${problems.join("; ")}.`,
            "RFC 3986 §3.1, §3.2.2 and §6.2.2.1 (normal form), with RFC 9700 §4.1.3 / OAuth 2.1 §4.1.1 (simple " + "string comparison)",
            `register ${JSON.stringify(normalisedUri(uri))} instead.`,
          ),
        );
      }
    });
  },
});

/** The §4.4 rules in catalogue order. */
export const redirectUriRules = [
  redirectUrisRegistered,
  redirectUriAbsolute,
  redirectUriNoFragment,
  redirectUriNoWildcard,
  redirectUriNoCleartextHttp,
  loopbackRedirectPreferIpLiteral,
  loopbackRedirectOnlyNative,
  implicitWebClientHttpsNoLocalhost,
  privateUseSchemeReverseDomain,
  privateUseSchemeNativeOnly,
  redirectUriNoDangerousScheme,
  redirectUriSuspiciousStructure,
  redirectUriNormalizedForm,
] as const;
