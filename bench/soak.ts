/**
 * `npm run soak`: the full fault soak (test/e2e/soak.ts) with 100 applications through the real
 * engine, under 10% 429, 5% 503, 2% connection resets before and 2% after commit, 20 s worker
 * tokens and 20 ms latency. Prints one summary line; exits non-zero, listing what broke, if
 * state and PingOne disagree anywhere or a secret leaked. `--apps N` and `--seed N` change the run.
 */
import { parseArgs } from "node:util";
import { runSoak, SOAK_FAULTS, soakProblems, summaryLine } from "../test/e2e/soak";

const MAX_APPS = 1000;

function positiveInteger(name: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new RangeError(`--${name} must be an integer from 1 to ${max}, got ${text}`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { apps: { type: "string", default: "100" }, seed: { type: "string", default: "1" } } });
  const report = await runSoak({
    apps: positiveInteger("apps", values.apps, MAX_APPS),
    seed: positiveInteger("seed", values.seed, Number.MAX_SAFE_INTEGER),
    faults: SOAK_FAULTS,
    engineLog: (line) => console.error(line),
  });
  console.log(summaryLine(report));
  const problems = soakProblems(report);
  for (const problem of problems) console.error(`soak: ${problem}`);
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
