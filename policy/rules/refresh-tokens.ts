/**
 * Refresh tokens (docs/oauth-client-rules.md §4.6, R29–R31).
 *
 * Defaults for absent fields (docs/oauth-client-rules.md §3, §6.5–6.6):
 * - `additionalRefreshTokenReplayProtectionEnabled` absent or null = false ("null equates to a
 *   false setting"), although PingOne's create default is true;
 * - `refreshTokenDuration` absent = 2592000 s (30 days);
 * - `refreshTokenRollingDuration` absent = unbounded (Go SDK: "valid forever"; fail closed).
 *
 * Remediation (level `remediate` only): R29 sets `additionalRefreshTokenReplayProtectionEnabled:
 * true`. The lifetimes have no single right value, so R30/R31 are not remediated.
 */
import { GRANT_TYPE } from "../../pingone";
import type { BaseConfig, ParamSchemas } from "./config";
import {
  type Defaulted,
  DEFAULT_REFRESH_TOKEN_DURATION,
  grantTypes,
  isPublic,
  publicReason,
  REFRESH_TOKEN_RANGE,
  refreshTokenDuration,
  refreshTokenRollingDuration,
  replayProtectionEnabled,
  seconds,
  show,
} from "./predicates";
import { type CheckContext, defineRule, finding } from "./rule";
import { BBA, RFC9700, rfc9700 } from "./sources";

/** R29: public clients with refresh tokens have reuse detection on. */
export const publicClientRefreshTokenReplayProtection = defineRule<BaseConfig>({
  code: "R29",
  name: "public-client-refresh-token-replay-protection",
  description:
    "A public client with REFRESH_TOKEN must have additionalRefreshTokenReplayProtectionEnabled: true (absent or " +
    "null counts as false). Remediation sets it to true.",
  enforcementLevel: "mandatory",
  severity: "high",
  url: RFC9700("4.14.2"),
  framework: rfc9700("§2.2.2, §4.14.2"),
  tags: ["oauth", "refresh-tokens"],
  remediationSteps: 'Set additionalRefreshTokenReplayProtectionEnabled to true (or run with this rule at level "remediate").',
  params: {},
  check(ctx) {
    if (!grantTypes(ctx.app).has(GRANT_TYPE.REFRESH_TOKEN)) {
      ctx.notApplicable("grantTypes does not include REFRESH_TOKEN");
    }
    if (!isPublic(ctx.app)) {
      ctx.notApplicable("confidential client");
    }
    if (!replayProtectionEnabled(ctx.app)) {
      const value = ctx.app.additionalRefreshTokenReplayProtectionEnabled;
      const shown =
        value === undefined || value === null
          ? `${value === null ? "null" : "absent"}, which PingOne treats as false ("null equates to a false setting")`
          : show(value);
      ctx.report(
        finding(
          `additionalRefreshTokenReplayProtectionEnabled is ${shown}, on a public client with REFRESH_TOKEN, so a ` +
            `stolen refresh token can be replayed without revoking the token family. The client is public: ` +
            `${publicReason(ctx.app)}.`,
          "RFC 9700 §2.2.2 and §4.14.2 (refresh tokens of public clients MUST be sender-constrained or rotated with " +
            "reuse detection), OAuth 2.1 §4.3.1 and the browser-based apps draft §6.3.2.3",
          "set additionalRefreshTokenReplayProtectionEnabled: true.",
        ),
      );
    }
  },
  remediate(ctx) {
    const applies = grantTypes(ctx.app).has(GRANT_TYPE.REFRESH_TOKEN) && isPublic(ctx.app) && !replayProtectionEnabled(ctx.app);
    return applies ? { additionalRefreshTokenReplayProtectionEnabled: true } : undefined;
  },
});

/** A duration value as text: `absent (PingOne default 2592000 s (30 days))` or the value. */
function describeDuration(d: Defaulted<unknown>, absentText: string): string {
  return d.absent ? absentText : typeof d.value === "number" ? seconds(d.value) : show(d.value);
}

/** Reports a duration that is not a whole number in PingOne's range; returns whether it was valid. */
function checkRange(ctx: CheckContext<BaseConfig>, field: string, d: Defaulted<unknown>): d is Defaulted<number> {
  if (d.absent) {
    return true;
  }
  const { min, max } = REFRESH_TOKEN_RANGE;
  const v = d.value;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    ctx.report(
      finding(
        `${field} is ${show(v)}, not a whole number of seconds between ${min} and ${max}.`,
        `PingOne's application schema (${field}: ${min}–${max} s)`,
        `set ${field} to a whole number of seconds between ${min} and ${max}.`,
      ),
    );
    return false;
  }
  return true;
}

