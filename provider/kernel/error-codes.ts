/**
 * What can go wrong, as a documented list: every error the provider throws at a program or at the
 * engine carries one of these as `error.code`, and docs/errors.md is rendered from this table. A
 * failure is classed by what happened, not by where it was noticed: a write whose outcome stayed
 * unknown is `ERR_AMBIGUOUS_OUTCOME`, never an input error.
 *
 * PingOne's own code (`INVALID_DATA`, `invalid_client`, …) is a different thing, kept as
 * `PingOneApiError.pingOneCode`.
 *
 * @see https://github.com/panva/oauth4webapi/blob/main/src/index.ts (`OperationProcessingError` and its `code` constants, the model)
 * @see https://nodejs.org/api/errors.html#errorcode (the `ERR_` naming)
 */
/** A documented list of error codes: for each, what happened and what to do (docs/errors.md renders it). */
export type ErrorCodeList = Readonly<Record<string, { meaning: string; action: string }>>;

/**
 * An error with a message written for a person and a `code` from a documented list: the base of
 * the provider's errors and of the CLI's.
 * @see ErrorCodeList
 */
export class CodedError<Code extends string> extends Error {
  override name = "CodedError";
  constructor(
    /** What happened, from the documented list. */
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}

export const PROVIDER_ERROR_CODES = {
  ERR_INVALID_INPUT: {
    meaning:
      "An input PingOne would refuse, or a name (resource, scope, sign-on policy) that the environment does not hold; found before the write it would fail.",
    action: "Change the property the message names to one of the allowed values or names it lists.",
  },
  ERR_UNKNOWN_INPUT: {
    meaning: "At create or update, an input still holds the engine's placeholder for a value unknown during preview; nothing was sent.",
    action: "Give the property a known value (a program that sets the placeholder text literally must change it).",
  },
  ERR_CONFIGURATION: {
    meaning: "A `pingone:*` setting or `PINGONE_*` variable is missing or outside its allowed values.",
    action: "Set the setting the message names (see the README's Configuration).",
  },
  ERR_PINGONE_ACCESS_DENIED: {
    meaning: "PingOne answered HTTP 401 or 403: the worker's credentials are wrong, or its roles do not cover the operation.",
    action: "Check the worker's client id and secret, and give it a role over the environment that allows the operation.",
  },
  ERR_PINGONE_REJECTED: {
    meaning: "PingOne refused the request with another 4xx answer; `pingOneCode` and the message carry PingOne's code, message and details.",
    action: "Change what PingOne's message names.",
  },
  ERR_PINGONE_UNAVAILABLE: {
    meaning: "PingOne answered 429 or 5xx on every attempt.",
    action: "Run again later; the error says how many attempts were made.",
  },
  ERR_PINGONE_UNREACHABLE: {
    meaning: "No answer came: the connection failed or timed out on every attempt.",
    action: "Check `pingone:apiUrl` and `pingone:authUrl`, the network and any proxy.",
  },
  ERR_UNEXPECTED_ANSWER: {
    meaning:
      "An answer the provider does not trust: for another object, not JSON, larger than the cap, a redirect, a list whose next page leaves the API, or a 404 without PingOne's NOT_FOUND error. Nothing was recorded from it.",
    action: "Check `pingone:apiUrl` and any proxy in between; the message quotes a bounded excerpt of the answer.",
  },
  ERR_NOT_FOUND: {
    meaning:
      "PingOne proved the object gone (its NOT_FOUND error, while the environment still answers). A refresh drops such a resource from state and a delete counts it done, so this reaches a program only from the client.",
    action: "Run `pulumi refresh` to drop it from state, or `pulumi up` to create it again.",
  },
  ERR_DEADLINE: {
    meaning: "The operation's deadline (`pingone:operationTimeout`) passed before it could finish.",
    action: "Run again, or raise `pingone:operationTimeout`; the message says what the last attempt saw.",
  },
  ERR_AMBIGUOUS_OUTCOME: {
    meaning: "A write whose outcome stayed unknown: PingOne may hold the object, and listing afterwards could not settle which. Nothing was sent again.",
    action: "Do what the message says: it names what was found and how to adopt it (`adoptId`) or recover (`pulumi-pingone recover`).",
  },
  ERR_PARTIAL_OUTCOME: {
    meaning:
      "PingOne carried out the write but a follow-up failed (a created application's secret read, a rotation's settlement). The engine records the resource with what is known.",
    action: "Run `pulumi up` again: the next update finishes the follow-up.",
  },
} as const satisfies ErrorCodeList;

/** One of the provider's error codes. @see PROVIDER_ERROR_CODES */
export type ProviderErrorCode = keyof typeof PROVIDER_ERROR_CODES;

/**
 * The base of every error the provider throws at a program or at the engine: a message written for
 * a person and a `code` from the documented list.
 * @see PROVIDER_ERROR_CODES
 */
export class PingOneProviderError extends CodedError<ProviderErrorCode> {
  override name = "PingOneProviderError";
}

/**
 * An input PingOne would refuse, found before (or instead of) the write it would fail; the message
 * names the resource, the property and what is allowed.
 */
export class InputError extends PingOneProviderError {
  override name = "InputError";
  constructor(message: string) {
    super("ERR_INVALID_INPUT", message);
  }
}
