/**
 * The pack on the Terraform bridge's resources (`pingone:index/…`), run by `@pulumi/policy`'s own
 * analyzer service: every labelled configuration of test/fixtures/audit-labelled.ts written as a
 * bridge program writes it (OIDC settings under `oidcOptions`, grants by resource type and scope
 * ids, assignments by policy id, secrets with `regenerateTriggerValues`) gets the same verdicts
 * as the same configuration written with this package, rule by rule; what the bridge's shape
 * cannot say (scope names) is reported as not judged; absent fields take Terraform's defaults.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { BRIDGE_TYPE_TOKENS, TERRAFORM_OIDC_DEFAULTS } from "../../policy/bridge";
import { allPolicies, allRules } from "../../policy/rules";
import {
  APPLICATION_RESOURCE_GRANT_TYPE_TOKEN,
  APPLICATION_SECRET_TYPE_TOKEN,
  APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE_TOKEN,
  APPLICATION_TYPE_TOKEN,
  CUSTOM_RESOURCES,
  dynamicTypeToken,
  pluginTypeToken,
} from "../../provider";
import { LABELLED_CASES, type LabelledCase } from "../fixtures/audit-labelled";
import { BRIDGE, bridgeStack, nativeStack } from "../fixtures/bridge-stacks";
import { analyze, type Diagnostic } from "./analyzer";
import { REPO_ROOT } from "../../scripts/engine";
import { runRemediation, UNKNOWN } from "./harness";

/** The pack's bridge tokens, by the fixture's names. */
const PACK_BRIDGE_TOKENS = {
  application: BRIDGE_TYPE_TOKENS[APPLICATION_TYPE_TOKEN],
  secret: BRIDGE_TYPE_TOKENS[APPLICATION_SECRET_TYPE_TOKEN],
  grant: BRIDGE_TYPE_TOKENS[APPLICATION_RESOURCE_GRANT_TYPE_TOKEN],
  assignment: BRIDGE_TYPE_TOKENS[APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE_TOKEN],
};

const CANNOT_RUN = /^can't run policy/;
const verdicts = (ds: readonly Diagnostic[]): string[] => [...new Set(ds.filter((d) => !CANNOT_RUN.test(d.message)).map((d) => d.policy))].sort();

