/**
 * Property-based fuzzing of `check` (fast-check). Thousands of generated inputs, most of them
 * built from the real property names, enums and ranges (so that many are accepted), the rest
 * hostile (wrong types, huge strings and lists, deep nesting, unicode, unknown names, the
 * engine's unknown-value placeholder, inputs that are not objects at all). For every one:
 *
 * - `check` returns; it never throws;
 * - every failure names a property (`inputs` for the input as a whole), the reason quotes that
 *   property, and the reasons are bounded in length and number;
 * - whatever `check` accepts, the emulator (standing in for PingOne) accepts too, posted over
 *   HTTP on loopback exactly as the provider would send it; and an accepted input that still holds
 *   the unknown-value placeholder is refused by `create` before any request.
 *
 * The seed is fixed so a run is repeatable; `CHECK_FUZZ_SEED` and `CHECK_FUZZ_RUNS` explore
 * further. On a failure fast-check prints the seed, the path and the (shrunk) input.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { RunningEmulator } from "../../emulator";
import { createBody } from "../../provider/application/plan";
import { CHECK_BOUNDS, WHOLE_INPUT } from "../../provider/application/check";
import type { CheckFailure } from "../../provider/kernel/check";
import { UnknownInputError } from "../../provider/kernel/errors";
import type { ApplicationLifecycle } from "../../provider/application/lifecycle";
import {
  ACCESS_CONTROL_GROUP_TYPES,
  APPLICATION_TAGS,
  APPLICATION_TYPES,
  CORS_BEHAVIORS,
  GRANT_TYPES,
  PAR_REQUIREMENTS,
  PKCE_ENFORCEMENTS,
  REFRESH_TOKEN_TYPES,
  RESPONSE_TYPES,
  TOKEN_ENDPOINT_AUTH_METHODS,
  rangeOf,
} from "../../pingone";
import { APPLICATION_PROPERTY_NAMES } from "../../provider/application/properties";
import { findUnknown, UNKNOWN_SENTINEL } from "../../provider/kernel/values";
import { TestClient } from "../emulator/helpers";
import { lifecycleFor, totalRequests, withEmulator } from "../helpers/emulator";
import { coded } from "../helpers/errors";

type Props = Record<string, unknown>;

const SEED = Number(process.env.CHECK_FUZZ_SEED ?? 20_260_721);
const RUNS = Number(process.env.CHECK_FUZZ_RUNS ?? 2_500);
/** A reason is the resource label, the property path and a problem with one excerpt (≤ ~250 characters) in it. */
const MAX_REASON_LENGTH = 1_500;

/** Near misses of an enum: other case, a typo, another type. */
function enumOf(values: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...values) },
    { weight: 1, arbitrary: fc.constantFrom(...values).map((v) => v.toLowerCase()) },
    { weight: 1, arbitrary: fc.constantFrom(...values).map((v) => `${v}_X`) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)) },
  );
}

function setOf(values: readonly string[], minLength = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.subarray([...values], { minLength }) },
    { weight: 1, arbitrary: fc.array(enumOf(values), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom(...values) },
  );
}

function integerAround(min: number, max: number): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 10, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, min + 0.5, String(min)) });
}

const uuid = fc.uuid();
const host = fc.oneof(fc.domain(), fc.constantFrom("localhost", "127.0.0.1", "app.example.com", "[::1]"));
const port = fc.option(
  fc.integer({ min: 1, max: 65535 }).map((p) => `:${p}`),
  { nil: "" },
);
/** Characters that make URIs interesting: delimiters, brackets, percent, whitespace, a wildcard, unicode. */
const uriChar = fc.constantFrom(..."abcXYZ019-._~:/?#[]@!$&'()*+,;=% \u00e9\u4e2d");
const uriTail = fc.string({ unit: uriChar, maxLength: 30 });

const uri = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom("https://", "http://"), host, port, fc.constantFrom("", "/", "/cb", "/a/b?x=1")).map((p) => p.join("")) },
  { weight: 2, arbitrary: fc.constantFrom("com.example.app:/oauth2redirect", "myapp://callback", "http://127.0.0.1:8080/cb", "https://app.example.com/cb/*") },
  {
    weight: 3,
    arbitrary: fc.webUrl({
      validSchemes: ["https", "http", "myapp"],
      withQueryParameters: true,
      withFragments: true,
      authoritySettings: { withIPv4: true, withIPv6: true, withPort: true, withUserInfo: true },
    }),
  },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom("https://", "http://", "https:", "app:", "myapp://", ""), uriTail).map((p) => p.join("")) },
);
const origin = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom("https://", "http://", ""), host, port).map((p) => p.join("")) },
  { weight: 1, arbitrary: fc.constantFrom("https://*.example.com", "https://a.example.com/path") },
  { weight: 1, arbitrary: uriTail },
);
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }), fc.constantFrom("", " ", "\t"));
const jwks = fc.oneof(
  fc.constant('{"keys":[]}'),
  fc.constant('{"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}'),
  fc.json(),
  text,
);

