/**
 * The registry: every catalogue rule present under its stable name with its default level and
 * metadata, closed config schemas, and `buildPolicies` overrides.
 */
import assert from "node:assert/strict";
import {
  allPolicies,
  allRules,
  allStackRules,
  buildPolicies,
  fapiOptInConfig,
  PolicyConfigError,
  refreshTokenLifetimeBounded,
  resolveConfig,
  ruleByName,
  schemaDefaults,
} from "../../policy/rules";
import { secureSpa, variant } from "./fixtures";
import { runRule, violationsOf } from "./harness";

/** The docs/oauth-client-rules.md §8 legend with the §4 default levels (M/A); companions carry the parent's code. */
const CATALOGUE: readonly [code: string, name: string, level: "mandatory" | "advisory"][] = [
  ["R00", "known-enum-values", "mandatory"],
  ["R01", "no-access-token-in-front-channel", "mandatory"],
  ["R02", "no-implicit-grant", "advisory"],
  ["R03", "grant-response-type-consistency", "advisory"],
  ["R04", "no-hybrid-response-types", "advisory"],
  ["R05", "client-credentials-confidential-only", "mandatory"],
  ["R06", "ciba-confidential-only", "mandatory"],
  ["R07", "refresh-token-needs-eligible-grant", "advisory"],
  ["R08", "pkce-required-for-public-clients", "mandatory"],
  ["R09", "pkce-s256-required", "mandatory"],
  ["R09", "pkce-s256-required-confidential", "advisory"],
  ["R10", "pkce-for-confidential-clients", "advisory"],
  ["R11", "public-app-types-no-shared-secret", "mandatory"],
  ["R11", "public-app-types-no-shared-secret-native", "advisory"],
  ["R12", "prefer-asymmetric-client-auth", "advisory"],
  ["R13", "confidential-app-type-must-authenticate", "mandatory"],
  ["R13", "confidential-app-type-must-authenticate-web-app", "advisory"],
  ["R14", "redirect-uris-registered", "mandatory"],
  ["R15", "redirect-uri-absolute", "mandatory"],
  ["R16", "redirect-uri-no-fragment", "mandatory"],
  ["R17", "redirect-uri-no-wildcard", "mandatory"],
  ["R18", "redirect-uri-no-cleartext-http", "mandatory"],
  ["R19", "loopback-redirect-prefer-ip-literal", "advisory"],
  ["R20", "loopback-redirect-only-native", "advisory"],
  ["R21", "implicit-web-client-https-no-localhost", "mandatory"],
  ["R22", "private-use-scheme-reverse-domain", "mandatory"],
  ["R23", "private-use-scheme-native-only", "advisory"],
  ["R24", "redirect-uri-no-dangerous-scheme", "mandatory"],
  ["R25", "redirect-uri-suspicious-structure", "advisory"],
  ["R26", "redirect-uri-normalized-form", "advisory"],
  ["R27", "post-logout-uri-no-wildcard", "mandatory"],
  ["R28", "post-logout-uri-https", "advisory"],
  ["R29", "public-client-refresh-token-replay-protection", "mandatory"],
  ["R30", "refresh-token-duration-within-rolling", "mandatory"],
  ["R31", "refresh-token-lifetime-bounded", "advisory"],
  ["F01", "fapi-par-required", "mandatory"],
  ["F02", "fapi-confidential-client", "mandatory"],
  ["F03", "fapi-private-key-jwt", "mandatory"],
  ["F04", "fapi-pkce-s256", "mandatory"],
  ["F05", "fapi-code-flow-only", "mandatory"],
  ["X02", "fapi-par-timeout-below-600", "mandatory"],
  ["S01", "client-secret-rotation", "advisory"],
  ["A02", "openid-scope-not-granted", "advisory"],
];

/** The stack rules, which join a grant or assignment to its application. */
const STACK_CATALOGUE: readonly [code: string, name: string, level: "mandatory" | "advisory"][] = [
  ["A01", "openid-scopes-need-user-sign-in", "mandatory"],
  ["A03", "sign-on-policy-needs-user-sign-in", "advisory"],
];

