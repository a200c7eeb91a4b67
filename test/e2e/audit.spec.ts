/**
 * `pulumi-pingone audit` against the labelled environment (test/fixtures/audit-labelled.ts):
 * made out of band through PingOne's management API, audited live, and compared rule by rule with
 * what the policy pack says at `pulumi preview --policy-pack ./policy` (the real engine) about the
 * same configurations declared through this package; then deployed, exported and audited
 * `--from-state`. The rule × app table of both verdicts is written to the log, and to
 * `$AUDIT_TABLE` when that is set (docs/audit.md holds one from a run).
 */
import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { audit, type AuditOptions } from "../../cli/audit/audit";
import { pingOneEnvironment } from "../../emulator";
import { endpointPath, PROTOCOL } from "../../pingone";
import { allPolicies, allRules } from "../../policy/rules";
import {
  Application,
  APPLICATION_RESOURCE_GRANT_TYPE_TOKEN,
  APPLICATION_SECRET_TYPE_TOKEN,
  ApplicationResourceGrant,
  ApplicationSecret,
  ApplicationSignOnPolicyAssignment,
  type ApplicationArgs,
} from "../../provider";
import { clearTokenCache } from "../../provider/http/client";
import { REPO_ROOT } from "../../scripts/engine";
import { inlineStack } from "../../scripts/workspace";
import { TestClient } from "../emulator/helpers";
import { hasSharedSecret, LABELLED_CASES, type LabelledCase } from "../fixtures/audit-labelled";
import { runRule } from "../policy/harness";
import { setupE2E, type E2E } from "./harness";

const POLICY_PACK = join(REPO_ROOT, "policy");
const SIGN_ON_POLICY = "Single_Factor";

/**
 * Policies no configuration can pass while they apply: R01 applies only to TOKEN with a
 * front-channel grant and R02 only to IMPLICIT, which is what each forbids; S01 passes only with
 * a rotation schedule, a program setting PingOne does not hold (test/policy covers its pass).
 * The clean apps pass them by not applying.
 */
const PASS_ONLY_BY_NOT_APPLYING = ["no-access-token-in-front-channel", "no-implicit-grant", "client-secret-rotation"];

/** A verdict key: `policy|application`. */
const key = (policy: string, app: string): string => `${policy}|${app}`;

interface JsonFinding {
  rule: string;
  application: { name: string };
}

