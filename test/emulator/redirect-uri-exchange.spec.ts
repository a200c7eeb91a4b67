/**
 * The code exchange's `redirect_uri` against the authorization request's, when the registered
 * URI has no path (`https://www.google.com`, seed 001). openid-client v6 sends the URL the
 * browser landed on, normalised by WHATWG URL parsing (`https://www.google.com/`), and offers no
 * way to send the authorization request's spelling (github.com/panva/openid-client/issues/791).
 * RFC 3986 §6.2.3 makes an empty path and "/" equivalent for http(s), so the emulator compares
 * the two as parsed URLs; any other difference is still `invalid_grant`.
 */
import { strict as assert } from "node:assert";
import * as oidc from "openid-client";
import { authorizationRequest, discover, signIn, signInAsBrowser } from "../helpers/signin";
import { withEmulator, type TestClient } from "./helpers";

const PASSWORD = "Bob-pw-12345";

describe("emulator: redirect_uri at the code exchange", () => {
  let client: TestClient;
  before(async () => {
    client = await withEmulator({ users: [{ username: "bob", password: PASSWORD }] });
  });
  after(() => client.emu.close());

  async function publicApp(redirectUri: string): Promise<string> {
    return client.createId({
      enabled: true,
      name: `spa-${redirectUri.length}-${Math.random().toString(36).slice(2, 8)}`,
      type: "SINGLE_PAGE_APP",
      protocol: "OPENID_CONNECT",
      grantTypes: ["AUTHORIZATION_CODE"],
      responseTypes: ["CODE"],
      redirectUris: [redirectUri],
      tokenEndpointAuthMethod: "NONE",
      pkceEnforcement: "S256_REQUIRED",
    });
  }

  it("signs in through openid-client with a registered redirect URI that has no path", async () => {
    const appId = await publicApp("https://www.google.com");
    const issuer = `${client.emu.authUrl}/${client.envId}/as`;
    const signedIn = await signIn(
      { issuer, clientId: appId, authMethod: "NONE" },
      { redirectUri: "https://www.google.com", user: { username: "bob", password: PASSWORD }, scope: "openid" },
    );
    assert.equal(signedIn.idClaims.aud, appId);
  });

  it("still refuses a redirect_uri that differs beyond that equivalence", async () => {
    const appId = await publicApp("https://www.google.com");
    const issuer = `${client.emu.authUrl}/${client.envId}/as`;
    // A code issued for https://www.google.com, redeemed with another path.
    const full = await discover({ issuer, clientId: appId, authMethod: "NONE" });
    const request = await authorizationRequest(full, { redirectUri: "https://www.google.com", scope: "openid", pkce: "S256" });
    const callback = await signInAsBrowser(full, request.url, { username: "bob", password: PASSWORD }, "https://www.google.com");
    const other = new URL(callback.href);
    other.pathname = "/elsewhere";
    await assert.rejects(
      oidc.authorizationCodeGrant(full, other, {
        expectedState: request.checks.state,
        expectedNonce: request.checks.nonce,
        pkceCodeVerifier: request.checks.pkceCodeVerifier,
      }),
      (error: unknown) => error instanceof oidc.ResponseBodyError && error.error === "invalid_grant",
    );
  });
});
