/**
 * Application props for the policy tests: one secure app per kind, which every rule accepts,
 * and helpers to derive a variant with one thing changed. The props carry `__provider` and
 * `__autoname` as a dynamic resource's inputs do, to show the rules ignore them.
 */
export type Props = Record<string, unknown>;

const dynamicExtras: Props = {
  __provider: "exports.handler = __f0; function __f0() { /* serialized provider */ }",
  __autoname: "app-1a2b3c",
};

/** SPA: public, code + S256 PKCE, rotation with replay protection, lifetimes within the public limits. */
export const secureSpa: Props = {
  ...dynamicExtras,
  name: "Web shop",
  enabled: true,
  type: "SINGLE_PAGE_APP",
  grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
  responseTypes: ["CODE"],
  tokenEndpointAuthMethod: "NONE",
  pkceEnforcement: "S256_REQUIRED",
  redirectUris: ["https://shop.example.com/callback"],
  postLogoutRedirectUris: ["https://shop.example.com/"],
  additionalRefreshTokenReplayProtectionEnabled: true,
  refreshTokenDuration: 86400,
  refreshTokenRollingDuration: 7 * 86400,
};

/** Native app: public, private-use scheme and loopback IP redirects. */
export const secureNative: Props = {
  ...dynamicExtras,
  name: "Mobile app",
  enabled: true,
  type: "NATIVE_APP",
  grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
  responseTypes: ["CODE"],
  tokenEndpointAuthMethod: "NONE",
  pkceEnforcement: "S256_REQUIRED",
  redirectUris: [
    "com.example.app:/oauth2redirect/example-provider",
    "com.example.app://callback",
    "http://127.0.0.1/cb",
    "http://127.0.0.1:51004/cb",
    "http://[::1]:61023/cb",
  ],
  postLogoutRedirectUris: ["com.example.app://logout"],
  additionalRefreshTokenReplayProtectionEnabled: true,
  refreshTokenDuration: 2592000,
  refreshTokenRollingDuration: 90 * 86400,
};

/** Web app: confidential with private_key_jwt, code + S256. */
export const secureWeb: Props = {
  ...dynamicExtras,
  name: "Portal",
  enabled: true,
  type: "WEB_APP",
  grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
  responseTypes: ["CODE"],
  tokenEndpointAuthMethod: "PRIVATE_KEY_JWT",
  jwksUrl: "https://portal.example.com/jwks.json",
  pkceEnforcement: "S256_REQUIRED",
  redirectUris: ["https://portal.example.com/oidc/callback"],
  postLogoutRedirectUris: ["https://portal.example.com/signed-out"],
  refreshTokenDuration: 30 * 86400,
  refreshTokenRollingDuration: 180 * 86400,
};

/** Worker: client credentials with private_key_jwt, no front channel. */
export const secureWorker: Props = {
  ...dynamicExtras,
  name: "Batch job",
  enabled: true,
  type: "WORKER",
  grantTypes: ["CLIENT_CREDENTIALS"],
  tokenEndpointAuthMethod: "PRIVATE_KEY_JWT",
  jwksUrl: "https://batch.example.com/jwks.json",
};

/** A FAPI 2.0 app, opted in through its description. */
export const secureFapi: Props = {
  ...secureWeb,
  name: "Payments API client",
  description: "Open banking payments [FAPI2]",
  parRequirement: "REQUIRED",
};

export const secureApps: Readonly<Record<string, Props>> = {
  secureSpa,
  secureNative,
  secureWeb,
  secureWorker,
  secureFapi,
};

/** A copy of `base` with `changes` applied; a change to `undefined` removes the field. */
export function variant(base: Props, changes: Props): Props {
  const out: Props = { ...base, ...changes };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) {
      delete out[key];
    }
  }
  return out;
}
