/**
 * The emulator's sign-in back channel, driven by a real OIDC client (openid-client) over real
 * HTTP: discovery and JWKS, the token endpoint's grants and client authentication methods, PKCE,
 * code reuse, refresh rotation, replay protection and durations (on the injected clock), userinfo,
 * and the tokens' signatures and claims (verified with jose against the discovery's `jwks_uri`).
 *
 * Codes come from the real front channel: openid-client builds the authorization URL and the test
 * plays the browser through the flow API (test/helpers/browser-signin.ts).
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWTPayload } from "jose";
import * as oidc from "openid-client";
import type { JsonObject } from "../../emulator";
import { authorizationConfig, formPostFields, rejectsWith, responseParams, signInAsBrowser } from "../helpers/browser-signin";
import { minimalApp, str, withEmulator, type TestClient } from "./helpers";

const REDIRECT = "https://app.example.com/callback";
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const ADA = { username: "ada", password: "Ada-pw-1815", email: "ada@example.com", givenName: "Ada", familyName: "Lovelace" };

describe("emulator: sign-in back channel (discovery, JWKS, token, userinfo)", function () {
  this.timeout(30_000);
  let client: TestClient;
  /** How far the emulator's clock runs ahead of the real one; tests move it instead of waiting. */
  let ahead: number;
  const clock = (): number => Date.now() + ahead;
  /** The test user every sign-in here is made by. */
  let adaId: string;

  beforeEach(async () => {
    // The clock follows the real time, so openid-client's own time checks agree with the emulator's.
    ahead = 0;
    client = await withEmulator({ clock });
    adaId = client.emu.createUser(ADA).id;
  });
  afterEach(() => client.emu.close());

  const issuer = (): string => `${client.emu.authUrl}/${client.envId}/as`;
  const apiAudience = (): string => client.emu.apiUrl.replace(/\/v1$/, "");

  async function createApp(overrides: JsonObject, grantScopes: string[] = ["profile", "email"]): Promise<{ id: string; secret: string }> {
    const id = await client.createId(minimalApp({ enabled: true, ...overrides }));
    if (grantScopes.length > 0) await client.grantOpenIdScopes(id, grantScopes);
    const secret = str((await client.call("GET", `${client.appsUrl()}/${id}/secret`)).body?.secret);
    return { id, secret };
  }

  /** openid-client's configuration for a client, told how far the emulator's clock runs ahead (its assertions' times). */
  function configFor(appId: string, auth: oidc.ClientAuth, secret?: string): Promise<oidc.Configuration> {
    const metadata: Partial<oidc.ClientMetadata> = { [oidc.clockSkew]: Math.round(ahead / 1000) };
    if (secret !== undefined) metadata.client_secret = secret;
    return oidc.discovery(new URL(issuer()), appId, metadata, auth, { execute: [oidc.allowInsecureRequests] });
  }

  interface Checks {
    verifier?: string;
    state: string;
    nonce: string;
  }

  /**
   * Where the browser lands after Ada signs in through the front channel: openid-client builds
   * the authorization URL (PKCE, state, nonce), the browser part does authorize → flow → resume.
   */
  async function callbackFor(
    appId: string,
    options: { scopes?: string[]; pkce?: "S256" | "plain" | "none" } = {},
  ): Promise<{ url: URL; checks: Checks; userId: string }> {
    const verifier = oidc.randomPKCECodeVerifier();
    const pkce = options.pkce ?? "S256";
    const checks: Checks = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: pkce === "none" ? undefined : verifier };
    const params: Record<string, string> = {
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: (options.scopes ?? ["openid", "profile", "email"]).join(" "),
      state: checks.state,
      nonce: checks.nonce,
    };
    if (pkce !== "none") {
      params.code_challenge = pkce === "S256" ? await oidc.calculatePKCECodeChallenge(verifier) : verifier;
      params.code_challenge_method = pkce;
    }
    const { callback } = await signInAsBrowser(oidc.buildAuthorizationUrl(authorizationConfig(issuer(), appId), params), ADA, issuer());
    assert.ok(callback, "resume redirected back to the application");
    return { url: callback, checks, userId: adaId };
  }

  function exchange(config: oidc.Configuration, callback: { url: URL; checks: Checks }, verifier = callback.checks.verifier) {
    return oidc.authorizationCodeGrant(config, callback.url, {
      pkceCodeVerifier: verifier,
      expectedState: callback.checks.state,
      expectedNonce: callback.checks.nonce,
    });
  }

  async function verify(token: string, audience: string): Promise<JWTPayload> {
    const jwks = createRemoteJWKSet(new URL(`${issuer()}/jwks`));
    return (await jwtVerify(token, jwks, { issuer: issuer(), audience, algorithms: ["RS256"] })).payload;
  }

  async function userinfo(accessToken: string): Promise<Response> {
    return fetch(`${issuer()}/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });
  }

  describe("discovery and JWKS", () => {
    it("publishes PingOne's discovery document with the issuer {authUrl}/{envId}/as and its endpoints", async () => {
      const res = await fetch(`${issuer()}/.well-known/openid-configuration`);
      assert.equal(res.status, 200);
      const doc = (await res.json()) as Record<string, unknown>;
      assert.equal(doc.issuer, issuer());
      for (const [field, path] of Object.entries({
        authorization_endpoint: "authorize",
        pushed_authorization_request_endpoint: "par",
        token_endpoint: "token",
        userinfo_endpoint: "userinfo",
        jwks_uri: "jwks",
        end_session_endpoint: "signoff",
      })) {
        assert.equal(doc[field], `${issuer()}/${path}`, field);
      }
      assert.deepEqual(doc.id_token_signing_alg_values_supported, ["RS256"]);
      assert.deepEqual(doc.code_challenge_methods_supported, ["plain", "S256"]);
      assert.deepEqual([...(doc.token_endpoint_auth_methods_supported as string[])].sort(), [
        "client_secret_basic",
        "client_secret_jwt",
        "client_secret_post",
        "none",
        "private_key_jwt",
      ]);
      assert.deepEqual(doc.scopes_supported, ["openid", "profile", "email", "address", "phone"]);
      assert.equal(doc.introspection_endpoint, undefined, "no endpoint the emulator does not serve");
      assert.equal((await fetch(`${client.emu.authUrl}/00000000-0000-0000-0000-000000000000/as/.well-known/openid-configuration`)).status, 404);
    });

    it("serves one RS256 public key with kid, use and alg, and no private part; the same key on every call", async () => {
      const first = (await (await fetch(`${issuer()}/jwks`)).json()) as { keys: Record<string, unknown>[] };
      assert.equal(first.keys.length, 1);
      const [key] = first.keys;
      assert.equal(key.kty, "RSA");
      assert.equal(key.use, "sig");
      assert.equal(key.alg, "RS256");
      assert.equal(typeof key.kid, "string");
      for (const secret of ["d", "p", "q", "dp", "dq", "qi"]) assert.equal(key[secret], undefined, `no ${secret}`);
      const again = (await (await fetch(`${issuer()}/jwks`)).json()) as { keys: Record<string, unknown>[] };
      assert.deepEqual(again, first);
    });
  });

  describe("what discovery advertises is served", () => {
    /** An app allowed every response type (code and implicit), with the openid scopes granted. */
    const allResponseTypes = (): Promise<{ id: string; secret: string }> =>
      createApp({ grantTypes: ["AUTHORIZATION_CODE", "IMPLICIT"], responseTypes: ["CODE", "TOKEN", "ID_TOKEN"] });

    function signInUrl(appId: string, params: Record<string, string>): URL {
      return oidc.buildAuthorizationUrl(authorizationConfig(issuer(), appId), {
        redirect_uri: REDIRECT,
        scope: "openid profile",
        nonce: oidc.randomNonce(),
        ...params,
      });
    }

    it("every advertised response type answers exactly its parameters, in the query for code and the fragment otherwise", async () => {
      const doc = (await (await fetch(`${issuer()}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      assert.equal(doc.authorization_response_iss_parameter_supported, undefined, "the authorization response carries no iss");
      assert.equal(doc.request_parameter_supported, false, "request objects are refused (request_not_supported)");
      const app = await allResponseTypes();
      const advertised = doc.response_types_supported as string[];
      assert.ok(advertised.length >= 6);
      for (const responseType of advertised) {
        const state = oidc.randomState();
        const { callback } = await signInAsBrowser(signInUrl(app.id, { response_type: responseType, state }), ADA, issuer());
        assert.ok(callback, responseType);
        assert.equal(callback.hash !== "", responseType !== "code", `${responseType}: default response mode`);
        const params = responseParams(callback);
        assert.equal(params.get("state"), state, responseType);
        const expected = responseType.split(" ").map((word) => (word === "token" ? "access_token" : word));
        for (const name of ["code", "access_token", "id_token"]) assert.equal(params.has(name), expected.includes(name), `${responseType}: ${name}`);
        assert.equal(params.has("iss"), false);
      }
    });

    it("implicit id_token token: the ID token verifies against jwks_uri with the nonce and the access token's at_hash; the access token works at userinfo", async () => {
      const app = await allResponseTypes();
      const nonce = oidc.randomNonce();
      const { callback } = await signInAsBrowser(signInUrl(app.id, { response_type: "id_token token", nonce, state: "implicit" }), ADA, issuer());
      assert.ok(callback);
      const params = responseParams(callback);
      assert.equal(params.get("token_type"), "Bearer");
      assert.equal(params.get("expires_in"), "3600");
      const accessToken = str(params.get("access_token"));
      const id = await verify(str(params.get("id_token")), app.id);
      assert.equal(id.nonce, nonce);
      assert.equal(id.sub, adaId);
      // OpenID Connect Core §3.2.2.9: at_hash is the left half of SHA-256 of the access token, base64url.
      assert.equal(id.at_hash, createHash("sha256").update(accessToken).digest().subarray(0, 16).toString("base64url"));
      assert.equal((await verify(accessToken, apiAudience())).sub, adaId);
      const info = await userinfo(accessToken);
      assert.equal(info.status, 200);
      assert.equal(((await info.json()) as Record<string, unknown>).sub, adaId);
    });

    it("form_post: openid-client takes the posted code, the posted ID token (implicit) and the posted code id_token (hybrid)", async () => {
      const app = await allResponseTypes();
      /** Signs in with response_mode=form_post and answers the POST the page would make to the redirect URI. */
      const posted = async (config: oidc.Configuration, params: Record<string, string>): Promise<Request> => {
        const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: "openid profile email", response_mode: "form_post", ...params });
        const { resume } = await signInAsBrowser(url, ADA, issuer());
        assert.equal(resume.status, 200);
        assert.match(resume.headers.get("content-type") ?? "", /^text\/html/);
        const { action, fields } = formPostFields(resume.text);
        assert.equal(action, REDIRECT);
        return new Request(action, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: fields.toString() });
      };

      const code = await configFor(app.id, oidc.ClientSecretBasic(app.secret), app.secret);
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const tokens = await oidc.authorizationCodeGrant(code, await posted(code, { response_type: "code", state, nonce }), {
        expectedState: state,
        expectedNonce: nonce,
      });
      assert.equal((await verify(str(tokens.id_token), app.id)).sub, adaId);

      const implicit = await configFor(app.id, oidc.ClientSecretBasic(app.secret), app.secret);
      oidc.useIdTokenResponseType(implicit);
      const implicitNonce = oidc.randomNonce();
      const claims = await oidc.implicitAuthentication(
        implicit,
        await posted(implicit, { response_type: "id_token", nonce: implicitNonce, state: "i" }),
        implicitNonce,
        { expectedState: "i" },
      );
      assert.equal(claims.sub, adaId);
      assert.equal(claims.email, ADA.email);

      const hybrid = await configFor(app.id, oidc.ClientSecretBasic(app.secret), app.secret);
      oidc.useCodeIdTokenResponseType(hybrid);
      const hybridNonce = oidc.randomNonce();
      const hybridTokens = await oidc.authorizationCodeGrant(hybrid, await posted(hybrid, { response_type: "code id_token", nonce: hybridNonce, state: "h" }), {
        expectedNonce: hybridNonce,
        expectedState: "h",
      });
      assert.equal(hybridTokens.claims()?.sub, adaId);
    });
  });

  describe("authorization code", () => {
    it("a web app (CLIENT_SECRET_BASIC) signs in: tokens verify against jwks_uri with PingOne's claims; userinfo; refresh", async () => {
      const app = await createApp({ grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"] });
      const config = await configFor(app.id, oidc.ClientSecretBasic(app.secret), app.secret);
      const callback = await callbackFor(app.id);
      const tokens = await exchange(config, callback);
      assert.equal(tokens.token_type.toLowerCase(), "bearer");
      assert.equal(tokens.expires_in, 3600);
      assert.equal(tokens.scope, "openid profile email");
      assert.equal(typeof tokens.refresh_token, "string");

      const id = await verify(str(tokens.id_token), app.id);
      assert.equal(id.sub, callback.userId);
      assert.equal(id.nonce, callback.checks.nonce);
      assert.equal(id.env, client.envId);
      assert.equal(typeof id.org, "string");
      assert.equal(typeof id.sid, "string");
      assert.equal(id.acr, "Single_Factor");
      assert.equal(typeof id.auth_time, "number");
      assert.deepEqual(id.amr, ["pwd"]);
      assert.equal(typeof id.at_hash, "string");
      assert.equal(id.given_name, "Ada");
      assert.equal(id.family_name, "Lovelace");
      assert.equal(id.preferred_username, "ada");
      assert.equal(id.email, "ada@example.com");

      const access = await verify(tokens.access_token, apiAudience());
      assert.equal(access.sub, callback.userId);
      assert.equal(access.client_id, app.id);
      assert.equal(access.scope, "openid profile email");
      assert.equal(access.sid, id.sid);
      assert.equal(access.env, client.envId);
      assert.equal(access.org, id.org);
      assert.equal(typeof access.jti, "string");

      const info = await oidc.fetchUserInfo(config, tokens.access_token, callback.userId);
      assert.equal(info.email, "ada@example.com");
      assert.equal(info.given_name, "Ada");

      const refreshed = await oidc.refreshTokenGrant(config, str(tokens.refresh_token));
      assert.notEqual(refreshed.refresh_token, tokens.refresh_token, "rotated");
      assert.equal((await verify(refreshed.access_token, apiAudience())).sub, callback.userId);
      assert.equal((await verify(str(refreshed.id_token), app.id)).sub, callback.userId);
    });

    it("without openid there is no ID token; without REFRESH_TOKEN no refresh token", async () => {
      const app = await createApp({ grantTypes: ["AUTHORIZATION_CODE"] });
      const config = await configFor(app.id, oidc.ClientSecretBasic(app.secret), app.secret);
      const callback = await callbackFor(app.id, { scopes: ["profile"] });
      const tokens = await oidc.authorizationCodeGrant(config, callback.url, {
        pkceCodeVerifier: callback.checks.verifier,
        expectedState: callback.checks.state,
      });
      assert.equal(tokens.id_token, undefined);
      assert.equal(tokens.refresh_token, undefined);
      assert.equal(tokens.scope, "profile");
    });

    it("a reused code is invalid_grant and revokes the first exchange's access and refresh tokens", async () => {
      const app = await createApp({ grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"] });
      const config = await configFor(app.id, oidc.ClientSecretBasic(app.secret), app.secret);
      const callback = await callbackFor(app.id);
      const first = await exchange(config, callback);
      assert.equal((await userinfo(first.access_token)).status, 200);
      await rejectsWith(exchange(config, callback), "invalid_grant");
      const after = await userinfo(first.access_token);
      assert.equal(after.status, 401);
      assert.match(String(after.headers.get("www-authenticate")), /^Bearer .*error="invalid_token"/);
      await rejectsWith(oidc.refreshTokenGrant(config, str(first.refresh_token)), "invalid_grant");
    });

    it("refuses a code of another client, a wrong redirect_uri, an expired code, and a disabled app", async () => {
      const app = await createApp({ grantTypes: ["AUTHORIZATION_CODE"] });
      const other = await createApp({ grantTypes: ["AUTHORIZATION_CODE"] });
      const config = await configFor(app.id, oidc.ClientSecretBasic(app.secret), app.secret);
      const otherConfig = await configFor(other.id, oidc.ClientSecretBasic(other.secret), other.secret);
      await rejectsWith(exchange(otherConfig, await callbackFor(app.id)), "invalid_grant");

      const wrongRedirect = await callbackFor(app.id);
      wrongRedirect.url.pathname = "/callback2";
      await rejectsWith(exchange(config, wrongRedirect), "invalid_grant");

      const late = await callbackFor(app.id);
      ahead += 61_000;
      await rejectsWith(exchange(config, late), "invalid_grant");

      const disabled = await callbackFor(app.id);
      client.emu.mutateApplication(client.envId, app.id, { enabled: false });
      await rejectsWith(exchange(config, disabled), "invalid_client");
    });
  });

  describe("PKCE", () => {
    async function spa(pkceEnforcement: string): Promise<{ id: string; config: oidc.Configuration }> {
      const app = await createApp({ type: "SINGLE_PAGE_APP", tokenEndpointAuthMethod: "NONE", pkceEnforcement });
      return { id: app.id, config: await configFor(app.id, oidc.None()) };
    }

    it("a public client (NONE) exchanges with S256 and with plain (pkceEnforcement REQUIRED)", async () => {
      const { id, config } = await spa("REQUIRED");
      const s256 = await exchange(config, await callbackFor(id, { pkce: "S256" }));
      assert.equal((await verify(str(s256.id_token), id)).aud, id);
      const plain = await exchange(config, await callbackFor(id, { pkce: "plain" }));
      assert.equal(typeof plain.access_token, "string");
    });

    it("refuses a wrong verifier, a missing one, and a verifier for a code without a challenge (invalid_grant)", async () => {
      // OPTIONAL: the front channel lets a code without a challenge through, so the token endpoint's checks are what is tested.
      const { id, config } = await spa("OPTIONAL");
      await rejectsWith(exchange(config, await callbackFor(id), oidc.randomPKCECodeVerifier()), "invalid_grant");
      const missing = await callbackFor(id);
      await rejectsWith(
        oidc.authorizationCodeGrant(config, missing.url, { expectedState: missing.checks.state, expectedNonce: missing.checks.nonce }),
        "invalid_grant",
      );
      await rejectsWith(exchange(config, await callbackFor(id, { pkce: "none" }), oidc.randomPKCECodeVerifier()), "invalid_grant");
    });
  });

  describe("client authentication", () => {
    const worker = (method: string, extra: JsonObject = {}): JsonObject => ({
      type: "WORKER",
      grantTypes: ["CLIENT_CREDENTIALS"],
      responseTypes: null,
      redirectUris: null,
      tokenEndpointAuthMethod: method,
      ...extra,
    });

    it("CLIENT_SECRET_POST works and Basic is refused; a client_credentials token is a JWT without a user", async () => {
      const app = await createApp(worker("CLIENT_SECRET_POST"), []);
      const tokens = await oidc.clientCredentialsGrant(await configFor(app.id, oidc.ClientSecretPost(app.secret), app.secret));
      const access = await verify(tokens.access_token, apiAudience());
      assert.equal(access.client_id, app.id);
      assert.equal(access.sub, undefined);
      assert.equal(access.sid, undefined);
      assert.equal(access.env, client.envId);
      await rejectsWith(oidc.clientCredentialsGrant(await configFor(app.id, oidc.ClientSecretBasic(app.secret), app.secret)), "invalid_client");
      await rejectsWith(oidc.clientCredentialsGrant(await configFor(app.id, oidc.ClientSecretJwt(app.secret), app.secret)), "invalid_client");
    });

    it("a disabled worker (PingOne's create default) is refused client credentials with invalid_client, and gets tokens once a PUT enables it", async () => {
      const app = await createApp(worker("CLIENT_SECRET_BASIC", { enabled: false }), []);
      const config = await configFor(app.id, oidc.ClientSecretBasic(app.secret), app.secret);
      await rejectsWith(oidc.clientCredentialsGrant(config), "invalid_client");
      const stored = (await client.get(app.id)).body ?? {};
      const { id: _id, _links, clientId: _clientId, environment: _env, createdAt: _c, updatedAt: _u, ...writable } = stored;
      const enabled = await client.put(app.id, { ...writable, enabled: true });
      assert.equal(enabled.status, 200, JSON.stringify(enabled.body));
      assert.equal(typeof (await oidc.clientCredentialsGrant(config)).access_token, "string");
      client.emu.mutateApplication(client.envId, app.id, { enabled: false });
      await rejectsWith(oidc.clientCredentialsGrant(config), "invalid_client");
    });

    it("CLIENT_SECRET_JWT: an HS256 assertion with the secret; the previous secret until previous.expiresAt; a wrong secret and a replayed jti are refused", async () => {
      const app = await createApp(worker("CLIENT_SECRET_JWT"), []);
      const grant = (secret: string) => configFor(app.id, oidc.ClientSecretJwt(secret), secret).then((config) => oidc.clientCredentialsGrant(config));
      assert.equal(typeof (await grant(app.secret)).access_token, "string");
      await rejectsWith(grant(`${app.secret}x`), "invalid_client");
      await rejectsWith(oidc.clientCredentialsGrant(await configFor(app.id, oidc.ClientSecretPost(app.secret), app.secret)), "invalid_client");

      const rotated = await client.call("POST", `${client.appsUrl()}/${app.id}/secret`, {
        previous: { expiresAt: new Date(clock() + 3600_000).toISOString() },
      });
      const fresh = str(rotated.body?.secret);
      assert.equal(typeof (await grant(app.secret)).access_token, "string", "previous secret during the overlap");
      assert.equal(typeof (await grant(fresh)).access_token, "string");
      ahead += 3600_000;
      await rejectsWith(grant(app.secret), "invalid_client");
      assert.equal(typeof (await grant(fresh)).access_token, "string", "only the previous secret expired");

      // The same assertion twice: built here because a client never reuses its own jti.
      const iat = Math.floor(clock() / 1000);
      const assertion = await new SignJWT({ jti: "once" })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer(app.id)
        .setSubject(app.id)
        .setAudience(issuer())
        .setIssuedAt(iat)
        .setExpirationTime(iat + 60)
        .sign(new TextEncoder().encode(fresh));
      const body = new URLSearchParams({
        grant_type: "client_credentials",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      });
      const post = () => fetch(`${issuer()}/token`, { method: "POST", headers: FORM, body: body.toString() });
      assert.equal((await post()).status, 200);
      const replay = await post();
      assert.equal(replay.status, 401);
      assert.equal(((await replay.json()) as Record<string, unknown>).error, "invalid_client");
    });

    it("PRIVATE_KEY_JWT: verified against the inline jwks, then against jwksUrl; another key is refused", async () => {
      const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
      const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
      const app = await createApp(worker("PRIVATE_KEY_JWT", { jwks: JSON.stringify({ keys: [jwk] }) }), []);
      const grant = async (key: typeof privateKey) => oidc.clientCredentialsGrant(await configFor(app.id, oidc.PrivateKeyJwt({ key, kid: "k1" })));
      assert.equal(typeof (await grant(privateKey)).access_token, "string");
      const stranger = await generateKeyPair("RS256", { extractable: true });
      await rejectsWith(grant(stranger.privateKey), "invalid_client");

      const jwksServer = await serveJson({ keys: [jwk] });
      try {
        // PingOne requires an https jwksUrl; the loopback http one is set behind the API's back.
        client.emu.mutateApplication(client.envId, app.id, { jwks: null, jwksUrl: `${jwksServer.url}/jwks.json` });
        assert.equal(typeof (await grant(privateKey)).access_token, "string");
        assert.ok(jwksServer.hits() >= 1, "the key came from jwksUrl");
        await rejectsWith(grant(stranger.privateKey), "invalid_client");
      } finally {
        await jwksServer.close();
      }
    });

    it("NONE sends only client_id; a confidential method for a NONE app is refused; unknown clients are invalid_client", async () => {
      const pub = await createApp({ type: "SINGLE_PAGE_APP", tokenEndpointAuthMethod: "NONE" });
      const secretApp = await createApp({});
      const pubCallback = await callbackFor(pub.id);
      await rejectsWith(exchange(await configFor(pub.id, oidc.ClientSecretPost("guess"), "guess"), pubCallback), "invalid_client");
      await rejectsWith(exchange(await configFor(secretApp.id, oidc.None()), await callbackFor(secretApp.id)), "invalid_client");
      await rejectsWith(exchange(await configFor("00000000-0000-0000-0000-000000000000", oidc.None()), pubCallback), "invalid_client");
    });
  });

  describe("refresh tokens", () => {
    async function signedIn(overrides: JsonObject): Promise<{ config: oidc.Configuration; tokens: Awaited<ReturnType<typeof exchange>> }> {
      const app = await createApp({ grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"], ...overrides });
      const config = await configFor(app.id, oidc.ClientSecretBasic(app.secret), app.secret);
      return { config, tokens: await exchange(config, await callbackFor(app.id)) };
    }

    it("with replay protection, reusing a rotated refresh token is invalid_grant and revokes the whole family", async () => {
      const { config, tokens } = await signedIn({ additionalRefreshTokenReplayProtectionEnabled: true });
      const second = await oidc.refreshTokenGrant(config, str(tokens.refresh_token));
      await rejectsWith(oidc.refreshTokenGrant(config, str(tokens.refresh_token)), "invalid_grant");
      await rejectsWith(oidc.refreshTokenGrant(config, str(second.refresh_token)), "invalid_grant");
      assert.equal((await userinfo(second.access_token)).status, 401, "the family's access tokens are revoked too");
    });

    it("without replay protection, a rotated refresh token is refused but its successor keeps working", async () => {
      const { config, tokens } = await signedIn({ additionalRefreshTokenReplayProtectionEnabled: false });
      const second = await oidc.refreshTokenGrant(config, str(tokens.refresh_token));
      await rejectsWith(oidc.refreshTokenGrant(config, str(tokens.refresh_token)), "invalid_grant");
      const third = await oidc.refreshTokenGrant(config, str(second.refresh_token));
      assert.equal((await userinfo(third.access_token)).status, 200);
    });

    it("refreshTokenRollingGracePeriodDuration lets a used refresh token be reused for that long, not longer", async () => {
      const { config, tokens } = await signedIn({ additionalRefreshTokenReplayProtectionEnabled: true, refreshTokenRollingGracePeriodDuration: 30 });
      await oidc.refreshTokenGrant(config, str(tokens.refresh_token));
      ahead += 25_000;
      const retry = await oidc.refreshTokenGrant(config, str(tokens.refresh_token));
      assert.equal(typeof retry.access_token, "string", "within the grace period");
      ahead += 6_000;
      await rejectsWith(oidc.refreshTokenGrant(config, str(tokens.refresh_token)), "invalid_grant");
    });

    it("refreshTokenDuration limits each refresh token; refreshTokenRollingDuration limits the chain from sign-in", async () => {
      const { config, tokens } = await signedIn({ refreshTokenDuration: 60, refreshTokenRollingDuration: 90 });
      ahead += 50_000;
      const second = await oidc.refreshTokenGrant(config, str(tokens.refresh_token));
      ahead += 35_000; // 85 s after sign-in: under both limits
      const third = await oidc.refreshTokenGrant(config, str(second.refresh_token));
      ahead += 6_000; // 91 s after sign-in: the chain ends although the token is 6 s old
      await rejectsWith(oidc.refreshTokenGrant(config, str(third.refresh_token)), "invalid_grant");

      const idle = await signedIn({ refreshTokenDuration: 60, refreshTokenRollingDuration: 600 });
      ahead += 61_000; // unused for its whole lifetime
      await rejectsWith(oidc.refreshTokenGrant(idle.config, str(idle.tokens.refresh_token)), "invalid_grant");
    });

    it("a refresh may narrow the scopes, never widen them; an app without REFRESH_TOKEN is unauthorized_client", async () => {
      const { config, tokens } = await signedIn({});
      const narrowed = await oidc.refreshTokenGrant(config, str(tokens.refresh_token), { scope: "openid email" });
      assert.equal(narrowed.scope, "openid email");
      assert.equal((await verify(narrowed.access_token, apiAudience())).scope, "openid email");
      await rejectsWith(oidc.refreshTokenGrant(config, str(narrowed.refresh_token), { scope: "openid phone" }), "invalid_scope");
      const wider = await oidc.refreshTokenGrant(config, str(narrowed.refresh_token), { scope: "openid profile email" });
      assert.equal(wider.scope, "openid profile email", "the refresh token keeps the grant's scopes");

      client.emu.mutateApplication(client.envId, config.clientMetadata().client_id, { grantTypes: ["AUTHORIZATION_CODE"] });
      await rejectsWith(oidc.refreshTokenGrant(config, str(wider.refresh_token)), "unauthorized_client");
    });
  });

  describe("userinfo and grant errors", () => {
    it("answers RFC 6750 errors: no token, a garbage token, a token signed by another key, a token without a user", async () => {
      const none = await fetch(`${issuer()}/userinfo`);
      assert.equal(none.status, 401);
      assert.match(String(none.headers.get("www-authenticate")), /^Bearer /);
      const garbage = await userinfo("not.a.jwt");
      assert.equal(garbage.status, 401);
      assert.match(String(garbage.headers.get("www-authenticate")), /error="invalid_token"/);

      const app = await createApp({});
      const config = await configFor(app.id, oidc.ClientSecretBasic(app.secret), app.secret);
      const tokens = await exchange(config, await callbackFor(app.id));
      const claims = await verify(tokens.access_token, apiAudience());
      const forger = await generateKeyPair("RS256");
      const forged = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "forged" }).sign(forger.privateKey);
      assert.equal((await userinfo(forged)).status, 401);

      const service = await createApp({ type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], responseTypes: null, redirectUris: null }, []);
      const cc = await oidc.clientCredentialsGrant(await configFor(service.id, oidc.ClientSecretBasic(service.secret), service.secret));
      assert.equal((await userinfo(cc.access_token)).status, 401);

      assert.equal((await userinfo(tokens.access_token)).status, 200);
      ahead += 3600_000;
      assert.equal((await userinfo(tokens.access_token)).status, 401, "expired on the emulator's clock");
    });

    it("an unknown grant type is unsupported_grant_type; a known one the app lacks is unauthorized_client", async () => {
      const app = await createApp({});
      const basic = `Basic ${Buffer.from(`${app.id}:${app.secret}`).toString("base64")}`;
      const post = async (grantType: string) => {
        const res = await fetch(`${issuer()}/token`, {
          method: "POST",
          headers: { ...FORM, authorization: basic },
          body: `grant_type=${encodeURIComponent(grantType)}`,
        });
        return ((await res.json()) as Record<string, unknown>).error;
      };
      assert.equal(await post("urn:ietf:params:oauth:grant-type:device_code"), "unsupported_grant_type");
      assert.equal(await post("password"), "unsupported_grant_type");
      assert.equal(await post("client_credentials"), "unauthorized_client");
    });

    it("keeps codes, secrets and tokens out of the request log", async () => {
      const app = await createApp({ grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"] });
      const config = await configFor(app.id, oidc.ClientSecretPost(app.secret), app.secret);
      client.emu.mutateApplication(client.envId, app.id, { tokenEndpointAuthMethod: "CLIENT_SECRET_POST" });
      const callback = await callbackFor(app.id);
      const tokens = await exchange(config, callback);
      await oidc.refreshTokenGrant(config, str(tokens.refresh_token));
      const log = JSON.stringify(client.emu.requestLog());
      for (const secret of [
        app.secret,
        ADA.password,
        str(callback.url.searchParams.get("code")),
        tokens.access_token,
        str(tokens.refresh_token),
        str(tokens.id_token),
      ]) {
        assert.ok(!log.includes(secret), "a credential reached the request log");
      }
    });
  });
});

/** A loopback server answering one JSON document (a client's JWKS), counting its requests. */
async function serveJson(document: unknown): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits += 1;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(document));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
