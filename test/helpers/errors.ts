/**
 * Assertions on the package's coded errors: the code from the documented list, and a short text the
 * message must hold (the resource's name at least), so a test pins what happened without pinning
 * the prose.
 */
import { strict as assert } from "node:assert";
import { CliError, type CliErrorCode } from "../../cli/errors";
import { PingOneProviderError, type ProviderErrorCode } from "../../provider/kernel/errors";

type Expected = string | RegExp;

function holds(message: string, expected: readonly Expected[]): void {
  for (const text of expected) {
    if (typeof text === "string") assert.ok(message.includes(text), `the message lacks ${JSON.stringify(text)}:\n${message}`);
    else assert.match(message, text);
  }
}

/** Asserts a provider error with `code` whose message holds every expected text; returns it, typed. */
export function assertCoded(error: unknown, code: ProviderErrorCode, ...expected: Expected[]): PingOneProviderError {
  assert.ok(error instanceof PingOneProviderError, `expected a PingOneProviderError ${code}, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  holds(error.message, expected);
  return error;
}

/** Asserts a CLI error with `code` whose message holds every expected text; returns it, typed. */
export function assertCliCoded(error: unknown, code: CliErrorCode, ...expected: Expected[]): CliError {
  assert.ok(error instanceof CliError, `expected a CliError ${code}, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  holds(error.message, expected);
  return error;
}

/** The error a promise rejects with; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => assert.fail(`expected a rejection, got ${String(value)}`),
    (error: unknown) => error,
  );
}

/** A validator for `assert.rejects` / `assert.throws`: the code and every expected text. */
export function coded(code: ProviderErrorCode, ...expected: Expected[]): (error: unknown) => true {
  return (error) => {
    assertCoded(error, code, ...expected);
    return true;
  };
}
