/**
 * Typed access to `@pulumi/policy`'s preview machinery.
 *
 * `@pulumi/policy` 1.21.0 exports `UnknownValueError` and `unknownCheckingProxy` at run time
 * (index.js re-exports them for test helpers), but its `proxy.d.ts` strips them as `@internal`,
 * so TypeScript sees them as error-typed `any`. This module gives them real types once, checked
 * at load time, so the rest of the pack never touches an `any`.
 */
import * as policySdk from "@pulumi/policy";

/** The error thrown when a policy touches a value that is unknown during preview. */
export interface UnknownValue extends Error {
  /** The property path of the unknown value, e.g. `["redirectUris", "0"]`. */
  readonly props: readonly (string | symbol)[];
}

interface ProxyExports {
  readonly UnknownValueError: abstract new (...args: never[]) => UnknownValue;
  readonly unknownCheckingProxy: <T extends object>(props: T) => T;
}

const sdk = policySdk as unknown as ProxyExports;
if (typeof sdk.UnknownValueError !== "function" || typeof sdk.unknownCheckingProxy !== "function") {
  throw new Error("@pulumi/policy does not export UnknownValueError/unknownCheckingProxy; version 1.21.0 or later is required");
}

/** The `UnknownValueError` class the framework itself checks with `instanceof`. */
export const UnknownValueError = sdk.UnknownValueError;

/** Wraps props as the framework does during analysis: touching an unknown value throws. */
export const unknownCheckingProxy = sdk.unknownCheckingProxy;

/** Whether an error is the preview's "this value is unknown". */
export function isUnknownValueError(e: unknown): e is UnknownValue {
  return e instanceof sdk.UnknownValueError;
}

/** The preview's sentinel for an unknown list (`proxy.js` `unknownArrayValue`); the constructor needs a known one. */
const UNKNOWN_ARRAY_SENTINEL = (require("@pulumi/policy/proxy") as { unknownArrayValue: string }).unknownArrayValue;

/** The framework's constructor (`proxy.js`: the unknown's sentinel, then the property path). */
const UnknownValueErrorClass = sdk.UnknownValueError as unknown as new (sentinel: string, props: readonly string[]) => UnknownValue;

/**
 * A value the pack cannot judge before it is resolved, although it is known: scope ids from a
 * lookup, say. Thrown as the framework's UnknownValueError, so the policy server reports it as it
 * reports an unknown at preview ("can't run <policy> during preview: <reason>", advisory) and
 * `audit` lists it as not judged: said, never guessed.
 */
export function cannotJudge(path: readonly string[], reason: string): UnknownValue {
  const error = new UnknownValueErrorClass(UNKNOWN_ARRAY_SENTINEL, path);
  error.message = reason;
  return error;
}
