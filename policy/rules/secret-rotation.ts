/**
 * Client-secret rotation (S01): an advisory rule on `ApplicationSecret` resources.
 *
 * A secret that is never rotated stays valid forever once leaked; an overlap that lasts weeks
 * keeps a replaced (possibly leaked) secret working just as long. PingOne's own guidance is to
 * "regenerate application secrets regularly" and to retain the previous secret only to give
 * clients time to move over.
 */
import { APPLICATION_SECRET_TYPE_TOKEN, formatDuration, parseDuration, parseRfc3339, type ApplicationSecretProperties } from "../../provider";
import type { BaseConfig } from "./config";
import { show } from "./predicates";
import { defineRule, finding } from "./rule";
import { PINGONE_APPLICATION_SECRET } from "./sources";

/** An ApplicationSecret's input props as the pack sees them. */
export type ApplicationSecretInput = { readonly [K in keyof ApplicationSecretProperties]?: unknown };

export interface SecretRotationConfig extends BaseConfig {
  /** The longest a replaced secret may keep working after a rotation, in seconds. */
  readonly maxOverlapSeconds: number;
}

const DEFAULT_MAX_OVERLAP_SECONDS = 7 * 24 * 3600;
const REQUIREMENT =
  "PingOne's application-secret best practices (regenerate application secrets regularly; retain the previous secret only while clients move over)";

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0);
}

/** S01: an ApplicationSecret rotates, and its overlap is bounded. */
export const clientSecretRotation = defineRule<SecretRotationConfig, ApplicationSecretInput>({
  resourceType: APPLICATION_SECRET_TYPE_TOKEN,
  code: "S01",
  name: "client-secret-rotation",
  description:
    "An ApplicationSecret rotates (rotationPeriod or rotateWhenChanged is set), and the replaced secret keeps " +
    "working no longer than maxOverlapSeconds (previousSecretValidFor, or previousSecretExpiresAt from now).",
  enforcementLevel: "advisory",
  severity: "medium",
  url: PINGONE_APPLICATION_SECRET,
  tags: ["oauth", "client-secret", "rotation"],
  params: {
    maxOverlapSeconds: {
      type: "integer",
      minimum: 60,
      default: DEFAULT_MAX_OVERLAP_SECONDS,
      description: "The longest a replaced client secret may keep working after a rotation, in seconds (default 604800: 7 days).",
    },
  },
  check(ctx) {
    const { app } = ctx;
    if (isEmpty(app.rotationPeriod) && isEmpty(app.rotateWhenChanged)) {
      ctx.report(
        finding(
          "neither rotationPeriod nor rotateWhenChanged is set, so the client secret is never rotated after this resource adopts it.",
          REQUIREMENT,
          'set rotationPeriod: "2160h" (90 days), or a rotateWhenChanged value that your schedule changes.',
        ),
      );
    }
    const maxMs = ctx.config.maxOverlapSeconds * 1000;
    const limit = `${formatDuration(maxMs)} (maxOverlapSeconds: ${ctx.config.maxOverlapSeconds})`;
    const fix = `set previousSecretValidFor: "${formatDuration(maxMs)}" or less, and revoke the previous secret (revokePreviousSecret) once every client uses the new one.`;
    const validFor = typeof app.previousSecretValidFor === "string" ? parseDuration(app.previousSecretValidFor) : undefined;
    if (validFor !== undefined && validFor > maxMs) {
      ctx.report(
        finding(`previousSecretValidFor is ${show(app.previousSecretValidFor)}: the replaced secret keeps working longer than ${limit}.`, REQUIREMENT, fix),
      );
    }
    const expiresAt = typeof app.previousSecretExpiresAt === "string" ? parseRfc3339(app.previousSecretExpiresAt) : undefined;
    if (expiresAt !== undefined && expiresAt - Date.now() > maxMs) {
      ctx.report(
        finding(
          // A program's value (a rotation now keeps the replaced secret until then) and a live
          // secret's (audit --with-secrets: the previous secret works until then) read the same.
          `previousSecretExpiresAt is ${show(app.previousSecretExpiresAt)}: the replaced secret keeps working longer than ${limit} from now.`,
          REQUIREMENT,
          fix,
        ),
      );
    }
  },
});

export const secretRotationRules = [clientSecretRotation] as const;
