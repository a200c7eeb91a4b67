/**
 * Grant and response types, R00–R07 (docs/oauth-client-rules.md §4.1).
 */
import assert from "node:assert/strict";
import {
  cibaConfidentialOnly,
  clientCredentialsConfidentialOnly,
  grantResponseTypeConsistency,
  knownEnumValues,
  noAccessTokenInFrontChannel,
  noHybridResponseTypes,
  noImplicitGrant,
  refreshTokenNeedsEligibleGrant,
} from "../../policy/rules";
import { secureNative, secureSpa, secureWeb, secureWorker, variant } from "./fixtures";
import { runRule, UNKNOWN, violationsOf } from "./harness";

describe("R00 known-enum-values", () => {
  const rule = knownEnumValues;

  it("passes documented values, with pkceEnforcement and parRequirement absent (= OPTIONAL)", () => {
    assert.deepEqual(violationsOf(rule, variant(secureWeb, { pkceEnforcement: undefined, parRequirement: undefined })), []);
    assert.deepEqual(violationsOf(rule, variant(secureWeb, { pkceEnforcement: null, parRequirement: "REQUIRED" })), []);
  });

  it("fails PASSWORD, citing the ROPC ban", () => {
    const [message, ...rest] = violationsOf(rule, variant(secureWeb, { grantTypes: ["AUTHORIZATION_CODE", "PASSWORD"] }));
    assert.deepEqual(rest, []);
    assert.match(message ?? "", /grantTypes contains "PASSWORD"/);
    assert.match(message ?? "", /RFC 9700 §2\.4/);
    assert.match(message ?? "", /Fix: remove "PASSWORD" from grantTypes/);
  });

  it("fails lowercase values from other tools and suggests the PingOne spelling", () => {
    const messages = violationsOf(
      rule,
      variant(secureWeb, { grantTypes: ["authorization_code"], tokenEndpointAuthMethod: "private_key_jwt", type: "web_app" }),
    );
    assert.equal(messages.length, 3);
    assert.ok(messages.some((m) => m.includes('did you mean "AUTHORIZATION_CODE"')));
    assert.ok(messages.some((m) => m.includes('did you mean "PRIVATE_KEY_JWT"')));
    assert.ok(messages.some((m) => m.includes('did you mean "WEB_APP"')));
  });

  it("fails future or unknown values in every enum field", () => {
    const app = variant(secureWeb, {
      type: "OIDC_APP",
      grantTypes: ["JWT_BEARER"],
      responseTypes: ["CODE", "NONE"],
      tokenEndpointAuthMethod: "TLS_CLIENT_AUTH",
      pkceEnforcement: "S256",
      parRequirement: "ALWAYS",
    });
    const messages = violationsOf(rule, app);
    for (const field of ["type", "grantTypes", "responseTypes", "tokenEndpointAuthMethod", "pkceEnforcement", "parRequirement"]) {
      assert.ok(
        messages.some((m) => m.startsWith(field)),
        field,
      );
    }
    assert.equal(messages.length, 6);
  });

  it("fails missing required fields and non-list lists (fail closed)", () => {
    const messages = violationsOf(rule, variant(secureWeb, { type: undefined, grantTypes: "AUTHORIZATION_CODE", tokenEndpointAuthMethod: undefined }));
    assert.equal(messages.length, 3);
    assert.ok(messages.some((m) => m.startsWith("type is absent")));
    assert.ok(messages.some((m) => m.startsWith('grantTypes is "AUTHORIZATION_CODE", not a list')));
    assert.ok(messages.some((m) => m.startsWith("tokenEndpointAuthMethod is absent")));
    assert.equal(violationsOf(rule, variant(secureWeb, { grantTypes: undefined })).length, 1);
  });

  it("fails non-string entries", () => {
    assert.equal(violationsOf(rule, variant(secureWeb, { responseTypes: ["CODE", 3] })).length, 1);
  });

  it("yields the preview advisory for an unknown grant and reports nothing false", () => {
    const result = runRule(rule, variant(secureWeb, { grantTypes: ["AUTHORIZATION_CODE", UNKNOWN.string] }));
    assert.deepEqual(result.violations, []);
    assert.ok(result.unknown);
  });
});

