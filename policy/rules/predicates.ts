/**
 * The derived predicates of the rule catalogue (docs/oauth-client-rules.md §3) and the PingOne defaults for absent fields (§2).
 *
 * Every reader is lazy and reads only the fields it needs. During preview the props arrive
 * wrapped in `unknownCheckingProxy`, and touching an unknown value throws `UnknownValueError`.
 * Reading only what a rule needs keeps, say, the PKCE rule working while `redirectUris` is still
 * unknown. Nothing here catches that error, except {@link forEachKnown}, which rethrows it.
 */
import { isUnknownValueError, type UnknownValue } from "../preview";
import {
  ABSENT_MEANS,
  APPLICATION_TYPE,
  type ApplicationType,
  GRANT_TYPE,
  rangeOf,
  SHARED_SECRET_AUTH_METHODS,
  TOKEN_ENDPOINT_AUTH_METHOD,
  type TokenEndpointAuthMethod,
  type TopLevelField,
} from "../../pingone";

/**
 * An Application's input props as a policy receives them: PingOne's fields (the field table's
 * top-level entries) and `environmentId`, each of which may hold anything (the pack must not
 * trust the program's types). `__provider` and `__autoname`, which dynamic resources add, are ignored.
 */
export type ApplicationInput = { readonly [K in TopLevelField | "environmentId"]?: unknown };

/** Fields that hold lists. */
export type ListField = "grantTypes" | "responseTypes" | "redirectUris" | "postLogoutRedirectUris";

/** PingOne's value for an absent `refreshTokenDuration` (the field table's `absentMeans`). */
export const DEFAULT_REFRESH_TOKEN_DURATION = ABSENT_MEANS.refreshTokenDuration as number;

/** App types that are public whatever their auth method (docs/oauth-client-rules.md §3 PUBLIC; RFC 8252 §8.4, BBA §6.3.3.1). */
export const PUBLIC_APP_TYPES = [APPLICATION_TYPE.SINGLE_PAGE_APP, APPLICATION_TYPE.NATIVE_APP] as const satisfies readonly ApplicationType[];

/** One of {@link PUBLIC_APP_TYPES}. */
export type PublicAppType = (typeof PUBLIC_APP_TYPES)[number];

/** Auth methods with which a client authenticates at the token endpoint. */
export const AUTHENTICATING_METHODS: readonly TokenEndpointAuthMethod[] = [...SHARED_SECRET_AUTH_METHODS, TOKEN_ENDPOINT_AUTH_METHOD.PRIVATE_KEY_JWT];

/** A list field: absent or null is empty; a lone value counts as a one-element list. */
export function listOf(app: ApplicationInput, field: ListField): readonly unknown[] {
  const value = app[field];
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? (value as readonly unknown[]) : [value];
}

/**
 * Visits every element that is known, then rethrows the first `UnknownValueError` if some element
 * was unknown. A URI that is known to be bad is then reported even during preview, while the
 * unknown ones still yield the framework's advisory "can't run during preview" rather than a
 * pass. Only the element access is guarded, so an error from `visit` itself propagates.
 */
export function forEachKnown(list: readonly unknown[], visit: (value: unknown, index: number) => void): void {
  let deferred: UnknownValue | undefined;
  for (let i = 0; i < list.length; i++) {
    let value: unknown;
    try {
      value = list[i];
    } catch (e) {
      if (isUnknownValueError(e)) {
        deferred ??= e;
        continue;
      }
      throw e;
    }
    visit(value, i);
  }
  if (deferred !== undefined) {
    throw deferred;
  }
}

/**
 * Runs independent checks (say, one per field) so that an unknown value in one does not hide a
 * finding in another, then rethrows the first `UnknownValueError`. Findings reported before the
 * error were made from known values only, because touching an unknown throws at once.
 */
export function runEachDeferringUnknown(steps: readonly (() => void)[]): void {
  let deferred: UnknownValue | undefined;
  for (const step of steps) {
    try {
      step();
    } catch (e) {
      if (isUnknownValueError(e)) {
        deferred ??= e;
        continue;
      }
      throw e;
    }
  }
  if (deferred !== undefined) {
    throw deferred;
  }
}

/** The string values of a list field (non-strings are R00's concern). */
export function stringsOf(app: ApplicationInput, field: ListField): ReadonlySet<string> {
  const result = new Set<string>();
  for (const value of listOf(app, field)) {
    if (typeof value === "string") {
      result.add(value);
    }
  }
  return result;
}

export const grantTypes = (app: ApplicationInput): ReadonlySet<string> => stringsOf(app, "grantTypes");
export const responseTypes = (app: ApplicationInput): ReadonlySet<string> => stringsOf(app, "responseTypes");

/** `CODE`: the app uses the authorization code grant. */
export function isCode(app: ApplicationInput): boolean {
  return grantTypes(app).has(GRANT_TYPE.AUTHORIZATION_CODE);
}

/** `FRONT`: the app uses the authorization endpoint, so redirect URIs matter. */
export function isFront(app: ApplicationInput): boolean {
  const grants = grantTypes(app);
  return grants.has(GRANT_TYPE.AUTHORIZATION_CODE) || grants.has(GRANT_TYPE.IMPLICIT);
}