describe("policy registry", () => {
  it("has exactly the catalogue's rules (plus the FAPI extension X02), in order, with codes and default levels", () => {
    assert.deepEqual(
      allRules.map((r) => [r.code, r.name, r.enforcementLevel]),
      CATALOGUE.map(([code, name, level]) => [code, name, level]),
    );
  });

  it("has the stack rules A01 and A03 after the resource rules, and builds both kinds into the pack", () => {
    assert.deepEqual(
      allStackRules.map((r) => [r.code, r.name, r.enforcementLevel]),
      STACK_CATALOGUE.map(([code, name, level]) => [code, name, level]),
    );
    assert.deepEqual(allPolicies, [...allRules, ...allStackRules]);
    for (const rule of allStackRules) {
      assert.equal(typeof rule.validateStack, "function", rule.name);
      assert.equal("validateResource" in rule, false, rule.name);
    }
    const built = buildPolicies({ "openid-scopes-need-user-sign-in": { enforcementLevel: "advisory", signInGrantTypes: ["AUTHORIZATION_CODE"] } });
    const a01 = ruleByName("openid-scopes-need-user-sign-in", built);
    assert.equal(a01?.enforcementLevel, "advisory");
    assert.deepEqual(a01?.configSchema.properties.signInGrantTypes.default, ["AUTHORIZATION_CODE"]);
    assert.throws(() => buildPolicies({ "openid-scopes-need-user-sign-in": { signInGrantType: [] } }), PolicyConfigError);
  });

  it("covers every code R00–R31 and F01–F05", () => {
    const codes = new Set(allRules.map((r) => r.code));
    for (let i = 0; i <= 31; i++) {
      assert.ok(codes.has(`R${String(i).padStart(2, "0")}`), `R${i} missing`);
    }
    for (let i = 1; i <= 5; i++) {
      assert.ok(codes.has(`F0${i}`), `F0${i} missing`);
    }
  });

  it("uses unique kebab-case names that PolicyPack accepts (and never 'all')", () => {
    const names = allPolicies.map((r) => r.name);
    assert.equal(new Set(names).size, names.length);
    for (const name of names) {
      assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.notEqual(name, "all");
    }
  });

  it("gives every rule a description, severity, url and a single validation function", () => {
    for (const rule of allRules) {
      assert.ok(rule.description.length > 20, rule.name);
      assert.ok(["low", "medium", "high", "critical"].includes(rule.severity), rule.name);
      assert.match(rule.url ?? "", /^https:\/\//, rule.name);
      assert.equal(typeof rule.validateResource, "function", rule.name);
    }
  });

  it("maps mandatory rules to high/critical severity unless they are constraint checks", () => {
    const mediumMandatory = allRules.filter((r) => r.enforcementLevel === "mandatory" && r.severity === "medium").map((r) => r.name);
    assert.deepEqual(mediumMandatory, ["refresh-token-duration-within-rolling", "fapi-par-timeout-below-600"]);
  });

  it("offers remediation exactly where the fix is unambiguous", () => {
    assert.deepEqual(
      allRules.filter((r) => r.remediateResource !== undefined).map((r) => r.name),
      [
        "pkce-required-for-public-clients",
        "pkce-s256-required",
        "pkce-s256-required-confidential",
        "pkce-for-confidential-clients",
        "public-client-refresh-token-replay-protection",
        "fapi-par-required",
        "fapi-pkce-s256",
      ],
    );
  });
});

describe("config schemas", () => {
  it("are closed (additionalProperties false) and give every property a type, default and description", () => {
    for (const rule of allRules) {
      assert.equal(rule.configSchema.additionalProperties, false, rule.name);
      assert.ok(!("enforcementLevel" in rule.configSchema.properties), `${rule.name}: enforcementLevel is reserved`);
      assert.equal(rule.configSchema.required, undefined, `${rule.name}: nothing is required`);
      for (const [key, schema] of Object.entries(rule.configSchema.properties)) {
        assert.ok(schema.type !== undefined, `${rule.name}.${key} type`);
        assert.notEqual(schema.default, undefined, `${rule.name}.${key} default`);
        assert.ok((schema.description ?? "").length > 10, `${rule.name}.${key} description`);
      }
    }
  });

  it("accept their own defaults", () => {
    for (const rule of allRules) {
      assert.doesNotThrow(() => resolveConfig(rule.name, rule.configSchema, schemaDefaults(rule.configSchema)));
    }
  });

  it("declare the documented parameters", () => {
    const params = (name: string) => Object.keys(ruleByName(name)?.configSchema.properties ?? {}).sort();
    assert.deepEqual(params("known-enum-values"), ["disabledAppsAdvisory"]);
    assert.deepEqual(params("redirect-uri-no-cleartext-http"), ["customAppIsNative", "disabledAppsAdvisory", "extraLoopbackHosts"]);
    assert.deepEqual(params("loopback-redirect-only-native"), ["customAppIsNative", "disabledAppsAdvisory", "extraLoopbackHosts"]);
    assert.deepEqual(params("post-logout-uri-https"), ["customAppIsNative", "disabledAppsAdvisory", "extraLoopbackHosts"]);
    assert.deepEqual(params("loopback-redirect-prefer-ip-literal"), ["disabledAppsAdvisory", "extraLoopbackHosts"]);
    assert.deepEqual(params("refresh-token-lifetime-bounded"), [
      "confidentialMaxIdleSeconds",
      "confidentialMaxRollingSeconds",
      "disabledAppsAdvisory",
      "publicMaxIdleSeconds",
      "publicMaxRollingSeconds",
    ]);
    for (const f of [
      "fapi-par-required",
      "fapi-confidential-client",
      "fapi-private-key-jwt",
      "fapi-pkce-s256",
      "fapi-code-flow-only",
      "fapi-par-timeout-below-600",
    ]) {
      assert.deepEqual(params(f), ["disabledAppsAdvisory", "fapiAllApplications", "fapiApplications", "fapiDescriptionMarker"]);
    }
  });

  it("default the R31 limits to public 90/30 days and confidential 365/90 days", () => {
    assert.deepEqual(schemaDefaults(refreshTokenLifetimeBounded.configSchema), {
      disabledAppsAdvisory: false,
      publicMaxRollingSeconds: 90 * 86400,
      publicMaxIdleSeconds: 30 * 86400,
      confidentialMaxRollingSeconds: 365 * 86400,
      confidentialMaxIdleSeconds: 90 * 86400,
    });
  });

  it("reject a misspelt key at run time, for every rule and on any resource type", () => {
    for (const rule of allRules) {
      assert.throws(
        () => runRule(rule, secureSpa, { config: { disabledAppsAdvisry: true }, type: "aws:s3/bucket:Bucket" }),
        (e: unknown) => e instanceof PolicyConfigError && e.message.includes("disabledAppsAdvisry") && e.message.includes(rule.name),
      );
    }
  });

  it("reject a value of the wrong type", () => {
    const rule = refreshTokenLifetimeBounded;
    assert.throws(() => runRule(rule, secureSpa, { config: { publicMaxRollingSeconds: "90d" } }), PolicyConfigError);
    assert.throws(() => runRule(rule, secureSpa, { config: { publicMaxRollingSeconds: 1.5 } }), PolicyConfigError);
    assert.throws(() => runRule(rule, secureSpa, { config: { publicMaxRollingSeconds: 10 } }), /at least 60/);
    const http = ruleByName("redirect-uri-no-cleartext-http");
    assert.ok(http);
    assert.throws(() => runRule(http, secureSpa, { config: { extraLoopbackHosts: "127.0.0.2" } }), /must be an array/);
    assert.throws(() => runRule(http, secureSpa, { config: { extraLoopbackHosts: [2] } }), /only strings/);
    assert.throws(() => runRule(http, secureSpa, { config: { customAppIsNative: "yes" } }), /boolean/);
  });
});

describe("buildPolicies", () => {
  it("returns copies with the default levels when given no overrides", () => {
    const built = buildPolicies();
    assert.deepEqual(
      built.map((r) => [r.name, r.enforcementLevel]),
      allPolicies.map((r) => [r.name, r.enforcementLevel]),
    );
    assert.notStrictEqual(built[0], allPolicies[0]);
  });

  it("applies 'all', and a rule's own entry wins over it", () => {
    const built = buildPolicies({ all: "mandatory", "no-implicit-grant": "disabled" });
    assert.equal(ruleByName("no-implicit-grant", built)?.enforcementLevel, "disabled");
    assert.equal(ruleByName("prefer-asymmetric-client-auth", built)?.enforcementLevel, "mandatory");
    assert.equal(ruleByName("prefer-asymmetric-client-auth")?.enforcementLevel, "advisory", "originals untouched");
  });

  it("turns parameter overrides into schema defaults that the rule then uses", () => {
    const built = buildPolicies(
      {
        "refresh-token-lifetime-bounded": { enforcementLevel: "mandatory", publicMaxRollingSeconds: 86400 },
      },
      allRules,
    );
    const rule = ruleByName("refresh-token-lifetime-bounded", built);
    assert.ok(rule);
    assert.equal(rule.enforcementLevel, "mandatory");
    assert.equal(rule.configSchema.properties.publicMaxRollingSeconds.default, 86400);
    assert.equal(refreshTokenLifetimeBounded.configSchema.properties.publicMaxRollingSeconds.default, 90 * 86400);
    // secureSpa rolls for 7 days: fine by default, too long with a 1-day limit.
    assert.deepEqual(violationsOf(refreshTokenLifetimeBounded, secureSpa), []);
    assert.equal(violationsOf(rule, secureSpa).length, 1);
  });

  it("accepts the README's composition example", () => {
    const built = buildPolicies({
      all: "mandatory",
      "prefer-asymmetric-client-auth": "advisory",
      "refresh-token-lifetime-bounded": { publicMaxRollingSeconds: 30 * 86400 },
      "pkce-required-for-public-clients": "remediate",
      ...fapiOptInConfig({ fapiApplications: ["payments-api"] }),
    });
    assert.equal(ruleByName("pkce-required-for-public-clients", built)?.enforcementLevel, "remediate");
    assert.equal(ruleByName("fapi-pkce-s256", built)?.enforcementLevel, "mandatory");
    assert.deepEqual(ruleByName("fapi-pkce-s256", built)?.configSchema.properties.fapiApplications.default, ["payments-api"]);
  });

  it("rejects unknown rule names, unknown parameters and invalid levels", () => {
    assert.throws(() => buildPolicies({ "pkce-required": "mandatory" }), /unknown rule "pkce-required"/);
    assert.throws(() => buildPolicies({ "refresh-token-lifetime-bounded": { publicMaxRolling: 1 } }), PolicyConfigError);
    assert.throws(() => buildPolicies({ "no-implicit-grant": "deny" as never }), /not an enforcement level/);
    assert.throws(() => buildPolicies({ all: "warn" as never }), /not an enforcement level/);
  });

  it("fapiOptInConfig configures all FAPI rules at once", () => {
    const config = fapiOptInConfig({ fapiApplications: ["payments"] }, "advisory");
    assert.deepEqual(Object.keys(config), [
      "fapi-par-required",
      "fapi-confidential-client",
      "fapi-private-key-jwt",
      "fapi-pkce-s256",
      "fapi-code-flow-only",
      "fapi-par-timeout-below-600",
    ]);
    const built = buildPolicies(config, allRules);
    const par = ruleByName("fapi-par-required", built);
    assert.ok(par);
    assert.equal(par.enforcementLevel, "advisory");
    const app = variant(secureSpa, { parRequirement: undefined });
    assert.equal(violationsOf(par, app, { name: "payments" }).length, 1);
    assert.ok(runRule(par, app, { name: "other" }).notApplicable);
  });
});
