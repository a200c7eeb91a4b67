/**
 * S01 client-secret-rotation: an ApplicationSecret rotates, and its overlap is bounded.
 */
import assert from "node:assert/strict";
import { APPLICATION_SECRET_TYPE_TOKEN } from "../../provider/application/properties";
import { buildPolicies, clientSecretRotation, ruleByName } from "../../policy/rules";
import { secureWeb } from "./fixtures";
import { runRule, UNKNOWN, violationsOf } from "./harness";

const APP_ID = "1c8b5e8e-4c2c-4bb0-9a4e-0d1f3c7b2a10";
const rule = clientSecretRotation;
const onSecret = { type: APPLICATION_SECRET_TYPE_TOKEN, name: "svc-secret" };
const secret = (props: Record<string, unknown>) => ({ applicationId: APP_ID, ...props });

describe("S01 client-secret-rotation", () => {
  it("flags a secret with neither rotationPeriod nor rotateWhenChanged (an empty map counts as none)", () => {
    for (const props of [secret({}), secret({ rotateWhenChanged: {} }), secret({ previousSecretValidFor: "24h" })]) {
      const [message, ...rest] = violationsOf(rule, props, onSecret);
      assert.deepEqual(rest, []);
      assert.match(message ?? "", /neither rotationPeriod nor rotateWhenChanged is set/);
      assert.match(message ?? "", /Required by PingOne's application-secret best practices/);
      assert.match(message ?? "", /Fix: set rotationPeriod: "2160h" \(90 days\)/);
    }
  });

  it("passes a periodic or triggered rotation with an overlap within the default 7 days", () => {
    assert.deepEqual(violationsOf(rule, secret({ rotationPeriod: "2160h", previousSecretValidFor: "7d" }), onSecret), []);
    assert.deepEqual(violationsOf(rule, secret({ rotateWhenChanged: { quarter: "2031-Q1" }, previousSecretValidFor: "24h" }), onSecret), []);
    assert.deepEqual(violationsOf(rule, secret({ rotationPeriod: "90d" }), onSecret), [], "no overlap at all is within any limit");
  });

  it("flags an overlap longer than maxOverlapSeconds, by duration or by a time from now", () => {
    const [byDuration] = violationsOf(rule, secret({ rotationPeriod: "2160h", previousSecretValidFor: "192h" }), onSecret);
    assert.match(byDuration ?? "", /previousSecretValidFor is "192h": the replaced secret keeps working longer than 7d \(maxOverlapSeconds: 604800\)/);
    assert.match(byDuration ?? "", /Fix: set previousSecretValidFor: "7d" or less/);
    const farAway = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const [byTime] = violationsOf(rule, secret({ rotateWhenChanged: { v: "1" }, previousSecretExpiresAt: farAway }), onSecret);
    assert.match(byTime ?? "", /previousSecretExpiresAt is ".*": the replaced secret keeps working longer than 7d .* from now/);
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    assert.deepEqual(violationsOf(rule, secret({ rotateWhenChanged: { v: "1" }, previousSecretExpiresAt: soon }), onSecret), []);
  });

  it("reads its limit from the pack config, and rejects a typo in it", () => {
    const props = secret({ rotationPeriod: "2160h", previousSecretValidFor: "24h" });
    assert.deepEqual(violationsOf(rule, props, onSecret), []);
    const [message] = violationsOf(rule, props, { ...onSecret, config: { maxOverlapSeconds: 3600 } });
    assert.match(message ?? "", /longer than 1h \(maxOverlapSeconds: 3600\)/);
    assert.throws(
      () => runRule(rule, props, { ...onSecret, config: { maxOverlapSecs: 1 } }),
      /config "maxOverlapSecs" is not a parameter of this rule \(allowed: maxOverlapSeconds\)/,
    );
    const built = ruleByName("client-secret-rotation", buildPolicies({ "client-secret-rotation": { maxOverlapSeconds: 86400 } }));
    assert.equal(built?.configSchema.properties.maxOverlapSeconds.default, 86400);
  });

  it("is advisory, applies only to ApplicationSecret, and takes no disabledAppsAdvisory", () => {
    assert.equal(rule.enforcementLevel, "advisory");
    assert.match(runRule(rule, secureWeb).notApplicable ?? "", /applies only to pulumi-nodejs:dynamic\/pingone:ApplicationSecret/);
    assert.deepEqual(Object.keys(rule.configSchema.properties), ["maxOverlapSeconds"]);
  });

  it("at preview, an unknown rotation setting is the framework's advisory, not a pass or a finding", () => {
    const result = runRule(rule, secret({ rotationPeriod: UNKNOWN.string }), onSecret);
    assert.deepEqual(result.violations, []);
    assert.ok(result.unknown, "the unknown value was reported");
  });
});
