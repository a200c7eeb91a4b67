/**
 * The emulator's front channel of sign-in over real HTTP: authorize (every check the deployed
 * application implies, with the error PingOne returns), the flow API, resume, SSO, pi.flow, PAR,
 * signoff and the sign-on page. openid-client builds every authorization URL (PKCE, state,
 * nonce); the test plays the browser with fetch and `redirect: "manual"`.
 */
import { strict as assert } from "node:assert";
import { UnsecuredJWT } from "jose";
import * as oidc from "openid-client";
import type { JsonObject } from "../../emulator";
import { MEDIA_TYPES } from "../../pingone";
import { authorizationConfig, checkPassword as check, flowUrlOf, hop, rejectsWith, signInAsBrowser, type Hop } from "../helpers/browser-signin";
import { minimalApp, str, withEmulator, type TestClient } from "./helpers";

const REDIRECT = "https://app.example/cb";
const LOGOUT = "https://app.example/bye";
const PASSWORD = "Alice-pw-1";
const ALICE = { username: "alice", password: PASSWORD };

describe("emulator: sign-in front channel", () => {
  let client: TestClient;
  let now = Date.now();
  let issuer: string;
  let aliceId: string;

  before(async () => {
    client = await withEmulator({ clock: () => now, users: [{ username: "alice", password: PASSWORD, givenName: "Alice" }] });
    issuer = `${client.emu.authUrl}/${client.envId}/as`;
    aliceId = usersOf(await client.call("GET", `${client.emu.apiUrl}/environments/${client.envId}/users`))[0].id;
  });
  after(() => client.emu.close());

  function usersOf(res: { body: JsonObject | undefined }): { id: string }[] {
    return (res.body?._embedded as { users: { id: string }[] }).users;
  }

  let appCounter = 0;
  /** A WEB_APP (code flow, Basic auth) with `profile` and `email` of the openid resource granted, plus overrides. */
  async function app(overrides: JsonObject = {}, grant: string[] = ["profile", "email"]): Promise<string> {
    appCounter += 1;
    const id = await client.createId(
      minimalApp({ enabled: true, name: `front-${appCounter}`, redirectUris: [REDIRECT], postLogoutRedirectUris: [LOGOUT], ...overrides }),
    );
    if (grant.length > 0) await client.grantOpenIdScopes(id, grant);
    return id;
  }

  function authorizeUrl(appId: string, params: Record<string, string> = {}): URL {
    return oidc.buildAuthorizationUrl(authorizationConfig(issuer, appId), {
      redirect_uri: REDIRECT,
      scope: "openid profile",
      response_type: "code",
      state: oidc.randomState(),
      ...params,
    });
  }

  /** authorize → sign-on page → flow → check → resume, as alice; answers resume's redirect and the session cookie. */
  async function signIn(url: URL): Promise<{ redirect: URL; cookie: string }> {
    const { callback, cookie } = await signInAsBrowser(url, ALICE, issuer);
    assert.ok(callback, "resume redirected back");
    return { redirect: callback, cookie };
  }

  function redirectError(location: string): { error: string | null; description: string | null; state: string | null } {
    const url = new URL(location);
    const params = url.hash ? new URLSearchParams(url.hash.slice(1)) : url.searchParams;
    assert.equal(`${url.origin}${url.pathname}`, REDIRECT);
    return { error: params.get("error"), description: params.get("error_description"), state: params.get("state") };
  }

  describe("the code flow through the flow API", () => {
    it("redirects to the sign-on page, serves the flow, checks the password and resumes with a code and the state", async () => {
      const appId = await app({ pkceEnforcement: "S256_REQUIRED" });
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = authorizeUrl(appId, { state, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256" });

      const authorize = await hop(url);
      assert.equal(authorize.status, 302);
      const signon = new URL(authorize.location);
      assert.equal(`${signon.origin}${signon.pathname}`, `${client.emu.authUrl}/${client.envId}/signon/`);
      const flowId = signon.searchParams.get("flowId")!;
      const flowUrl = `${client.emu.authUrl}/${client.envId}/flows/${flowId}`;

      const flow = await hop(flowUrl);
      assert.equal(flow.status, 200);
      assert.equal(flow.body?.id, flowId);
      assert.equal(flow.body?.status, "USERNAME_PASSWORD_REQUIRED");
      assert.deepEqual(flow.body?._links, { self: { href: flowUrl }, "usernamePassword.check": { href: flowUrl } });
      assert.equal(flow.body?.resumeUrl, `${issuer}/resume?flowId=${flowId}`);

      const checked = await check(flowUrl, "ALICE", PASSWORD);
      assert.equal(checked.status, 200);
      assert.equal(checked.body?.status, "COMPLETED");
      assert.deepEqual(checked.body?._embedded, { user: { id: aliceId, username: "alice" } });
      assert.match(
        checked.headers.get("set-cookie") ?? "",
        new RegExp(`^ST=[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43}; Path=/${client.envId}; Max-Age=2592000;.*HttpOnly`),
      );

      const cookie = (checked.headers.get("set-cookie") ?? "").split(";")[0];
      const resume = await hop(str(checked.body?.resumeUrl), { headers: { cookie } });
      assert.equal(resume.status, 302);
      const back = new URL(resume.location);
      assert.equal(`${back.origin}${back.pathname}`, REDIRECT);
      assert.equal(back.searchParams.get("state"), state);
      assert.match(back.searchParams.get("code") ?? "", /^[A-Za-z0-9_-]{43}$/);
      assert.equal(back.searchParams.has("iss"), false);
      // A flow resumes once.
      assert.equal((await hop(str(checked.body?.resumeUrl), { headers: { cookie } })).status, 404);
    });

    it("takes authorize as a POSTed form too", async () => {
      const appId = await app();
      const res = await hop(`${issuer}/authorize`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: authorizeUrl(appId).searchParams.toString(),
      });
      assert.equal(res.status, 302);
      assert.match(res.location, /\/signon\/\?flowId=/);
    });

    it("answers a wrong password with PingOne's INVALID_DATA detail and counts failuresRemaining; an unknown user the same without a count", async () => {
      const appId = await app();
      const authorize = await hop(authorizeUrl(appId));
      const flowUrl = flowUrlOf(issuer, authorize.location);
      const wrong = await check(flowUrl, "alice", "nope");
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body?.code, "INVALID_DATA");
      assert.deepEqual(wrong.body?.details, [
        {
          code: "INVALID_VALUE",
          target: "password",
          message: "The provided password did not match provisioned password",
          innerError: { failuresRemaining: 4 },
        },
      ]);
      assert.deepEqual((await check(flowUrl, "alice", "nope")).body?.details, [
        {
          code: "INVALID_VALUE",
          target: "password",
          message: "The provided password did not match provisioned password",
          innerError: { failuresRemaining: 3 },
        },
      ]);
      const unknown = await check(flowUrl, "nobody", "x");
      assert.deepEqual(unknown.body?.details, [
        { code: "INVALID_VALUE", target: "password", message: "The provided password did not match provisioned password" },
      ]);
      assert.equal((await hop(flowUrl)).body?.status, "USERNAME_PASSWORD_REQUIRED");
      // The right password still works, and resets the count.
      assert.equal((await check(flowUrl, "alice", PASSWORD)).body?.status, "COMPLETED");
    });

    it("refuses a disabled user, a check without PingOne's media type, and an expired flow", async () => {
      const users = `${client.emu.apiUrl}/environments/${client.envId}/users`;
      const created = await client.call(
        "POST",
        users,
        { username: "off", enabled: false, password: { value: "off-pw-1" } },
        { "content-type": MEDIA_TYPES.userImport },
      );
      assert.equal(created.status, 201);
      const appId = await app();
      const flowUrl = flowUrlOf(issuer, (await hop(authorizeUrl(appId))).location);
      const disabled = await check(flowUrl, "off", "off-pw-1");
      assert.equal(disabled.status, 400);
      assert.equal((disabled.body?.details as { target: string }[])[0].target, "username");
      const plainJson = await hop(flowUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "alice", password: PASSWORD }),
      });
      assert.equal(plainJson.status, 415);
      now += 15 * 60_000 + 1;
      try {
        assert.equal((await hop(flowUrl)).status, 404);
      } finally {
        now -= 15 * 60_000 + 1;
      }
    });

    it("serves a sign-on page that drives the flow API", async () => {
      const res = await fetch(`${client.emu.authUrl}/${client.envId}/signon/?flowId=x`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^text\/html/);
      const html = await res.text();
      assert.ok(html.includes(MEDIA_TYPES.usernamePasswordCheck) && html.includes("resumeUrl"));
    });
  });

  describe("authorize enforces the application", () => {
    it("answers an unknown client, a disabled app and a redirect URI mismatch directly, without redirecting", async () => {
      const unknown = await hop(authorizeUrl("00000000-0000-4000-8000-000000000000"));
      assert.equal(unknown.status, 400);
      assert.equal(unknown.location, "");
      assert.equal(unknown.body?.code, "INVALID_REQUEST");
      assert.match(str(unknown.body?.message), /^invalid_client:/);

      const off = await app({ enabled: false });
      const disabled = await hop(authorizeUrl(off));
      assert.equal(disabled.status, 400);
      assert.equal(disabled.location, "");
      assert.match(str(disabled.body?.message), /disabled/);

      const appId = await app();
      for (const redirect of [`${REDIRECT}/`, "https://app.example/CB", "https://evil.example/cb"]) {
        const res = await hop(authorizeUrl(appId, { redirect_uri: redirect }));
        assert.equal(res.status, 400, redirect);
        assert.equal(res.location, "");
        assert.match(str(res.body?.message), /Redirect URI mismatch/);
      }
      const url = authorizeUrl(appId);
      url.searchParams.delete("redirect_uri");
      assert.match(str((await hop(url)).body?.message), /redirect_uri is required/);
    });

    it("matches one * after the authority only when allowWildcardInRedirectUris is on", async () => {
      const wild = await app({ redirectUris: ["https://app.example/th*/cb"], allowWildcardInRedirectUris: true });
      assert.equal((await hop(authorizeUrl(wild, { redirect_uri: "https://app.example/this/cb" }))).status, 302);
      assert.equal((await hop(authorizeUrl(wild, { redirect_uri: "https://app.example/that/cb" }))).status, 302);
      assert.equal((await hop(authorizeUrl(wild, { redirect_uri: "https://app.example/oidc/cb" }))).status, 400);
      assert.equal((await hop(authorizeUrl(wild, { redirect_uri: "https://other.example/this/cb" }))).status, 400);
      client.emu.mutateApplication(client.envId, wild, { allowWildcardInRedirectUris: false });
      assert.equal((await hop(authorizeUrl(wild, { redirect_uri: "https://app.example/this/cb" }))).status, 400);
    });

    it("redirects unsupported_response_type when responseTypes lack it, and unauthorized_client when grantTypes do", async () => {
      const codeOnly = await app();
      const token = redirectError((await hop(authorizeUrl(codeOnly, { response_type: "token", state: "s1" }))).location);
      assert.deepEqual([token.error, token.state], ["unsupported_response_type", "s1"]);
      assert.equal(redirectError((await hop(authorizeUrl(codeOnly, { response_type: "code banana" }))).location).error, "unsupported_response_type");

      const noCodeGrant = await app({ grantTypes: ["IMPLICIT"], responseTypes: ["CODE", "TOKEN", "ID_TOKEN"] });
      assert.equal(redirectError((await hop(authorizeUrl(noCodeGrant))).location).error, "unauthorized_client");
    });

    it("accepts openid without a grant and refuses any other scope not granted with invalid_scope", async () => {
      const bare = await app({}, []);
      assert.equal((await hop(authorizeUrl(bare, { scope: "openid" }))).status, 302);
      assert.match((await hop(authorizeUrl(bare, { scope: "openid" }))).location, /\/signon\//);
      assert.equal(redirectError((await hop(authorizeUrl(bare, { scope: "openid profile" }))).location).error, "invalid_scope");
      const granted = await app();
      assert.match((await hop(authorizeUrl(granted, { scope: "openid profile email" }))).location, /\/signon\//);
      const phone = redirectError((await hop(authorizeUrl(granted, { scope: "openid phone" }))).location);
      assert.equal(phone.error, "invalid_scope");
      assert.match(phone.description ?? "", /phone/);
    });

    it("enforces pkceEnforcement: OPTIONAL none needed, REQUIRED plain or S256, S256_REQUIRED only S256", async () => {
      const verifier = oidc.randomPKCECodeVerifier();
      const s256 = { code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256" };
      const plain = { code_challenge: verifier, code_challenge_method: "plain" };
      const expect = async (appId: string, params: Record<string, string>, error: string | null): Promise<void> => {
        const res = await hop(authorizeUrl(appId, params));
        if (error === null) assert.match(res.location, /\/signon\//, JSON.stringify(params));
        else assert.equal(redirectError(res.location).error, error, JSON.stringify(params));
      };
      const optional = await app();
      await expect(optional, {}, null);
      await expect(optional, plain, null);
      const required = await app({ pkceEnforcement: "REQUIRED" });
      await expect(required, {}, "invalid_request");
      await expect(required, plain, null);
      await expect(required, { code_challenge: verifier }, null);
      await expect(required, s256, null);
      const s256Only = await app({ pkceEnforcement: "S256_REQUIRED" });
      await expect(s256Only, {}, "invalid_request");
      await expect(s256Only, plain, "invalid_request");
      await expect(s256Only, { code_challenge: verifier }, "invalid_request");
      await expect(s256Only, s256, null);
      await expect(optional, { code_challenge_method: "S256" }, "invalid_request");
      await expect(optional, { code_challenge: "short", code_challenge_method: "S256" }, "invalid_request");
    });

    it("refuses authorize without a request_uri when parRequirement is REQUIRED", async () => {
      const appId = await app({ parRequirement: "REQUIRED" });
      const refused = redirectError((await hop(authorizeUrl(appId, { state: "p" }))).location);
      assert.deepEqual([refused.error, refused.state], ["invalid_request", "p"]);
      assert.match(refused.description ?? "", /pushed authorization/);
    });
  });

  describe("sessions", () => {
    it("signs a user with a live ST session straight back, unless prompt=login; prompt=none without one is login_required", async () => {
      const appId = await app();
      const none = redirectError((await hop(authorizeUrl(appId, { prompt: "none", state: "n" }))).location);
      assert.deepEqual([none.error, none.state], ["login_required", "n"]);

      const { cookie } = await signIn(authorizeUrl(appId));
      const sso = await hop(authorizeUrl(appId, { state: "sso" }), { headers: { cookie } });
      assert.equal(sso.status, 302);
      const back = new URL(sso.location);
      assert.equal(`${back.origin}${back.pathname}`, REDIRECT);
      assert.ok(back.searchParams.get("code"));
      assert.equal(back.searchParams.get("state"), "sso");
      assert.match((await hop(authorizeUrl(appId, { prompt: "login" }), { headers: { cookie } })).location, /\/signon\//);
      assert.equal(new URL((await hop(authorizeUrl(appId, { prompt: "none" }), { headers: { cookie } })).location).searchParams.has("code"), true);
    });

    it("a session lives as long as PingOne's ST cookie (30 days): after that authorize asks for the password again", async () => {
      const appId = await app();
      const { cookie } = await signIn(authorizeUrl(appId));
      now += 2_592_000_000 - 1;
      try {
        assert.equal(new URL((await hop(authorizeUrl(appId), { headers: { cookie } })).location).searchParams.has("code"), true, "still signed in");
        now += 1;
        assert.match((await hop(authorizeUrl(appId), { headers: { cookie } })).location, /\/signon\//, "the session expired");
      } finally {
        now -= 2_592_000_000;
      }
    });

    it("signs off: id_token_hint must be an ID token signed by the environment, post_logout_redirect_uri must be registered, state is echoed", async () => {
      const appId = await app({ type: "SINGLE_PAGE_APP", tokenEndpointAuthMethod: "NONE" });
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = authorizeUrl(appId, { state, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256" });
      const { redirect, cookie } = await signIn(url);
      const config = await oidc.discovery(new URL(issuer), appId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
      const tokens = await oidc.authorizationCodeGrant(config, redirect, { pkceCodeVerifier: verifier, expectedState: state });
      const hint = tokens.id_token!;
      const sid = tokens.claims()?.sid as string;
      const signoff = (params: Record<string, string>, init: RequestInit = {}): Promise<Hop> =>
        hop(`${issuer}/signoff?${new URLSearchParams(params).toString()}`, init);

      // A forged, unsigned hint naming the session's sid is refused and ends nothing.
      const forged = await signoff({ id_token_hint: new UnsecuredJWT({ sid }).setIssuer(issuer).setAudience(appId).setSubject(aliceId).encode() });
      assert.equal(forged.status, 400);
      assert.match(
        (await hop(authorizeUrl(appId), { headers: { cookie } })).location,
        /^https:\/\/app\.example\/cb\?code=/,
        "the session survives a forged hint",
      );

      const unregistered = await signoff({ id_token_hint: hint, post_logout_redirect_uri: "https://evil.example/bye" });
      assert.equal(unregistered.status, 400);
      assert.equal(unregistered.location, "");

      const done = await signoff({ id_token_hint: hint, post_logout_redirect_uri: LOGOUT, state: "bye-state" }, { headers: { cookie } });
      assert.equal(done.status, 302);
      assert.equal(done.location, `${LOGOUT}?state=bye-state`);
      assert.match(done.headers.get("set-cookie") ?? "", /^ST=; .*Max-Age=0/);
      // The session is over: the old cookie no longer signs in.
      assert.match((await hop(authorizeUrl(appId), { headers: { cookie } })).location, /\/signon\//);
    });
  });

  describe("PingOne's redirectless pi.flow", () => {
    it("answers the flow JSON from authorize and the authorization response as JSON from resume", async () => {
      const appId = await app();
      const authorize = await hop(authorizeUrl(appId, { response_mode: "pi.flow", state: "pf" }));
      assert.equal(authorize.status, 200);
      assert.equal(authorize.body?.status, "USERNAME_PASSWORD_REQUIRED");
      const checked = await check(str((authorize.body?._links as { self: { href: string } }).self.href), "alice", PASSWORD);
      const cookie = (checked.headers.get("set-cookie") ?? "").split(";")[0];
      // Resume belongs to whoever holds the sign-in's ST cookie, not to whoever saw the flowId.
      assert.equal((await hop(str(checked.body?.resumeUrl))).status, 400);
      const resume = await hop(str(checked.body?.resumeUrl), { headers: { cookie } });
      assert.equal(resume.status, 200);
      const response = resume.body?.authorizeResponse as { code: string; state: string };
      assert.equal(response.state, "pf");
      assert.ok(response.code);
    });
  });

  describe("pushed authorization requests", () => {
    /** openid-client pushing with the application's real client authentication. */
    async function parConfig(appId: string, auth: (secret: string) => oidc.ClientAuth): Promise<oidc.Configuration> {
      const secret = str((await client.call("GET", `${client.appsUrl()}/${appId}/secret`)).body?.secret);
      const cfg = new oidc.Configuration(
        { issuer, authorization_endpoint: `${issuer}/authorize`, pushed_authorization_request_endpoint: `${issuer}/par` },
        appId,
        { client_secret: secret },
        auth(secret),
      );
      oidc.allowInsecureRequests(cfg);
      return cfg;
    }
    const pushParams = { redirect_uri: REDIRECT, scope: "openid profile", response_type: "code", state: "par-state" };

    it("pushes a request with the app's secret by HTTP Basic (201 request_uri) that authorize accepts once", async () => {
      const appId = await app({ parRequirement: "REQUIRED", parTimeout: 30 });
      const url = await oidc.buildAuthorizationUrlWithPAR(await parConfig(appId, oidc.ClientSecretBasic), pushParams);
      const requestUri = url.searchParams.get("request_uri") ?? "";
      assert.match(requestUri, /^urn:ietf:params:oauth:request_uri:/);
      const { redirect } = await signIn(url);
      assert.equal(redirect.searchParams.get("state"), "par-state");
      assert.ok(redirect.searchParams.get("code"));
      const again = await hop(url);
      assert.equal(again.status, 400);
      assert.match(str(again.body?.message), /^invalid_request_uri:/);
    });

    it("authenticates the pushing client by its tokenEndpointAuthMethod: another method, a wrong secret and a disabled app are invalid_client", async () => {
      const appId = await app({ parRequirement: "REQUIRED" });
      const refused = (cfg: oidc.Configuration): Promise<void> => rejectsWith(oidc.buildAuthorizationUrlWithPAR(cfg, pushParams), "invalid_client");
      await refused(await parConfig(appId, oidc.ClientSecretPost));
      await refused(await parConfig(appId, () => oidc.ClientSecretBasic("not-the-secret")));
      const cfg = await parConfig(appId, oidc.ClientSecretBasic);
      client.emu.mutateApplication(client.envId, appId, { enabled: false });
      await refused(cfg);
      client.emu.mutateApplication(client.envId, appId, { enabled: true });
      assert.ok((await oidc.buildAuthorizationUrlWithPAR(cfg, pushParams)).searchParams.get("request_uri"));
    });

    it("takes a public client's push (NONE) with PKCE", async () => {
      const appId = await app({ type: "SINGLE_PAGE_APP", tokenEndpointAuthMethod: "NONE", pkceEnforcement: "S256_REQUIRED", parRequirement: "REQUIRED" });
      const cfg = await parConfig(appId, () => oidc.None());
      const challenge = await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier());
      const url = await oidc.buildAuthorizationUrlWithPAR(cfg, { ...pushParams, code_challenge: challenge, code_challenge_method: "S256" });
      assert.ok((await signIn(url)).redirect.searchParams.get("code"));
      await rejectsWith(oidc.buildAuthorizationUrlWithPAR(cfg, pushParams), "invalid_request");
    });

    it("answers expires_in from parTimeout, and the request_uri expires", async () => {
      const appId = await app({ parTimeout: 30, tokenEndpointAuthMethod: "CLIENT_SECRET_POST" });
      const secret = str((await client.call("GET", `${client.appsUrl()}/${appId}/secret`)).body?.secret);
      const pushed = await hop(`${issuer}/par`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ client_id: appId, client_secret: secret, redirect_uri: REDIRECT, response_type: "code", scope: "openid" }).toString(),
      });
      assert.equal(pushed.status, 201);
      assert.equal(pushed.body?.expires_in, 30);
      now += 30_001;
      try {
        const late = await hop(`${issuer}/authorize?${new URLSearchParams({ client_id: appId, request_uri: str(pushed.body?.request_uri) }).toString()}`);
        assert.equal(late.status, 400);
      } finally {
        now -= 30_001;
      }
    });

    it("validates the pushed parameters like authorize (RFC 6749 errors as JSON) and refuses a failed client authentication", async () => {
      const appId = await app({ tokenEndpointAuthMethod: "CLIENT_SECRET_POST" });
      const secret = str((await client.call("GET", `${client.appsUrl()}/${appId}/secret`)).body?.secret);
      const push = (extra: Record<string, string>): Promise<Hop> =>
        hop(`${issuer}/par`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            client_id: appId,
            client_secret: secret,
            redirect_uri: REDIRECT,
            response_type: "code",
            scope: "openid",
            ...extra,
          }).toString(),
        });
      assert.deepEqual([(await push({ redirect_uri: "https://evil.example/cb" })).body?.error], ["invalid_request"]);
      assert.equal((await push({ scope: "openid phone" })).body?.error, "invalid_scope");
      assert.equal((await push({ client_secret: "wrong" })).status, 401);
    });
  });
});
