/**
 * Refresh tokens, R29–R31 (docs/oauth-client-rules.md §4.6), including remediation and absent-field defaults.
 */
import assert from "node:assert/strict";
import { publicClientRefreshTokenReplayProtection, refreshTokenDurationWithinRolling, refreshTokenLifetimeBounded } from "../../policy/rules";
import { secureNative, secureSpa, secureWeb, secureWorker, variant } from "./fixtures";
import { runRemediation, runRule, UNKNOWN, violationsOf } from "./harness";

const DAY = 86400;

describe("R29 public-client-refresh-token-replay-protection", () => {
  const rule = publicClientRefreshTokenReplayProtection;

  it("passes true", () => {
    assert.deepEqual(violationsOf(rule, secureSpa), []);
  });

  it("§7: fails null, citing PingOne's 'null equates to false'", () => {
    const [m] = violationsOf(rule, variant(secureSpa, { additionalRefreshTokenReplayProtectionEnabled: null }));
    assert.match(m ?? "", /is null, which PingOne treats as false/);
    assert.match(m ?? "", /RFC 9700 §2\.2\.2 and §4\.14\.2/);
    assert.match(m ?? "", /Fix: set additionalRefreshTokenReplayProtectionEnabled: true\./);
  });

  it("fails absent (despite the create default) and false", () => {
    assert.match(violationsOf(rule, variant(secureNative, { additionalRefreshTokenReplayProtectionEnabled: undefined }))[0] ?? "", /is absent/);
    assert.equal(violationsOf(rule, variant(secureSpa, { additionalRefreshTokenReplayProtectionEnabled: false })).length, 1);
  });

  it("applies to a WEB_APP with NONE (public) but not to confidential clients or apps without REFRESH_TOKEN", () => {
    assert.equal(violationsOf(rule, variant(secureWeb, { tokenEndpointAuthMethod: "NONE" })).length, 1);
    assert.match(runRule(rule, secureWeb).notApplicable ?? "", /confidential/);
    assert.ok(
      runRule(rule, variant(secureSpa, { grantTypes: ["AUTHORIZATION_CODE"], additionalRefreshTokenReplayProtectionEnabled: undefined })).notApplicable,
    );
  });

  it("yields the preview advisory when the flag is unknown", () => {
    const result = runRule(rule, variant(secureSpa, { additionalRefreshTokenReplayProtectionEnabled: UNKNOWN.boolean }));
    assert.deepEqual(result.violations, []);
    assert.ok(result.unknown);
  });

  it("remediates by setting the flag to true, and leaves compliant or confidential apps alone", () => {
    const app = variant(secureSpa, { additionalRefreshTokenReplayProtectionEnabled: null });
    const fixed = runRemediation(rule, app).props;
    assert.deepEqual(fixed, { ...app, additionalRefreshTokenReplayProtectionEnabled: true });
    assert.deepEqual(violationsOf(rule, fixed ?? {}), []);
    assert.equal(runRemediation(rule, secureSpa).props, undefined);
    assert.equal(runRemediation(rule, variant(secureWeb, { additionalRefreshTokenReplayProtectionEnabled: false })).props, undefined);
  });
});

describe("R30 refresh-token-duration-within-rolling", () => {
  const rule = refreshTokenDurationWithinRolling;

  it("passes duration < rolling and duration == rolling", () => {
    assert.deepEqual(violationsOf(rule, secureSpa), []);
    assert.deepEqual(violationsOf(rule, variant(secureSpa, { refreshTokenDuration: 3600, refreshTokenRollingDuration: 3600 })), []);
  });

  it("§7: fails refreshTokenDuration > refreshTokenRollingDuration", () => {
    const [m, ...rest] = violationsOf(rule, variant(secureSpa, { refreshTokenDuration: 7200, refreshTokenRollingDuration: 3600 }));
    assert.deepEqual(rest, []);
    assert.match(m ?? "", /refreshTokenDuration is 7200 s, longer than refreshTokenRollingDuration 3600 s/);
    assert.match(m ?? "", /Fix: set refreshTokenDuration to at most 3600/);
  });

  it("uses the 2592000 s default for an absent refreshTokenDuration", () => {
    const [m] = violationsOf(rule, variant(secureSpa, { refreshTokenDuration: undefined, refreshTokenRollingDuration: 7 * DAY }));
    assert.match(m ?? "", /absent \(PingOne default 2592000 s \(30 days\)\)/);
    assert.deepEqual(violationsOf(rule, variant(secureSpa, { refreshTokenDuration: undefined, refreshTokenRollingDuration: 30 * DAY })), []);
  });

  it("treats an absent rolling duration as unbounded (no ordering violation)", () => {
    assert.deepEqual(violationsOf(rule, variant(secureSpa, { refreshTokenRollingDuration: undefined })), []);
  });

  it("fails values outside 60–2147483647 or not whole seconds", () => {
    for (const bad of [59, 0, 2147483648, 1.5, "3600"]) {
      assert.equal(violationsOf(rule, variant(secureSpa, { refreshTokenDuration: bad, refreshTokenRollingDuration: undefined })).length, 1, String(bad));
    }
    assert.match(
      violationsOf(rule, variant(secureSpa, { refreshTokenRollingDuration: 30 }))[0] ?? "",
      /refreshTokenRollingDuration is 30, not a whole number of seconds between 60 and 2147483647/,
    );
    assert.deepEqual(violationsOf(rule, variant(secureSpa, { refreshTokenDuration: 60, refreshTokenRollingDuration: 2147483647 })), []);
  });

  it("is not applicable without REFRESH_TOKEN", () => {
    assert.ok(runRule(rule, variant(secureWorker, { refreshTokenDuration: 7200, refreshTokenRollingDuration: 3600 })).notApplicable);
  });
});

