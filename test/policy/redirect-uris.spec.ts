/**
 * Redirect URIs, R14–R26 (docs/oauth-client-rules.md §4.4), with the §7 edge cases.
 */
import assert from "node:assert/strict";
import {
  implicitWebClientHttpsNoLocalhost,
  loopbackRedirectOnlyNative,
  loopbackRedirectPreferIpLiteral,
  privateUseSchemeNativeOnly,
  privateUseSchemeReverseDomain,
  redirectUriAbsolute,
  redirectUriNoCleartextHttp,
  redirectUriNoDangerousScheme,
  redirectUriNoFragment,
  redirectUriNormalizedForm,
  redirectUriNoWildcard,
  redirectUrisRegistered,
  redirectUriSuspiciousStructure,
} from "../../policy/rules";
import { type Props, secureNative, secureSpa, secureWeb, secureWorker, variant } from "./fixtures";
import { runRule, UNKNOWN, violationsOf } from "./harness";

const withUris = (base: Props, ...redirectUris: string[]): Props => variant(base, { redirectUris });
const custom = (...uris: string[]): Props => variant(secureNative, { type: "CUSTOM_APP", redirectUris: uris });

describe("R14 redirect-uris-registered", () => {
  const rule = redirectUrisRegistered;

  it("fails a code or implicit app with no redirect URIs (absent or empty)", () => {
    const [m] = violationsOf(rule, variant(secureSpa, { redirectUris: undefined }));
    assert.match(m ?? "", /redirectUris is absent/);
    assert.match(m ?? "", /OAuth 2\.1 §2\.3\.1/);
    assert.match(violationsOf(rule, variant(secureSpa, { grantTypes: ["IMPLICIT"], redirectUris: [] }))[0] ?? "", /is empty/);
  });

  it("§7: a DEVICE_CODE-only native app without redirect URIs is not applicable", () => {
    const result = runRule(rule, variant(secureNative, { grantTypes: ["DEVICE_CODE"], redirectUris: undefined }));
    assert.deepEqual(result.violations, []);
    assert.ok(result.notApplicable);
  });

  it("is not applicable to CIBA and client-credentials apps", () => {
    assert.ok(runRule(rule, variant(secureWeb, { grantTypes: ["CIBA"], redirectUris: [] })).notApplicable);
    assert.ok(runRule(rule, secureWorker).notApplicable);
  });

  it("passes with one URI, even if that URI is unknown during preview", () => {
    assert.deepEqual(violationsOf(rule, secureSpa), []);
    assert.deepEqual(violationsOf(rule, variant(secureSpa, { redirectUris: [UNKNOWN.string] })), []);
  });
});

describe("R15 redirect-uri-absolute", () => {
  const rule = redirectUriAbsolute;

  it("§7: fails /oidc/callback and example.com/cb, suggesting the absolute form", () => {
    const messages = violationsOf(rule, withUris(secureWeb, "/oidc/callback", "example.com/cb", "//host/cb"));
    assert.equal(messages.length, 3);
    assert.match(messages[0] ?? "", /has no scheme/);
    assert.match(messages[0] ?? "", /OAuth 2\.1 §2\.3/);
    assert.match(messages[1] ?? "", /"https:\/\/example\.com\/cb"/);
    assert.match(messages[2] ?? "", /"https:\/\/host\/cb"/);
  });

  it("§7: fails a bare '*' and an https URI with no host", () => {
    assert.equal(violationsOf(rule, withUris(secureWeb, "*")).length, 1);
    assert.match(violationsOf(rule, withUris(secureWeb, "https:///cb"))[0] ?? "", /has no host/);
  });

  it("fails non-string entries", () => {
    assert.equal(violationsOf(rule, variant(secureWeb, { redirectUris: ["https://a.example/cb", 42] })).length, 1);
  });

  it("passes https, private-use and loopback URIs", () => {
    assert.deepEqual(violationsOf(rule, secureNative), []);
  });

  it("is not applicable without redirect URIs", () => {
    assert.ok(runRule(rule, secureWorker).notApplicable);
  });
});