/** The app type when it is a string. */
export function appType(app: ApplicationInput): string | undefined {
  return typeof app.type === "string" ? app.type : undefined;
}

/** The token endpoint auth method when it is a string. */
export function authMethod(app: ApplicationInput): string | undefined {
  return typeof app.tokenEndpointAuthMethod === "string" ? app.tokenEndpointAuthMethod : undefined;
}

/**
 * `PUBLIC` (docs/oauth-client-rules.md §3): method NONE, or type SINGLE_PAGE_APP / NATIVE_APP. Fails closed: an
 * absent or unrecognised method also counts as public (R00 reports the bad value itself), so a
 * typo never makes a client look confidential. The type is read first so a public-by-type
 * app does not depend on the method being known.
 */
export function isPublic(app: ApplicationInput): boolean {
  const type = appType(app);
  if (type !== undefined && (PUBLIC_APP_TYPES as readonly string[]).includes(type)) {
    return true;
  }
  const method = authMethod(app);
  return method === undefined || !(AUTHENTICATING_METHODS as readonly string[]).includes(method);
}

/** Why the app is public, for messages. Only call it when {@link isPublic} is true. */
export function publicReason(app: ApplicationInput): string {
  const type = appType(app);
  if (type === APPLICATION_TYPE.SINGLE_PAGE_APP) {
    return "it is a SINGLE_PAGE_APP, which is always a public client (browser-based apps draft §6.3.3.1)";
  }
  if (type === APPLICATION_TYPE.NATIVE_APP) {
    return "it is a NATIVE_APP, which is always a public client (RFC 8252 §8.4/§8.5; OAuth 2.1 §8.1)";
  }
  const method = app.tokenEndpointAuthMethod;
  if (method === undefined || method === null) {
    return "tokenEndpointAuthMethod is absent, so it cannot authenticate";
  }
  return `tokenEndpointAuthMethod is ${show(method)}, so it does not authenticate`;
}

/** Whether the app is native for the loopback rules: NATIVE_APP, or CUSTOM_APP when configured. */
export function isNative(app: ApplicationInput, customAppIsNative: boolean): boolean {
  const type = appType(app);
  return type === APPLICATION_TYPE.NATIVE_APP || (customAppIsNative && type === APPLICATION_TYPE.CUSTOM_APP);
}

/** A field that PingOne defaults when absent: its effective value and whether it was absent. */
export interface Defaulted<T> {
  readonly value: T;
  readonly absent: boolean;
}

/** A field's value, or what PingOne takes when it is absent or null (the field table's `absentMeans`). */
function defaulted(app: ApplicationInput, field: TopLevelField): Defaulted<unknown> {
  const value = app[field];
  return value === undefined || value === null ? { value: ABSENT_MEANS[field], absent: true } : { value, absent: false };
}

/** `pkceEnforcement`; absent or null = OPTIONAL. */
export function pkceEnforcement(app: ApplicationInput): Defaulted<unknown> {
  return defaulted(app, "pkceEnforcement");
}

/** `parRequirement`; absent or null = OPTIONAL. */
export function parRequirement(app: ApplicationInput): Defaulted<unknown> {
  return defaulted(app, "parRequirement");
}

/**
 * `additionalRefreshTokenReplayProtectionEnabled`: only `true` counts. PingOne: "Setting this to
 * null equates to a false setting", so absent or null is false even though the create default is
 * true (docs/oauth-client-rules.md §6.6).
 */
export function replayProtectionEnabled(app: ApplicationInput): boolean {
  return defaulted(app, "additionalRefreshTokenReplayProtectionEnabled").value === true;
}

/** `refreshTokenDuration`; absent or null = 2592000 s. */
export function refreshTokenDuration(app: ApplicationInput): Defaulted<unknown> {
  return defaulted(app, "refreshTokenDuration");
}

/** `refreshTokenRollingDuration`; absent or null = unbounded (SDK: "valid forever"; fail closed). */
export function refreshTokenRollingDuration(app: ApplicationInput): Defaulted<unknown> {
  const value = app.refreshTokenRollingDuration;
  return value === undefined || value === null ? { value: Infinity, absent: true } : { value, absent: false };
}

/** PingOne's accepted range for both refresh-token durations. */
export const REFRESH_TOKEN_RANGE = rangeOf("refreshTokenRollingDuration");

/** `enabled`: PingOne defaults it to false, so only an explicit `true` is enabled. */
export function isDisabled(app: ApplicationInput): boolean {
  return defaulted(app, "enabled").value !== true;
}

/** A value as it appears in messages: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (value === undefined) {
    return "absent";
  }
  return JSON.stringify(value) ?? typeof value;
}

/** Seconds in days, for messages ("7776000 s (90 days)"). */
export function seconds(value: number): string {
  if (!Number.isFinite(value)) {
    return "unbounded";
  }
  const days = value / 86400;
  return Number.isInteger(days) ? `${value} s (${days} days)` : `${value} s`;
}
