/**
 * A small fault soak in `npm test` (the full one is `npm run soak`): 20 applications through the
 * real engine while the emulator injects faults at the soak's rates, plus scripted faults that make
 * sure every risky path is hit at least once whatever the draw: a create committed but unanswered
 * (reconciled, not repeated), a create dropped before it ran, updates and deletes committed but
 * unanswered, a 503 on a secret read and on the token endpoint.
 */
import { strict as assert } from "node:assert";
import type { ScriptedFault } from "../../emulator";
import { runSoak, SOAK_FAULTS, soakProblems, summaryLine } from "./soak";

const APPS = /\/applications$/.source;

const SCRIPT: ScriptedFault[] = [
  { match: { method: "POST", path: APPS }, fault: { reset: "after-commit" }, times: 2 },
  { match: { method: "POST", path: APPS }, fault: { reset: "before" } },
  { match: { method: "PUT" }, fault: { reset: "after-commit" }, times: 2 },
  { match: { method: "DELETE" }, fault: { reset: "after-commit" }, times: 2 },
  { match: { method: "GET", path: /\/secret$/.source }, fault: { status: 503 } },
  { match: { path: /\/as\/token$/.source }, fault: { status: 503 } },
];

describe("fault soak through the Pulumi engine", function () {
  this.timeout(300_000);

  it("20 apps under 429s, 503s, resets before and after commit, 20 s tokens and latency: after create, update, no-op preview, refresh and destroy, state and PingOne agree exactly and no secret shows in state or output", async () => {
    const report = await runSoak({ apps: 20, seed: 7, faults: { ...SOAK_FAULTS, script: SCRIPT } });
    console.log(`      ${summaryLine(report)}`);
    assert.deepEqual(soakProblems(report), []);
    assert.ok(report.ambiguousCreates >= 3, `the scripted ambiguous creates happened (${report.ambiguousCreates})`);
    assert.equal(report.audits.at(-1)?.inEmulator, 0, "destroy leaves no app");
  });
});
