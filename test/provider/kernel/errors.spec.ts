/**
 * ResourceInitError's state reaches the engine through `Struct.fromJavaScript` (both the dynamic
 * host's and the plugin server's `grpcResponseFromError`), which refuses `undefined`; a refusal
 * there happens inside the host's own `catch`, so the engine would never get an answer.
 */
import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceInitError } from "../../../provider/kernel/errors";

describe("ResourceInitError", () => {
  it("keeps only defined values at any depth, so the host can send its state", () => {
    const error = new ResourceInitError("rotated, but the answer was lost", "app-1", {
      secret: "s",
      pending: { trigger: "t", startedAt: "2026-12-07T00:00:00.000Z", expiresAt: undefined },
      list: [1, undefined, 2],
      gone: undefined,
    });
    assert.deepEqual(error.properties, { secret: "s", pending: { trigger: "t", startedAt: "2026-12-07T00:00:00.000Z" }, list: [1, 2] });
    assert.doesNotThrow(() => Struct.fromJavaScript(error.properties as Parameters<typeof Struct.fromJavaScript>[0]));
  });
});
