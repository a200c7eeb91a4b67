/**
 * Rotation planning for `ApplicationSecret`: pure functions from (recorded outputs, checked
 * inputs, the time) to a decision and to outputs. No request is made here, so `diff` decides a
 * rotation, and `check` whether it would be accepted, without asking PingOne.
 *
 * What the recorded outputs hold besides PingOne's answer:
 * - `rotatedAt`: when this resource last rotated (or adopted the secret at create); a rotation
 *   period counts from it. An out-of-band rotation seen on refresh does not move it: the secret
 *   is then younger than `rotatedAt` says, so the next periodic rotation comes early, never late.
 * - `__rotateWhenChanged`: a digest of `rotateWhenChanged` at the last rotation, never the values.
 * - `__pendingRotation`: set when a rotation's outcome was unknown and could not be settled; the
 *   next update or refresh reads the secret and settles it instead of rotating a second time.
 */
import type { ApplicationSecretAnswer } from "../http/client";
import { formatDuration, parseDuration, parseRfc3339 } from "../kernel/duration";
import { PREVIOUS_SECRET_MAX_IN_WORDS, PREVIOUS_SECRET_MAX_MS, PREVIOUS_SECRET_MIN_IN_WORDS, PREVIOUS_SECRET_MIN_MS } from "../../pingone";
import { SECRET_SETTING_NAMES } from "./types";
import { containsUnknown, digest, isUnknown, type Inputs } from "../kernel/values";

export const TRIGGER_DIGEST_KEY = "__rotateWhenChanged";
export const PENDING_ROTATION_KEY = "__pendingRotation";

/** Why a rotation (a POST …/secret) is due. */
export type RotationReason = "rotateWhenChanged" | "rotationPeriod";

export interface SecretPlan {
  /** Properties whose change needs a new resource (another application). */
  replaces: string[];
  /** Set when this run rotates. */
  rotate?: RotationReason;
  /** A previous secret still valid must be revoked (`revokePreviousSecret`). */
  revoke: boolean;
  /** An earlier rotation's outcome is still to be settled. */
  pending: boolean;
  /** Settings changed that need no request. */
  settingsChanged: boolean;
}

/** A rotation whose outcome was unknown, recorded so that it is settled rather than repeated. */
export interface PendingRotation {
  /** The `rotateWhenChanged` digest the rotation was for. */
  trigger: string;
  /** When it was sent (RFC 3339); becomes `rotatedAt` if it happened. */
  startedAt: string;
  /** The `previous.expiresAt` it asked for, if any: its exact value proves the rotation was ours. */
  expiresAt?: string;
}

/** The digest of a `rotateWhenChanged` map; an absent and an empty map are the same. */
export function triggerDigest(value: unknown): string {
  const empty = value === undefined || value === null || (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0);
  return digest(empty ? undefined : value, "rotateWhenChanged");
}

export function pendingRotation(outputs: Inputs): PendingRotation | undefined {
  const value = outputs[PENDING_ROTATION_KEY];
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.trigger !== "string" || typeof record.startedAt !== "string") return undefined;
  return { trigger: record.trigger, startedAt: record.startedAt, expiresAt: typeof record.expiresAt === "string" ? record.expiresAt : undefined };
}

/** Whether the rotation period has elapsed since `rotatedAt`. Unknown or unset: no. */
export function periodElapsed(outputs: Inputs, inputs: Inputs, now: number): boolean {
  const period = typeof inputs.rotationPeriod === "string" ? parseDuration(inputs.rotationPeriod) : undefined;
  const rotatedAt = typeof outputs.rotatedAt === "string" ? Date.parse(outputs.rotatedAt) : NaN;
  return period !== undefined && Number.isFinite(rotatedAt) && now >= rotatedAt + period;
}

/** Whether the recorded previous secret is still valid at `now`. */
export function previousStillValid(outputs: Inputs, now: number): boolean {
  const at = typeof outputs.previousExpiresAt === "string" ? Date.parse(outputs.previousExpiresAt) : NaN;
  return Number.isFinite(at) && at > now;
}

/**
 * What this run does, from the recorded outputs and the checked inputs. An expired previous
 * secret plays no part: it is a normal state, never a difference.
 */