describe("R16 redirect-uri-no-fragment", () => {
  const rule = redirectUriNoFragment;

  it("§7: fails …/cb#done and a trailing empty #, with the URI to register instead", () => {
    const messages = violationsOf(rule, withUris(secureWeb, "https://app.example.com/cb#done", "https://app.example.com/cb#"));
    assert.equal(messages.length, 2);
    assert.match(messages[0] ?? "", /RFC 6749 §3\.1\.2/);
    assert.match(messages[0] ?? "", /register "https:\/\/app\.example\.com\/cb" instead/);
  });

  it("passes %23 (not a fragment)", () => {
    assert.deepEqual(violationsOf(rule, withUris(secureWeb, "https://app.example.com/cb%23x")), []);
  });
});

describe("R17 redirect-uri-no-wildcard", () => {
  const rule = redirectUriNoWildcard;

  it("§7: fails *, https://rp.example.com*, …/cb/*, https://*.example.com/cb and com.example.app:/cb*", () => {
    const uris = ["*", "https://rp.example.com*", "https://rp.example.com/cb/*", "https://*.example.com/cb", "com.example.app:/cb*"];
    const messages = violationsOf(rule, withUris(secureWeb, ...uris));
    assert.equal(messages.length, uris.length);
    assert.match(messages[0] ?? "", /RFC 9700 §2\.1 and §4\.1\.3/);
    assert.match(messages[1] ?? "", /allowWildcardInRedirectUris unset or false/);
  });

  it("§7: fails http://localhost:*/cb, explaining that any loopback port is accepted anyway", () => {
    const [m] = violationsOf(rule, withUris(secureNative, "http://localhost:*/cb"));
    assert.match(m ?? "", /"http:\/\/localhost\/cb"/);
    assert.match(m ?? "", /RFC 8252 §7\.3/);
  });

  it("fails regardless of allowWildcardInRedirectUris, and passes exact URIs", () => {
    assert.equal(violationsOf(rule, variant(secureWeb, { allowWildcardInRedirectUris: true, redirectUris: ["https://a.example/*"] })).length, 1);
    assert.deepEqual(violationsOf(rule, secureWeb), []);
  });
});

describe("R18 redirect-uri-no-cleartext-http", () => {
  const rule = redirectUriNoCleartextHttp;

  it("§7: passes http://127.0.0.1/cb, http://127.0.0.1:51004/cb and http://[::1]:61023/cb on NATIVE_APP", () => {
    assert.deepEqual(violationsOf(rule, withUris(secureNative, "http://127.0.0.1/cb", "http://127.0.0.1:51004/cb", "http://[::1]:61023/cb")), []);
  });

  it("§7: passes http://localhost:8765/cb on NATIVE_APP", () => {
    assert.deepEqual(violationsOf(rule, withUris(secureNative, "http://localhost:8765/cb")), []);
  });

  it("§7: fails http://localhost:8765/cb on WEB_APP, SPA and CUSTOM_APP", () => {
    for (const base of [secureWeb, secureSpa, variant(secureNative, { type: "CUSTOM_APP" })]) {
      const [m, ...rest] = violationsOf(rule, withUris(base, "http://localhost:8765/cb"));
      assert.deepEqual(rest, []);
      assert.match(m ?? "", /only native apps may do/);
      assert.match(m ?? "", /RFC 9700 §2\.6/);
      assert.match(m ?? "", /register "https:\/\/localhost:8765\/cb"/);
    }
  });

  it("CUSTOM_APP passes with customAppIsNative, and the message says so when it fails", () => {
    assert.match(violationsOf(rule, custom("http://127.0.0.1/cb"))[0] ?? "", /"customAppIsNative": true/);
    assert.deepEqual(violationsOf(rule, custom("http://127.0.0.1/cb"), { config: { customAppIsNative: true } }), []);
    assert.equal(violationsOf(rule, custom("http://rp.example.com/cb"), { config: { customAppIsNative: true } }).length, 1);
  });

  it("§7: passes https://localhost:8443/cb on WEB_APP (R19/R20 flag it)", () => {
    assert.deepEqual(violationsOf(rule, withUris(secureWeb, "https://localhost:8443/cb")), []);
  });

  it("§7: fails lookalikes and non-loopback hosts even on NATIVE_APP", () => {
    const uris = [
      "http://localhost.evil.example/cb",
      "http://localhost./cb",
      "http://127.0.0.2/cb",
      "http://0.0.0.0/cb",
      "http://rp.example.com/cb",
      "http://evil.example\\@localhost/cb",
    ];
    const messages = violationsOf(rule, withUris(secureNative, ...uris));
    assert.equal(messages.length, uris.length);
    assert.match(messages[0] ?? "", /host "localhost\.evil\.example", which is not a loopback host/);
    assert.match(messages[4] ?? "", /register "https:\/\/rp\.example\.com\/cb" instead/);
  });

  it("§7: fails HTTP:// in upper case (scheme lowercased before the check)", () => {
    const [m] = violationsOf(rule, withUris(secureWeb, "HTTP://RP.Example.com/cb"));
    assert.match(m ?? "", /host "rp\.example\.com"/);
    assert.match(m ?? "", /register "https:\/\/RP\.Example\.com\/cb"/);
  });

  it("extraLoopbackHosts admits another loopback host for native apps", () => {
    assert.deepEqual(violationsOf(rule, withUris(secureNative, "http://127.0.0.2/cb"), { config: { extraLoopbackHosts: ["127.0.0.2"] } }), []);
  });

  it("ignores private-use and https URIs", () => {
    assert.deepEqual(violationsOf(rule, secureNative), []);
    assert.deepEqual(violationsOf(rule, secureWeb), []);
  });
});

