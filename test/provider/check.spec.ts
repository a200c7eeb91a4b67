/**
 * `check` rejects what PingOne would reject, before any request: each bad input below fails
 * with a message that names the resource and the property, and the emulator sees no request.
 * Insecure but valid settings pass (they are the policy pack's job).
 */
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator";
import type { ApplicationLifecycle } from "../../provider/application/lifecycle";
import { UNKNOWN_SENTINEL } from "../../provider/kernel/values";
import { SEED_001, SEED_002 } from "../fixtures/seeds";
import { lifecycleFor, totalRequests, useEmulatorProvider, withEmulator } from "../helpers/emulator";
import { assertCoded, coded } from "../helpers/errors";

const WEB = { ...SEED_001.body, __autoname: "bad" } as Record<string, unknown>;

/** [what is wrong, patch over a valid web app, the property the failure must name, text the reason must contain]. */
const BAD_INPUTS: [string, Record<string, unknown>, string, string][] = [
  ["missing type", { type: undefined }, "type", "WEB_APP"],
  ["unknown type", { type: "SAML_APP" }, "type", "allowed values"],
  ["protocol other than OIDC", { protocol: "SAML" }, "protocol", "OPENID_CONNECT"],
  ["missing grantTypes", { grantTypes: undefined }, "grantTypes", "required"],
  ["grantTypes not a list", { grantTypes: "AUTHORIZATION_CODE" }, "grantTypes", "list"],
  ["empty grantTypes", { grantTypes: [] }, "grantTypes", "at least one"],
  ["ROPC grant", { grantTypes: ["PASSWORD"] }, "grantTypes[0]", "AUTHORIZATION_CODE"],
  ["lower-case grant", { grantTypes: ["authorization_code"] }, "grantTypes[0]", "allowed values"],
  ["unknown response type", { responseTypes: ["CODE", "IDTOKEN"] }, "responseTypes[1]", "ID_TOKEN"],
  ["missing tokenEndpointAuthMethod", { tokenEndpointAuthMethod: undefined }, "tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC"],
  ["unknown tokenEndpointAuthMethod", { tokenEndpointAuthMethod: "TLS_CLIENT_AUTH" }, "tokenEndpointAuthMethod", "PRIVATE_KEY_JWT"],
  ["unknown pkceEnforcement", { pkceEnforcement: "S256" }, "pkceEnforcement", "S256_REQUIRED"],
  ["unknown parRequirement", { parRequirement: "ALWAYS" }, "parRequirement", "REQUIRED"],
  ["parTimeout 0", { parTimeout: 0 }, "parTimeout", "from 1 to 600"],
  ["parTimeout 601", { parTimeout: 601 }, "parTimeout", "from 1 to 600"],
  ["parTimeout not an integer", { parTimeout: 1.5 }, "parTimeout", "integer"],
  ["deviceTimeout 3601", { deviceTimeout: 3601 }, "deviceTimeout", "from 1 to 3600"],
  ["devicePollingInterval 61", { devicePollingInterval: 61 }, "devicePollingInterval", "from 1 to 60"],
  ["refreshTokenDuration 59", { refreshTokenDuration: 59 }, "refreshTokenDuration", "from 60 to 2147483647"],
  ["refreshTokenRollingDuration too large", { refreshTokenRollingDuration: 2147483648 }, "refreshTokenRollingDuration", "2147483647"],
  ["grace period too long", { refreshTokenRollingGracePeriodDuration: 86401 }, "refreshTokenRollingGracePeriodDuration", "from 0 to 86400"],
  [
    "duration above rolling duration",
    { refreshTokenDuration: 7200, refreshTokenRollingDuration: 3600 },
    "refreshTokenDuration",
    "at most refreshTokenRollingDuration",
  ],
  ["unknown refreshTokenType", { refreshTokenType: "JWT" }, "refreshTokenType", "JSON_WEB_TOKEN"],
  ["relative redirect URI", { redirectUris: ["/oidc/callback"] }, "redirectUris[0]", "absolute URI"],
  ["redirect URI with a fragment", { redirectUris: ["https://app.example.com/cb#done"] }, "redirectUris[0]", "fragment"],
  ["wildcard without allowWildcardInRedirectUris", { redirectUris: ["https://app.example.com/cb/*"] }, "redirectUris[0]", "allowWildcardInRedirectUris"],
  ["two wildcards", { allowWildcardInRedirectUris: true, redirectUris: ["https://app.example.com/*/cb/*"] }, "redirectUris[0]", "only one"],
  ["wildcard in the host", { allowWildcardInRedirectUris: true, redirectUris: ["https://*.example.com/cb"] }, "redirectUris[0]", "path or query"],
  ["malformed post-logout URI", { postLogoutRedirectUris: ["logout"] }, "postLogoutRedirectUris[0]", "absolute URI"],
  ["post-logout URI with a fragment", { postLogoutRedirectUris: ["https://app.example.com/bye#done"] }, "postLogoutRedirectUris[0]", "fragment"],
  ["jwks and jwksUrl together", { jwks: '{"keys":[]}', jwksUrl: "https://app.example.com/jwks" }, "jwks", "cannot both be set"],
  ["PRIVATE_KEY_JWT without keys", { tokenEndpointAuthMethod: "PRIVATE_KEY_JWT" }, "tokenEndpointAuthMethod", "jwks or jwksUrl"],
  ["http jwksUrl", { jwksUrl: "http://app.example.com/jwks" }, "jwksUrl", "https://"],
  ["jwks that is not a JWKS", { jwks: "not json" }, "jwks", "JWKS"],
  ["http home page on a real host", { homePageUrl: "http://app.example.com" }, "homePageUrl", "localhost or 127.0.0.1"],
  ["login page that is not a URL", { loginPageUrl: "login" }, "loginPageUrl", "https://"],
  ["ftp initiateLoginUri", { initiateLoginUri: "ftp://app.example.com/login" }, "initiateLoginUri", "https://"],
  ["relative targetLinkUri", { targetLinkUri: "/home" }, "targetLinkUri", "absolute URI"],
  ["unknown CORS behavior", { corsSettings: { behavior: "ALLOW_ALL" } }, "corsSettings.behavior", "ALLOW_SPECIFIC_ORIGINS"],
  ["specific CORS origins missing", { corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS" } }, "corsSettings.origins", "at least one origin"],
  [
    "CORS origins with ALLOW_NO_ORIGINS",
    { corsSettings: { behavior: "ALLOW_NO_ORIGINS", origins: ["https://a.example.com"] } },
    "corsSettings.origins",
    "must be empty",
  ],
  [
    "41 CORS origins",
    { corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS", origins: Array.from({ length: 41 }, (_, i) => `https://o${i}.example.com`) } },
    "corsSettings.origins",
    "at most 40",
  ],
  [
    "CORS origin with a path",
    { corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS", origins: ["https://a.example.com/app"] } },
    "corsSettings.origins[0]",
    "no path",
  ],
  ["unknown tag", { type: "WORKER", tags: ["PINGFED"] }, "tags[0]", "PING_FED_CONNECTION_INTEGRATION"],
  ["tag on a web app", { tags: ["PING_FED_CONNECTION_INTEGRATION"] }, "tags", "WORKER"],
  ["signing on a SERVICE app", { type: "SERVICE", signing: { keyRotationPolicy: { id: "5f1c0de7-2b0a-4b8e-9a53-0d6c1f2a7b11" } } }, "signing", "SERVICE"],
  [
    "signed and unsigned request objects both required",
    { requireSignedRequestObject: true, supportUnsignedRequestObject: true },
    "requireSignedRequestObject",
    "cannot both be true",
  ],
  ["IMPLICIT without TOKEN or ID_TOKEN", { grantTypes: ["IMPLICIT"], responseTypes: ["CODE"] }, "responseTypes", "TOKEN or ID_TOKEN"],
  ["devicePathId with a space", { devicePathId: "my device" }, "devicePathId", "1 to 50"],
  ["empty name", { name: "" }, "name", "must not be empty"],
  ["name not a string", { name: 42 }, "name", "string"],
  ["enabled not a boolean", { enabled: "yes" }, "enabled", "true, false"],
  ["environmentId not a UUID", { environmentId: "prod" }, "environmentId", "UUID"],
  ["misspelled property", { grantType: ["AUTHORIZATION_CODE"] }, "grantType", "allowed properties"],
  ["kerberos on a web app", { kerberos: { key: { id: "k" } } }, "kerberos", "NATIVE_APP"],
  ["icon without href", { icon: { id: "5f1c0de7-2b0a-4b8e-9a53-0d6c1f2a7b11" } }, "icon.href", "required"],
  ["unknown access-control group type", { accessControl: { group: { type: "SOME_GROUP", groups: [{ id: "g" }] } } }, "accessControl.group.type", "ANY_GROUP"],
  ["signing without keyRotationPolicy", { signing: {} }, "signing.keyRotationPolicy", "required"],
  ["signing key rotation policy id not a UUID", { signing: { keyRotationPolicy: { id: "krp-1" } } }, "signing.keyRotationPolicy.id", "UUID"],
  ["kerberos key id not a UUID", { type: "NATIVE_APP", kerberos: { key: { id: "!" } } }, "kerberos.key.id", "UUID"],
  ["access-control role without type", { accessControl: { role: {} } }, "accessControl.role.type", "ADMIN_USERS_ONLY"],
  ["access-control group id not a UUID", { accessControl: { group: { type: "ANY_GROUP", groups: [{ id: "" }] } } }, "accessControl.group.groups[0].id", "UUID"],
  ["icon id not a UUID", { icon: { id: "!", href: "https://app.example.com/icon.png" } }, "icon.id", "UUID"],
  ["redirect URI with no host", { redirectUris: ["https://"] }, "redirectUris[0]", "absolute URI"],
  ["home page URL with a space", { homePageUrl: "https://app.example.com/a b" }, "homePageUrl", "https://"],
  [
    "passcode refresh out of range",
    { type: "NATIVE_APP", mobile: { passcodeRefreshDuration: { duration: 90, timeUnit: "SECONDS" } } },
    "mobile.passcodeRefreshDuration.duration",
    "from 30 to 60",
  ],
  ["Huawei app id without package name", { type: "NATIVE_APP", mobile: { huaweiAppId: "123" } }, "mobile.huaweiAppId", "together"],
];

describe("check rejects what PingOne would refuse, before any request", () => {
  const shared = useEmulatorProvider({ noRequests: true });

  it(`has at least 30 distinct bad inputs (${BAD_INPUTS.length})`, () => {
    assert.ok(new Set(BAD_INPUTS.map(([what]) => what)).size >= 30);
  });

  it("accepts the seeds' bodies and insecure-but-valid settings (the policy pack's job)", async () => {
    for (const body of [
      SEED_001.body,
      SEED_002.body,
      { ...SEED_002.body, tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC", pkceEnforcement: "OPTIONAL" },
      { ...SEED_001.body, redirectUris: ["http://localhost:3000/callback"], grantTypes: ["IMPLICIT"], responseTypes: ["TOKEN"] },
    ]) {
      const result = await shared.provider.check({}, { ...body, __autoname: "ok" });
      assert.deepEqual(result.failures, [], JSON.stringify(body));
    }
  });

  for (const [what, patch, property, hint] of BAD_INPUTS) {
    it(`rejects ${what}`, async () => {
      const news: Record<string, unknown> = { ...WEB, ...patch };
      for (const key of Object.keys(news)) if (news[key] === undefined) delete news[key];
      const result = await shared.provider.check({}, news);
      const failure = result.failures?.find((f) => f.property === property);
      assert.ok(failure, `expected a failure on ${property}, got ${JSON.stringify(result.failures)}`);
      assert.ok(failure.reason.includes('pingone:Application "bad"'), `names the resource: ${failure.reason}`);
      assert.ok(failure.reason.includes(property), `names the property: ${failure.reason}`);
      assert.ok(failure.reason.includes(hint), `says what is allowed (${hint}): ${failure.reason}`);
    });
  }

  it("skips values that are unknown during preview instead of judging them", async () => {
    for (const patch of [
      { redirectUris: [UNKNOWN_SENTINEL], parTimeout: UNKNOWN_SENTINEL, tokenEndpointAuthMethod: UNKNOWN_SENTINEL },
      { jwks: UNKNOWN_SENTINEL, jwksUrl: "https://app.example.com/jwks" },
      { type: "NATIVE_APP", mobile: { huaweiAppId: UNKNOWN_SENTINEL } },
      { grantTypes: ["IMPLICIT"], responseTypes: [UNKNOWN_SENTINEL] },
    ]) {
      const result = await shared.provider.check({}, { ...WEB, ...patch });
      assert.deepEqual(result.failures, [], JSON.stringify(patch));
    }
  });

  it("compares refreshTokenDuration with the rolling duration the update will keep", async () => {
    const olds = { ...SEED_002.body, __autoname: "keep" };
    const { refreshTokenRollingDuration: _dropped, ...rest } = SEED_002.body;
    const result = await shared.provider.check(olds, { ...rest, refreshTokenDuration: 172800, __autoname: "keep" });
    const failure = result.failures.find((f) => f.property === "refreshTokenDuration");
    assert.ok(failure, JSON.stringify(result.failures));
    assert.match(failure.reason, /86400 \(kept from the previous deployment/);
  });
});

/** A value nested `levels` deep under `key` (`{ key: { key: ... "leaf" } }`), built without recursion. */
function nested(levels: number, key: string, leaf: unknown = "leaf"): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = key === "[]" ? [value] : { [key]: value };
  return value;
}

describe("check stays bounded on hostile input: it fails, never throws, and echoes only excerpts", () => {
  const shared = useEmulatorProvider({ noRequests: true });

  it("accepts PingOne's deepest real path, accessControl.group.groups[].id", async () => {
    const accessControl = { role: { type: "ADMIN_USERS_ONLY" }, group: { type: "ALL_GROUPS", groups: [{ id: "5f1c0de7-2b0a-4b8e-9a53-0d6c1f2a7b11" }] } };
    assert.deepEqual((await shared.provider.check({}, { ...WEB, accessControl })).failures, []);
  });

  it("rejects accessControl nested 10,000 levels deep, naming the property and the allowed depth", async () => {
    const result = await shared.provider.check({}, { ...WEB, accessControl: nested(10_000, "group") });
    const failure = result.failures.find((f) => f.property.startsWith("accessControl.group.group") && /nested/.test(f.reason));
    assert.ok(failure, JSON.stringify(result.failures).slice(0, 500));
    assert.match(failure.reason, /pingone:Application "bad"/);
    assert.match(failure.reason, /nested deeper than 8 levels/);
    assert.match(failure.reason, /accessControl\.group\.groups\[\]\.id/, "says what PingOne's deepest field is");
    assert.ok(failure.property.length <= 300, `property path is bounded: ${failure.property.length}`);
  });

  it("does not recurse on the raw value: a list nested 200,000 levels deep (which overflows any recursive walk) is a failure, not a crash", async () => {
    for (const patch of [
      { grantTypes: ["IMPLICIT"], responseTypes: nested(200_000, "[]") },
      { mobile: nested(200_000, "integrityDetection") },
      { notAProperty: nested(200_000, "x") },
    ]) {
      const result = await shared.provider.check({}, { ...WEB, ...patch });
      const property = Object.keys(patch).at(-1) ?? "";
      assert.ok(
        result.failures.some((f) => f.property.startsWith(property) && /nested deeper than 8 levels/.test(f.reason)),
        `${property}: ${JSON.stringify(result.failures).slice(0, 500)}`,
      );
    }
  });

  it("rejects 100,000 redirect URIs of 40 KB each with a short message naming the list bound", async () => {
    const uri = `https://app.example.com/${"a".repeat(40_000)}`;
    const result = await shared.provider.check({}, { ...WEB, redirectUris: new Array<string>(100_000).fill(uri) });
    const failure = result.failures.find((f) => f.property === "redirectUris");
    assert.ok(failure, JSON.stringify(result.failures).slice(0, 500));
    assert.match(failure.reason, /100000 items; allowed: at most 1000 items/);
    assert.match(failure.reason, /safety bound/);
    const total = result.failures.reduce((sum, f) => sum + f.reason.length + f.property.length, 0);
    assert.ok(total <= 20_000, `all failures together are ${total} characters`);
  });

  it("echoes at most 200 characters of a bad value, marked as cut", async () => {
    const huge = `ftp://app.example.com/${"x".repeat(10 * 1024 * 1024)}`;
    const result = await shared.provider.check({}, { ...WEB, homePageUrl: huge, description: 42, name: "n".repeat(5_000_000) });
    assert.ok(result.failures.length > 0);
    for (const failure of result.failures) assert.ok(failure.reason.length <= 1_000, `${failure.property}: ${failure.reason.length} characters`);
    const home = result.failures.find((f) => f.property === "homePageUrl");
    assert.ok(home, JSON.stringify(result.failures).slice(0, 500));
    assert.match(home.reason, /…\(10485782 characters, cut\)/);
  });

  it("rejects a string longer than the provider's bound, naming the bound", async () => {
    const result = await shared.provider.check({}, { ...WEB, description: "d".repeat(100_001) });
    const failure = result.failures.find((f) => f.property === "description");
    assert.ok(failure, JSON.stringify(result.failures).slice(0, 500));
    assert.match(failure.reason, /100001 characters, cut\); allowed: at most 100000 characters/);
  });

  it("rejects an input of 100,000 properties with one failure on the input as a whole", async () => {
    const extra = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`extra${i}`, i]));
    const result = await shared.provider.check({}, { ...WEB, ...extra });
    assert.equal(result.failures.length, 1, JSON.stringify(result.failures).slice(0, 500));
    assert.equal(result.failures[0].property, "inputs");
    assert.match(result.failures[0].reason, /inputs have 100\d{3} properties; allowed: at most 1000/);
  });

  it("reports at most 50 failures, and says how many more there are", async () => {
    const result = await shared.provider.check({}, { ...WEB, redirectUris: Array.from({ length: 500 }, (_, i) => `relative/${i}`) });
    assert.equal(result.failures.length, 51);
    assert.match(result.failures[50].reason, /and 450 more failures/);
    assert.match(result.failures[50].reason, /at most 50/);
  });

  it("treats null or missing olds as none, and non-object news as a failure, never a TypeError", async () => {
    const fromNull = await shared.provider.check(null as unknown as Record<string, unknown>, { ...WEB });
    assert.deepEqual(fromNull.failures, []);
    const fromUndefined = await shared.provider.check(undefined as unknown as Record<string, unknown>, { ...WEB });
    assert.deepEqual(fromUndefined.failures, []);
    for (const news of [null, undefined, "a string", 42, ["a", "list"], true]) {
      const result = await shared.provider.check({}, news as unknown as Record<string, unknown>);
      assert.equal(result.failures.length, 1, JSON.stringify(result.failures));
      assert.match(result.failures[0].reason, /must be an object of properties/);
    }
  });
});

describe("create and update refuse the unknown-value placeholder before any request", () => {
  let emulator: RunningEmulator;
  let provider: ApplicationLifecycle;

  before(async () => {
    emulator = await withEmulator();
    provider = lifecycleFor(emulator);
  });
  after(() => emulator.close());

  it("check lets it through (it cannot tell preview from up), create refuses it naming resource, operation and path", async () => {
    const news = { ...WEB, corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS", origins: ["https://a.example.com", UNKNOWN_SENTINEL] } };
    const { inputs, failures } = await provider.check({}, news);
    assert.deepEqual(failures, []);
    emulator.resetCounters();
    await assert.rejects(provider.create(inputs), (error: Error) => {
      assertCoded(error, "ERR_UNKNOWN_INPUT", '"bad"');
      assert.match(error.message, /pingone:Application "bad": create application refused/);
      assert.match(error.message, /corsSettings\.origins\[1\]/);
      assert.match(error.message, /unknown/);
      return true;
    });
    assert.equal(totalRequests(emulator), 0, "no request was sent");
  });

  it("update refuses it too, before any request", async () => {
    const { inputs } = await provider.check({}, { ...WEB, __autoname: "later" });
    const created = await provider.create(inputs);
    const { inputs: news } = await provider.check(inputs, { ...WEB, __autoname: "later", description: UNKNOWN_SENTINEL });
    emulator.resetCounters();
    await assert.rejects(
      provider.update(created.id, created.outs, news),
      coded("ERR_UNKNOWN_INPUT", /pingone:Application "later": update application refused.*description/s),
    );
    assert.equal(totalRequests(emulator), 0, "no request was sent");
  });
});
