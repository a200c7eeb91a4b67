/**
 * What the emulator's sign-in refuses: a signoff with a forged id_token_hint, a client assertion
 * used twice, a resume without the browser's session cookie, a refresh for scopes no longer
 * granted, client credentials for a public client, userinfo with a token that is not this
 * environment's signed access token; and token errors quote the caller's input in short
 * excerpts. Each of these failed before its fix (44d15d2), except the userinfo refusals, which
 * held from the start.
 */
import { strict as assert } from "node:assert";
import { SignJWT, UnsecuredJWT, decodeJwt } from "jose";
import * as oidc from "openid-client";
import type { JsonObject } from "../../emulator";
import { authorizationConfig, checkPassword, flowUrlOf, hop, signInAsBrowser } from "../helpers/browser-signin";
import { minimalApp, str, withEmulator, type TestClient } from "./helpers";

const REDIRECT = "https://app.example.com/callback";
const ADA = { username: "ada", password: "Ada-pw-1815", email: "ada@example.com" };
const FORM = { "content-type": "application/x-www-form-urlencoded" };

describe("emulator: sign-in refuses forged, replayed, unbound and revoked requests", function () {
  this.timeout(60_000);
  let client: TestClient;
  let ahead = 0;
  const clock = (): number => Date.now() + ahead;

  beforeEach(async () => {
    ahead = 0;
    client = await withEmulator({ clock });
    client.emu.createUser(ADA);
  });
  afterEach(() => client.emu.close());

  const issuer = (): string => `${client.emu.authUrl}/${client.envId}/as`;

  async function createApp(overrides: JsonObject, grantScopes: string[] = ["profile", "email"]): Promise<{ id: string; secret: string }> {
    const id = await client.createId(minimalApp({ enabled: true, ...overrides }));
    if (grantScopes.length > 0) await client.grantOpenIdScopes(id, grantScopes);
    const secret = str((await client.call("GET", `${client.appsUrl()}/${id}/secret`)).body?.secret);
    return { id, secret };
  }

  async function authorizeUrl(appId: string, extra: Record<string, string> = {}): Promise<{ url: URL; verifier: string; state: string; nonce: string }> {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(authorizationConfig(issuer(), appId), {
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: "openid profile email",
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      ...extra,
    });
    return { url, verifier, state, nonce };
  }

  async function tokenRequest(appId: string, secret: string, form: Record<string, string>): Promise<{ status: number; body: JsonObject }> {
    const res = await fetch(`${issuer()}/token`, {
      method: "POST",
      headers: { ...FORM, authorization: `Basic ${Buffer.from(`${appId}:${secret}`).toString("base64")}` },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, body: (await res.json()) as JsonObject };
  }

  /** Signs Ada in to a confidential web app and exchanges the code: answers the token response and the cookie. */
  async function signedIn(app: { id: string; secret: string }): Promise<{ tokens: JsonObject; cookie: string }> {
    const a = await authorizeUrl(app.id);
    const { callback, cookie } = await signInAsBrowser(a.url, ADA, issuer());
    assert.ok(callback);
    const code = str(callback.searchParams.get("code"));
    const tokens = await tokenRequest(app.id, app.secret, { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: a.verifier });
    assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    return { tokens: tokens.body, cookie };
  }

  it("signoff with an unsigned id_token_hint and no session cookie answers 400 and leaves the session signed in", async () => {
    const app = await createApp({ grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"], postLogoutRedirectUris: ["https://app.example.com/bye"] });
    const { tokens, cookie } = await signedIn(app);
    const sid = str(decodeJwt(str(tokens.id_token)).sid);
    // The attacker knows only the sid (in every token of every RP of this session; printed by `npm start`).
    const forged = new UnsecuredJWT({ sid }).setIssuer(issuer()).setAudience(app.id).encode();
    assert.equal((await hop(`${issuer()}/signoff?id_token_hint=${forged}`)).status, 400);
    const again = await hop((await authorizeUrl(app.id)).url, { headers: { cookie } });
    assert.ok(new URL(again.location).searchParams.has("code"), "the victim's session was ended by a forged, unsigned id_token_hint");
  });

  /** A CLIENT_SECRET_JWT client assertion of `app` (HS256 with its secret), times in epoch seconds. */
  function secretAssertion(app: { id: string; secret: string }, times: { iat: number; exp: number }, jti: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(app.id)
      .setSubject(app.id)
      .setAudience(`${issuer()}/token`)
      .setIssuedAt(times.iat)
      .setExpirationTime(times.exp)
      .setJti(jti)
      .sign(new TextEncoder().encode(app.secret));
  }

  /** A client-credentials token request authenticated by `assertion`; answers the status. */
  async function sendAssertion(appId: string, assertion: string): Promise<number> {
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: appId,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
    });
    return (await fetch(`${issuer()}/token`, { method: "POST", headers: FORM, body: body.toString() })).status;
  }

  it("a CLIENT_SECRET_JWT client assertion is accepted once, also when its exp passed within the clock tolerance (jti replay)", async () => {
    const app = await createApp(
      { type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], responseTypes: [], redirectUris: [], tokenEndpointAuthMethod: "CLIENT_SECRET_JWT" },
      [],
    );
    const now = Math.floor(clock() / 1000);
    // exp 5 s ago: inside the emulator's 30 s clock tolerance, so it is accepted; its jti is then
    // remembered "until exp", which has already passed, and the next sweep forgets it.
    const assertion = await secretAssertion(app, { iat: now - 20, exp: now - 5 }, "one-time");
    const first = await sendAssertion(app.id, assertion);
    const second = await sendAssertion(app.id, assertion);
    assert.equal(first, 200);
    assert.notEqual(second, 200, "the same client assertion (same jti) was accepted twice");
    assert.equal(second, 401);
  });

  it("a CLIENT_SECRET_JWT client assertion replayed 20 s after its exp, within the 30 s tolerance, is refused", async () => {
    const app = await createApp(
      { type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], responseTypes: [], redirectUris: [], tokenEndpointAuthMethod: "CLIENT_SECRET_JWT" },
      [],
    );
    const now = Math.floor(clock() / 1000);
    const assertion = await secretAssertion(app, { iat: now, exp: now + 60 }, "fresh");
    assert.equal(await sendAssertion(app.id, assertion), 200);
    ahead = 80_000; // 20 s after exp: jose still accepts it (30 s tolerance)
    // Any token request sweeps; send another one so the replay is the second use of this assertion.
    assert.equal(await sendAssertion(app.id, await secretAssertion(app, { iat: now + 80, exp: now + 140 }, "other")), 200);
    const replay = await sendAssertion(app.id, assertion);
    assert.notEqual(replay, 200, "replayed client assertion accepted");
    assert.equal(replay, 401);
  });

  it("resume without the browser's session cookie answers no authorization code, though the flow id is in the request log", async () => {
    const app = await createApp({ grantTypes: ["AUTHORIZATION_CODE"] });
    const a = await authorizeUrl(app.id);
    const authorize = await hop(a.url);
    const flowUrl = flowUrlOf(issuer(), authorize.location);
    const checked = await checkPassword(flowUrl, ADA.username, ADA.password);
    assert.equal(checked.body?.status, "COMPLETED");
    // The flow id is in the request log (paths are logged), e.g. GET/POST /{envId}/flows/{flowId}.
    assert.ok(client.emu.requestLog().some((entry) => entry.path.includes("/flows/")));
    // Another party, no cookie at all:
    const stolen = await hop(str(checked.body?.resumeUrl));
    assert.notEqual(stolen.status, 302, "resume answered the code to a request without the browser's session cookie");
    assert.equal(stolen.status, 400);
  });

  it("a refresh after the application's grants are deleted issues none of the scopes they granted (invalid_scope)", async () => {
    const app = await createApp({ grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"] });
    const { tokens } = await signedIn(app);
    const grants = await client.call("GET", `${client.appsUrl()}/${app.id}/grants`);
    const grantIds = ((grants.body?._embedded as { grants: { id: string }[] }).grants ?? []).map((g) => g.id);
    for (const id of grantIds) assert.equal((await client.call("DELETE", `${client.appsUrl()}/${app.id}/grants/${id}`)).status, 204);
    const refreshed = await tokenRequest(app.id, app.secret, { grant_type: "refresh_token", refresh_token: str(tokens.refresh_token) });
    assert.ok(refreshed.status !== 200 || !JSON.stringify(refreshed.body.scope).includes("email"), "a refresh issued a scope that is no longer granted");
    assert.equal(refreshed.status, 400);
    assert.equal(refreshed.body.error, "invalid_scope");
  });

  it("client_credentials for a public client (tokenEndpointAuthMethod NONE) and a bare client_id is refused with unauthorized_client", async () => {
    const created = await client.create(
      minimalApp({ type: "WORKER", enabled: true, grantTypes: ["CLIENT_CREDENTIALS"], responseTypes: [], redirectUris: [], tokenEndpointAuthMethod: "NONE" }),
    );
    // The emulator creates such a worker, so the token endpoint is what refuses it (the test cannot pass by skipping).
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = str(created.body?.id);
    const res = await fetch(`${issuer()}/token`, { method: "POST", headers: FORM, body: `grant_type=client_credentials&client_id=${id}` });
    assert.equal(((await res.json()) as JsonObject).error, "unauthorized_client");
    assert.notEqual(res.status, 200, "client_credentials issued to an unauthenticated client (RFC 6749 §4.4: confidential clients only)");
  });
});

describe("emulator: userinfo answers only this environment's signed access tokens", function () {
  this.timeout(60_000);
  let client: TestClient;
  beforeEach(async () => {
    client = await withEmulator({ environmentIds: ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"] });
    client.emu.createUser(ADA);
  });
  afterEach(() => client.emu.close());

  it("userinfo refuses alg=none, HS256 keyed with the public key, another environment's token and an ID token; another environment's token endpoint refuses the code", async () => {
    const envA = client.envId;
    const envB = "22222222-2222-4222-8222-222222222222";
    const issuerA = `${client.emu.authUrl}/${envA}/as`;
    const issuerB = `${client.emu.authUrl}/${envB}/as`;
    const id = await client.createId(minimalApp({ enabled: true, grantTypes: ["AUTHORIZATION_CODE"] }));
    await client.grantOpenIdScopes(id, ["profile", "email"]);
    const secret = str((await client.call("GET", `${client.appsUrl()}/${id}/secret`)).body?.secret);
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(authorizationConfig(issuerA, id), {
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: "openid profile",
      state: "s",
      nonce: "n",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
    });
    const { callback } = await signInAsBrowser(url, ADA, issuerA);
    const code = str(callback?.searchParams.get("code"));
    // The code at environment B's token endpoint:
    const atB = await fetch(`${issuerB}/token`, {
      method: "POST",
      headers: { ...FORM, authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier }).toString(),
    });
    const tokens = (await (
      await fetch(`${issuerA}/token`, {
        method: "POST",
        headers: { ...FORM, authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` },
        body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier }).toString(),
      })
    ).json()) as JsonObject;
    const access = str(tokens.access_token);
    const claims = decodeJwt(access);
    const jwks = (await (await fetch(`${issuerA}/jwks`)).json()) as { keys: { n: string }[] };
    const none = new UnsecuredJWT(claims).encode();
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0])));
    const ui = async (iss: string, token: string): Promise<number> =>
      (await fetch(`${iss}/userinfo`, { headers: { authorization: `Bearer ${token}` } })).status;
    const results = {
      codeAtOtherEnv: atB.status,
      real: await ui(issuerA, access),
      none: await ui(issuerA, none),
      hs256: await ui(issuerA, hs),
      otherEnv: await ui(issuerB, access),
      idToken: await ui(issuerA, str(tokens.id_token)),
    };
    assert.deepEqual(results, { codeAtOtherEnv: 401, real: 200, none: 401, hs256: 401, otherEnv: 401, idToken: 401 });
  });
});

describe("emulator: token errors quote the caller's input in short excerpts", function () {
  this.timeout(60_000);
  it("a 500,000-character grant_type or scope is refused with an answer under 2,000 characters", async () => {
    const client = await withEmulator();
    try {
      const id = await client.createId(minimalApp({ type: "WORKER", enabled: true, grantTypes: ["CLIENT_CREDENTIALS"], responseTypes: [], redirectUris: [] }));
      const secret = str((await client.call("GET", `${client.appsUrl()}/${id}/secret`)).body?.secret);
      const basic = `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
      const big = "A".repeat(500_000);
      const sizes: Record<string, number> = {};
      const errors: Record<string, unknown> = {};
      for (const [name, body] of Object.entries({ grant_type: `grant_type=${big}`, scope: `grant_type=client_credentials&scope=${big}` })) {
        const res = await fetch(`${client.emu.authUrl}/${client.envId}/as/token`, { method: "POST", headers: { ...FORM, authorization: basic }, body });
        const text = await res.text();
        sizes[name] = text.length;
        errors[name] = [res.status, (JSON.parse(text) as JsonObject).error];
      }
      assert.ok(
        Object.values(sizes).every((n) => n < 2_000),
        "an error description echoed the whole caller value",
      );
      assert.deepEqual(errors, { grant_type: [400, "unsupported_grant_type"], scope: [400, "invalid_scope"] });
    } finally {
      await client.emu.close();
    }
  });
});
