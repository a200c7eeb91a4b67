/**
 * The plan that an ApplicationSecret's `diff` and `update` follow, and the pure parts of a
 * rotation around it (no request is involved in any of it).
 */
import { strict as assert } from "node:assert";
import { Redacted } from "../../../provider/kernel/redact";
import {
  planSecret,
  previousExpiry,
  previousExpiryProblem,
  rotationHappened,
  settled,
  triggerDigest,
  TRIGGER_DIGEST_KEY,
  PENDING_ROTATION_KEY,
} from "../../../provider/application-secret/rotation";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse("2031-01-01T00:00:00.000Z");
const APP = "1c8b5e8e-4c2c-4bb0-9a4e-0d1f3c7b2a10";
const ENV = "5a0f1d2e-3b4c-4d5e-8f60-718293a4b5c6";

describe("rotation plan", () => {
  const recorded = (extra: Record<string, unknown> = {}) => ({
    applicationId: APP,
    environmentId: ENV,
    rotatedAt: new Date(NOW).toISOString(),
    [TRIGGER_DIGEST_KEY]: triggerDigest({ v: "1" }),
    secret: "s-current",
    ...extra,
  });
  const inputs = (extra: Record<string, unknown> = {}) => ({ applicationId: APP, environmentId: ENV, rotateWhenChanged: { v: "1" }, ...extra });

  it("nothing to do when nothing changed, even long after an expired previous secret (no diff, never an error)", () => {
    const plan = planSecret(recorded({ previousSecret: "s-old", previousExpiresAt: new Date(NOW + HOUR).toISOString() }), inputs(), NOW + 100 * DAY);
    assert.deepEqual(plan, { replaces: [], rotate: undefined, revoke: false, pending: false, settingsChanged: false });
  });

  it("a changed, added or removed rotateWhenChanged value rotates; an empty map equals none; key order does not matter", () => {
    assert.equal(planSecret(recorded(), inputs({ rotateWhenChanged: { v: "2" } }), NOW).rotate, "rotateWhenChanged");
    assert.equal(planSecret(recorded(), inputs({ rotateWhenChanged: { v: "1", w: "x" } }), NOW).rotate, "rotateWhenChanged");
    assert.equal(planSecret(recorded(), inputs({ rotateWhenChanged: undefined }), NOW).rotate, "rotateWhenChanged");
    assert.equal(planSecret(recorded({ [TRIGGER_DIGEST_KEY]: triggerDigest(undefined) }), inputs({ rotateWhenChanged: {} }), NOW).rotate, undefined);
    const two = recorded({ [TRIGGER_DIGEST_KEY]: triggerDigest({ a: "1", b: "2" }) });
    assert.equal(planSecret(two, inputs({ rotateWhenChanged: { b: "2", a: "1" } }), NOW).rotate, undefined);
  });

  it("rotationPeriod rotates from the first moment it has elapsed since rotatedAt, decided by the clock alone", () => {
    const periodic = inputs({ rotationPeriod: "2160h" });
    assert.equal(planSecret(recorded(), periodic, NOW + 90 * DAY - 1).rotate, undefined);
    assert.equal(planSecret(recorded(), periodic, NOW + 90 * DAY).rotate, "rotationPeriod");
  });

  it("another application or environment replaces; settings alone are a change without a rotation", () => {
    assert.deepEqual(planSecret(recorded(), inputs({ applicationId: "6f9619ff-8b86-4d11-b42d-00c04fc964ff" }), NOW).replaces, ["applicationId"]);
    const plan = planSecret(recorded(), inputs({ previousSecretValidFor: "24h" }), NOW);
    assert.equal(plan.rotate, undefined);
    assert.equal(plan.settingsChanged, true);
  });

  it("revokePreviousSecret asks for a DELETE only while the recorded previous secret is still valid", () => {
    const valid = recorded({ previousExpiresAt: new Date(NOW + HOUR).toISOString(), revokePreviousSecret: true });
    assert.equal(planSecret(valid, inputs({ revokePreviousSecret: true }), NOW).revoke, true);
    assert.equal(planSecret(valid, inputs({ revokePreviousSecret: true }), NOW + 2 * HOUR).revoke, false);
  });

  it("the previous secret's expiry: validFor from the rotation, or the fixed time; PingOne's range checked", () => {
    assert.equal(previousExpiry(inputs({ previousSecretValidFor: "24h" }), NOW), new Date(NOW + DAY).toISOString());
    assert.equal(previousExpiry(inputs({ previousSecretExpiresAt: "2031-01-02T00:00:00+00:00" }), NOW), "2031-01-02T00:00:00.000Z");
    assert.equal(previousExpiry(inputs(), NOW), undefined);
    assert.equal(previousExpiryProblem(NOW + 60_000, NOW), undefined);
    assert.equal(previousExpiryProblem(NOW + 30 * DAY, NOW), undefined);
    assert.match(previousExpiryProblem(NOW + 59_000, NOW) ?? "", /less than 1 minute .* allowed: 1m to 30d after the rotation/);
    assert.match(previousExpiryProblem(NOW + 30 * DAY + 1, NOW) ?? "", /more than 30 days/);
    assert.match(previousExpiryProblem(NOW - 1, NOW) ?? "", /in the past/);
  });

  it("a rotation happened when the secret changed, or the previous secret carries exactly the expiry asked for", () => {
    const expiresAt = new Date(NOW + DAY).toISOString();
    assert.equal(rotationHappened({ secret: new Redacted("s-new") }, "s-current", undefined), true);
    assert.equal(rotationHappened({ secret: new Redacted("s-current") }, "s-current", expiresAt), false);
    assert.equal(rotationHappened({ secret: new Redacted("s-x"), previous: { secret: new Redacted("s-y"), expiresAt } }, undefined, expiresAt), true);
  });

  it("settling a pending rotation records it as this resource's when it happened, and drops the marker either way", () => {
    const pending = { trigger: triggerDigest({ v: "2" }), startedAt: new Date(NOW + DAY).toISOString(), expiresAt: new Date(NOW + 2 * DAY).toISOString() };
    const outputs = recorded({ [PENDING_ROTATION_KEY]: pending });
    const happened = settled(outputs, { secret: new Redacted("s-new"), previous: { secret: new Redacted("s-current"), expiresAt: pending.expiresAt } });
    assert.equal(happened.secret, "s-new");
    assert.equal(happened.previousSecret, "s-current");
    assert.equal(happened[TRIGGER_DIGEST_KEY], pending.trigger);
    assert.equal(happened.rotatedAt, pending.startedAt);
    assert.equal(happened[PENDING_ROTATION_KEY], undefined);
    const not = settled(outputs, { secret: new Redacted("s-current") });
    assert.equal(not[TRIGGER_DIGEST_KEY], triggerDigest({ v: "1" }), "still due: the next up rotates");
    assert.equal(not[PENDING_ROTATION_KEY], undefined);
  });
});
