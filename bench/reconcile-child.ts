/**
 * The process whose memory the reconciliation bench (bench/reconcile.ts) measures: it creates one
 * application through the provider's lifecycle, as the engine's provider process would, and prints
 * one line of JSON with the outcome and its peak resident set (`process.resourceUsage().maxRSS`).
 * Its settings come from PINGONE_* in its environment; its one argument is the application's name.
 */
import { performance } from "node:perf_hooks";
import { ApplicationLifecycle } from "../provider/application/lifecycle";
import { SEED_001 } from "../test/fixtures/seeds";

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) throw new Error("usage: reconcile-child <application name>");
  const provider = new ApplicationLifecycle({ env: process.env });
  const checked = await provider.check({}, { ...SEED_001.body, name, __autoname: "reconcile" });
  if (checked.failures.length > 0) throw new Error(checked.failures.map((f) => f.reason).join("; "));
  // What the process holds before the create: the floor the reconciliation adds to.
  const startRssKb = Math.round(process.memoryUsage().rss / 1024);
  const start = performance.now();
  let id: string | undefined;
  let error: string | undefined;
  try {
    id = (await provider.create(checked.inputs)).id;
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const ms = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ id, error, ms, startRssKb, maxRssKb: process.resourceUsage().maxRSS })}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
