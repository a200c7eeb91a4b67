/** A command's flags, parsed the one way every `pulumi-pingone` command parses them. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./errors";

type FlagOptions = NonNullable<ParseArgsConfig["options"]>;

/**
 * Strict flags, no positionals: an unknown flag or a missing value is a `UsageError`, which the
 * CLI prints with the command's usage and exit status 2.
 * @see https://nodejs.org/api/util.html#utilparseargsconfig
 */
export function parseFlags<const T extends FlagOptions>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, strict: true as const, allowPositionals: false as const, options }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
