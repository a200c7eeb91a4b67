/**
 * `findUnknown`, which finds the engine's unknown placeholder in a resource's inputs before any
 * request: the path of the first one, at any depth, without recursion.
 */
import { strict as assert } from "node:assert";
import { findUnknown, UNKNOWN_SENTINEL } from "../../../provider/kernel/values";

describe("findUnknown", () => {
  it("names the path of the first unknown value, at any depth, without recursion", () => {
    assert.equal(findUnknown({ corsSettings: { origins: ["https://a.example.com", UNKNOWN_SENTINEL] } }), "corsSettings.origins[1]");
    assert.equal(findUnknown({ name: "web" }), undefined);
    let deep: unknown = [UNKNOWN_SENTINEL];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.match(findUnknown({ responseTypes: deep }) ?? "", /^responseTypes(\[0\]){100001}$/);
  });
});
