/**
 * `pulumi import` by id and `.get` with the provider plugin, through the real engine: objects made
 * out of band (an application, its openid grant, its sign-on policy assignment and its secret) are
 * imported with Terraform's ids, and the code the CLI generates previews with no change and no
 * request; `get` reads an application with its secret kept secret; and a stack of this package's
 * dynamic resources moves to the plugin by `pulumi state delete` plus `pulumi import`, with nothing
 * sent to PingOne but reads.
 */
import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { endpointPath, PROTOCOL } from "../../pingone";
import { TestClient } from "../emulator/helpers";
import { SEED_001 } from "../fixtures/seeds";
import { FIXTURE_PROJECT, setupE2E, stackOutputs, type E2E } from "./harness";
import { preparePluginHome, yamlProgram, yamlProject } from "./plugin-harness";

const TOKEN = (type: string): string => `pingone-oidc:index:${type}`;

describe("the provider plugin: pulumi import by Terraform's ids, .get, and moving a dynamic stack to the plugin", function () {
  this.timeout(900_000);
  let e2e: E2E;
  let client: TestClient;
  let env: string;
  const ids = { app: "", grant: "", assignment: "" };

  before(async () => {
    e2e = await setupE2E();
    await preparePluginHome(e2e);
    client = new TestClient(e2e.emulator);
    env = client.envId;
    ids.app = await client.createId({ ...SEED_001.body, name: "Imported Portal", protocol: PROTOCOL.OPENID_CONNECT });
    await client.grantOpenIdScopes(ids.app, ["profile", "email"]);
    const api = e2e.emulator.apiUrl;
    const grants = (await client.call("GET", `${api}${endpointPath("grants", { envId: env, appId: ids.app })}`)).body?._embedded as {
      grants: { id: string }[];
    };
    ids.grant = grants.grants[0].id;
    const policies = (await client.call("GET", `${api}${endpointPath("signOnPolicies", { envId: env })}`)).body?._embedded as {
      signOnPolicies: { id: string; name: string }[];
    };
    const singleFactor = policies.signOnPolicies.find((p) => p.name === "Single_Factor");
    const assigned = await client.call("POST", `${api}${endpointPath("signOnPolicyAssignments", { envId: env, appId: ids.app })}`, {
      signOnPolicy: { id: singleFactor?.id },
      priority: 1,
    });
    const assignmentId = assigned.body?.id;
    assert.equal(typeof assignmentId, "string");
    ids.assignment = assignmentId as string;
  });
  after(() => e2e?.close());

  it("imports an application, its grant, its assignment and its secret by Terraform's ids; the generated code previews with no change and no request", async () => {
    const cwd = yamlProject(e2e, "import", yamlProgram("plugin-import", {}));
    const stack = await e2e.newStack(cwd, "import");
    const imports: [string, string, string][] = [
      ["Application", "web", `${env}/${ids.app}`],
      ["ApplicationResourceGrant", "webOpenid", `${env}/${ids.app}/${ids.grant}`],
      ["ApplicationSignOnPolicyAssignment", "webSignOn", `${env}/${ids.app}/${ids.assignment}`],
      ["ApplicationSecret", "webSecret", `${env}/${ids.app}`],
    ];
    const resources: Record<string, unknown> = {};
    e2e.emulator.resetCounters();
    for (const [type, name, id] of imports) {
      const out = join(cwd, `${name}.yaml`);
      await e2e.ok(["import", TOKEN(type), name, id, "--yes", "--protect=false", "--out", out, "--stack", stack], cwd);
      Object.assign(resources, (parse(readFileSync(out, "utf8")) as { resources: Record<string, unknown> }).resources);
    }
    const writes = Object.keys(e2e.emulator.counters().byRoute).filter((route) => /^(PUT|POST|DELETE) \/v1/.test(route));
    assert.deepEqual(writes, [], "an import only reads");
    writeFileSync(join(cwd, "Pulumi.yaml"), yamlProgram("plugin-import", resources));
    e2e.emulator.resetCounters();
    await e2e.ok(["preview", "--expect-no-changes", "--stack", stack], cwd);
    assert.equal(e2e.emulator.counters().total, 0, "a no-op preview of the imported stack sends nothing");
    const exported = (await e2e.ok(["stack", "export", "--stack", stack], cwd)).stdout;
    const secret = (await client.call("GET", `${e2e.emulator.apiUrl}${endpointPath("secret", { envId: env, appId: ids.app })}`)).body?.secret;
    assert.ok(typeof secret === "string" && secret.length > 0);
    assert.ok(!exported.includes(secret), "the imported secret is encrypted in state");
    const state = (JSON.parse(exported) as { deployment: { resources: { type: string; id?: string }[] } }).deployment.resources;
    assert.deepEqual(
      state.filter((r) => r.type.startsWith("pingone-oidc:index:")).map((r) => [r.type, r.id]),
      [
        [TOKEN("Application"), ids.app],
        [TOKEN("ApplicationResourceGrant"), ids.grant],
        [TOKEN("ApplicationSignOnPolicyAssignment"), ids.assignment],
        [TOKEN("ApplicationSecret"), ids.app],
      ],
      "each resource keeps PingOne's own id",
    );
    await e2e.ok(["state", "delete", "--all", "--yes", "--force", "--stack", stack], cwd);
  });

  it("an import id that is not Terraform's is refused with the expected form", async () => {
    const cwd = yamlProject(e2e, "import-bad", yamlProgram("plugin-import-bad", {}));
    const stack = await e2e.newStack(cwd, "bad");
    const result = await e2e.run(["import", TOKEN("ApplicationResourceGrant"), "g", ids.grant, "--yes", "--stack", stack], cwd);
    assert.notEqual(result.code, 0);
    assert.match(`${result.stdout}${result.stderr}`, /the import id is <environmentId>\/<applicationId>\/<applicationResourceGrantId>, as for Terraform/);
  });

  it("get reads an application by id: its outputs, and its secret as a secret", async () => {
    const cwd = yamlProject(
      e2e,
      "get",
      yamlProgram(
        "plugin-get",
        { existing: { type: TOKEN("Application"), get: { id: `${env}/${ids.app}` } } },
        { name: "${existing.name}", secret: "${existing.clientSecret}" },
      ),
    );
    const stack = await e2e.newStack(cwd, "get");
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
    const out = await stackOutputs(e2e, cwd, stack);
    assert.equal(out.name, "Imported Portal");
    const shown = (await e2e.ok(["stack", "output", "--json", "--stack", stack], cwd)).stdout;
    assert.match(shown, /"secret": "\[secret\]"/);
    assert.ok(!(await e2e.ok(["stack", "export", "--stack", stack], cwd)).stdout.includes(String(out.secret)));
  });

  it("moves a stack of dynamic resources to the plugin: state delete, then import by id; nothing is written to PingOne", async () => {
    const dynamicStack = await e2e.newStack(FIXTURE_PROJECT, "dynamic");
    await e2e.ok(["config", "set", "apps", JSON.stringify({ moving: { ...SEED_001.body, name: "Moving Portal" } }), "--stack", dynamicStack], FIXTURE_PROJECT);
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", dynamicStack], FIXTURE_PROJECT);
    const appId = String(((await stackOutputs(e2e, FIXTURE_PROJECT, dynamicStack)).moving as { id: string }).id);
    e2e.emulator.resetCounters();
    const urn = `urn:pulumi:${dynamicStack}::pingone-e2e::pulumi-nodejs:dynamic/pingone:Application::moving`;
    await e2e.ok(["state", "delete", urn, "--yes", "--stack", dynamicStack], FIXTURE_PROJECT);
    const cwd = yamlProject(e2e, "moved", yamlProgram("plugin-moved", {}));
    const stack = await e2e.newStack(cwd, "moved");
    const out = join(cwd, "moving.yaml");
    await e2e.ok(["import", TOKEN("Application"), "moving", `${env}/${appId}`, "--yes", "--protect=false", "--out", out, "--stack", stack], cwd);
    writeFileSync(
      join(cwd, "Pulumi.yaml"),
      yamlProgram("plugin-moved", (parse(readFileSync(out, "utf8")) as { resources: Record<string, unknown> }).resources),
    );
    await e2e.ok(["preview", "--expect-no-changes", "--stack", stack], cwd);
    const writes = Object.keys(e2e.emulator.counters().byRoute).filter((route) => /^(PUT|POST|DELETE) \/v1/.test(route));
    assert.deepEqual(writes, [], "the move only reads");
    assert.ok(
      e2e.emulator.applications().some((a) => a.id === appId),
      "the application was never deleted",
    );
    await e2e.ok(["destroy", "--yes", "--skip-preview", "--stack", stack], cwd);
    assert.equal(
      e2e.emulator.applications().some((a) => a.id === appId),
      false,
      "the plugin now manages it",
    );
  });
});
