/**
 * The documented lists of error codes: docs/errors.md is the one rendered from them, and every code
 * in them is one the code can throw (no dead entry a reader would look for in vain).
 */
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { CLI_ERROR_CODES } from "../../cli/errors";
import { PROVIDER_ERROR_CODES } from "../../provider/kernel/error-codes";
import { REPO_ROOT } from "../../scripts/engine";
import { withRenderedErrorCodes } from "../../scripts/property-table";

/** Every TypeScript source under `folder`, by its path from the repository root. */
function sources(folder: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts")) found.set(relative(REPO_ROOT, path), readFileSync(path, "utf8"));
    }
  };
  walk(join(REPO_ROOT, folder));
  return found;
}

describe("error codes", () => {
  it("docs/errors.md is the one rendered from the lists (run `npm run docs` after changing one)", () => {
    const doc = readFileSync(join(REPO_ROOT, "docs", "errors.md"), "utf8");
    assert.equal(doc, withRenderedErrorCodes(doc));
  });

  it("the README links docs/errors.md", () => {
    assert.match(readFileSync(join(REPO_ROOT, "README.md"), "utf8"), /\]\(docs\/errors\.md\)/);
  });

  for (const [folder, codes, list] of [
    ["provider", PROVIDER_ERROR_CODES, "provider/kernel/error-codes.ts"],
    ["cli", CLI_ERROR_CODES, "cli/errors.ts"],
  ] as const) {
    it(`every code of ${list} is thrown somewhere in ${folder}/`, () => {
      const code = [...sources(folder)].filter(([path]) => path !== list).map(([, text]) => text);
      for (const name of Object.keys(codes))
        assert.ok(
          code.some((text) => text.includes(`"${name}"`)),
          `${name} is listed but nothing in ${folder}/ throws it`,
        );
    });
  }
});