describe("pulumi-pingone audit on a labelled environment: the expected findings, and the pack's verdicts at preview", function () {
  this.timeout(900_000);
  let e2e: E2E;
  let client: TestClient;
  let savedEnv: NodeJS.ProcessEnv;
  const live = LABELLED_CASES.filter((c) => c.refusedBy === undefined);
  const expected = live.flatMap((c) => c.violates.map((policy) => key(policy, c.name))).sort();

  /** The last report's text. */
  let text = "";

  async function auditFindings(overrides: Partial<AuditOptions>): Promise<string[]> {
    text = "";
    await audit(
      { format: "json", selection: { names: [], ids: [], types: [] }, cwd: e2e.dirs.root, pulumiPath: e2e.engine.pulumiPath, ...overrides },
      { out: (t) => (text += t), err: () => undefined, env: pingOneEnvironment(e2e.emulator), progress: false },
    );
    const findings = (JSON.parse(text) as { findings: JsonFinding[] }).findings;
    return [...new Set(findings.map((f) => key(f.rule, f.application.name)))].sort();
  }

  /** When each case's previous secret stops working: the same instant out of band and in the program. */
  const previousSecretExpiry = new Map(
    live.flatMap((c) =>
      c.previousSecretDays === undefined ? [] : [[c.name, new Date(Date.now() + c.previousSecretDays * 86_400_000).toISOString()] as const],
    ),
  );

  /** Each live case as this package declares it: the app, its openid grant, its sign-on policy and its secret. */
  function program(cases: readonly LabelledCase[]): () => Promise<Record<string, unknown>> {
    return () => {
      for (const c of cases) {
        const app = new Application(c.name, { name: c.name, ...c.app } as ApplicationArgs);
        for (const suffix of ["openid", "sign-on", "secret"]) caseOfResource.set(`${c.name}-${suffix}`, c.name);
        if (c.grant !== undefined) new ApplicationResourceGrant(`${c.name}-openid`, { applicationId: app.id, resourceName: "openid", scopes: [...c.grant] });
        if (c.signOn === true)
          new ApplicationSignOnPolicyAssignment(`${c.name}-sign-on`, { applicationId: app.id, signOnPolicyName: SIGN_ON_POLICY, priority: 1 });
        if (hasSharedSecret(c)) new ApplicationSecret(`${c.name}-secret`, { applicationId: app.id, previousSecretExpiresAt: previousSecretExpiry.get(c.name) });
      }
      return Promise.resolve({});
    };
  }

  /** The case each resource of `program` belongs to, by resource name. */
  const caseOfResource = new Map<string, string>();

  /** The application a resource of `program` belongs to, from its URN's name. */
  function applicationOfUrn(urn: string): string {
    const name = urn.split("::").pop() ?? urn;
    return caseOfResource.get(name) ?? name;
  }

  let liveFindings: string[];

  before(async () => {
    clearTokenCache();
    e2e = await setupE2E();
    client = new TestClient(e2e.emulator);
    savedEnv = { ...process.env };
    Object.assign(process.env, e2e.env);
    const policies = (await client.call("GET", `${e2e.emulator.apiUrl}${endpointPath("signOnPolicies", { envId: client.envId })}`)).body?._embedded as {
      signOnPolicies: { id: string; name: string }[];
    };
    const signOn = policies.signOnPolicies.find((p) => p.name === SIGN_ON_POLICY);
    assert.ok(signOn, `the environment has the ${SIGN_ON_POLICY} policy`);
    for (const c of live) {
      const id = await client.createId({ name: c.name, protocol: PROTOCOL.OPENID_CONNECT, ...c.app });
      if (c.grant !== undefined) await client.grantOpenIdScopes(id, c.grant);
      if (c.signOn === true) {
        const assigned = await client.call("POST", `${e2e.emulator.apiUrl}${endpointPath("signOnPolicyAssignments", { envId: client.envId, appId: id })}`, {
          signOnPolicy: { id: signOn.id },
          priority: 1,
        });
        assert.equal(assigned.status, 201);
      }
      const expiresAt = previousSecretExpiry.get(c.name);
      if (expiresAt !== undefined) {
        const rotated = await client.call("POST", `${e2e.emulator.apiUrl}${endpointPath("secret", { envId: client.envId, appId: id })}`, {
          previous: { expiresAt },
        });
        assert.equal(rotated.status, 200);
      }
    }
  });
  after(async () => {
    process.env = savedEnv;
    await e2e?.close();
  });

  it("the labelled environment has at least 30 apps, and every policy of the pack both fires on one and passes on another it applies to", () => {
    assert.ok(live.length >= 30, `${live.length} live apps`);
    const unpassed: string[] = [];
    const grantOf = (c: LabelledCase) => ({ applicationId: "app-id", resourceName: "openid", scopes: [...(c.grant ?? [])] });
    for (const policy of allPolicies) {
      assert.ok(
        LABELLED_CASES.some((c) => c.violates.includes(policy.name)),
        `no case violates ${policy.name}`,
      );
      const rule = allRules.find((r) => r.name === policy.name);
      if (rule === undefined) {
        // A stack rule (A01, A03): the clean apps carry a grant and a sign-on policy it judges and passes.
        assert.ok(live.some((c) => c.violates.length === 0 && c.grant !== undefined && c.signOn === true));
        continue;
      }
      const passes = live.some((c) => {
        if (c.violates.includes(policy.name)) return false;
        if (rule.resourceType === APPLICATION_SECRET_TYPE_TOKEN) return false;
        const props =
          rule.resourceType === APPLICATION_RESOURCE_GRANT_TYPE_TOKEN ? (c.grant === undefined ? undefined : grantOf(c)) : { name: c.name, ...c.app };
        if (props === undefined) return false;
        const result = runRule(rule, props, { type: rule.resourceType, name: c.name });
        return result.notApplicable === undefined && result.violations.length === 0;
      });
      if (!passes && !PASS_ONLY_BY_NOT_APPLYING.includes(policy.name)) unpassed.push(policy.name);
    }
    assert.deepEqual(unpassed, [], "policies with no case they apply to and pass");
  });

  it("PingOne refuses the configurations that break its own rules, so those rules never fire on a live app", async () => {
    for (const c of LABELLED_CASES.filter((x) => x.refusedBy !== undefined)) {
      const answer = await client.create({ name: c.name, protocol: PROTOCOL.OPENID_CONNECT, ...c.app });
      assert.equal(answer.status, 400, `${c.name} must be refused`);
      assert.ok(JSON.stringify(answer.body).includes(c.refusedBy as string), `${c.name}: ${JSON.stringify(answer.body).slice(0, 400)}`);
    }
  });

  it("audit of the live environment reports exactly the labelled findings", async () => {
    liveFindings = await auditFindings({ environmentId: client.envId, withSecrets: true });
    const missing = expected.filter((k) => !liveFindings.includes(k));
    const extra = liveFindings.filter((k) => !expected.includes(k));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
    // The secrets were read to judge their rotation; none of them is in the report.
    let compared = 0;
    for (const app of e2e.emulator.applications()) {
      const appId = typeof app.id === "string" ? app.id : "";
      const secret = await client.call("GET", `${e2e.emulator.apiUrl}${endpointPath("secret", { envId: client.envId, appId })}`);
      for (const value of [secret.body?.secret, (secret.body?.previous as { secret?: unknown } | undefined)?.secret])
        if (typeof value === "string") {
          compared += 1;
          assert.ok(!text.includes(value), `the report holds ${appId}'s secret`);
        }
    }
    assert.ok(compared >= live.filter(hasSharedSecret).length, `${compared} secrets compared`);
  });

  it("the pack at `pulumi preview` gives the same verdict as audit for every rule and app (one table, both columns)", async () => {
    assert.ok(liveFindings, "the live audit ran");
    const stack = await inlineStack(e2e.engine, e2e.dirs, { projectName: "labelled", stackName: "preview", program: program(live), env: e2e.env });
    const events: EngineEvent[] = [];
    e2e.emulator.resetCounters();
    await stack.preview({ policyPacks: [POLICY_PACK], onEvent: (event) => events.push(event) }).catch(() => undefined);
    const previewFindings = [
      ...new Set(
        events.flatMap((event) =>
          event.policyEvent?.resourceUrn === undefined ? [] : [key(event.policyEvent.policyName, applicationOfUrn(event.policyEvent.resourceUrn))],
        ),
      ),
    ].sort();
    assert.ok(previewFindings.length > 0, "the pack ran at preview");
    const rows = table(live, liveFindings, previewFindings);
    console.log(rows.text);
    if (process.env.AUDIT_TABLE !== undefined) writeFileSync(process.env.AUDIT_TABLE, rows.text);
    assert.deepEqual(rows.unequal, [], "audit and preview disagree");
    assert.deepEqual(previewFindings, expected);
  });

  it("--from-state on the export of the same configurations, deployed through the package, gives the same findings as the live audit", async () => {
    const stack = await inlineStack(e2e.engine, e2e.dirs, { projectName: "labelled", stackName: "deployed", program: program(live), env: e2e.env });
    await stack.up();
    const exported = await stack.exportStack();
    writeFileSync(join(e2e.dirs.root, "labelled-state.json"), JSON.stringify(exported));
    assert.deepEqual(await auditFindings({ fromState: "labelled-state.json" }), liveFindings);
    await stack.destroy();
  });
});

