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
