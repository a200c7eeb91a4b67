/**
 * The plugin starts fast: the engine starts `pulumi-resource-pingone-oidc` for every `pulumi`
 * command that uses it (and the YAML host starts one more to read the schema), so what its entry
 * module loads is paid each time. The Node SDK's provider server (`@pulumi/pulumi/provider`) loads
 * in about 0.25 s; the whole SDK (`@pulumi/pulumi`, which a component needs to declare resources)
 * takes about 1.1 s more on the machines this repository is tested on, so it is loaded only when
 * the engine asks the plugin to `construct` an OidcClient (plugin/provider.ts).
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const PLUGIN_DIST = join(__dirname, "..", "..", "plugin");

describe("the provider plugin's start", () => {
  it("loads what its entry module imports without the whole Pulumi SDK", async () => {
    const entry = readFileSync(join(PLUGIN_DIST, "main.js"), "utf8");
    const imports = [...entry.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    assert.ok(imports.includes("./provider") && imports.includes("./schema"), "the entry's imports were read");
    const script = [
      `for (const m of ${JSON.stringify(imports)}) require(m.startsWith(".") ? require("path").join(${JSON.stringify(PLUGIN_DIST)}, m) : m);`,
      `const sdk = require.resolve("@pulumi/pulumi", { paths: [${JSON.stringify(PLUGIN_DIST)}] });`,
      "process.stdout.write(JSON.stringify(sdk in require.cache));",
    ].join("\n");
    const { stdout } = await run(process.execPath, ["-e", script], { cwd: PLUGIN_DIST });
    assert.equal(stdout, "false", "the entry's imports loaded @pulumi/pulumi's index (the whole SDK)");
  });
});
