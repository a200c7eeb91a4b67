/**
 * Post-logout redirect URIs, R27–R28 (docs/oauth-client-rules.md §4.5).
 */
import assert from "node:assert/strict";
import { postLogoutUriHttps, postLogoutUriNoWildcard } from "../../policy/rules";
import { type Props, secureNative, secureSpa, secureWeb, secureWorker, variant } from "./fixtures";
import { runRule, UNKNOWN, violationsOf } from "./harness";

const withLogout = (base: Props, ...postLogoutRedirectUris: string[]): Props => variant(base, { postLogoutRedirectUris });

describe("R27 post-logout-uri-no-wildcard", () => {
  const rule = postLogoutUriNoWildcard;

  it("fails any '*' in a post-logout URI", () => {
    const messages = violationsOf(rule, withLogout(secureWeb, "https://*.example.com/", "https://app.example.com/*", "*"));
    assert.equal(messages.length, 3);
    assert.match(messages[0] ?? "", /postLogoutRedirectUris entry "https:\/\/\*\.example\.com\/"/);
    assert.match(messages[0] ?? "", /RFC 9700 §4\.11/);
    assert.match(messages[0] ?? "", /Fix: replace it with the exact post-logout URI/);
  });

  it("passes exact URIs and custom schemes", () => {
    assert.deepEqual(violationsOf(rule, secureSpa), []);
    assert.deepEqual(violationsOf(rule, secureNative), []);
  });

  it("is not applicable without post-logout URIs", () => {
    assert.ok(runRule(rule, secureWorker).notApplicable);
  });

  it("reports a known wildcard next to an unknown entry", () => {
    const result = runRule(rule, variant(secureWeb, { postLogoutRedirectUris: [UNKNOWN.string, "https://a/*"] }));
    assert.equal(result.violations.length, 1);
    assert.ok(result.unknown);
  });
});

describe("R28 post-logout-uri-https", () => {
  const rule = postLogoutUriHttps;

  it("flags http post-logout URIs on non-loopback hosts, for every app type", () => {
    for (const base of [secureWeb, secureSpa, secureNative]) {
      const [m] = violationsOf(rule, withLogout(base, "http://app.example.com/bye"));
      assert.match(m ?? "", /which is not a loopback host/);
      assert.match(m ?? "", /RP-Initiated Logout §3\.1/);
      assert.match(m ?? "", /register "https:\/\/app\.example\.com\/bye"/);
    }
  });

  it("flags http loopback on non-native apps (stricter than §3.1 for confidential clients)", () => {
    const [m] = violationsOf(rule, withLogout(secureWeb, "http://127.0.0.1/bye"));
    assert.match(m ?? "", /loopback host of a WEB_APP/);
  });

  it("passes http loopback on NATIVE_APP, and on CUSTOM_APP with customAppIsNative", () => {
    assert.deepEqual(violationsOf(rule, withLogout(secureNative, "http://127.0.0.1:4000/bye", "HTTP://[::1]/bye")), []);
    const customApp = variant(secureNative, { type: "CUSTOM_APP", postLogoutRedirectUris: ["http://127.0.0.1/bye"] });
    assert.equal(violationsOf(rule, customApp).length, 1);
    assert.deepEqual(violationsOf(rule, customApp, { config: { customAppIsNative: true } }), []);
  });

  it("passes https and custom schemes (e.g. org.bxretail.app://logout)", () => {
    assert.deepEqual(violationsOf(rule, withLogout(secureNative, "org.bxretail.app://logout", "https://a.example/")), []);
  });

  it("respects extraLoopbackHosts", () => {
    const app = withLogout(secureNative, "http://127.0.0.2/bye");
    assert.equal(violationsOf(rule, app).length, 1);
    assert.deepEqual(violationsOf(rule, app, { config: { extraLoopbackHosts: ["127.0.0.2"] } }), []);
  });
});
