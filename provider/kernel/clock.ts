/** The provider's notion of "now", for the decisions that depend on time (rotation periods, previous secrets). */
import { ConfigurationError } from "./config";
import { parseRfc3339 } from "./duration";

/**
 * Test hook: an RFC 3339 time that replaces the system clock. The engine starts the
 * dynamic-provider process with the CLI's environment, so a test sets it on `pulumi up` to move
 * the provider 90 days ahead without waiting. Leave it unset in real use.
 * @see currentTime
 */
export const TEST_NOW_VARIABLE = "PULUMI_PINGONE_TEST_NOW";

/**
 * Epoch milliseconds: the test hook's time when set, otherwise the system clock.
 * @see TEST_NOW_VARIABLE
 */
export function currentTime(env: NodeJS.ProcessEnv): number {
  const fixed = env[TEST_NOW_VARIABLE];
  if (fixed === undefined || fixed.trim() === "") return Date.now();
  const at = parseRfc3339(fixed.trim());
  if (at === undefined) {
    throw new ConfigurationError(
      `${TEST_NOW_VARIABLE} is ${JSON.stringify(fixed.slice(0, 40))}; allowed: an RFC 3339 time such as "2030-01-01T00:00:00Z" (a test hook: leave it unset in real use)`,
    );
  }
  return at;
}