describe("R31 refresh-token-lifetime-bounded", () => {
  const rule = refreshTokenLifetimeBounded;

  it("§7: fails an absent refreshTokenRollingDuration (unbounded)", () => {
    const [m, ...rest] = violationsOf(rule, variant(secureSpa, { refreshTokenRollingDuration: undefined }));
    assert.deepEqual(rest, []);
    assert.match(m ?? "", /absent, which PingOne's SDK documents as "valid forever"/);
    assert.match(m ?? "", /publicMaxRollingSeconds/);
    assert.match(m ?? "", /Fix: set refreshTokenRollingDuration: 7776000/);
  });

  it("applies the public limits (90 days rolling, 30 days idle) to public clients", () => {
    assert.deepEqual(violationsOf(rule, variant(secureSpa, { refreshTokenRollingDuration: 90 * DAY, refreshTokenDuration: 30 * DAY })), []);
    const messages = violationsOf(rule, variant(secureSpa, { refreshTokenRollingDuration: 91 * DAY, refreshTokenDuration: 31 * DAY }));
    assert.equal(messages.length, 2);
    assert.match(messages[1] ?? "", /refreshTokenDuration is 2678400 s \(31 days\); the limit for public clients is 2592000 s \(30 days\)/);
  });

  it("applies the confidential limits (365 days rolling, 90 days idle) to confidential clients", () => {
    assert.deepEqual(violationsOf(rule, variant(secureWeb, { refreshTokenRollingDuration: 365 * DAY, refreshTokenDuration: 90 * DAY })), []);
    const messages = violationsOf(rule, variant(secureWeb, { refreshTokenRollingDuration: 366 * DAY, refreshTokenDuration: 91 * DAY }));
    assert.equal(messages.length, 2);
    assert.match(messages[0] ?? "", /confidential clients is 31536000 s \(365 days\) \(confidentialMaxRollingSeconds\)/);
  });

  it("counts an absent refreshTokenDuration as 30 days", () => {
    assert.deepEqual(violationsOf(rule, variant(secureSpa, { refreshTokenDuration: undefined })), []);
    const strict = { publicMaxIdleSeconds: DAY };
    assert.match(
      violationsOf(rule, variant(secureSpa, { refreshTokenDuration: undefined }), { config: strict })[0] ?? "",
      /absent \(PingOne default 2592000 s/,
    );
  });

  it("uses configured limits", () => {
    const config = { publicMaxRollingSeconds: 8 * 3600, publicMaxIdleSeconds: 3600 };
    assert.equal(violationsOf(rule, secureSpa, { config }).length, 2);
    assert.deepEqual(violationsOf(rule, variant(secureSpa, { refreshTokenDuration: 3600, refreshTokenRollingDuration: 8 * 3600 }), { config }), []);
  });

  it("is not applicable without REFRESH_TOKEN, and yields the preview advisory for unknown durations", () => {
    assert.ok(runRule(rule, secureWorker).notApplicable);
    const result = runRule(rule, variant(secureSpa, { refreshTokenRollingDuration: UNKNOWN.number }));
    assert.deepEqual(result.violations, []);
    assert.ok(result.unknown);
  });
});
