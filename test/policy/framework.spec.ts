/**
 * Behaviour every rule shares through `defineRule`: type matching by token, secure apps pass,
 * preview unknowns, disabled apps, and the remediation wrapper.
 */
import assert from "node:assert/strict";
import { APPLICATION_PROPERTY_NAMES, APPLICATION_SECRET_TYPE_TOKEN, APPLICATION_TYPE_TOKEN } from "../../provider/application/properties";
import { APPLICATION_RESOURCE_GRANT_TYPE_TOKEN } from "../../provider/resources";
import {
  allRules,
  knownEnumValues,
  type PingOneRule,
  pkceRequiredForPublicClients,
  publicClientRefreshTokenReplayProtection,
  redirectUriNoCleartextHttp,
} from "../../policy/rules";
import { secureApps, secureNative, secureSpa, variant } from "./fixtures";
import { BRIDGE_TYPE_TOKENS } from "../../policy/bridge";
import { runRemediation, runRule, UNKNOWN } from "./harness";

/** Opts every app into FAPI for the F-rules (other rules do not take the parameter). */
const fapiOn = (rule: PingOneRule) => (rule.code.startsWith("F") ? { config: { fapiAllApplications: true } } : {});

describe("every rule", () => {
  it("is not applicable to resources of other types", () => {
    for (const rule of allRules) {
      const result = runRule(rule, secureSpa, { type: "aws:s3/bucket:Bucket" });
      assert.equal(result.notApplicable, `applies only to ${rule.resourceType} and ${BRIDGE_TYPE_TOKENS[rule.resourceType]}`, rule.name);
      const expected =
        rule.code === "S01" ? APPLICATION_SECRET_TYPE_TOKEN : rule.code.startsWith("A") ? APPLICATION_RESOURCE_GRANT_TYPE_TOKEN : APPLICATION_TYPE_TOKEN;
      assert.equal(rule.resourceType, expected, rule.name);
      assert.deepEqual(result.violations, []);
    }
  });

  it("matches the Application by its dynamic type token", () => {
    assert.equal(APPLICATION_TYPE_TOKEN, "pulumi-nodejs:dynamic/pingone:Application");
    const bad = variant(secureSpa, { pkceEnforcement: undefined });
    assert.equal(runRule(pkceRequiredForPublicClients, bad).violations.length, 1);
  });

  for (const [fixture, props] of Object.entries(secureApps)) {
    it(`reports nothing for the secure fixture ${fixture} (ignoring __provider and __autoname)`, () => {
      for (const rule of allRules) {
        const result = runRule(rule, props);
        assert.deepEqual(result.violations, [], `${rule.name} on ${fixture}`);
        assert.equal(result.unknown, undefined, `${rule.name} on ${fixture}`);
      }
    });
  }

  it("runs without error when every field is unknown (preview), reporting the unknown, never a violation", () => {
    const allUnknown = Object.fromEntries(APPLICATION_PROPERTY_NAMES.map((k) => [k, UNKNOWN.string]));
    for (const rule of allRules) {
      const result = runRule(rule, allUnknown, fapiOn(rule));
      assert.deepEqual(result.violations, [], rule.name);
      assert.ok(result.unknown !== undefined || result.notApplicable !== undefined, rule.name);
    }
  });

  it("writes messages that name the spec with a section and the fix", () => {
    const bad = {
      ...secureSpa,
      type: "SINGLE_PAGE_APP",
      grantTypes: ["AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN", "CLIENT_CREDENTIALS"],
      responseTypes: ["CODE", "TOKEN"],
      tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
      pkceEnforcement: "OPTIONAL",
      redirectUris: ["http://localhost:*/cb#x", "myapp://cb", "javascript://x/%0aalert(1)", "https://a@b.example/cb"],
      postLogoutRedirectUris: ["http://example.com/*"],
      additionalRefreshTokenReplayProtectionEnabled: null,
      refreshTokenRollingDuration: undefined,
    };
    let count = 0;
    for (const rule of allRules) {
      for (const message of runRule(rule, bad, fapiOn(rule)).violations) {
        count++;
        assert.match(message, /Required by .*(§|OIDC|PingOne|policy)/, `${rule.name}: ${message}`);
        assert.match(message, / Fix: \S/, `${rule.name}: ${message}`);
      }
    }
    assert.ok(count > 20, `expected many findings, got ${count}`);
  });
});

