/**
 * Duration and time parsing for rotation settings and timeouts: Go-style durations (d, h, m, s)
 * and RFC 3339 times with an explicit offset, nothing looser.
 */
import { strict as assert } from "node:assert";
import { formatDuration, parseDuration, parseRfc3339 } from "../../../provider/kernel/duration";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse("2031-01-01T00:00:00.000Z");

describe("durations and times", () => {
  it("parses Go-style durations with d, h, m, s; rejects anything else", () => {
    assert.equal(parseDuration("24h"), DAY);
    assert.equal(parseDuration("2160h"), 90 * DAY);
    assert.equal(parseDuration("90d"), 90 * DAY);
    assert.equal(parseDuration("1h30m"), 90 * 60_000);
    assert.equal(parseDuration("1.5h"), 90 * 60_000);
    assert.equal(parseDuration("90s"), 90_000);
    for (const bad of ["", "24", "h", "24 h", "-1h", "1w", "1ms", "P1D", "24H"]) assert.equal(parseDuration(bad), undefined, bad);
    assert.equal(formatDuration(30 * DAY), "30d");
    assert.equal(formatDuration(36 * HOUR), "36h");
    assert.equal(formatDuration(60_000), "1m");
  });

  it("parses RFC 3339 times with an explicit offset only", () => {
    assert.equal(parseRfc3339("2031-01-01T00:00:00Z"), NOW);
    assert.equal(parseRfc3339("2031-01-01T01:00:00.000+01:00"), NOW);
    for (const bad of ["2031-01-01", "2031-01-01T00:00:00", "Jan 1 2031", "2031-13-45T00:00:00Z"]) assert.equal(parseRfc3339(bad), undefined, bad);
  });
});