describe("R19 loopback-redirect-prefer-ip-literal", () => {
  const rule = loopbackRedirectPreferIpLiteral;

  it("§7: flags http://localhost:8765/cb on NATIVE_APP (advisory), suggesting 127.0.0.1", () => {
    const [m] = violationsOf(rule, withUris(secureNative, "http://localhost:8765/cb"));
    assert.match(m ?? "", /RFC 8252 §7\.3 and §8\.3/);
    assert.match(m ?? "", /register "http:\/\/127\.0\.0\.1:8765\/cb"/);
    assert.equal(rule.enforcementLevel, "advisory");
  });

  it("§7: flags localhost on WEB_APP, SPA and CUSTOM_APP, and https://localhost:8443/cb on WEB_APP", () => {
    for (const base of [secureWeb, secureSpa, variant(secureNative, { type: "CUSTOM_APP" })]) {
      assert.equal(violationsOf(rule, withUris(base, "http://localhost:8765/cb")).length, 1);
    }
    assert.equal(violationsOf(rule, withUris(secureWeb, "https://localhost:8443/cb")).length, 1);
  });

  it("passes IP literals and is not applicable without loopback URIs", () => {
    assert.deepEqual(violationsOf(rule, secureNative), []);
    assert.ok(runRule(rule, secureWeb).notApplicable);
  });

  it("flags a named extra loopback host but not an extra IP literal", () => {
    const config = { extraLoopbackHosts: ["dev.local", "127.0.0.2"] };
    assert.equal(violationsOf(rule, withUris(secureNative, "http://dev.local/cb"), { config }).length, 1);
    assert.deepEqual(violationsOf(rule, withUris(secureNative, "http://127.0.0.2/cb"), { config }), []);
  });
});

describe("R20 loopback-redirect-only-native", () => {
  const rule = loopbackRedirectOnlyNative;

  it("§7: flags loopback URIs of any scheme on WEB_APP, SPA and CUSTOM_APP", () => {
    for (const base of [secureWeb, secureSpa, variant(secureNative, { type: "CUSTOM_APP" })]) {
      const messages = violationsOf(rule, withUris(base, "http://localhost:8765/cb", "https://localhost:8443/cb", "https://[::1]/cb"));
      assert.equal(messages.length, 3);
      assert.match(messages[0] ?? "", /RFC 9700 §2\.1\/§4\.1\.3/);
    }
  });

  it("is not applicable to NATIVE_APP, nor to CUSTOM_APP with customAppIsNative", () => {
    assert.ok(runRule(rule, withUris(secureNative, "http://localhost:8765/cb")).notApplicable);
    assert.ok(runRule(rule, custom("http://127.0.0.1/cb"), { config: { customAppIsNative: true } }).notApplicable);
  });

  it("passes non-loopback URIs", () => {
    assert.deepEqual(violationsOf(rule, secureWeb), []);
  });
});