export function planSecret(outputs: Inputs, inputs: Inputs, now: number): SecretPlan {
  const replaces = (["applicationId", "environmentId"] as const).filter((key) => isUnknown(inputs[key]) || inputs[key] !== outputs[key]);
  const trigger = inputs.rotateWhenChanged;
  const rotate: RotationReason | undefined =
    containsUnknown(trigger) || triggerDigest(trigger) !== outputs[TRIGGER_DIGEST_KEY]
      ? "rotateWhenChanged"
      : periodElapsed(outputs, inputs, now)
        ? "rotationPeriod"
        : undefined;
  const revoke = inputs.revokePreviousSecret === true && previousStillValid(outputs, now);
  const settingsChanged = SECRET_SETTING_NAMES.some((key) => isUnknown(inputs[key]) || inputs[key] !== outputs[key]);
  return { replaces, rotate, revoke, pending: pendingRotation(outputs) !== undefined, settingsChanged };
}

/** The `previous.expiresAt` a rotation at `now` asks for, or undefined to keep no previous secret. */
export function previousExpiry(inputs: Inputs, now: number): string | undefined {
  if (typeof inputs.previousSecretValidFor === "string") {
    const ms = parseDuration(inputs.previousSecretValidFor);
    return ms === undefined ? undefined : new Date(now + ms).toISOString();
  }
  if (typeof inputs.previousSecretExpiresAt === "string") {
    const at = parseRfc3339(inputs.previousSecretExpiresAt);
    return at === undefined ? undefined : new Date(at).toISOString();
  }
  return undefined;
}

/** PingOne's range for `previous.expiresAt`, in words. */
export const PREVIOUS_SECRET_RANGE = `${formatDuration(PREVIOUS_SECRET_MIN_MS)} to ${formatDuration(PREVIOUS_SECRET_MAX_MS)}`;

/** Why PingOne would refuse `previous.expiresAt` = `at` for a rotation at `now`, or undefined. */
export function previousExpiryProblem(at: number, now: number): string | undefined {
  if (at >= now + PREVIOUS_SECRET_MIN_MS && at <= now + PREVIOUS_SECRET_MAX_MS) return undefined;
  const when =
    at < now ? "in the past" : at < now + PREVIOUS_SECRET_MIN_MS ? `less than ${PREVIOUS_SECRET_MIN_IN_WORDS}` : `more than ${PREVIOUS_SECRET_MAX_IN_WORDS}`;
  return `is ${when} at the rotation (${new Date(now).toISOString()}); allowed: ${PREVIOUS_SECRET_RANGE} after the rotation, PingOne's range for previous.expiresAt`;
}

/** Whether a rotation happened, judged from the secret read afterwards. */
export function rotationHappened(current: ApplicationSecretAnswer, knownSecret: unknown, askedExpiresAt: string | undefined): boolean {
  // The exact expiry this rotation asked for, on the previous secret, is its fingerprint.
  if (askedExpiresAt !== undefined && current.previous !== undefined && Date.parse(current.previous.expiresAt) === Date.parse(askedExpiresAt)) return true;
  return typeof knownSecret === "string" && current.secret.reveal() !== knownSecret;
}

/** The outputs after a create or rotation: settings from the inputs, secrets from PingOne's answer. */
export function secretOutputs(inputs: Inputs, answer: ApplicationSecretAnswer, rotatedAt: string, trigger: string): Inputs {
  const outputs: Inputs = {
    applicationId: inputs.applicationId,
    environmentId: inputs.environmentId,
    __autoname: inputs.__autoname,
    rotatedAt,
    [TRIGGER_DIGEST_KEY]: trigger,
  };
  for (const key of SECRET_SETTING_NAMES) outputs[key] = inputs[key];
  return withAnswer(outputs, answer);
}

/** The outputs with the secrets replaced by what PingOne answered (an absent previous removed). */
export function withAnswer(outputs: Inputs, answer: ApplicationSecretAnswer): Inputs {
  const next: Inputs = {
    ...outputs,
    secret: answer.secret.reveal(),
    previousSecret: answer.previous?.secret.reveal(),
    previousExpiresAt: answer.previous?.expiresAt,
  };
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  return next;
}

/**
 * The outputs once a pending rotation is settled by reading the secret: if it happened, it is
 * recorded as this resource's rotation (digest and time); either way the marker goes.
 */
export function settled(outputs: Inputs, current: ApplicationSecretAnswer): Inputs {
  const pending = pendingRotation(outputs);
  const next = withAnswer(outputs, current);
  delete next[PENDING_ROTATION_KEY];
  if (pending !== undefined && rotationHappened(current, outputs.secret, pending.expiresAt)) {
    next[TRIGGER_DIGEST_KEY] = pending.trigger;
    next.rotatedAt = pending.startedAt;
  }
  return next;
}
