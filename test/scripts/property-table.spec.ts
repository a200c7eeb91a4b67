/**
 * The README's property table is rendered from the field table: a field added, changed or removed
 * in pingone/fields.ts without `npm run docs` fails here, in CI.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TOP_LEVEL_FIELDS } from "../../pingone";
import { REPO_ROOT } from "../../scripts/engine";
import { renderPropertyTable, withRenderedTable } from "../../scripts/property-table";

describe("README property table", () => {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");

  it("is the one rendered from the field table (run `npm run docs` after changing pingone/fields.ts)", () => {
    assert.equal(readme, withRenderedTable(readme));
  });

  it("has a row for every top-level field, environmentId, adoptId and exposeSecret", () => {
    const table = renderPropertyTable();
    for (const field of ["environmentId", ...TOP_LEVEL_FIELDS, "adoptId", "exposeSecret"]) assert.match(table, new RegExp(`^\\| \`${field}\` \\|`, "m"), field);
  });
});
