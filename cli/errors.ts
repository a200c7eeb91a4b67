/**
 * The CLI's error codes, a documented list like the provider's (provider/kernel/error-codes.ts):
 * each error `pulumi-pingone` stops with carries one as `error.code`, and docs/errors.md is
 * rendered from this table. Errors from the PingOne client keep the provider's codes.
 * @see PROVIDER_ERROR_CODES in ../provider/kernel/error-codes.ts
 */
import { CodedError, type ErrorCodeList } from "../provider/kernel/error-codes";

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
  ERR_ENVIRONMENT_UNREADABLE: {
    meaning:
      "`adopt` or `audit` cannot read the environment: it does not exist, or the worker has no role that may read its applications. Nothing was written.",
    action:
      "Check `pingone:environmentId` (or `--environment-id`) and give the worker a role over the environment that can read applications, grants and sign-on policies.",
  },
  ERR_ADOPT_NOTHING: {
    meaning: "The selection (`--name`, `--id`, `--type`) matched no application this package can manage. Nothing was written.",
    action: "Widen the selection; the message lists what was skipped and why.",
  },
  ERR_ADOPT_REFUSED: {
    meaning:
      "An application, as PingOne holds it, fails the provider's own check, so its declaration would not preview cleanly. It is skipped and listed; the others are adopted.",
    action: "Fix the setting the message names in PingOne (or adopt it by hand with `adoptId`).",
  },
  ERR_AUDIT_INPUT: {
    meaning:
      "`audit` cannot use a file it was given: the stack export is not JSON or not a `pulumi stack export`, or the policy config names a rule, parameter or level the pack does not have. No report was written.",
    action: "Pass the output of `pulumi stack export`, and a config file as `--policy-pack-config` takes it (the message names the key).",
  },
} as const satisfies ErrorCodeList;

/** One of the CLI's error codes. @see CLI_ERROR_CODES */
export type CliErrorCode = keyof typeof CLI_ERROR_CODES;

/** The base of every error the CLI stops with: a message for a person and a documented `code`. */
export class CliError extends CodedError<CliErrorCode> {
  override name = "CliError";
}

/** A wrong command line: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends CliError {
  override name = "UsageError";
  constructor(message: string) {
    super("ERR_USAGE", message);
  }
}