/** The rule × app table: every pair either side or the label names, with both verdicts. */
function table(cases: readonly LabelledCase[], audited: readonly string[], previewed: readonly string[]): { text: string; unequal: string[] } {
  const pairs = new Set([...audited, ...previewed, ...cases.flatMap((c) => c.violates.map((p) => key(p, c.name)))]);
  const codes = new Map(allPolicies.map((p) => [p.name, p.code]));
  const lines = ["| rule | app | audit | preview |", "|---|---|---|---|"];
  const unequal: string[] = [];
  for (const pair of [...pairs].sort()) {
    const [policy, app] = pair.split("|");
    const a = audited.includes(pair) ? "violation" : "pass";
    const p = previewed.includes(pair) ? "violation" : "pass";
    if (a !== p) unequal.push(pair);
    lines.push(`| ${codes.get(policy) ?? "?"} ${policy} | ${app} | ${a} | ${p} |`);
  }
  const clean = cases.filter((c) => c.violates.length === 0).map((c) => c.name);
  lines.push(
    "",
    `${pairs.size} rule × app pairs with a violation on either side; every other pair of the ${allPolicies.length} policies × ${cases.length} apps passes on both (clean apps: ${clean.join(", ")}).`,
  );
  return { text: lines.join("\n"), unequal };
}