describe("R21 implicit-web-client-https-no-localhost", () => {
  const rule = implicitWebClientHttpsNoLocalhost;
  const implicitWeb = variant(secureWeb, { grantTypes: ["IMPLICIT"], responseTypes: ["ID_TOKEN"] });

  it("§7: fails https://localhost:8443/cb on a WEB_APP using IMPLICIT", () => {
    const [m] = violationsOf(rule, withUris(implicitWeb, "https://localhost:8443/cb"));
    assert.match(m ?? "", /host "localhost"/);
    assert.match(m ?? "", /OIDC Registration §2/);
  });

  it("fails http and private-use URIs on an implicit SPA", () => {
    const spa = variant(implicitWeb, { type: "SINGLE_PAGE_APP" });
    const messages = violationsOf(rule, withUris(spa, "http://app.example.com/cb", "com.example.app:/cb"));
    assert.equal(messages.length, 2);
    assert.match(messages[0] ?? "", /register "https:\/\/app\.example\.com\/cb"/);
  });

  it("leaves loopback IPs to R18/R20 (the spec names localhost only)", () => {
    assert.deepEqual(violationsOf(rule, withUris(implicitWeb, "https://127.0.0.1/cb")), []);
  });

  it("is not applicable without IMPLICIT or to other app types", () => {
    assert.ok(runRule(rule, withUris(secureWeb, "https://localhost/cb")).notApplicable);
    assert.ok(runRule(rule, variant(implicitWeb, { type: "NATIVE_APP" })).notApplicable);
  });
});

describe("R22 private-use-scheme-reverse-domain", () => {
  const rule = privateUseSchemeReverseDomain;

  it("§7: passes com.example.app:/oauth2redirect/example-provider and com.example.app://callback", () => {
    assert.deepEqual(violationsOf(rule, withUris(secureNative, "com.example.app:/oauth2redirect/example-provider", "com.example.app://callback")), []);
  });

  it("§7: fails myapp://callback (and exp://, msal…) with a reverse-domain suggestion", () => {
    const messages = violationsOf(rule, withUris(secureNative, "myapp://callback", "exp://192.168.0.2:19000", "msalabc123://auth"));
    assert.equal(messages.length, 3);
    assert.match(messages[0] ?? "", /RFC 8252 §7\.1/);
    assert.match(messages[0] ?? "", /"com\.example\.myapp:\/callback"/);
  });

  it("ignores http(s) and dangerous schemes (other rules own those)", () => {
    assert.deepEqual(violationsOf(rule, withUris(secureNative, "https://a.example/cb", "javascript:alert(1)")), []);
  });
});

describe("R23 private-use-scheme-native-only", () => {
  const rule = privateUseSchemeNativeOnly;

  it("flags private-use schemes on WEB_APP and SPA", () => {
    const [m] = violationsOf(rule, withUris(secureWeb, "com.example.app:/cb"));
    assert.match(m ?? "", /on a WEB_APP/);
    assert.match(m ?? "", /RFC 8252 §7\.1/);
    assert.equal(violationsOf(rule, withUris(secureSpa, "com.example.app:/cb")).length, 1);
  });

  it("is not applicable to NATIVE_APP and CUSTOM_APP", () => {
    assert.ok(runRule(rule, secureNative).notApplicable);
    assert.ok(runRule(rule, custom("com.example.app:/cb")).notApplicable);
  });
});

describe("R24 redirect-uri-no-dangerous-scheme", () => {
  const rule = redirectUriNoDangerousScheme;

  it("§7: fails javascript://…, data:…, file:///…, and vbscript/blob, in any case", () => {
    const uris = ["javascript://host/%0aalert(1)", "data:text/html,<script>", "file:///etc/passwd", "VBScript:x", "blob:https://a/x"];
    const messages = violationsOf(rule, withUris(secureNative, ...uris));
    assert.equal(messages.length, uris.length);
    assert.match(messages[0] ?? "", /"javascript" scheme/);
    assert.match(messages[0] ?? "", /Fix: remove "javascript:\/\/host\/%0aalert\(1\)"/);
  });

  it("passes ordinary schemes", () => {
    assert.deepEqual(violationsOf(rule, secureNative), []);
  });
});

