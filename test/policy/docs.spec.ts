/**
 * The pack's README and example config stay in step with the rules. The rule table lives in
 * policy/README.md only; the repository README links to it.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { allPolicies, buildPolicies, type PolicyOverrides, ruleByName } from "../../policy/rules";

// Compiled to dist/test/policy, so the repository root is three levels up.
const root = resolve(__dirname, "../../..");

describe("policy pack documentation", () => {
  it("lists every rule in the policy/README.md table with its code and default level", () => {
    const readme = readFileSync(resolve(root, "policy/README.md"), "utf8");
    for (const rule of allPolicies) {
      const row = readme.split("\n").find((line) => line.includes(`| \`${rule.name}\` |`));
      assert.ok(row, `${rule.name} missing from the README table`);
      assert.ok(row.startsWith(`| ${rule.code} |`), `${rule.name}: code`);
      assert.ok(row.includes(`| ${rule.enforcementLevel} |`), `${rule.name}: level`);
    }
  });

  it("keeps the rule table in policy/README.md only, linked from the README", () => {
    const readme = readFileSync(resolve(root, "README.md"), "utf8");
    assert.match(readme, /\]\(policy\/README\.md#rules\)/);
    for (const rule of allPolicies) assert.ok(!readme.includes(`| \`${rule.name}\` |`), `${rule.name}: a second copy of its row in README.md`);
  });

  it("has an example config whose rule names, levels and parameters the rules accept", () => {
    const example = JSON.parse(readFileSync(resolve(root, "policy/config.example.json"), "utf8")) as PolicyOverrides;
    const built = buildPolicies(example);
    assert.equal(ruleByName("pkce-required-for-public-clients", built)?.enforcementLevel, "remediate");
    assert.equal(ruleByName("refresh-token-lifetime-bounded", built)?.configSchema.properties.publicMaxIdleSeconds.default, 86400);
  });

  it("points PulumiPolicy.yaml and package.json at the compiled entry", () => {
    const yaml = readFileSync(resolve(root, "policy/PulumiPolicy.yaml"), "utf8");
    assert.match(yaml, /^runtime: nodejs$/m);
    assert.match(yaml, /^main: \.\.\/dist\/policy\/index\.js$/m);
    const pkg = JSON.parse(readFileSync(resolve(root, "policy/package.json"), "utf8")) as Record<string, unknown>;
    assert.equal(pkg.name, "pulumi-pingone-policy");
    assert.equal(typeof pkg.version, "string");
    assert.equal(pkg.private, true);
    assert.deepEqual(Object.keys(pkg.dependencies as object).sort(), ["@pulumi/policy", "@pulumi/pulumi"]);
  });
});
