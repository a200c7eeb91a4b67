/**
 * `pulumi-pingone audit` against the emulator over real HTTP: the pack's rules over a hand-made
 * environment (test/fixtures/adopt.ts), as a table, JSON and SARIF 2.1.0 (validated against the
 * official schema with a real JSON-schema validator), its exit statuses, and each bad input.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { audit, parseAuditArgs, type AuditOptions } from "../../cli/audit/audit";
import { pingOneEnvironment } from "../../emulator";
import { allRules } from "../../policy/rules";
import { clearTokenCache } from "../../provider/http/client";
import { REPO_ROOT } from "../../scripts/engine";
import { withEmulator, type TestClient } from "../emulator/helpers";
import { assertCliCoded, rejectionOf } from "../helpers/errors";
import { HostileProxy } from "../helpers/hostile-proxy";
import { HAND_MADE_APPS, seedHandMadeEnvironment, type HandMadeApp } from "../fixtures/adopt";
import { LABELLED_CASES } from "../fixtures/audit-labelled";
import { BRIDGE, bridgeStack, type StackResource } from "../fixtures/bridge-stacks";
import { analyze } from "../policy/analyzer";

const run = promisify(execFile);

interface JsonReport {
  findings: {
    code: string;
    rule: string;
    level: string;
    application: { id: string; name: string };
    resource: { name: string };
    message: string;
    helpUri: string;
  }[];
  skipped: { id: string }[];
}

describe("pulumi-pingone audit: the pack's rules over a live environment", function () {
  this.timeout(120_000);
  let client: TestClient;
  let ids: Record<HandMadeApp, string>;
  /** A single-page app made by hand without PKCE: a mandatory finding. */
  let weakSpa: string;
  let dir: string;

  const options = (overrides: Partial<AuditOptions> = {}): AuditOptions => ({
    format: "json",
    selection: { names: [], ids: [], types: [] },
    cwd: dir,
    pulumiPath: "pulumi",
    ...overrides,
  });

  async function report(overrides: Partial<AuditOptions> = {}): Promise<{ status: number; text: string }> {
    let text = "";
    const status = await audit(options(overrides), { out: (t) => (text += t), err: () => undefined, env: pingOneEnvironment(client.emu), progress: false });
    return { status, text };
  }

  before(async () => {
    clearTokenCache();
    client = await withEmulator();
    ids = await seedHandMadeEnvironment(client);
    weakSpa = await client.createId({ ...HAND_MADE_APPS.spa, name: "Old SPA", pkceEnforcement: "OPTIONAL" });
    dir = mkdtempSync(join(tmpdir(), "pingone-audit-"));
  });
  after(async () => {
    await client.emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("judges every OIDC app with the pack's rules: a mandatory finding makes the exit status 1; the SAML app is skipped", async () => {
    const { status, text } = await report();
    const json = JSON.parse(text) as JsonReport;
    assert.equal(status, 1);
    assert.deepEqual(
      json.skipped.map((s) => s.id),
      [ids.saml],
    );
    const levels = (id: string) => json.findings.filter((f) => f.application.id === id).map((f) => `${f.level} ${f.code}`);
    // A public client without PKCE is blocked; seed 001's web app without it is advised; the SPA requiring S256 is not flagged for PKCE.
    assert.ok(levels(weakSpa).includes("mandatory R08"), JSON.stringify(levels(weakSpa)));
    assert.ok(levels(ids.web).includes("advisory R10"), JSON.stringify(levels(ids.web)));
    assert.equal(
      levels(ids.spa).some((l) => l.endsWith("R08")),
      false,
    );
    assert.equal(
      levels(ids.native).some((l) => l.endsWith("R29")),
      false,
      "replay protection on, as PingOne created it",
    );
    for (const f of json.findings) {
      const rule = allRules.find((r) => r.name === f.rule);
      if (rule) assert.equal(f.helpUri, rule.url);
      assert.ok(f.message.includes("Fix:"), f.message);
    }
    assert.equal(
      json.findings.some((f) => f.application.id === ids.saml),
      false,
    );
  });

  it("the same config file as --policy-pack-config: a rule disabled, everything advisory (exit 0), an unknown rule refused", async () => {
    const before = JSON.parse((await report()).text) as JsonReport;
    const first = before.findings[0];
    writeFileSync(join(dir, "off.json"), JSON.stringify({ [first.rule]: "disabled" }));
    const off = JSON.parse((await report({ config: "off.json" })).text) as JsonReport;
    assert.equal(
      off.findings.some((f) => f.rule === first.rule),
      false,
    );
    writeFileSync(join(dir, "advisory.json"), JSON.stringify({ all: "advisory" }));
    const advisory = await report({ config: "advisory.json" });
    assert.equal(advisory.status, 0, "advisory findings alone exit 0");
    assert.ok((JSON.parse(advisory.text) as JsonReport).findings.every((f) => f.level === "advisory"));
    writeFileSync(join(dir, "unknown.json"), JSON.stringify({ "no-such-rule": "mandatory" }));
    assertCliCoded(await rejectionOf(report({ config: "unknown.json" })), "ERR_AUDIT_INPUT", '"no-such-rule"', "is not a policy of this pack");
    writeFileSync(join(dir, "param.json"), JSON.stringify({ [first.rule]: { enforcementLevel: "mandatory", noSuchParam: 1 } }));
    assertCliCoded(await rejectionOf(report({ config: "param.json" })), "ERR_AUDIT_INPUT", "noSuchParam");
  });

  it("--from-state judges a Terraform-bridge stack's export as the pack does at preview: Terraform's defaults, scope ids not judged", async () => {
    const cases = LABELLED_CASES.filter((c) =>
      ["spa-no-replay-protection", "worker-openid-scopes", "web-openid-scope-granted", "web-secret-long-overlap"].includes(c.name),
    );
    const stack = cases.flatMap(bridgeStack);
    const urn = (r: StackResource) => `urn:pulumi:prod::bridged::${r.type}::${r.name}`;
    const resources: { urn: string; type: string; id: string; inputs: Record<string, unknown>; outputs: object; propertyDependencies: object }[] = stack.map(
      (r) => ({
        urn: urn(r),
        type: r.type,
        id: `${r.name}-id`,
        inputs: { ...r.props, ...(r.applicationFrom === undefined ? {} : { applicationId: `${r.applicationFrom}-id` }) },
        outputs: {},
        propertyDependencies: r.applicationFrom === undefined ? {} : { applicationId: [urn(stack.find((a) => a.name === r.applicationFrom) as StackResource)] },
      }),
    );
    const saml = { urn: "urn:pulumi:prod::bridged::pingone:index/application:Application::intranet", type: BRIDGE.application, id: "saml-id" };
    resources.push({
      ...saml,
      inputs: { name: "Intranet", samlOptions: { acsUrls: ["https://intranet.example.com/acs"] } },
      outputs: {},
      propertyDependencies: {},
    });
    writeFileSync(join(dir, "bridge-state.json"), JSON.stringify({ version: 3, deployment: { resources } }));
    const { text } = await report({ fromState: "bridge-state.json" });
    const json = JSON.parse(text) as JsonReport & { notJudged: { rule: string; resource: string; reason: string }[] };
    const found = [...new Set(json.findings.map((f) => `${f.rule}|${f.application.name}`))].sort();
    const atPreview = (await analyze(stack)).filter((d) => !d.message.startsWith("can't run"));
    assert.deepEqual(found, [...new Set(atPreview.map((d) => `${d.policy}|${d.resource.replace(/-(openid|sign-on|secret)$/, "")}`))].sort());
    assert.ok(found.includes("public-client-refresh-token-replay-protection|spa-no-replay-protection"));
    assert.ok(found.includes("openid-scopes-need-user-sign-in|worker-openid-scopes"));
    assert.ok(found.includes("client-secret-rotation|web-secret-long-overlap"));
    assert.deepEqual(
      json.notJudged.map((u) => [u.rule, u.resource]),
      [
        ["openid-scope-not-granted", "worker-openid-scopes-openid"],
        ["openid-scope-not-granted", "web-openid-scope-granted-openid"],
      ],
    );
    assert.match(json.notJudged[0].reason, /scopes as ids/);
    assert.deepEqual(
      json.skipped.map((k) => k.id),
      ["saml-id"],
      "a bridge application that is not OIDC is listed as skipped",
    );
  });

  it("SARIF 2.1.0: valid against the official schema; ruleId is the code, level error or warning, helpUri the source, a logical location per app", async () => {
    const { text } = await report({ format: "sarif" });
    const sarif = JSON.parse(text) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string; helpUri: string }[] } };
        results: { ruleId: string; level: string; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }[];
      }[];
    };
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, "test", "fixtures", "sarif", "sarif-schema-2.1.0.json"), "utf8")) as object;
    // The schema is draft-04 (Ajv's draft-04 validator); its uri and date-time formats are checked too.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5)));
    assert.equal(sarif.version, "2.1.0");
    const json = JSON.parse((await report()).text) as JsonReport;
    const results = sarif.runs[0].results;
    assert.equal(results.length, json.findings.length);
    for (const r of results) {
      assert.ok(["error", "warning"].includes(r.level));
      assert.match(r.ruleId, /^[A-Z]\d\d$/);
      assert.match(r.locations[0].logicalLocations[0].fullyQualifiedName, new RegExp(`^${client.envId}/.+ \\([0-9a-f-]{36}\\)$`));
    }
    // Breaking the log breaks the validation: the check can fail.
    const broken = structuredClone(sarif) as { version: string };
    broken.version = "2.0";
    assert.equal(validate(broken), false);
  });

  it("with --program, a SARIF result points at the line that declares the resource", async () => {
    writeFileSync(join(dir, "index.ts"), `import * as pingone from "pulumi-pingone";\n\nnew pingone.Application("web-portal", {\n  name: "Web Portal",\n});\n`);
    const sarif = JSON.parse((await report({ format: "sarif", program: "index.ts" })).text) as {
      runs: { results: { locations: { physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const located = sarif.runs[0].results.map((r) => r.locations[0].physicalLocation).filter((p) => p !== undefined);
    assert.ok(located.length > 0);
    for (const p of located) assert.deepEqual([p.artifactLocation.uri, p.region.startLine], ["index.ts", 3]);
  });

  it("a table for people names the level, the code, the rule and the application", async () => {
    const { text } = await report({ format: "table" });
    assert.match(text, new RegExp(`^audit of environment ${client.envId}: \\d+ resources, \\d+ mandatory and \\d+ advisory findings`));
    assert.match(text, new RegExp(`MANDATORY  R08  [a-z-]+  ${client.envId}/Old SPA \\(${weakSpa}\\)  \\[old-spa\\]\\n {11}\\S`));
    assert.match(text, new RegExp(`advisory   R10  [a-z-]+  ${client.envId}/${HAND_MADE_APPS.web.name} \\(${ids.web}\\)`));
  });

  describe("bad input: a clear message, exit status 2, no report file", () => {
    const cli = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
      try {
        const { stdout, stderr } = await run(process.execPath, [join(REPO_ROOT, "dist", "cli", "main.js"), "audit", ...args], {
          cwd: dir,
          env: { ...process.env, ...pingOneEnvironment(client.emu) },
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
      }
    };

    it("a malformed export file, a missing config file, an unreadable environment; mandatory findings exit 1", async () => {
      writeFileSync(join(dir, "export.json"), "{ not json");
      for (const [args, expected] of [
        [["--from-state", "export.json", "-o", "out.json"], /export\.json is not JSON/],
        [["--config", "missing.json", "-o", "out.json"], /the config file missing\.json cannot be read/],
        [["--environment-id", "0b3b9c5e-1c7e-4a8a-9f43-6a1b2c3d4e5f", "-o", "out.json"], /knows no such environment/],
        [["--format", "xml"], /--format is "xml"; allowed: table, json, sarif/],
      ] as const) {
        const result = await cli([...args]);
        assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
        assert.match(result.stderr, expected);
        assert.equal(existsSync(join(dir, "out.json")), false, "no report file");
      }
      assert.equal((await cli(["-o", "out.json"])).code, 1);
      assert.ok(existsSync(join(dir, "out.json")));
    });

    it("a worker without read rights is named as such, and no credential appears", async () => {
      client.emu.setFaults({
        script: [
          {
            match: { method: "GET", path: "/applications$" },
            fault: { status: 403, code: "ACCESS_FAILED", message: "The actor attempting to perform the request is not authorized." },
          },
        ],
      });
      try {
        const result = await cli([]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /the worker may not read its applications \(HTTP 403 ACCESS_FAILED\)/);
        for (const secret of [client.emu.clientSecret, ...client.emu.issuedTokens()]) assert.equal(result.stderr.includes(secret), false);
      } finally {
        client.emu.clearFaults();
      }
    });

    it("--with-secrets with a worker that may read applications but not their secrets: named as such, exit 2", async () => {
      client.emu.setFaults({
        script: [
          {
            match: { method: "GET", path: "/secret$" },
            fault: { status: 403, code: "ACCESS_FAILED", message: "The actor attempting to perform the request is not authorized." },
          },
        ],
      });
      try {
        const result = await cli(["--with-secrets"]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /the worker may read applications but not their secrets \(HTTP 403 ACCESS_FAILED\); leave out --with-secrets/);
        assert.equal((await cli([])).code, 1, "without --with-secrets the same worker audits");
      } finally {
        client.emu.clearFaults();
      }
    });

    it("an answer that carries another environment's application: exit 2, and no report file", async () => {
      const proxy = await HostileProxy.start(client.emu.authUrl);
      try {
        proxy.set({ method: "GET", path: /\/applications$/, action: "list-item-other-environment", times: 100 });
        clearTokenCache();
        const env = proxy.environment(pingOneEnvironment(client.emu));
        let text = "";
        const error = await rejectionOf(audit(options({ output: "other.json" }), { out: (t) => (text += t), err: () => undefined, env, progress: false }));
        assertCliCoded(error, "ERR_ENVIRONMENT_UNREADABLE", `environment ${client.envId} cannot be read`, "environment");
        assert.equal(text, "");
        assert.equal(existsSync(join(dir, "other.json")), false);
      } finally {
        await proxy.close();
        clearTokenCache();
      }
    });

    it("flags that do not go together", () => {
      assert.throws(
        () => parseAuditArgs(["--program", "index.ts"]),
        (error: unknown) => assertCliCoded(error, "ERR_USAGE", "--program only applies to --format sarif") !== undefined,
      );
      assert.throws(
        () => parseAuditArgs(["--from-state", "s.json", "--environment-id", "x"]),
        (error: unknown) => assertCliCoded(error, "ERR_USAGE", "exclude each other") !== undefined,
      );
    });
  });
});