/** `{ key: { key: ... leaf } }` or `[[[ leaf ]]]`, built without recursion. */
function nested(levels: number, key: string | undefined, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = key === undefined ? [value] : { [key]: value };
  return value;
}

/** One arbitrary per property, mostly valid values with near misses mixed in. */
const FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  name: text,
  description: text,
  enabled: fc.oneof(fc.boolean(), fc.constant("true")),
  type: enumOf(APPLICATION_TYPES),
  protocol: enumOf(["OPENID_CONNECT"]),
  grantTypes: setOf(GRANT_TYPES, 1),
  responseTypes: setOf(RESPONSE_TYPES),
  tokenEndpointAuthMethod: enumOf(TOKEN_ENDPOINT_AUTH_METHODS),
  pkceEnforcement: enumOf(PKCE_ENFORCEMENTS),
  parRequirement: enumOf(PAR_REQUIREMENTS),
  parTimeout: integerAround(rangeOf("parTimeout").min, rangeOf("parTimeout").max),
  deviceTimeout: integerAround(rangeOf("deviceTimeout").min, rangeOf("deviceTimeout").max),
  devicePollingInterval: integerAround(rangeOf("devicePollingInterval").min, rangeOf("devicePollingInterval").max),
  refreshTokenDuration: integerAround(60, 200_000),
  refreshTokenRollingDuration: integerAround(60, 200_000),
  refreshTokenRollingGracePeriodDuration: integerAround(
    rangeOf("refreshTokenRollingGracePeriodDuration").min,
    rangeOf("refreshTokenRollingGracePeriodDuration").max,
  ),
  refreshTokenType: enumOf(REFRESH_TOKEN_TYPES),
  redirectUris: fc.array(uri, { maxLength: 4 }),
  postLogoutRedirectUris: fc.array(uri, { maxLength: 3 }),
  allowWildcardInRedirectUris: fc.boolean(),
  additionalRefreshTokenReplayProtectionEnabled: fc.boolean(),
  devicePathId: fc.oneof(fc.stringMatching(/^[a-zA-Z0-9_-]{1,50}$/), text),
  deviceCustomVerificationUri: uri,
  homePageUrl: uri,
  loginPageUrl: uri,
  initiateLoginUri: uri,
  targetLinkUri: uri,
  jwks,
  jwksUrl: uri,
  corsSettings: fc.record({ behavior: enumOf(CORS_BEHAVIORS), origins: fc.array(origin, { maxLength: 4 }) }, { requiredKeys: ["behavior"] }),
  tags: setOf(APPLICATION_TAGS),
  hiddenFromAppPortal: fc.boolean(),
  signing: fc.oneof(fc.record({ keyRotationPolicy: fc.record({ id: fc.oneof(uuid, text) }) }), fc.constant({})),
  requireSignedRequestObject: fc.boolean(),
  supportUnsignedRequestObject: fc.boolean(),
  idpSignoff: fc.boolean(),
  includeX5t: fc.boolean(),
  opSessionCheckEnabled: fc.boolean(),
  requestScopesForMultipleResourcesEnabled: fc.boolean(),
  icon: fc.record({ id: fc.oneof(uuid, text), href: uri }, { requiredKeys: [] }),
  accessControl: fc.record(
    {
      role: fc.record({ type: enumOf(["ADMIN_USERS_ONLY"]) }, { requiredKeys: [] }),
      group: fc.record(
        { type: enumOf(ACCESS_CONTROL_GROUP_TYPES), groups: fc.array(fc.record({ id: fc.oneof(uuid, text) }), { maxLength: 3 }) },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  ),
  assignActorRoles: fc.boolean(),
  kerberos: fc.record({ key: fc.record({ id: fc.oneof(uuid, text) }) }, { requiredKeys: [] }),
  mobile: fc.record(
    {
      bundleId: text,
      packageName: text,
      uriPrefix: uri,
      passcodeRefreshDuration: fc.record({ duration: integerAround(30, 60), timeUnit: enumOf(["SECONDS"]) }, { requiredKeys: ["duration"] }),
      integrityDetection: fc.record({ mode: enumOf(["ENABLED", "DISABLED"]), excludedPlatforms: setOf(["GOOGLE", "IOS"]) }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  ),
};

const autoname = fc.constantFrom("fuzz", "web", "spa");

/** Plausible applications: any subset of the properties. */
const plausible: fc.Arbitrary<Props> = fc.tuple(autoname, fc.record(FIELDS, { requiredKeys: [] })).map(([name, app]) => ({ ...app, __autoname: name }));

/** Properties allowed only on some types: a likely application gets a type that takes them. */
function typeFor(app: Props, drawn: string): string {
  if (app.mobile !== undefined || app.kerberos !== undefined) return "NATIVE_APP";
  if (app.tags !== undefined) return "WORKER";
  if (app.signing !== undefined && drawn === "SERVICE") return "WEB_APP";
  return drawn;
}

/** What a likely application's grants and auth method need: a response type for IMPLICIT, keys for PRIVATE_KEY_JWT. */
function completed(app: Props): Props {
  const grants = app.grantTypes as string[];
  const extra: Props = {};
  if (grants.includes("IMPLICIT") && app.responseTypes === undefined) extra.responseTypes = ["ID_TOKEN"];
  if (app.tokenEndpointAuthMethod === "PRIVATE_KEY_JWT" && app.jwks === undefined && app.jwksUrl === undefined) extra.jwksUrl = "https://app.example.com/jwks";
  return { ...app, ...extra };
}

/** Likely applications: the three required properties set right, and up to five others. */
const likely: fc.Arbitrary<Props> = fc
  .tuple(
    autoname,
    fc.subarray(Object.keys(FIELDS), { maxLength: 5 }),
    fc.constantFrom(...APPLICATION_TYPES),
    fc.subarray([...GRANT_TYPES], { minLength: 1 }),
    fc.constantFrom(...TOKEN_ENDPOINT_AUTH_METHODS),
  )
  .chain(([name, keys, type, grantTypes, tokenEndpointAuthMethod]) =>
    fc
      .record(Object.fromEntries(keys.map((key) => [key, FIELDS[key]])))
      .map((app: Props) => completed({ ...app, __autoname: name, type: typeFor(app, type), grantTypes, tokenEndpointAuthMethod })),
  );

/** Large but valid values, up to the provider's bounds: both check and the emulator must take them. */
const largeButValid: fc.Arbitrary<Props> = fc.oneof(
  fc.integer({ min: 0, max: CHECK_BOUNDS.stringLength }).map((n) => ({ description: "d".repeat(n) })),
  fc.integer({ min: 0, max: CHECK_BOUNDS.items }).map((n) => ({ redirectUris: Array.from({ length: n }, (_, i) => `https://app.example.com/cb/${i}`) })),
  fc.integer({ min: 1, max: CHECK_BOUNDS.items }).map((n) => ({
    accessControl: {
      group: { type: "ANY_GROUP", groups: Array.from({ length: n }, (_, i) => ({ id: `5f1c0de7-2b0a-4b8e-9a53-${i.toString(16).padStart(12, "0")}` })) },
    },
  })),
);

const propertyName = fc.constantFrom(...APPLICATION_PROPERTY_NAMES);

/** A hostile change to a likely application. */
const hostilePatch: fc.Arbitrary<Props> = fc.oneof(
  fc.tuple(propertyName, fc.anything()).map(([key, value]) => ({ [key]: value })),
  fc.tuple(propertyName, fc.integer({ min: 0, max: 300_000 })).map(([key, n]) => ({ [key]: `https://app.example.com/${"a".repeat(n)}` })),
  fc
    .tuple(fc.constantFrom("redirectUris", "postLogoutRedirectUris", "grantTypes", "tags"), fc.integer({ min: 0, max: 200_000 }), uri)
    .map(([key, n, item]) => ({ [key]: new Array<unknown>(n).fill(item) })),
  fc
    .tuple(propertyName, fc.integer({ min: 1, max: 60_000 }), fc.option(fc.constantFrom("group", "groups", "x"), { nil: undefined }))
    .map(([key, n, inner]) => ({ [key]: nested(n, inner, "leaf") })),
  fc
    .tuple(fc.constantFrom("accessControl", "mobile", "corsSettings"), fc.integer({ min: 3, max: 12 }))
    .map(([key, n]) => ({ [key]: nested(n, "group", { type: "ANY_GROUP" }) })),
  fc.dictionary(fc.string({ unit: "binary", maxLength: 12 }), fc.jsonValue(), { maxKeys: 3 }),
  fc.tuple(propertyName, fc.string({ unit: "binary", maxLength: 200 })).map(([key, value]) => ({ [key]: value })),
  fc.tuple(propertyName, fc.constantFrom<unknown>(UNKNOWN_SENTINEL, [UNKNOWN_SENTINEL], { id: UNKNOWN_SENTINEL })).map(([key, value]) => ({ [key]: value })),
  fc.constant({ corsSettings: { behavior: "ALLOW_SPECIFIC_ORIGINS", origins: ["https://a.example.com", UNKNOWN_SENTINEL] } }),
  fc.integer({ min: 1_001, max: 5_000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`extra${i}`, i]))),
);

interface Case {
  olds: unknown;
  news: unknown;
}

const olds = fc.oneof(
  { weight: 8, arbitrary: fc.constant<unknown>({}) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, "x", []) },
  { weight: 1, arbitrary: likely },
);
const cases: fc.Arbitrary<Case> = fc.record({
  olds,
  news: fc.oneof(
    { weight: 10, arbitrary: likely },
    { weight: 3, arbitrary: plausible },
    { weight: 4, arbitrary: fc.tuple(likely, hostilePatch).map(([app, patch]) => ({ ...app, ...patch })) },
    { weight: 1, arbitrary: fc.tuple(likely, largeButValid).map(([app, patch]) => ({ ...app, ...patch })) },
    { weight: 1, arbitrary: fc.anything() },
  ),
});