describe("R01 no-access-token-in-front-channel", () => {
  const rule = noAccessTokenInFrontChannel;

  it("fails implicit token", () => {
    const [m] = violationsOf(rule, variant(secureSpa, { grantTypes: ["IMPLICIT"], responseTypes: ["TOKEN", "ID_TOKEN"] }));
    assert.match(m ?? "", /RFC 9700 §2\.1\.2/);
    assert.match(m ?? "", /remove "TOKEN" from responseTypes and "IMPLICIT" from grantTypes/);
  });

  it("fails hybrid code token", () => {
    assert.equal(violationsOf(rule, variant(secureWeb, { responseTypes: ["CODE", "TOKEN"] })).length, 1);
  });

  it("fails even on a disabled app (evaluated regardless of enabled)", () => {
    assert.equal(violationsOf(rule, variant(secureWeb, { enabled: false, responseTypes: ["CODE", "TOKEN"] })).length, 1);
  });

  it("§7: IMPLICIT + [ID_TOKEN] passes (no access token; R02 catches it)", () => {
    const result = runRule(rule, variant(secureSpa, { grantTypes: ["IMPLICIT"], responseTypes: ["ID_TOKEN"] }));
    assert.deepEqual(result.violations, []);
    assert.ok(result.notApplicable);
  });

  it("§7: CLIENT_CREDENTIALS + [TOKEN] passes (no front-channel grant)", () => {
    const result = runRule(rule, variant(secureWorker, { responseTypes: ["TOKEN"] }));
    assert.deepEqual(result.violations, []);
    assert.match(result.notApplicable ?? "", /no front-channel grant/);
  });

  it("passes code-only apps and treats absent responseTypes as empty", () => {
    assert.ok(runRule(rule, secureWeb).notApplicable);
    assert.ok(runRule(rule, variant(secureWeb, { responseTypes: undefined })).notApplicable);
  });
});

describe("R02 no-implicit-grant", () => {
  const rule = noImplicitGrant;

  it("§7: fails IMPLICIT + [ID_TOKEN]", () => {
    const [m] = violationsOf(rule, variant(secureSpa, { grantTypes: ["IMPLICIT"], responseTypes: ["ID_TOKEN"] }));
    assert.match(m ?? "", /grantTypes includes IMPLICIT/);
    assert.match(m ?? "", /OAuth 2\.1 §10\.1/);
  });

  it("passes without IMPLICIT", () => {
    assert.ok(runRule(rule, secureSpa).notApplicable);
  });

  it("is advisory by default", () => {
    assert.equal(rule.enforcementLevel, "advisory");
  });
});

describe("R03 grant-response-type-consistency", () => {
  const rule = grantResponseTypeConsistency;

  it("passes consistent code, hybrid (both grants) and token-endpoint-only apps", () => {
    assert.deepEqual(violationsOf(rule, secureWeb), []);
    assert.deepEqual(violationsOf(rule, variant(secureWeb, { grantTypes: ["AUTHORIZATION_CODE", "IMPLICIT"], responseTypes: ["CODE", "ID_TOKEN"] })), []);
    assert.deepEqual(violationsOf(rule, secureWorker), [], "empty responseTypes is right for CLIENT_CREDENTIALS");
    assert.deepEqual(violationsOf(rule, variant(secureNative, { grantTypes: ["DEVICE_CODE"], responseTypes: [] })), []);
  });

  it("§7: fails CLIENT_CREDENTIALS + [TOKEN] on a WORKER", () => {
    const [m, ...rest] = violationsOf(rule, variant(secureWorker, { responseTypes: ["TOKEN"] }));
    assert.deepEqual(rest, []);
    assert.match(m ?? "", /responseTypes includes TOKEN but grantTypes does not include IMPLICIT/);
    assert.match(m ?? "", /RFC 7591 §2\.1/);
  });

  it("fails AUTHORIZATION_CODE without CODE and CODE without AUTHORIZATION_CODE", () => {
    assert.match(violationsOf(rule, variant(secureWeb, { responseTypes: [] }))[0] ?? "", /add "CODE" to responseTypes/);
    assert.match(violationsOf(rule, variant(secureWorker, { responseTypes: ["CODE"] }))[0] ?? "", /add "AUTHORIZATION_CODE" to grantTypes/);
  });

  it("fails hybrid without the IMPLICIT grant, and IMPLICIT without a token response type", () => {
    assert.equal(violationsOf(rule, variant(secureWeb, { responseTypes: ["CODE", "ID_TOKEN"] })).length, 1);
    assert.equal(violationsOf(rule, variant(secureWeb, { grantTypes: ["AUTHORIZATION_CODE", "IMPLICIT"] })).length, 1);
  });

  it("is not applicable when both lists are empty", () => {
    assert.ok(runRule(rule, variant(secureWorker, { grantTypes: [], responseTypes: undefined })).notApplicable);
  });
});

