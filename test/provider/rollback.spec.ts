/**
 * After a rollback: the state's record of what the program set (`__managedFields`) is written as
 * one string since 86d74fd. A build that reads only the object form (f4f17e2 and earlier) turns
 * that string into `{}` on `pulumi refresh`: its `read` passes the record through
 * `previousDigests`, which returns `{}` for anything but an object (f4f17e2's provider/diff.ts and
 * provider/lifecycle.ts `read`). Seen through the real engine with that build's package.
 *
 * The state's inputs still hold what the program set at the last step, and `check` gets them as
 * its olds. These tests pin that this version rebuilds the record from them, so a property the
 * program stops setting, or changes inside an object, is planned and sent as PingOne needs.
 */
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator";
import type { ApplicationLifecycle } from "../../provider/application/lifecycle";
import { SEED_001 } from "../fixtures/seeds";
import { checked, lifecycleFor, totalRequests, withEmulator } from "../helpers/emulator";

type Props = Record<string, unknown>;

/** The outputs as a `pulumi refresh` by an f4f17e2 build leaves them: the record emptied, the rest as read. */
function refreshedByF4f17e2(outs: Props): Props {
  return { ...outs, __managedFields: {} };
}

describe("Application: the record of managed properties after a rollback to a build that empties it", () => {
  let emulator: RunningEmulator;
  let provider: ApplicationLifecycle;

  before(async () => {
    emulator = await withEmulator();
    provider = lifecycleFor(emulator);
  });
  after(() => emulator.close());

  async function create(news: Props): Promise<{ id: string; inputs: Props; outs: Props }> {
    const inputs = await checked(provider, news);
    const result = await provider.create(inputs);
    return { id: result.id, inputs, outs: result.outs };
  }

  it("a property the program no longer sets is a change, and the PUT resets it; the update writes the record again", async () => {
    const { id, inputs, outs } = await create({ ...SEED_001.body, description: "set by the program", __autoname: "rolled-back" });
    const lost = refreshedByF4f17e2(outs);
    const { description: _removed, ...withoutDescription } = SEED_001.body;
    const news = await checked(provider, { ...withoutDescription, __autoname: "rolled-back" }, inputs);
    emulator.resetCounters();
    assert.equal((await provider.diff(id, lost, news)).changes, true, "the removed description is planned");
    assert.equal(totalRequests(emulator), 0, "diff asks nothing");
    const { outs: updated } = await provider.update(id, lost, news);
    assert.equal(emulator.applications().find((a) => a.id === id)?.description, undefined, "PingOne no longer holds the description");
    assert.equal(typeof updated.__managedFields, "string");
    assert.doesNotMatch(String(updated.__managedFields), /description:/);
    const settled = await checked(provider, { ...withoutDescription, __autoname: "rolled-back" }, news);
    assert.equal((await provider.diff(id, updated, settled)).changes, false, "and the next plan is settled");
  });

  it("a key removed inside an object is a change too", async () => {
    const group = { type: "ANY_GROUP", groups: [{ id: "5f1c0de7-2b0a-4b8e-9a53-0d6c1f2a7b11" }] };
    const { id, inputs, outs } = await create({
      ...SEED_001.body,
      accessControl: { role: { type: "ADMIN_USERS_ONLY" }, group },
      __autoname: "rolled-back-nested",
    });
    const news = await checked(provider, { ...SEED_001.body, accessControl: { group }, __autoname: "rolled-back-nested" }, inputs);
    assert.equal((await provider.diff(id, refreshedByF4f17e2(outs), news)).changes, true);
    const { outs: updated } = await provider.update(id, refreshedByF4f17e2(outs), news);
    assert.deepEqual(updated.accessControl, { group });
  });

  it("CHANGELOG.md's repair for a property removed while on the old build: set it to another value and up, then remove it and up", async () => {
    const { description: _removed, ...withoutDescription } = SEED_001.body;
    for (const label of ["emptied record", "old build's record"] as const) {
      const name = `repair-${label.replaceAll(/\W+/g, "-")}`;
      const { id, outs } = await create({ ...SEED_001.body, __autoname: name });
      // What the old build left: PingOne holds the description, the state's inputs do not name it, and
      // the record is either emptied by its refresh or, after one of its updates, its object form without description.
      const oldInputs = await checked(provider, { ...withoutDescription, __autoname: name });
      const pairs = String(outs.__managedFields)
        .split(",")
        .filter((pair) => !pair.startsWith("description:"))
        .map((pair): [string, string] => [pair.split(":")[0] ?? "", pair.split(":")[1] ?? ""]);
      const recorded = { ...outs, __managedFields: label === "emptied record" ? {} : Object.fromEntries(pairs) };
      const again = await checked(provider, { ...withoutDescription, __autoname: name }, oldInputs);
      assert.equal((await provider.diff(id, recorded, again)).changes, false, `${label}: the removal is not seen (what the repair is for)`);

      const other = await checked(provider, { ...withoutDescription, description: "temporary", __autoname: name }, oldInputs);
      assert.equal((await provider.diff(id, recorded, other)).changes, true, `${label}: another value is a change`);
      const { outs: repaired } = await provider.update(id, recorded, other);
      const removed = await checked(provider, { ...withoutDescription, __autoname: name }, other);
      assert.equal((await provider.diff(id, repaired, removed)).changes, true, `${label}: removing it is now a change`);
      await provider.update(id, repaired, removed);
      assert.equal(emulator.applications().find((a) => a.id === id)?.description, undefined, `${label}: PingOne no longer holds it`);
    }
  });

  it("an unchanged program plans nothing and its checked inputs are exactly the state's (no new key in state)", async () => {
    const { id, inputs, outs } = await create({ ...SEED_001.body, __autoname: "rolled-back-same" });
    const again = await checked(provider, { ...SEED_001.body, __autoname: "rolled-back-same" }, inputs);
    assert.deepEqual(again, inputs);
    assert.equal((await provider.diff(id, refreshedByF4f17e2(outs), again)).changes, false);
  });
});