describe("the pack on the Terraform bridge's resources, through @pulumi/policy's analyzer", () => {
  // PingOne refuses some of the cases; a program can still declare them, and the pack judges them first.
  const cases = LABELLED_CASES;

  it("knows the bridge's four tokens", () => {
    assert.deepEqual(PACK_BRIDGE_TOKENS, BRIDGE);
  });

  for (const c of cases) {
    it(`${c.name}: the bridge program gets the native verdicts (${c.violates.join(", ") || "clean"})`, async () => {
      const native = await analyze(nativeStack(c));
      // What Terraform deploys for the bridge program: its defaults for the fields the case leaves out.
      const deployed = await analyze(nativeStack({ ...c, app: { ...TERRAFORM_OIDC_DEFAULTS, ...c.app } }));
      const bridge = await analyze(bridgeStack(c));
      // The native openid grant names its scopes; the bridge's gives ids, so A02 says it cannot judge them.
      const withoutA02 = (ds: Diagnostic[]) => ds.filter((d) => d.policy !== "openid-scope-not-granted");
      assert.deepEqual(verdicts(withoutA02(bridge)), verdicts(withoutA02(deployed)));
      assert.deepEqual(verdicts(native), [...c.violates].sort(), "the native verdicts are the labelled ones");
      if (c.grant !== undefined) {
        const [note, ...rest] = bridge.filter((d) => d.policy === "openid-scope-not-granted");
        assert.equal(rest.length, 0);
        assert.equal(note?.level, "advisory");
        assert.match(note?.message ?? "", /can't run policy 'openid-scope-not-granted'.*gives its scopes as ids .* is not judged/);
      }
      assert.deepEqual(
        bridge.filter((d) => CANNOT_RUN.test(d.message) && d.policy !== "openid-scope-not-granted"),
        [],
        "nothing else is left unjudged",
      );
    });
  }

  it("every policy of the pack fires on some bridge resource", async () => {
    const fired = new Set<string>();
    // A "can't run" note is not a verdict; A02 can only say that on the bridge (scopes are ids).
    for (const c of cases) for (const d of await analyze(bridgeStack(c))) if (!CANNOT_RUN.test(d.message)) fired.add(d.policy);
    fired.add("openid-scope-not-granted");
    assert.deepEqual(
      allPolicies.map((p) => p.name).filter((name) => !fired.has(name)),
      [],
    );
  });

  describe("Terraform's defaults for absent fields", () => {
    const spa = LABELLED_CASES.find((c) => c.name === "spa-clean") as LabelledCase;
    const withoutRefreshSettings = { ...spa, app: { ...spa.app } } as LabelledCase;
    delete (withoutRefreshSettings.app as Record<string, unknown>).additionalRefreshTokenReplayProtectionEnabled;
    delete (withoutRefreshSettings.app as Record<string, unknown>).refreshTokenRollingDuration;

    it("are Terraform's, from resource_application.go v1.21.0", () => {
      assert.deepEqual(TERRAFORM_OIDC_DEFAULTS, {
        parRequirement: "OPTIONAL",
        parTimeout: 60,
        pkceEnforcement: "OPTIONAL",
        allowWildcardInRedirectUris: false,
        refreshTokenDuration: 2592000,
        refreshTokenRollingDuration: 15552000,
        additionalRefreshTokenReplayProtectionEnabled: true,
        supportUnsignedRequestObject: false,
        requireSignedRequestObject: false,
      });
    });

    it("a bridge public client without replay protection is not flagged (Terraform sends true), where this package's is (absent reads as false)", async () => {
      const bridge = await analyze(bridgeStack(withoutRefreshSettings));
      const native = await analyze(nativeStack(withoutRefreshSettings));
      assert.ok(!bridge.some((d) => d.policy === "public-client-refresh-token-replay-protection"));
      assert.ok(native.some((d) => d.policy === "public-client-refresh-token-replay-protection"));
      assert.equal(TERRAFORM_OIDC_DEFAULTS.additionalRefreshTokenReplayProtectionEnabled, true);
    });

    it("an absent rolling duration is Terraform's 180 days, not unbounded: judged against the public limit of 90 days", async () => {
      const bridge = await analyze(bridgeStack(withoutRefreshSettings));
      const [lifetime] = bridge.filter((d) => d.policy === "refresh-token-lifetime-bounded");
      assert.match(lifetime?.message ?? "", /refreshTokenRollingDuration is 15552000 s \(180 days\)/);
      const native = await analyze(nativeStack(withoutRefreshSettings));
      assert.match(native.find((d) => d.policy === "refresh-token-lifetime-bounded")?.message ?? "", /absent/);
    });

    it("absent PKCE enforcement is Terraform's OPTIONAL, as for this package", async () => {
      const app = { ...spa, app: { ...spa.app } } as LabelledCase;
      delete (app.app as Record<string, unknown>).pkceEnforcement;
      assert.deepEqual(
        verdicts(await analyze(bridgeStack(app))).filter((p) => p.startsWith("pkce")),
        ["pkce-required-for-public-clients"],
      );
    });

    it("an application without oidcOptions (SAML, WS-Fed, external link) is not judged", async () => {
      const saml = {
        type: BRIDGE.application,
        name: "intranet",
        props: { name: "Intranet", enabled: true, samlOptions: { acsUrls: ["https://x.example/acs"] } },
      };
      assert.deepEqual(await analyze([saml]), []);
    });
  });

  it("judges the bridge program of policy/README.md as the README says, with each ${…} unknown as at preview", async () => {
    const readme = readFileSync(join(REPO_ROOT, "policy", "README.md"), "utf8");
    const block = /A bridge program the pack judges[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(block, "the README has the program");
    const program = parse(block) as { resources: Record<string, { type: string; properties: Record<string, unknown> }> };
    // `${x}` and `${x.id}` are outputs of other resources or look-ups: unknown at preview.
    const unknownAtPreview = (value: unknown): unknown =>
      typeof value === "string" && value.startsWith("${")
        ? UNKNOWN.string
        : Array.isArray(value)
          ? value.map(unknownAtPreview)
          : typeof value === "object" && value !== null
            ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unknownAtPreview(v)]))
            : value;
    const stack = Object.entries(program.resources).map(([name, r]) => ({
      type: r.type,
      name,
      props: unknownAtPreview(r.properties) as Record<string, unknown>,
      applicationFrom: /^\$\{(\w+)\.id\}$/.exec(String(r.properties.applicationId))?.[1],
    }));
    const diagnostics = await analyze(stack);
    assert.deepEqual(diagnostics.map((d) => [d.level, d.policy, d.resource, CANNOT_RUN.test(d.message)]).sort(), [
      ["advisory", "openid-scope-not-granted", "portalOpenid", true],
      ["advisory", "refresh-token-lifetime-bounded", "portal", false],
      ["mandatory", "pkce-required-for-public-clients", "portal", false],
    ]);
  });

  it("an oidcOptions unknown at preview leaves that app unjudged, and the stack rules still judge the others", async () => {
    const worker = bridgeStack(LABELLED_CASES.find((c) => c.name === "worker-openid-scopes") as LabelledCase);
    const pending = { type: BRIDGE.application, name: "pending", props: { name: "Pending", enabled: true, oidcOptions: UNKNOWN.object } };
    const diagnostics = await analyze([pending, ...worker]);
    const a01 = diagnostics.filter((d) => d.policy === "openid-scopes-need-user-sign-in");
    assert.deepEqual(
      a01.map((d) => [d.level, d.resource, CANNOT_RUN.test(d.message)]),
      [["mandatory", "worker-openid-scopes-openid", false]],
    );
    const onPending = diagnostics.filter((d) => d.resource === "pending");
    assert.ok(onPending.length > 0 && onPending.every((d) => CANNOT_RUN.test(d.message) && d.level === "advisory"), JSON.stringify(onPending));
    // Rules of other resource types say nothing about the app.
    assert.ok(!onPending.some((d) => ["client-secret-rotation", "openid-scope-not-granted"].includes(d.policy)));
  });

  describe("secrets: regenerateTriggerValues rotates, previous.expiresAt bounds the overlap", () => {
    const secret = (props: Record<string, unknown>) => [{ type: BRIDGE.secret, name: "portal-secret", props: { applicationId: "id", ...props } }];
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

    it("a secret with rotation triggers and a one-day overlap passes S01", async () => {
      assert.deepEqual(await analyze(secret({ regenerateTriggerValues: { quarter: "2026-Q4" }, previous: { expiresAt: inDays(1) } })), []);
    });

    it("a secret with rotation triggers and a 20-day overlap gets exactly the overlap finding", async () => {
      const [only, ...rest] = await analyze(secret({ regenerateTriggerValues: { quarter: "2026-Q4" }, previous: { expiresAt: inDays(20) } }));
      assert.deepEqual(rest, []);
      assert.equal(only?.policy, "client-secret-rotation");
      assert.match(only?.message ?? "", /^previousSecretExpiresAt is ".*": the replaced secret keeps working longer than 7d/m);
    });

    it("a secret without triggers gets the never-rotated finding only", async () => {
      const [only, ...rest] = await analyze(secret({}));
      assert.deepEqual(rest, []);
      assert.match(only?.message ?? "", /^neither rotationPeriod nor rotateWhenChanged is set/m);
    });
  });

  it("remediation writes the fix where the bridge keeps the field (oidcOptions)", () => {
    const rule = allRules.find((r) => r.name === "public-client-refresh-token-replay-protection");
    assert.ok(rule);
    const spa = bridgeStack(LABELLED_CASES.find((c) => c.name === "spa-no-replay-protection") as LabelledCase)[0];
    const result = runRemediation(rule, spa.props, { type: BRIDGE.application });
    assert.equal((result.props?.oidcOptions as Record<string, unknown> | undefined)?.additionalRefreshTokenReplayProtectionEnabled, true);
    assert.equal(result.props?.additionalRefreshTokenReplayProtectionEnabled, undefined);
  });
});

describe("the pack on the provider plugin's resources (pingone-oidc:index:…), through @pulumi/policy's analyzer", () => {
  it("judges every labelled case exactly as the dynamic resources: the same policies, levels and messages", async () => {
    const byPluginToken = new Map(CUSTOM_RESOURCES.map((r) => [dynamicTypeToken(r.type), pluginTypeToken(r.type)]));
    for (const c of LABELLED_CASES) {
      const native = nativeStack(c);
      const plugin = native.map((r) => ({ ...r, type: byPluginToken.get(r.type) ?? r.type }));
      assert.ok(
        plugin.every((r) => r.type.startsWith("pingone-oidc:index:")),
        c.name,
      );
      const shown = (ds: Diagnostic[]) => ds.map((d) => [d.policy, d.level, d.resource, d.message]).sort();
      assert.deepEqual(shown(await analyze(plugin)), shown(await analyze(native)), c.name);
    }
  });
});
