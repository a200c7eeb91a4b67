/**
 * Client authentication, R11–R13 (docs/oauth-client-rules.md §4.3).
 */
import assert from "node:assert/strict";
import {
  confidentialAppTypeMustAuthenticate,
  confidentialAppTypeMustAuthenticateWebApp,
  preferAsymmetricClientAuth,
  publicAppTypesNoSharedSecret,
  publicAppTypesNoSharedSecretNative,
} from "../../policy/rules";
import { secureNative, secureSpa, secureWeb, secureWorker, variant } from "./fixtures";
import { runRule, UNKNOWN, violationsOf } from "./harness";

const SECRET_METHODS = ["CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "CLIENT_SECRET_JWT"];

describe("R11 public-app-types-no-shared-secret (SPA, mandatory) and -native (advisory)", () => {
  it("fails every shared-secret method on a SINGLE_PAGE_APP", () => {
    for (const method of SECRET_METHODS) {
      const [m] = violationsOf(publicAppTypesNoSharedSecret, variant(secureSpa, { tokenEndpointAuthMethod: method }));
      assert.match(m ?? "", new RegExp(`tokenEndpointAuthMethod is "${method}" on a SINGLE_PAGE_APP`));
      assert.match(m ?? "", /browser-based apps draft §6\.3\.3\.1/);
      assert.match(m ?? "", /Fix: set tokenEndpointAuthMethod: "NONE"/);
    }
  });

  it("§7: fails a NATIVE_APP with CLIENT_SECRET_BASIC through the advisory companion", () => {
    const app = variant(secureNative, { tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC", pkceEnforcement: undefined });
    const [m] = violationsOf(publicAppTypesNoSharedSecretNative, app);
    assert.match(m ?? "", /RFC 8252 §8\.5/);
    assert.equal(publicAppTypesNoSharedSecretNative.enforcementLevel, "advisory");
    assert.ok(runRule(publicAppTypesNoSharedSecret, app).notApplicable, "the mandatory half is SPA-only");
  });

  it("passes NONE, and PRIVATE_KEY_JWT on a NATIVE_APP (per-instance keys)", () => {
    assert.deepEqual(violationsOf(publicAppTypesNoSharedSecret, secureSpa), []);
    assert.deepEqual(violationsOf(publicAppTypesNoSharedSecretNative, variant(secureNative, { tokenEndpointAuthMethod: "PRIVATE_KEY_JWT" })), []);
  });

  it("is not applicable to other app types", () => {
    assert.ok(runRule(publicAppTypesNoSharedSecret, variant(secureWeb, { tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" })).notApplicable);
    assert.ok(runRule(publicAppTypesNoSharedSecretNative, secureSpa).notApplicable);
  });

  it("yields the preview advisory when the method is unknown", () => {
    const result = runRule(publicAppTypesNoSharedSecret, variant(secureSpa, { tokenEndpointAuthMethod: UNKNOWN.string }));
    assert.deepEqual(result.violations, []);
    assert.ok(result.unknown);
  });
});

describe("R12 prefer-asymmetric-client-auth", () => {
  const rule = preferAsymmetricClientAuth;

  it("flags every shared-secret method, CLIENT_SECRET_JWT included (symmetric HMAC)", () => {
    for (const method of SECRET_METHODS) {
      const [m] = violationsOf(rule, variant(secureWorker, { tokenEndpointAuthMethod: method }));
      assert.match(m ?? "", /RFC 9700 §2\.5/);
      assert.match(m ?? "", /Fix: set tokenEndpointAuthMethod: "PRIVATE_KEY_JWT"/);
    }
  });

  it("passes PRIVATE_KEY_JWT", () => {
    assert.deepEqual(violationsOf(rule, secureWeb), []);
  });

  it("is not applicable to SPA/NATIVE and to NONE", () => {
    assert.ok(runRule(rule, variant(secureSpa, { tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" })).notApplicable);
    assert.ok(runRule(rule, variant(secureNative, { tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC" })).notApplicable);
    assert.ok(runRule(rule, variant(secureWeb, { tokenEndpointAuthMethod: "NONE" })).notApplicable);
  });
});

describe("R13 confidential-app-type-must-authenticate (WORKER/SERVICE, mandatory) and -web-app (advisory)", () => {
  it("fails WORKER and SERVICE with NONE or no method", () => {
    for (const type of ["WORKER", "SERVICE"]) {
      const [m] = violationsOf(confidentialAppTypeMustAuthenticate, variant(secureWorker, { type, tokenEndpointAuthMethod: "NONE" }));
      assert.match(m ?? "", new RegExp(`"NONE" on a ${type}`));
      assert.match(m ?? "", /RFC 9700 §2\.5/);
      assert.equal(violationsOf(confidentialAppTypeMustAuthenticate, variant(secureWorker, { type, tokenEndpointAuthMethod: undefined })).length, 1);
    }
  });

  it("fails a WEB_APP with NONE through the advisory companion, noting it is then public", () => {
    const app = variant(secureWeb, { tokenEndpointAuthMethod: "NONE" });
    const [m] = violationsOf(confidentialAppTypeMustAuthenticateWebApp, app);
    assert.match(m ?? "", /treated as a public client/);
    assert.ok(runRule(confidentialAppTypeMustAuthenticate, app).notApplicable);
  });

  it("passes authenticating methods", () => {
    assert.deepEqual(violationsOf(confidentialAppTypeMustAuthenticate, secureWorker), []);
    assert.deepEqual(violationsOf(confidentialAppTypeMustAuthenticate, variant(secureWorker, { tokenEndpointAuthMethod: "CLIENT_SECRET_POST" })), []);
    assert.deepEqual(violationsOf(confidentialAppTypeMustAuthenticateWebApp, secureWeb), []);
  });

  it("is not applicable to SPA, NATIVE and CUSTOM apps", () => {
    for (const type of ["SINGLE_PAGE_APP", "NATIVE_APP", "CUSTOM_APP"]) {
      assert.ok(runRule(confidentialAppTypeMustAuthenticate, variant(secureSpa, { type })).notApplicable, type);
      assert.ok(runRule(confidentialAppTypeMustAuthenticateWebApp, variant(secureSpa, { type })).notApplicable, type);
    }
  });
});
