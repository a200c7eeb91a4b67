/**
 * `excerpt`, the one helper every message uses to quote a value: short values whole, long ones
 * cut at 200 characters with a marker, and never more work than what it shows.
 */
import { strict as assert } from "node:assert";
import { excerpt, EXCERPT_CHARS as EXCERPT_LENGTH } from "../../../provider/kernel/excerpt";

describe("excerpt", () => {
  it("quotes short values whole, as JSON", () => {
    assert.equal(excerpt("https://app.example.com/cb"), '"https://app.example.com/cb"');
    assert.equal(excerpt(42), "42");
    assert.equal(excerpt(null), "null");
    assert.equal(excerpt(undefined), "undefined");
    assert.equal(excerpt({ type: "ANY_GROUP", groups: [{ id: "g" }] }), '{"type":"ANY_GROUP","groups":[{"id":"g"}]}');
  });

  it("cuts a long string at 200 characters and says how long it was", () => {
    const text = excerpt("a".repeat(10 * 1024 * 1024));
    assert.ok(text.length <= EXCERPT_LENGTH + 40, `${text.length} characters`);
    assert.match(text, /^"a{200}…\(10485760 characters, cut\)$/);
  });

  it("cuts a string whose escapes make it long", () => {
    const text = excerpt("\u0001".repeat(150));
    assert.ok(text.length <= EXCERPT_LENGTH + 40, `${text.length} characters`);
    assert.match(text, /…\(150 characters, cut\)$/);
  });

  it("cuts wide and deep lists and objects without reading all of them", () => {
    const wide = excerpt(new Array<string>(1_000_000).fill("https://app.example.com/cb"));
    assert.ok(wide.length <= EXCERPT_LENGTH + 10 && wide.endsWith("…(cut)"), wide);
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = { group: deep };
    assert.equal(excerpt(deep), '{"group":{"group":{"group":{"group":{…}}}}}');
  });
});
