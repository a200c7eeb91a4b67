/**
 * The `ST` session cookie is a bearer credential for the browser's session: holding it signs the
 * user in again without a password. The `sid` claim is in every ID token and access token the
 * session yields, which relying parties log and forward, so the cookie must not be derivable from
 * `sid`.
 */
import { strict as assert } from "node:assert";
import { authorizationRequest, signIn } from "../helpers/signin";
import { hop } from "../helpers/browser-signin";
import { withEmulator, type TestClient } from "./helpers";

const PASSWORD = "Carol-pw-12345";
const REDIRECT = "https://app.example/cb";

describe("emulator: the session cookie", () => {
  let client: TestClient;
  before(async () => {
    client = await withEmulator({ users: [{ username: "carol", password: PASSWORD }] });
  });
  after(() => client.emu.close());

  it("is not the sid of the tokens: a cookie rebuilt from sid does not sign the user in", async () => {
    const appId = await client.createId({
      enabled: true,
      name: "sso-app",
      type: "SINGLE_PAGE_APP",
      protocol: "OPENID_CONNECT",
      grantTypes: ["AUTHORIZATION_CODE"],
      responseTypes: ["CODE"],
      redirectUris: [REDIRECT],
      tokenEndpointAuthMethod: "NONE",
      pkceEnforcement: "S256_REQUIRED",
    });
    const issuer = `${client.emu.authUrl}/${client.envId}/as`;
    const rp = { issuer, clientId: appId, authMethod: "NONE" as const };
    const signedIn = await signIn(rp, { redirectUri: REDIRECT, user: { username: "carol", password: PASSWORD }, scope: "openid" });
    const sid = signedIn.idClaims.sid;
    assert.equal(typeof sid, "string");

    const again = await authorizationRequest(signedIn.config, { redirectUri: REDIRECT, scope: "openid" });
    const forged = await hop(again.url, { headers: { cookie: `ST=${String(sid)}` } });
    assert.equal(forged.status, 302);
    assert.ok(!forged.location.startsWith(REDIRECT), `a cookie made from sid signed the user in: ${forged.location.slice(0, 80)}`);
    assert.match(forged.location, /\/signon\/\?flowId=/);
  });
});
