/**
 * When a pending create may still reach PingOne (cli/inflight.ts), and what that means for
 * resolving it. The race itself, through the real engine, is in test/e2e/recover-race.spec.ts.
 */
import { strict as assert } from "node:assert";
import type { PendingCreate, StackExport } from "../../cli/checkpoint";
import { checkpointSavedAt, describeDeadline, IN_FLIGHT_MARGIN_MS, inFlightDeadline, timeoutSource } from "../../cli/inflight";
import { isResolved, type CreateFinding } from "../../cli/orphans";
import { RECONCILIATION_GRACE_MS } from "../../provider/http/client";

function exported(manifest: unknown): StackExport {
  return { version: 3, deployment: { manifest, resources: [], pending_operations: [] } };
}

const create: PendingCreate = {
  index: 0,
  urn: "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/pingone:Application::web",
  inputs: {},
  printableName: "web-1a2b3c4",
  generatedName: true,
};

describe("pulumi-pingone recover: the deadline of creates still in flight", () => {
  const saved = "2026-12-07T03:00:00.000Z";

  it("counts from the checkpoint's last save: + the operation timeout + the provider's reconciliation grace + the margin", () => {
    const checkpoint = exported({ time: saved, magic: "", version: "v3.259.0" });
    assert.equal(checkpointSavedAt(checkpoint), Date.parse(saved));
    const deadline = inFlightDeadline(checkpoint, 120_000, Date.parse(saved) + 1000);
    assert.equal(deadline.at, Date.parse(saved) + 120_000 + RECONCILIATION_GRACE_MS + IN_FLIGHT_MARGIN_MS);
    assert.equal(deadline.at - Date.parse(saved), 155_000, "155 s with the default timeout");
    assert.match(
      describeDeadline(deadline),
      /recorded by 2026-12-07T03:00:00.000Z \(the checkpoint's last save \(manifest.time\)\) may reach PingOne until 2026-12-07T03:02:35.000Z: 120 s operation timeout/,
    );
  });

  it("says where the operation timeout was read: only stack config is surely what pulumi up ran with", () => {
    const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
    assert.equal(timeoutSource(config({ "pingone:operationTimeout": "300" }), { PINGONE_OPERATION_TIMEOUT: "10" }), "stack config pingone:operationTimeout");
    assert.match(
      timeoutSource(config({}), { PINGONE_OPERATION_TIMEOUT: "10" }),
      /^PINGONE_OPERATION_TIMEOUT in this environment; if `pulumi up` ran with another PINGONE_OPERATION_TIMEOUT, run this with the same$/,
    );
    assert.match(timeoutSource(config({}), {}), /^the default; if `pulumi up` ran with another PINGONE_OPERATION_TIMEOUT/);
    const deadline = inFlightDeadline(exported({ time: saved }), 120_000, 0, timeoutSource(config({}), {}));
    assert.match(
      describeDeadline(deadline),
      /120 s operation timeout \(the default; if `pulumi up` ran with another PINGONE_OPERATION_TIMEOUT, run this with the same\)/,
    );
  });

  it("a short timeout shortens the grace too, as the provider's client does", () => {
    const deadline = inFlightDeadline(exported({ time: saved }), 4_000, 0);
    assert.equal(deadline.graceMs, 4_000);
    assert.equal(deadline.at, Date.parse(saved) + 4_000 + 4_000 + IN_FLIGHT_MARGIN_MS);
  });

  it("without a save time that parses, counts from now: never too short", () => {
    const now = Date.parse("2026-12-07T04:00:00Z");
    for (const manifest of [undefined, null, {}, { time: "yesterday" }, { time: 17 }]) {
      const deadline = inFlightDeadline(exported(manifest), 10_000, now);
      assert.equal(deadline.recordedBy, now, JSON.stringify(manifest));
      assert.match(deadline.recordedFrom, /^now/);
    }
  });

  it("while a create may still land, nothing resolves it: no candidate means only that its POST has not landed yet", () => {
    const empty: CreateFinding = { create, environmentId: "env", adoptedId: undefined, candidates: [] };
    assert.equal(isResolved(empty), true, "after the deadline: the create did not reach PingOne");
    assert.equal(isResolved(empty, new Set(), true), false, "before it: still in flight");
    const app = { id: "a1", name: "web-1a2b3c4" };
    const deleted: CreateFinding = { ...empty, candidates: [{ app, verdict: "orphan", differingFields: [], delete: true, keep: false }] };
    assert.equal(isResolved(deleted, new Set(), true), false, "a retried POST may still make a second one");
    const adopting: CreateFinding = { ...empty, adoptedId: "a2" };
    assert.equal(isResolved(adopting, new Set(), true), true, "an adoption makes nothing");
  });
});
