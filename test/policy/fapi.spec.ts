/**
 * FAPI 2.0 rules, F01–F05 and the X02 extension (docs/oauth-client-rules.md §4.7–4.8): opt-in, checks, remediation.
 */
import assert from "node:assert/strict";
import {
  DEFAULT_FAPI_DESCRIPTION_MARKER,
  fapiCodeFlowOnly,
  fapiConfidentialClient,
  fapiOptInReason,
  fapiParRequired,
  fapiParTimeoutBelow600,
  fapiPkceS256,
  fapiPrivateKeyJwt,
  fapiRules,
} from "../../policy/rules";
import { secureFapi, secureSpa, secureWeb, secureWorker, variant } from "./fixtures";
import { runRemediation, runRule, UNKNOWN, violationsOf } from "./harness";

/** A web app that violates every FAPI rule, not opted in. */
const insecureWeb = variant(secureWeb, {
  description: "Customer portal",
  tokenEndpointAuthMethod: "NONE",
  pkceEnforcement: "REQUIRED",
  responseTypes: ["CODE", "ID_TOKEN"],
  grantTypes: ["AUTHORIZATION_CODE", "IMPLICIT"],
  parTimeout: 600,
});

describe("FAPI opt-in", () => {
  it("leaves apps that did not opt in alone, saying how to opt in", () => {
    for (const rule of fapiRules) {
      const result = runRule(rule, insecureWeb);
      assert.deepEqual(result.violations, [], rule.name);
      assert.match(result.notApplicable ?? "", /not a FAPI 2\.0 app .*fapiApplications.*"\[FAPI2\]"/, rule.name);
    }
  });

  it("opts in by the description marker (default [FAPI2], case-insensitive)", () => {
    assert.equal(DEFAULT_FAPI_DESCRIPTION_MARKER, "[FAPI2]");
    const app = variant(insecureWeb, { description: "Payments [fapi2] client" });
    for (const rule of fapiRules) {
      assert.ok(violationsOf(rule, app).length > 0, rule.name);
    }
  });

  it("opts in by Pulumi resource name or PingOne name in fapiApplications", () => {
    const config = { fapiApplications: ["payments", "Payments API"] };
    assert.equal(violationsOf(fapiConfidentialClient, insecureWeb, { name: "payments", config }).length, 1);
    assert.equal(violationsOf(fapiConfidentialClient, variant(insecureWeb, { name: "Payments API" }), { name: "other", config }).length, 1);
    assert.ok(runRule(fapiConfidentialClient, insecureWeb, { name: "other", config }).notApplicable);
  });

  it("opts every app in with fapiAllApplications", () => {
    assert.equal(violationsOf(fapiPrivateKeyJwt, insecureWeb, { config: { fapiAllApplications: true } }).length, 1);
  });

  it("can turn the marker off", () => {
    const app = variant(insecureWeb, { description: "x [FAPI2]" });
    const result = runRule(fapiParRequired, app, { config: { fapiDescriptionMarker: "" } });
    assert.ok(result.notApplicable);
    assert.doesNotMatch(result.notApplicable ?? "", /description/);
  });

  it("reads the description and name lazily: an unknown one only matters when needed", () => {
    const unknownDescription = variant(insecureWeb, { description: UNKNOWN.string, name: UNKNOWN.string });
    assert.equal(violationsOf(fapiParRequired, unknownDescription, { name: "payments", config: { fapiApplications: ["payments"] } }).length, 1);
    const result = runRule(fapiParRequired, unknownDescription);
    assert.deepEqual(result.violations, []);
    assert.ok(result.unknown, "whether the app is FAPI is unknown, so the rule cannot run");
  });

  it("explains why an app is in the profile", () => {
    const optIn = { fapiAllApplications: false, fapiApplications: ["x"], fapiDescriptionMarker: "[FAPI2]" };
    assert.equal(fapiOptInReason(secureFapi, "app", optIn), 'description contains "[FAPI2]"');
    assert.equal(fapiOptInReason(secureWeb, "x", optIn), 'resource "x" is listed in fapiApplications');
    assert.equal(fapiOptInReason(secureWeb, "y", optIn), undefined);
  });
});