function assertWellFormed(failures: CheckFailure[]): void {
  assert.ok(Array.isArray(failures));
  assert.ok(failures.length <= CHECK_BOUNDS.failures + 1, `${failures.length} failures`);
  for (const failure of failures) {
    assert.equal(typeof failure.property, "string");
    assert.ok(failure.property.length > 0, "names a property");
    assert.ok(failure.property.length <= 301, `property of ${failure.property.length} characters`);
    assert.ok(failure.property === WHOLE_INPUT || failure.reason.includes(failure.property), `the reason quotes the property: ${failure.reason.slice(0, 300)}`);
    assert.ok(failure.reason.length <= MAX_REASON_LENGTH, `reason of ${failure.reason.length} characters: ${failure.reason.slice(0, 300)}`);
  }
}

describe("check, fuzzed: never throws, bounded failures, and accepts only what the emulator accepts", function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let provider: ApplicationLifecycle;
  let api: TestClient;

  before(async () => {
    emulator = await withEmulator();
    provider = lifecycleFor(emulator);
    api = new TestClient(emulator);
  });
  after(() => emulator.close());

  it(`holds for ${RUNS} generated inputs (seed ${SEED})`, async () => {
    const tally = { accepted: 0, posted: 0, refusedUnknown: 0, rejected: 0, threw: 0 };
    await fc.assert(
      fc.asyncProperty(cases, async ({ olds: previous, news }) => {
        let outcome;
        try {
          outcome = await provider.check(previous as Props, news as Props);
        } catch (error) {
          tally.threw++;
          throw error;
        }
        assertWellFormed(outcome.failures);
        if (outcome.failures.length > 0) {
          tally.rejected++;
          return;
        }
        tally.accepted++;
        if (findUnknown(outcome.inputs) !== undefined) {
          emulator.resetCounters();
          await assert.rejects(
            provider.create(outcome.inputs),
            (error: unknown) => error instanceof UnknownInputError && coded("ERR_UNKNOWN_INPUT", "create application refused before any request")(error),
          );
          assert.equal(totalRequests(emulator), 0, "create sent a request with an unknown value in it");
          tally.refusedUnknown++;
          return;
        }
        const response = await api.create(createBody(outcome.inputs));
        assert.equal(response.status, 201, `check accepted what the emulator refuses: ${JSON.stringify(response.body?.details ?? response.body)}`);
        tally.posted++;
        const id = response.body?.id;
        if (typeof id === "string") assert.equal((await api.call("DELETE", `${api.appsUrl()}/${id}`)).status, 204);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`      check fuzz (seed ${SEED}): ${JSON.stringify(tally)}`);
    assert.ok(tally.posted >= RUNS / 10, `too few accepted inputs to compare with the emulator: ${JSON.stringify(tally)}`);
  });
});
