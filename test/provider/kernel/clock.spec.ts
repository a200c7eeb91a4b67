/**
 * The provider's clock: the system clock, or the time in PULUMI_PINGONE_TEST_NOW, which the
 * rotation tests use to move time without waiting.
 */
import { strict as assert } from "node:assert";
import { currentTime, TEST_NOW_VARIABLE } from "../../../provider/kernel/clock";
import { coded } from "../../helpers/errors";

const NOW = Date.parse("2031-01-01T00:00:00.000Z");

describe("the clock", () => {
  it("the clock's test hook replaces the system clock, and a bad value is an error naming the variable", () => {
    assert.equal(currentTime({ [TEST_NOW_VARIABLE]: "2031-01-01T00:00:00Z" }), NOW);
    const before = Date.now();
    const real = currentTime({});
    assert.ok(real >= before && real <= Date.now());
    assert.throws(
      () => currentTime({ [TEST_NOW_VARIABLE]: "next tuesday" }),
      coded("ERR_CONFIGURATION", /PULUMI_PINGONE_TEST_NOW is "next tuesday"; allowed: an RFC 3339 time/),
    );
  });
});