describe("F01 fapi-par-required", () => {
  it("fails absent (= OPTIONAL) and OPTIONAL, passes REQUIRED", () => {
    const [m] = violationsOf(fapiParRequired, variant(secureFapi, { parRequirement: undefined }));
    assert.match(m ?? "", /OPTIONAL \(absent; PingOne's default\)/);
    assert.match(m ?? "", /FAPI 2\.0 Security Profile §5\.3\.2\.2\(3\)/);
    assert.match(m ?? "", /Fix: set parRequirement: "REQUIRED"/);
    assert.equal(violationsOf(fapiParRequired, variant(secureFapi, { parRequirement: "OPTIONAL" })).length, 1);
    assert.deepEqual(violationsOf(fapiParRequired, secureFapi), []);
  });

  it("remediates to REQUIRED, only on FAPI apps", () => {
    assert.equal(runRemediation(fapiParRequired, variant(secureFapi, { parRequirement: undefined })).props?.parRequirement, "REQUIRED");
    assert.equal(runRemediation(fapiParRequired, secureFapi).props, undefined);
    assert.ok(runRemediation(fapiParRequired, variant(secureWeb, { parRequirement: undefined })).notApplicable);
  });
});

describe("F02 fapi-confidential-client", () => {
  it("fails public clients (NONE, SPA) and passes confidential ones", () => {
    assert.match(violationsOf(fapiConfidentialClient, variant(secureFapi, { tokenEndpointAuthMethod: "NONE" }))[0] ?? "", /§5\.3\.2\.1\(3\)/);
    assert.equal(violationsOf(fapiConfidentialClient, variant(secureSpa, { description: "[FAPI2]" })).length, 1);
    assert.deepEqual(violationsOf(fapiConfidentialClient, secureFapi), []);
  });
});

describe("F03 fapi-private-key-jwt", () => {
  it("fails shared secrets and NONE, passes PRIVATE_KEY_JWT", () => {
    for (const method of ["CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "CLIENT_SECRET_JWT", "NONE"]) {
      const [m] = violationsOf(fapiPrivateKeyJwt, variant(secureFapi, { tokenEndpointAuthMethod: method }));
      assert.match(m ?? "", /Fix: set tokenEndpointAuthMethod: "PRIVATE_KEY_JWT"/, method);
    }
    assert.deepEqual(violationsOf(fapiPrivateKeyJwt, secureFapi), []);
  });
});

describe("F04 fapi-pkce-s256", () => {
  it("fails REQUIRED, OPTIONAL and absent; passes S256_REQUIRED", () => {
    for (const pkce of ["REQUIRED", "OPTIONAL", undefined]) {
      assert.equal(violationsOf(fapiPkceS256, variant(secureFapi, { pkceEnforcement: pkce })).length, 1, String(pkce));
    }
    assert.deepEqual(violationsOf(fapiPkceS256, secureFapi), []);
  });

  it("is not applicable without AUTHORIZATION_CODE", () => {
    assert.ok(runRule(fapiPkceS256, variant(secureWorker, { description: "[FAPI2]" })).notApplicable);
  });

  it("remediates to S256_REQUIRED", () => {
    assert.equal(runRemediation(fapiPkceS256, variant(secureFapi, { pkceEnforcement: "REQUIRED" })).props?.pkceEnforcement, "S256_REQUIRED");
    assert.equal(runRemediation(fapiPkceS256, secureFapi).props, undefined);
  });
});

describe("F05 fapi-code-flow-only", () => {
  it("fails IMPLICIT, hybrid and token response types, each named", () => {
    const messages = violationsOf(
      fapiCodeFlowOnly,
      variant(secureFapi, { grantTypes: ["AUTHORIZATION_CODE", "IMPLICIT"], responseTypes: ["CODE", "ID_TOKEN", "TOKEN"] }),
    );
    assert.equal(messages.length, 2);
    assert.match(messages[0] ?? "", /IMPLICIT/);
    assert.match(messages[1] ?? "", /responseTypes includes ID_TOKEN, TOKEN/);
    assert.match(messages[1] ?? "", /Fix: set responseTypes: \["CODE"\]/);
  });

  it("fails AUTHORIZATION_CODE without CODE", () => {
    assert.equal(violationsOf(fapiCodeFlowOnly, variant(secureFapi, { responseTypes: undefined })).length, 1);
  });

  it("passes the code flow, and a back-channel-only FAPI app with no response types", () => {
    assert.deepEqual(violationsOf(fapiCodeFlowOnly, secureFapi), []);
    assert.deepEqual(violationsOf(fapiCodeFlowOnly, variant(secureWorker, { description: "[FAPI2]" })), []);
  });
});

describe("X02 fapi-par-timeout-below-600", () => {
  it("§7: fails parTimeout 600 on a FAPI app", () => {
    const [m] = violationsOf(fapiParTimeoutBelow600, variant(secureFapi, { parTimeout: 600 }));
    assert.match(m ?? "", /§5\.3\.2\.2\(12\)/);
  });

  it("passes 599, 60 and absent (PingOne default 60)", () => {
    for (const parTimeout of [599, 60, undefined]) {
      assert.deepEqual(violationsOf(fapiParTimeoutBelow600, variant(secureFapi, { parTimeout })), [], String(parTimeout));
    }
  });

  it("does not apply to apps outside the profile", () => {
    assert.ok(runRule(fapiParTimeoutBelow600, variant(secureWeb, { parTimeout: 600 })).notApplicable);
  });
});
