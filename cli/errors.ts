/**
 * The CLI's error codes, a documented list like the provider's (provider/kernel/error-codes.ts):
 * each error `pulumi-pingone` stops with carries one as `error.code`, and docs/errors.md is
 * rendered from this table. Errors from the PingOne client keep the provider's codes.
 * @see PROVIDER_ERROR_CODES in ../provider/kernel/error-codes.ts
 */
export const CLI_ERROR_CODES = {
  ERR_USAGE: {
    meaning: "The command line is wrong: an unknown command or option, or a value outside its allowed range. Exit status 2.",
    action: "Run `pulumi-pingone --help`.",
  },
  ERR_PULUMI_COMMAND: {
    meaning: "A `pulumi` command the CLI runs (stack export, import, config) failed; the message names it and quotes a bounded excerpt of its stderr.",
    action: "Run that command yourself to see why (login, stack selection, `--cwd`).",
  },
  ERR_CHECKPOINT: {
    meaning: "The stack's exported checkpoint lacks what the command relies on, or is not JSON.",
    action: "Check that `pulumi stack export` of the stack works and that the stack holds this package's resources.",
  },
  ERR_RECOVERY: {
    meaning: "Recovery cannot go on safely: an environment could not be listed, or a delete failed; nothing is cleared while anything is undecided.",
    action: "Fix what the message names and run `pulumi-pingone recover` again: it starts over from the stack's state.",
  },
} as const satisfies Record<string, { meaning: string; action: string }>;

/** One of the CLI's error codes. @see CLI_ERROR_CODES */
export type CliErrorCode = keyof typeof CLI_ERROR_CODES;

/** The base of every error the CLI stops with: a message for a person and a documented `code`. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    readonly code: CliErrorCode,
    message: string,
  ) {
    super(message);
  }
}
