/**
 * Input validation of `ApplicationSecret`: what PingOne would refuse, found at preview without a
 * request. Unknown values (the engine's sentinel at preview) are skipped, never judged.
 *
 * `previousSecretExpiresAt` is a fixed time, so whether PingOne accepts it depends on when the
 * rotation happens: its range is checked only when this run rotates (the trigger changed). A
 * stale time in a run that does not rotate is no error, so it can never block an apply.
 */
import { DURATION_SYNTAX, parseDuration, parseRfc3339 } from "../kernel/duration";
import { PREVIOUS_SECRET_MAX_MS, PREVIOUS_SECRET_MIN_MS, PREVIOUS_SECRET_RANGE_IN_WORDS } from "../../pingone";
import { PREVIOUS_SECRET_RANGE, previousExpiryProblem, triggerDigest } from "./rotation";
import { InputChecks, type CheckFailure } from "../kernel/check";
import { excerpt } from "../kernel/excerpt";
import { SECRET_PROPERTY_NAMES } from "./types";
import { containsUnknown, isUnknown, type Inputs } from "../kernel/values";
/** A rotation period shorter than this is a typo ("90s" for "90d"), not a policy. */
const MIN_ROTATION_PERIOD_MS = 60_000;

function known(value: unknown): boolean {
  return value !== undefined && !isUnknown(value);
}

/**
 * Whether this run rotates because the trigger changed, as far as the old and new inputs tell:
 * the same application, and a different `rotateWhenChanged`. (A first run adopts, it does not rotate.)
 */
function rotatesNow(olds: Inputs, news: Inputs): boolean {
  if (olds.applicationId === undefined || olds.applicationId !== news.applicationId || olds.environmentId !== news.environmentId) return false;
  return !containsUnknown(news.rotateWhenChanged) && triggerDigest(olds.rotateWhenChanged) !== triggerDigest(news.rotateWhenChanged);
}

/** Validates checked inputs (defaults applied) against old inputs, at time `now`. */
export function validateSecretInputs(inputs: Inputs, resource: string, olds: Inputs, now: number): CheckFailure[] {
  const checks = new InputChecks(resource);
  checks.knownProperties(inputs, "pingone:ApplicationSecret", SECRET_PROPERTY_NAMES);
  checks.requiredUuid("applicationId", inputs.applicationId, "the id (UUID) of the application whose secret rotates");
  checks.environmentId(inputs.environmentId);

  const trigger = inputs.rotateWhenChanged;
  if (known(trigger) && (typeof trigger !== "object" || trigger === null || Array.isArray(trigger))) {
    checks.fail("rotateWhenChanged", `is ${excerpt(trigger)}; allowed: a map of values (a change of any value rotates the secret)`);
  }

  const validFor = inputs.previousSecretValidFor;
  if (known(validFor)) {
    const ms = typeof validFor === "string" ? parseDuration(validFor) : undefined;
    if (ms === undefined) checks.fail("previousSecretValidFor", `is ${excerpt(validFor)}; allowed: ${DURATION_SYNTAX}, from ${PREVIOUS_SECRET_RANGE}`);
    else if (ms < PREVIOUS_SECRET_MIN_MS || ms > PREVIOUS_SECRET_MAX_MS) {
      checks.fail(
        "previousSecretValidFor",
        `is ${excerpt(validFor)}; allowed: ${PREVIOUS_SECRET_RANGE} (PingOne keeps a previous secret from ${PREVIOUS_SECRET_RANGE_IN_WORDS})`,
      );
    }
  }

  const expiresAt = inputs.previousSecretExpiresAt;
  if (known(expiresAt)) {
    const at = typeof expiresAt === "string" ? parseRfc3339(expiresAt) : undefined;
    if (at === undefined) checks.fail("previousSecretExpiresAt", `is ${excerpt(expiresAt)}; allowed: an RFC 3339 time such as "2030-01-31T00:00:00Z"`);
    else if (rotatesNow(olds, inputs)) {
      const problem = previousExpiryProblem(at, now);
      if (problem !== undefined) checks.fail("previousSecretExpiresAt", `(${String(expiresAt)}) ${problem}; set a later time or use previousSecretValidFor`);
    }
  }
  if (validFor !== undefined && expiresAt !== undefined) {
    checks.fail(
      "previousSecretValidFor",
      "and previousSecretExpiresAt cannot both be set; allowed: one of them (how long, or until when, the replaced secret keeps working)",
    );
  }

  const period = inputs.rotationPeriod;
  if (known(period)) {
    const ms = typeof period === "string" ? parseDuration(period) : undefined;
    if (ms === undefined || ms < MIN_ROTATION_PERIOD_MS)
      checks.fail("rotationPeriod", `is ${excerpt(period)}; allowed: ${DURATION_SYNTAX}, at least 1m (e.g. "2160h" or "90d" for 90 days)`);
  }
  if (period !== undefined && expiresAt !== undefined) {
    checks.fail(
      "previousSecretExpiresAt",
      "cannot be combined with rotationPeriod: a fixed time is in the past after the first periodic rotation; allowed: previousSecretValidFor with rotationPeriod",
    );
  }

  const revoke = inputs.revokePreviousSecret;
  checks.boolean("revokePreviousSecret", revoke);
  if (revoke === true && (validFor !== undefined || expiresAt !== undefined)) {
    checks.fail(
      "revokePreviousSecret",
      "is true, so no previous secret may work, but previousSecretValidFor or previousSecretExpiresAt asks to keep one; allowed: one or the other",
    );
  }
  return checks.list();
}