/** R30: PingOne's constraint 60 ≤ duration ≤ rolling duration ≤ 2147483647. */
export const refreshTokenDurationWithinRolling = defineRule<BaseConfig>({
  code: "R30",
  name: "refresh-token-duration-within-rolling",
  description:
    `With REFRESH_TOKEN, ${REFRESH_TOKEN_RANGE.min} ≤ refreshTokenDuration ≤ refreshTokenRollingDuration ≤ ${REFRESH_TOKEN_RANGE.max} seconds ` +
    `(refreshTokenDuration defaults to ${DEFAULT_REFRESH_TOKEN_DURATION}; an absent rolling duration is unbounded). Equal values pass.`,
  enforcementLevel: "mandatory",
  severity: "medium",
  url: BBA("6.3.2.3"),
  tags: ["oauth", "refresh-tokens"],
  params: {},
  check(ctx) {
    if (!grantTypes(ctx.app).has(GRANT_TYPE.REFRESH_TOKEN)) {
      ctx.notApplicable("grantTypes does not include REFRESH_TOKEN");
    }
    const idle = refreshTokenDuration(ctx.app);
    const rolling = refreshTokenRollingDuration(ctx.app);
    const idleOk = checkRange(ctx, "refreshTokenDuration", idle);
    const rollingOk = checkRange(ctx, "refreshTokenRollingDuration", rolling);
    if (idleOk && rollingOk && idle.value > rolling.value) {
      ctx.report(
        finding(
          `refreshTokenDuration is ${describeDuration(idle, `absent (PingOne default ${seconds(idle.value)})`)}, ` +
            `longer than refreshTokenRollingDuration ${seconds(rolling.value)}.`,
          "PingOne's constraint (refreshTokenDuration must not exceed refreshTokenRollingDuration) and the " +
            "browser-based apps draft §6.3.2.3 (a rotated refresh token MUST NOT outlive the initial lifetime)",
          `set refreshTokenDuration to at most ${rolling.value}, or raise refreshTokenRollingDuration to at ` + `least ${idle.value}.`,
        ),
      );
    }
  },
});

/** R31's parameters: the organisation's lifetime limits, in seconds. */
export interface RefreshTokenLifetimeConfig extends BaseConfig {
  readonly publicMaxRollingSeconds: number;
  readonly publicMaxIdleSeconds: number;
  readonly confidentialMaxRollingSeconds: number;
  readonly confidentialMaxIdleSeconds: number;
}

const DAY = 86400;

/** One lifetime limit's schema. */
function limit(days: number, what: string): ParamSchemas<{ v: number }>["v"] {
  return {
    type: "integer",
    minimum: REFRESH_TOKEN_RANGE.min,
    maximum: REFRESH_TOKEN_RANGE.max,
    default: days * DAY,
    description: `${what}, in seconds (default ${days} days). Organisation policy: no specification gives a number.`,
  };
}

export const REFRESH_TOKEN_LIFETIME_PARAMS: ParamSchemas<Omit<RefreshTokenLifetimeConfig, keyof BaseConfig>> = {
  publicMaxRollingSeconds: limit(90, "Largest refreshTokenRollingDuration for public clients"),
  publicMaxIdleSeconds: limit(30, "Largest refreshTokenDuration (idle lifetime) for public clients"),
  confidentialMaxRollingSeconds: limit(365, "Largest refreshTokenRollingDuration for confidential clients"),
  confidentialMaxIdleSeconds: limit(90, "Largest refreshTokenDuration (idle lifetime) for confidential clients"),
};

/** R31: refresh-token lifetimes within the organisation's limits. */
export const refreshTokenLifetimeBounded = defineRule<RefreshTokenLifetimeConfig>({
  code: "R31",
  name: "refresh-token-lifetime-bounded",
  description:
    "With REFRESH_TOKEN, refreshTokenRollingDuration (absent = unbounded) and refreshTokenDuration (absent = 30 " +
    "days) stay within configurable limits: public 90/30 days, confidential 365/90 days by default.",
  enforcementLevel: "advisory",
  severity: "medium",
  url: BBA("6.3.2.3"),
  framework: rfc9700("§4.14.2"),
  tags: ["oauth", "refresh-tokens"],
  params: REFRESH_TOKEN_LIFETIME_PARAMS,
  check(ctx) {
    if (!grantTypes(ctx.app).has(GRANT_TYPE.REFRESH_TOKEN)) {
      ctx.notApplicable("grantTypes does not include REFRESH_TOKEN");
    }
    const isPub = isPublic(ctx.app);
    const kind = isPub ? "public" : "confidential";
    const maxRolling = isPub ? ctx.config.publicMaxRollingSeconds : ctx.config.confidentialMaxRollingSeconds;
    const maxIdle = isPub ? ctx.config.publicMaxIdleSeconds : ctx.config.confidentialMaxIdleSeconds;
    const rollingParam = isPub ? "publicMaxRollingSeconds" : "confidentialMaxRollingSeconds";
    const idleParam = isPub ? "publicMaxIdleSeconds" : "confidentialMaxIdleSeconds";
    const requirement =
      "the browser-based apps draft §6.3.2.3 (refresh tokens MUST have a maximum lifetime or idle expiry), RFC 9700 " +
      "§4.14.2 and OAuth 2.1 §4.3.3 (SHOULD expire when unused); the limit is this pack's parameter";
    const rolling = refreshTokenRollingDuration(ctx.app);
    if (rolling.absent || (typeof rolling.value === "number" && rolling.value > maxRolling)) {
      ctx.report(
        finding(
          `refreshTokenRollingDuration is ${rolling.absent ? 'absent, which PingOne\'s SDK documents as "valid forever"' : seconds(rolling.value as number)}` +
            `; the limit for ${kind} clients is ${seconds(maxRolling)} (${rollingParam}).`,
          requirement,
          `set refreshTokenRollingDuration: ${maxRolling} (or less).`,
        ),
      );
    }
    const idle = refreshTokenDuration(ctx.app);
    if (typeof idle.value === "number" && idle.value > maxIdle) {
      ctx.report(
        finding(
          `refreshTokenDuration is ${describeDuration(idle, `absent (PingOne default ${seconds(idle.value)})`)}; the limit ` +
            `for ${kind} clients is ${seconds(maxIdle)} (${idleParam}).`,
          requirement,
          `set refreshTokenDuration: ${maxIdle} (or less).`,
        ),
      );
    }
  },
});

/** The §4.6 rules in catalogue order. */
export const refreshTokenRules = [publicClientRefreshTokenReplayProtection, refreshTokenDurationWithinRolling, refreshTokenLifetimeBounded] as const;