describe("unknown values during preview", () => {
  it("do not affect a rule that does not read them", () => {
    const app = variant(secureSpa, { redirectUris: UNKNOWN.array, description: UNKNOWN.string, pkceEnforcement: undefined });
    const result = runRule(pkceRequiredForPublicClients, app);
    assert.equal(result.unknown, undefined);
    assert.equal(result.violations.length, 1);
  });

  it("in a field the rule needs yield the preview advisory, not a violation or a pass", () => {
    const result = runRule(pkceRequiredForPublicClients, variant(secureSpa, { pkceEnforcement: UNKNOWN.string }));
    assert.deepEqual(result.violations, []);
    assert.ok(result.unknown);
    assert.deepEqual(result.unknown.props, ["pkceEnforcement"]);
  });

  it("in one list entry still let the known bad entries be reported", () => {
    const app = variant(secureSpa, { redirectUris: [UNKNOWN.string, "http://rp.example.com/cb"] });
    const result = runRule(redirectUriNoCleartextHttp, app);
    assert.equal(result.violations.length, 1);
    assert.match(result.violations[0] ?? "", /http:\/\/rp\.example\.com\/cb/);
    assert.ok(result.unknown, "the unknown entry is still reported as can't-run");
  });

  it("in one enum field still let R00 report the other fields", () => {
    const app = variant(secureSpa, { type: UNKNOWN.string, grantTypes: ["password"] });
    const result = runRule(knownEnumValues, app);
    assert.equal(result.violations.length, 1);
    assert.match(result.violations[0] ?? "", /"password"/);
    assert.ok(result.unknown);
  });

  it("in a whole list (unknown array) yield the preview advisory", () => {
    const result = runRule(redirectUriNoCleartextHttp, variant(secureSpa, { redirectUris: UNKNOWN.array }));
    assert.deepEqual(result.violations, []);
    assert.ok(result.unknown);
  });
});

describe("disabled applications", () => {
  const bad = variant(secureSpa, { pkceEnforcement: undefined });

  it("are evaluated like any other by default (docs/oauth-client-rules.md §4.10)", () => {
    for (const enabled of [false, undefined]) {
      const result = runRule(pkceRequiredForPublicClients, variant(bad, { enabled }));
      assert.equal(result.violations.length, 1, `enabled=${String(enabled)}`);
    }
  });

  it("with disabledAppsAdvisory, report no violation but a not-applicable reason carrying the findings", () => {
    const config = { disabledAppsAdvisory: true };
    for (const enabled of [false, undefined]) {
      const result = runRule(pkceRequiredForPublicClients, variant(bad, { enabled }), { config });
      assert.deepEqual(result.violations, []);
      assert.match(result.notApplicable ?? "", /^advisory only: the application is disabled/);
      assert.match(result.notApplicable ?? "", /pkceEnforcement is OPTIONAL/);
    }
  });

  it("with disabledAppsAdvisory, still enforce on enabled apps", () => {
    const result = runRule(pkceRequiredForPublicClients, variant(bad, { enabled: true }), { config: { disabledAppsAdvisory: true } });
    assert.equal(result.violations.length, 1);
  });

  it("with disabledAppsAdvisory, are not remediated", () => {
    const result = runRemediation(pkceRequiredForPublicClients, variant(bad, { enabled: false }), { config: { disabledAppsAdvisory: true } });
    assert.equal(result.props, undefined);
    assert.match(result.notApplicable ?? "", /disabled/);
  });

  it("with disabledAppsAdvisory and an unknown enabled flag, yield the preview advisory", () => {
    const result = runRule(pkceRequiredForPublicClients, variant(bad, { enabled: UNKNOWN.boolean }), { config: { disabledAppsAdvisory: true } });
    assert.deepEqual(result.violations, []);
    assert.ok(result.unknown);
  });
});

describe("remediation wrapper", () => {
  it("is not applicable to other resource types", () => {
    const result = runRemediation(pkceRequiredForPublicClients, secureSpa, { type: "aws:s3/bucket:Bucket" });
    assert.ok(result.notApplicable);
  });

  it("returns nothing when there is nothing to fix", () => {
    assert.deepEqual(runRemediation(pkceRequiredForPublicClients, secureSpa), {});
    assert.deepEqual(runRemediation(publicClientRefreshTokenReplayProtection, secureNative), {});
  });

  it("changes only the fixed field and keeps everything else, including unknowns and __provider", () => {
    const app = variant(secureSpa, { pkceEnforcement: undefined, description: UNKNOWN.string });
    const result = runRemediation(pkceRequiredForPublicClients, app);
    assert.deepEqual(result.props, { ...app, pkceEnforcement: "S256_REQUIRED" });
  });

  it("yields the preview diagnostic when a field it needs is unknown", () => {
    const result = runRemediation(pkceRequiredForPublicClients, variant(secureSpa, { pkceEnforcement: UNKNOWN.string }));
    assert.equal(result.props, undefined);
    assert.ok(result.unknown);
  });
});
