/** Secrets as values that never print, and the scrubbing of outside texts. */
import { inspect } from "node:util";

/**
 * A string that must never be printed: client secrets, worker credentials, access tokens. It
 * renders as "[secret]" through every path that turns a value into text (template strings, JSON,
 * `util.inspect`, `console.log`), so an error message or a debug dump that reaches one cannot leak
 * it. Only `reveal()` gives the value: the HTTP client calls it to authenticate, and the lifecycles
 * call it once, to hand a client secret to the engine as an output that the resource marks secret
 * (so the state holds it encrypted).
 * @see https://nodejs.org/api/util.html#utilinspectcustom
 * @see scrub
 */
export class Redacted {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The plaintext, for building an Authorization header or a token request body. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return "[secret]";
  }

  toJSON(): string {
    return "[secret]";
  }

  [inspect.custom](): string {
    return "[secret]";
  }
}

/**
 * Removes any occurrence of the given secrets from a text. Used on the few texts that come from
 * outside (a server's error body, a network error) before they become part of an error message.
 * @see Redacted
 */
export function scrub(text: string, secrets: readonly (Redacted | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    const value = secret?.reveal();
    if (value && value.length >= 4) {
      result = result.split(value).join("[secret]");
    }
  }
  return result;
}
