/**
 * The rule catalogue's (docs/oauth-client-rules.md) §7 edge-case compendium, row by row, run against the whole rule set: for each
 * input, the rules the table says fail must report, and the rules it says pass must not.
 * (Each rule's own spec file tests these cases in more detail.)
 */
import assert from "node:assert/strict";
import { allRules, type PingOneRule } from "../../policy/rules";
import { type Props, secureFapi, secureNative, secureSpa, secureWeb, secureWorker, variant } from "./fixtures";
import { runRule } from "./harness";

interface Row {
  readonly input: string;
  readonly app: Props;
  readonly fail: readonly string[];
  readonly pass: readonly string[];
}

const uris = (base: Props, ...redirectUris: string[]): Props => variant(base, { redirectUris });
const customApp = variant(secureNative, { type: "CUSTOM_APP" });
const implicitWeb = variant(secureWeb, { grantTypes: ["AUTHORIZATION_CODE", "IMPLICIT"], responseTypes: ["CODE", "ID_TOKEN"] });

const ROWS: readonly Row[] = [
  {
    input: "http://127.0.0.1/cb, http://127.0.0.1:51004/cb, http://[::1]:61023/cb on NATIVE_APP",
    app: uris(secureNative, "http://127.0.0.1/cb", "http://127.0.0.1:51004/cb", "http://[::1]:61023/cb"),
    fail: [],
    pass: ["redirect-uri-no-cleartext-http", "loopback-redirect-prefer-ip-literal", "redirect-uri-normalized-form"],
  },
  {
    input: "http://localhost:8765/cb on NATIVE_APP",
    app: uris(secureNative, "http://localhost:8765/cb"),
    fail: ["loopback-redirect-prefer-ip-literal"],
    pass: ["redirect-uri-no-cleartext-http"],
  },
  ...[
    ["WEB_APP", secureWeb],
    ["SINGLE_PAGE_APP", secureSpa],
    ["CUSTOM_APP", customApp],
  ].map(([type, base]): Row => ({
    input: `http://localhost:8765/cb on ${type as string}`,
    app: uris(base as Props, "http://localhost:8765/cb"),
    fail: ["redirect-uri-no-cleartext-http", "loopback-redirect-only-native", "loopback-redirect-prefer-ip-literal"],
    pass: [],
  })),
  {
    input: "https://localhost:8443/cb on WEB_APP",
    app: uris(secureWeb, "https://localhost:8443/cb"),
    fail: ["loopback-redirect-only-native", "loopback-redirect-prefer-ip-literal"],
    pass: ["redirect-uri-no-cleartext-http", "implicit-web-client-https-no-localhost"],
  },
  {
    input: "https://localhost:8443/cb on WEB_APP with IMPLICIT",
    app: uris(implicitWeb, "https://localhost:8443/cb"),
    fail: ["loopback-redirect-only-native", "loopback-redirect-prefer-ip-literal", "implicit-web-client-https-no-localhost"],
    pass: ["redirect-uri-no-cleartext-http"],
  },
  ...["http://localhost.evil.example/cb", "http://localhost./cb", "http://127.0.0.2/cb", "http://0.0.0.0/cb"].map((uri): Row => ({
    input: `${uri} on NATIVE_APP`,
    app: uris(secureNative, uri),
    fail: ["redirect-uri-no-cleartext-http"],
    pass: [],
  })),
  {
    input: "http://localhost:*/cb",
    app: uris(secureNative, "http://localhost:*/cb"),
    fail: ["redirect-uri-no-wildcard"],
    pass: ["redirect-uri-no-cleartext-http"],
  },
  {
    input: "com.example.app:/oauth2redirect/example-provider and com.example.app://callback on NATIVE_APP",
    app: uris(secureNative, "com.example.app:/oauth2redirect/example-provider", "com.example.app://callback"),
    fail: [],
    pass: ["redirect-uri-absolute", "private-use-scheme-reverse-domain", "private-use-scheme-native-only", "redirect-uri-normalized-form"],
  },
  { input: "myapp://callback", app: uris(secureNative, "myapp://callback"), fail: ["private-use-scheme-reverse-domain"], pass: [] },
  {
    input: "Com.Example.App:/cb",
    app: uris(secureNative, "Com.Example.App:/cb"),
    fail: ["redirect-uri-normalized-form"],
    pass: ["private-use-scheme-reverse-domain"],
  },
  {
    input: "HTTP://RP.Example.com/cb",
    app: uris(secureWeb, "HTTP://RP.Example.com/cb"),
    fail: ["redirect-uri-normalized-form", "redirect-uri-no-cleartext-http"],
    pass: [],
  },
  { input: "https://exаmple.com/cb (Cyrillic а)", app: uris(secureWeb, "https://ex\u0430mple.com/cb"), fail: ["redirect-uri-normalized-form"], pass: [] },
  { input: "*", app: uris(secureWeb, "*"), fail: ["redirect-uri-no-wildcard", "redirect-uri-absolute"], pass: [] },
  ...["https://rp.example.com*", "https://rp.example.com/cb/*", "https://*.example.com/cb"].map((uri): Row => ({
    input: uri,
    app: uris(secureWeb, uri),
    fail: ["redirect-uri-no-wildcard"],
    pass: ["redirect-uri-absolute"],
  })),
  ...["https://app.example.com/cb#done", "https://app.example.com/cb#"].map((uri): Row => ({
    input: uri,
    app: uris(secureWeb, uri),
    fail: ["redirect-uri-no-fragment"],
    pass: [],
  })),
  ...["/oidc/callback", "example.com/cb"].map((uri): Row => ({ input: uri, app: uris(secureWeb, uri), fail: ["redirect-uri-absolute"], pass: [] })),
  ...["javascript://host/%0aalert(1)", "data:text/html,x", "file:///etc/passwd"].map((uri): Row => ({
    input: uri,
    app: uris(secureWeb, uri),
    fail: ["redirect-uri-no-dangerous-scheme"],
    pass: ["private-use-scheme-native-only"],
  })),
  ...["https://rp.example.com@evil.example/cb", "https://rp.example.com/cb?state=fixed", "https://rp.example.com/a/../cb"].map((uri): Row => ({
    input: uri,
    app: uris(secureWeb, uri),
    fail: ["redirect-uri-suspicious-structure"],
    pass: [],
  })),
  {
    input: "IMPLICIT + [ID_TOKEN]",
    app: variant(secureSpa, { grantTypes: ["IMPLICIT"], responseTypes: ["ID_TOKEN"] }),
    fail: ["no-implicit-grant"],
    pass: ["no-access-token-in-front-channel"],
  },
  {
    input: "CLIENT_CREDENTIALS + [TOKEN] (WORKER)",
    app: variant(secureWorker, { responseTypes: ["TOKEN"] }),
    fail: ["grant-response-type-consistency"],
    pass: ["no-access-token-in-front-channel"],
  },
  {
    input: "NATIVE_APP + CLIENT_SECRET_BASIC + no PKCE",
    app: variant(secureNative, { tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC", pkceEnforcement: undefined }),
    fail: ["pkce-required-for-public-clients", "public-app-types-no-shared-secret-native"],
    pass: [],
  },
  {
    input: "DEVICE_CODE-only native app, no redirect URIs",
    app: variant(secureNative, { grantTypes: ["DEVICE_CODE"], responseTypes: [], redirectUris: undefined }),
    fail: [],
    pass: ["redirect-uris-registered"],
  },
  {
    input: "additionalRefreshTokenReplayProtectionEnabled: null on a public client with REFRESH_TOKEN",
    app: variant(secureSpa, { additionalRefreshTokenReplayProtectionEnabled: null }),
    fail: ["public-client-refresh-token-replay-protection"],
    pass: [],
  },
  {
    input: "refreshTokenRollingDuration absent",
    app: variant(secureSpa, { refreshTokenRollingDuration: undefined }),
    fail: ["refresh-token-lifetime-bounded"],
    pass: ["refresh-token-duration-within-rolling"],
  },
  {
    input: "refreshTokenDuration > refreshTokenRollingDuration",
    app: variant(secureSpa, { refreshTokenDuration: 7200, refreshTokenRollingDuration: 3600 }),
    fail: ["refresh-token-duration-within-rolling"],
    pass: [],
  },
  {
    input: "FAPI app with parTimeout: 600",
    app: variant(secureFapi, { parTimeout: 600 }),
    fail: ["fapi-par-timeout-below-600"],
    pass: ["fapi-par-required"],
  },
  {
    input: "enabled: false (evaluate anyway)",
    app: variant(secureSpa, { enabled: false, pkceEnforcement: undefined }),
    fail: ["pkce-required-for-public-clients"],
    pass: [],
  },
];

function rule(name: string): PingOneRule {
  const found = allRules.find((r) => r.name === name);
  assert.ok(found, `no rule ${name}`);
  return found;
}

describe("docs/oauth-client-rules.md §7 edge cases", () => {
  for (const row of ROWS) {
    it(`${row.input}: fails ${row.fail.join(", ") || "nothing listed"}`, () => {
      for (const name of row.fail) {
        assert.ok(runRule(rule(name), row.app).violations.length > 0, `${name} should fail`);
      }
      for (const name of row.pass) {
        assert.deepEqual(runRule(rule(name), row.app).violations, [], `${name} should pass`);
      }
    });
  }
});