describe("R25 redirect-uri-suspicious-structure", () => {
  const rule = redirectUriSuspiciousStructure;

  it("§7: fails userinfo, fixed state, and path traversal", () => {
    const messages = violationsOf(
      rule,
      withUris(secureWeb, "https://rp.example.com@evil.example/cb", "https://rp.example.com/cb?state=fixed", "https://rp.example.com/a/../cb"),
    );
    assert.equal(messages.length, 3);
    assert.match(messages[0] ?? "", /the real host is "evil\.example"/);
    assert.match(messages[1] ?? "", /"state" parameter/);
    assert.match(messages[2] ?? "", /dot-dot/);
    assert.match(messages[0] ?? "", /RFC 9700 §4\.1/);
  });

  it("fails a backslash and %2e%2e, passes clean URIs", () => {
    assert.equal(violationsOf(rule, withUris(secureWeb, "https://rp.example.com\\@evil.example/cb")).length, 2);
    assert.equal(violationsOf(rule, withUris(secureWeb, "https://rp.example.com/%2e%2e/cb")).length, 1);
    assert.deepEqual(violationsOf(rule, secureNative), []);
  });
});

describe("R26 redirect-uri-normalized-form", () => {
  const rule = redirectUriNormalizedForm;

  it("§7: fails Com.Example.App:/cb and HTTP://RP.Example.com/cb, giving the normal form", () => {
    const messages = violationsOf(rule, withUris(secureNative, "Com.Example.App:/cb", "HTTP://RP.Example.com/cb"));
    assert.equal(messages.length, 2);
    assert.match(messages[0] ?? "", /register "com\.example\.app:\/cb"/);
    assert.match(messages[1] ?? "", /scheme "HTTP" is not lowercase; its host "RP\.Example\.com" is not lowercase/);
    assert.match(messages[1] ?? "", /register "http:\/\/rp\.example\.com\/cb"/);
    assert.match(messages[1] ?? "", /RFC 3986 §3\.1/);
  });

  it("§7: fails the homograph https://exаmple.com/cb (Cyrillic а), giving the punycode form", () => {
    const [m] = violationsOf(rule, withUris(secureWeb, "https://ex\u0430mple.com/cb"));
    assert.match(m ?? "", /non-ASCII/);
    assert.match(m ?? "", /register "https:\/\/xn--/);
  });

  it("passes lowercase ASCII URIs, including IPv6 loopback", () => {
    assert.deepEqual(violationsOf(rule, secureNative), []);
  });
});

describe("redirect URI rules during preview", () => {
  it("report the known bad entry and the unknown one, for every per-URI rule", () => {
    const cases: [rule: typeof redirectUriNoFragment, bad: string][] = [
      [redirectUriAbsolute, "/cb"],
      [redirectUriNoFragment, "https://a.example/cb#x"],
      [redirectUriNoWildcard, "https://a.example/*"],
      [redirectUriNoCleartextHttp, "http://a.example/cb"],
      [loopbackRedirectOnlyNative, "https://localhost/cb"],
      [privateUseSchemeReverseDomain, "myapp://cb"],
      [privateUseSchemeNativeOnly, "com.example.app:/cb"],
      [redirectUriNoDangerousScheme, "javascript:alert(1)"],
      [redirectUriSuspiciousStructure, "https://a@b.example/cb"],
      [redirectUriNormalizedForm, "HTTPS://a.example/cb"],
    ];
    for (const [rule, bad] of cases) {
      const result = runRule(rule, variant(secureWeb, { redirectUris: [UNKNOWN.string, bad] }));
      assert.equal(result.violations.length, 1, rule.name);
      assert.ok(result.unknown, rule.name);
    }
  });

  it("do not pass an app whose only URI is unknown", () => {
    const result = runRule(redirectUriNoCleartextHttp, variant(secureWeb, { redirectUris: [UNKNOWN.string] }));
    assert.deepEqual(result.violations, []);
    assert.ok(result.unknown);
  });
});