describe("R04 no-hybrid-response-types", () => {
  const rule = noHybridResponseTypes;

  it("fails code id_token and code token", () => {
    assert.equal(violationsOf(rule, variant(secureWeb, { responseTypes: ["CODE", "ID_TOKEN"] })).length, 1);
    const [m] = violationsOf(rule, variant(secureWeb, { responseTypes: ["CODE", "TOKEN", "ID_TOKEN"] }));
    assert.match(m ?? "", /FAPI 2\.0 Security Profile §5\.3\.2\.2\(1\)/);
    assert.match(m ?? "", /set responseTypes to \["CODE"\]/);
  });

  it("passes code alone, and is not applicable without CODE", () => {
    assert.deepEqual(violationsOf(rule, secureWeb), []);
    assert.ok(runRule(rule, variant(secureSpa, { grantTypes: ["IMPLICIT"], responseTypes: ["ID_TOKEN"] })).notApplicable);
  });
});

describe("R05 client-credentials-confidential-only", () => {
  const rule = clientCredentialsConfidentialOnly;

  it("passes a WORKER with PRIVATE_KEY_JWT or a secret", () => {
    assert.deepEqual(violationsOf(rule, secureWorker), []);
    assert.deepEqual(violationsOf(rule, variant(secureWorker, { tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" })), []);
  });

  it("fails CLIENT_CREDENTIALS with NONE", () => {
    const [m] = violationsOf(rule, variant(secureWorker, { tokenEndpointAuthMethod: "NONE" }));
    assert.match(m ?? "", /tokenEndpointAuthMethod is "NONE"/);
    assert.match(m ?? "", /RFC 6749 §4\.4/);
  });

  it("fails a NATIVE_APP with CLIENT_SECRET_* (still public, RFC 8252 §8.5)", () => {
    const [m] = violationsOf(rule, variant(secureNative, { grantTypes: ["CLIENT_CREDENTIALS"], tokenEndpointAuthMethod: "CLIENT_SECRET_POST" }));
    assert.match(m ?? "", /NATIVE_APP, which is always a public client/);
  });

  it("fails an SPA, and an app whose method is absent (fail closed)", () => {
    assert.equal(violationsOf(rule, variant(secureSpa, { grantTypes: ["CLIENT_CREDENTIALS"] })).length, 1);
    assert.equal(violationsOf(rule, variant(secureWorker, { tokenEndpointAuthMethod: undefined })).length, 1);
  });

  it("is not applicable without CLIENT_CREDENTIALS", () => {
    assert.ok(runRule(rule, secureSpa).notApplicable);
  });
});

describe("R06 ciba-confidential-only", () => {
  const rule = cibaConfidentialOnly;

  it("passes CIBA on a confidential app and fails it on a public one", () => {
    assert.deepEqual(violationsOf(rule, variant(secureWeb, { grantTypes: ["CIBA"] })), []);
    const [m] = violationsOf(rule, variant(secureWeb, { grantTypes: ["CIBA"], tokenEndpointAuthMethod: "NONE" }));
    assert.match(m ?? "", /CIBA Core §7\.1/);
    assert.equal(violationsOf(rule, variant(secureNative, { grantTypes: ["CIBA"], tokenEndpointAuthMethod: "PRIVATE_KEY_JWT" })).length, 1);
  });

  it("is not applicable without CIBA", () => {
    assert.ok(runRule(rule, secureWeb).notApplicable);
  });
});

describe("R07 refresh-token-needs-eligible-grant", () => {
  const rule = refreshTokenNeedsEligibleGrant;

  it("passes REFRESH_TOKEN with each eligible grant", () => {
    for (const grant of ["AUTHORIZATION_CODE", "DEVICE_CODE", "CIBA", "TOKEN_EXCHANGE"]) {
      assert.deepEqual(violationsOf(rule, variant(secureWeb, { grantTypes: [grant, "REFRESH_TOKEN"] })), [], grant);
    }
  });

  it("fails REFRESH_TOKEN with only IMPLICIT and/or CLIENT_CREDENTIALS, or alone", () => {
    const [m] = violationsOf(rule, variant(secureWorker, { grantTypes: ["CLIENT_CREDENTIALS", "REFRESH_TOKEN"] }));
    assert.match(m ?? "", /other grants: CLIENT_CREDENTIALS/);
    assert.match(m ?? "", /RFC 6749 §4\.2\.2/);
    assert.equal(violationsOf(rule, variant(secureSpa, { grantTypes: ["IMPLICIT", "REFRESH_TOKEN"] })).length, 1);
    assert.match(violationsOf(rule, variant(secureSpa, { grantTypes: ["REFRESH_TOKEN"] }))[0] ?? "", /other grants: none/);
  });

  it("is not applicable without REFRESH_TOKEN", () => {
    assert.ok(runRule(rule, secureWorker).notApplicable);
  });
});
