/**
 * PKCE, R08–R10 (docs/oauth-client-rules.md §4.2), including remediation.
 */
import assert from "node:assert/strict";
import { pkceForConfidentialClients, pkceRequiredForPublicClients, pkceS256Required, pkceS256RequiredConfidential } from "../../policy/rules";
import { secureNative, secureSpa, secureWeb, secureWorker, variant } from "./fixtures";
import { runRemediation, runRule, UNKNOWN, violationsOf } from "./harness";

describe("R08 pkce-required-for-public-clients", () => {
  const rule = pkceRequiredForPublicClients;

  it("passes S256_REQUIRED and REQUIRED on public clients", () => {
    assert.deepEqual(violationsOf(rule, secureSpa), []);
    assert.deepEqual(violationsOf(rule, variant(secureSpa, { pkceEnforcement: "REQUIRED" })), []);
  });

  it("fails an SPA with absent pkceEnforcement (= OPTIONAL), naming the default", () => {
    const [m, ...rest] = violationsOf(rule, variant(secureSpa, { pkceEnforcement: undefined }));
    assert.deepEqual(rest, []);
    assert.match(m ?? "", /pkceEnforcement is OPTIONAL \(absent; PingOne's default\)/);
    assert.match(m ?? "", /RFC 9700 §2\.1\.1/);
    assert.match(m ?? "", /Fix: set pkceEnforcement: "S256_REQUIRED"\./);
  });

  it("fails explicit OPTIONAL and null", () => {
    assert.equal(violationsOf(rule, variant(secureSpa, { pkceEnforcement: "OPTIONAL" })).length, 1);
    assert.equal(violationsOf(rule, variant(secureSpa, { pkceEnforcement: null })).length, 1);
  });

  it("treats a WEB_APP with NONE as public", () => {
    const [m] = violationsOf(rule, variant(secureWeb, { tokenEndpointAuthMethod: "NONE", pkceEnforcement: undefined }));
    assert.match(m ?? "", /tokenEndpointAuthMethod is "NONE"/);
  });

  it("§7: NATIVE_APP + CLIENT_SECRET_BASIC + no PKCE fails (public by type)", () => {
    const [m] = violationsOf(rule, variant(secureNative, { tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC", pkceEnforcement: undefined }));
    assert.match(m ?? "", /NATIVE_APP, which is always a public client/);
  });

  it("fails an unrecognised value (fail closed; R00 also reports it)", () => {
    assert.equal(violationsOf(rule, variant(secureSpa, { pkceEnforcement: "s256_required" })).length, 1);
  });

  it("is not applicable to confidential clients or apps without AUTHORIZATION_CODE", () => {
    assert.match(runRule(rule, variant(secureWeb, { pkceEnforcement: undefined })).notApplicable ?? "", /confidential/);
    assert.match(runRule(rule, variant(secureNative, { grantTypes: ["DEVICE_CODE"], pkceEnforcement: undefined })).notApplicable ?? "", /AUTHORIZATION_CODE/);
  });

  it("yields the preview advisory when pkceEnforcement or the auth method is unknown", () => {
    assert.ok(runRule(rule, variant(secureSpa, { pkceEnforcement: UNKNOWN.string })).unknown);
    const web = variant(secureWeb, { tokenEndpointAuthMethod: UNKNOWN.string, pkceEnforcement: undefined });
    const result = runRule(rule, web);
    assert.deepEqual(result.violations, []);
    assert.ok(result.unknown);
  });

  it("does not need the auth method of a public-by-type app", () => {
    const spa = variant(secureSpa, { tokenEndpointAuthMethod: UNKNOWN.string, pkceEnforcement: undefined });
    assert.equal(violationsOf(rule, spa).length, 1);
  });

  it("remediates by setting S256_REQUIRED, and only on public code apps without enforcement", () => {
    const app = variant(secureSpa, { pkceEnforcement: undefined });
    const fixed = runRemediation(rule, app).props;
    assert.deepEqual(fixed, { ...app, pkceEnforcement: "S256_REQUIRED" });
    assert.deepEqual(violationsOf(rule, fixed ?? {}), [], "the remediated app passes");
    assert.equal(runRemediation(rule, variant(secureSpa, { pkceEnforcement: "REQUIRED" })).props, undefined);
    assert.equal(runRemediation(rule, variant(secureWeb, { pkceEnforcement: undefined })).props, undefined);
    assert.equal(runRemediation(rule, variant(secureNative, { grantTypes: ["DEVICE_CODE"], pkceEnforcement: undefined })).props, undefined);
  });
});

describe("R09 pkce-s256-required (public, mandatory) and pkce-s256-required-confidential (advisory)", () => {
  it("fails REQUIRED on a public client, because PingOne's REQUIRED accepts plain", () => {
    const [m] = violationsOf(pkceS256Required, variant(secureSpa, { pkceEnforcement: "REQUIRED" }));
    assert.match(m ?? "", /"plain"/);
    assert.match(m ?? "", /RFC 7636 §4\.2/);
    assert.match(m ?? "", /Fix: set pkceEnforcement: "S256_REQUIRED"/);
    assert.equal(pkceS256Required.enforcementLevel, "mandatory");
  });

  it("fails REQUIRED on a confidential client through the advisory companion only", () => {
    const app = variant(secureWeb, { pkceEnforcement: "REQUIRED" });
    assert.equal(violationsOf(pkceS256RequiredConfidential, app).length, 1);
    assert.match(runRule(pkceS256Required, app).notApplicable ?? "", /confidential/);
    assert.equal(pkceS256RequiredConfidential.enforcementLevel, "advisory");
    assert.match(runRule(pkceS256RequiredConfidential, variant(secureSpa, { pkceEnforcement: "REQUIRED" })).notApplicable ?? "", /public/);
  });

  it("passes S256_REQUIRED", () => {
    assert.deepEqual(violationsOf(pkceS256Required, secureSpa), []);
    assert.deepEqual(violationsOf(pkceS256RequiredConfidential, secureWeb), []);
  });

  it("leaves OPTIONAL (and absent) to R08/R10", () => {
    assert.ok(runRule(pkceS256Required, variant(secureSpa, { pkceEnforcement: undefined })).notApplicable);
    assert.ok(runRule(pkceS256RequiredConfidential, variant(secureWeb, { pkceEnforcement: "OPTIONAL" })).notApplicable);
  });

  it("is not applicable without AUTHORIZATION_CODE", () => {
    assert.ok(runRule(pkceS256RequiredConfidential, variant(secureWorker, { pkceEnforcement: "REQUIRED" })).notApplicable);
  });

  it("remediates REQUIRED to S256_REQUIRED on its own side only", () => {
    const spa = variant(secureSpa, { pkceEnforcement: "REQUIRED" });
    assert.equal(runRemediation(pkceS256Required, spa).props?.pkceEnforcement, "S256_REQUIRED");
    assert.equal(runRemediation(pkceS256RequiredConfidential, spa).props, undefined);
    const web = variant(secureWeb, { pkceEnforcement: "REQUIRED" });
    assert.equal(runRemediation(pkceS256RequiredConfidential, web).props?.pkceEnforcement, "S256_REQUIRED");
    assert.equal(runRemediation(pkceS256Required, web).props, undefined);
  });
});

describe("R10 pkce-for-confidential-clients", () => {
  const rule = pkceForConfidentialClients;

  it("fails a confidential code app with absent or OPTIONAL pkceEnforcement", () => {
    const [m] = violationsOf(rule, variant(secureWeb, { pkceEnforcement: undefined }));
    assert.match(m ?? "", /OPTIONAL \(absent; PingOne's default\) on a confidential client/);
    assert.match(m ?? "", /RFC 9700 §2\.1\.1/);
    assert.equal(violationsOf(rule, variant(secureWeb, { pkceEnforcement: "OPTIONAL" })).length, 1);
  });

  it("passes REQUIRED and S256_REQUIRED", () => {
    assert.deepEqual(violationsOf(rule, secureWeb), []);
    assert.deepEqual(violationsOf(rule, variant(secureWeb, { pkceEnforcement: "REQUIRED" })), []);
  });

  it("is not applicable to public clients or non-code apps", () => {
    assert.ok(runRule(rule, variant(secureSpa, { pkceEnforcement: undefined })).notApplicable);
    assert.ok(runRule(rule, secureWorker).notApplicable);
  });

  it("remediates to S256_REQUIRED", () => {
    assert.equal(runRemediation(rule, variant(secureWeb, { pkceEnforcement: undefined })).props?.pkceEnforcement, "S256_REQUIRED");
    assert.equal(runRemediation(rule, secureWeb).props, undefined);
  });
});
