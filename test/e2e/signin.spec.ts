/**
 * Sign-in, proven: after `pulumi up` through the real engine, a real OIDC client (openid-client)
 * signs a user in to what was deployed, through the emulator's authorize → flow API → resume →
 * token, and every token's signature verifies against the discovery document's `jwks_uri`. Then
 * the seeds' client authentication changes (000 → 003 → 004) take effect at the token endpoint,
 * and each misconfiguration fails at sign-in with the OAuth error PingOne returns.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { JWTPayload } from "jose";
import * as oidc from "openid-client";
import { REPO_ROOT } from "../../scripts/engine";
import {
  authorizationRequest,
  clientCredentials,
  createUserThroughApi,
  discover,
  exchangeCode,
  failureOf,
  refresh,
  signIn,
  signInAsBrowser,
  verifyJwt,
  type ClientAuthMethod,
  type RelyingParty,
  type TestUserCredentials,
} from "../helpers/signin";
import { EXAMPLES, FIXTURE_PROJECT, setupE2E, stackOutputs, type E2E } from "./harness";

describe("sign-in through the Pulumi engine, with openid-client", function () {
  this.timeout(120_000);
  let e2e: E2E;
  let issuer: string;
  const ada: TestUserCredentials = { username: "ada", password: `pw-${randomBytes(12).toString("hex")}` };

  before(async () => {
    e2e = await setupE2E();
    issuer = `${e2e.emulator.authUrl}/${e2e.emulator.environmentId}/as`;
    e2e.emulator.createUser({ ...ada, email: "ada@example.com", givenName: "Ada", familyName: "Lovelace" });
  });
  after(() => e2e?.close());

  /** A fresh stack of a project, up, and its outputs (secrets shown). */
  async function deploy(cwd: string, prefix: string, config: Record<string, string> = {}): Promise<{ stack: string; out: Record<string, unknown> }> {
    const stack = await e2e.newStack(cwd, prefix);
    for (const [key, value] of Object.entries(config)) await e2e.ok(["config", "set", key, value, "--stack", stack], cwd);
    await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
    return { stack, out: await stackOutputs(e2e, cwd, stack) };
  }

  function text(value: unknown, name: string): string {
    assert.equal(typeof value, "string", `${name} is a string output`);
    return value as string;
  }

  function firstRedirect(value: unknown): string {
    assert.ok(Array.isArray(value) && typeof value[0] === "string", "redirectUris output");
    return value[0];
  }

  /** The ID token is the signed-in user's, for this client, with PingOne's claims. */
  function assertIdentity(claims: JWTPayload, clientId: string): void {
    assert.equal(claims.iss, issuer);
    assert.equal(claims.aud, clientId);
    assert.equal(claims.preferred_username, "ada");
    assert.equal(claims.email, "ada@example.com");
    assert.equal(claims.env, e2e.emulator.environmentId);
    assert.equal(typeof claims.sid, "string");
    assert.equal(claims.acr, "Single_Factor");
  }

  /** Code flow + refresh for a confidential web app; answers the ID token's subject. */
  async function webAppSignsInAndRefreshes(rp: RelyingParty, redirectUri: string): Promise<string> {
    const { config, tokens, idClaims, accessClaims } = await signIn(rp, { redirectUri, user: ada });
    assertIdentity(idClaims, rp.clientId);
    assert.equal(accessClaims.client_id, rp.clientId);
    assert.equal(accessClaims.sub, idClaims.sub);
    assert.equal(typeof tokens.refresh_token, "string", "REFRESH_TOKEN is granted");
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, String(idClaims.sub));
    assert.equal(userinfo.email, "ada@example.com");

    const refreshed = await refresh(config, tokens.refresh_token!);
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token, "the refresh token rotates");
    assert.equal((await verifyJwt(config, refreshed.access_token)).sub, idClaims.sub);
    if (refreshed.id_token) assert.equal((await verifyJwt(config, refreshed.id_token, rp.clientId)).sub, idClaims.sub);
    return String(idClaims.sub);
  }

  /** Code flow for a public SPA: S256 and no secret. */
  async function spaSignsIn(clientId: string, redirectUri: string): Promise<void> {
    const { tokens, idClaims, accessClaims } = await signIn({ issuer, clientId, authMethod: "NONE" }, { redirectUri, user: ada, pkce: "S256" });
    assertIdentity(idClaims, clientId);
    assert.equal(accessClaims.client_id, clientId);
    assert.equal(tokens.refresh_token, undefined, "the SPA has no REFRESH_TOKEN grant type");
  }

  /**
   * Runs examples/signin.mjs as the examples' READMEs do, plays the browser on the URL it prints,
   * pastes back where the browser landed, and answers the claims it prints.
   */
  async function readmeSignIn(rp: RelyingParty, redirectUri: string): Promise<Record<string, unknown>> {
    const child = spawn(process.execPath, [join(EXAMPLES, "signin.mjs")], {
      env: {
        ...process.env,
        ISSUER: rp.issuer,
        CLIENT_ID: rp.clientId,
        CLIENT_SECRET: rp.clientSecret ?? "",
        AUTH_METHOD: rp.authMethod,
        REDIRECT_URI: redirectUri,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const killer = setTimeout(() => child.kill(), 30_000);
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      const authorizationUrl = await new Promise<URL>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString();
          const line = /^(http\S+\/authorize\?\S+)$/m.exec(stdout);
          if (line) resolve(new URL(line[1]));
        });
        void exited.then((code) => reject(new Error(`signin.mjs exited ${String(code)} before printing a URL: ${stderr}`)));
      });
      const landed = await signInAsBrowser(await discover(rp), authorizationUrl, ada, redirectUri);
      child.stdin.end(`${landed.href}\n`);
      assert.equal(await exited, 0, `signin.mjs failed: ${stderr}`);
    } finally {
      clearTimeout(killer);
    }
    const printed = stdout.slice(stdout.indexOf("{"));
    assert.ok(!stdout.includes("eyJ"), "the script prints no token");
    return JSON.parse(printed) as Record<string, unknown>;
  }

  describe("what was deployed signs users in", () => {
    it("the demo stack: the web app (code, Basic, refresh), the SPA (S256, no secret) and the worker (client_credentials)", async () => {
      const { out } = await deploy(REPO_ROOT, "demo-signin");
      assert.equal(out.webIssuer, issuer);
      await webAppSignsInAndRefreshes(
        {
          issuer: text(out.webIssuer, "webIssuer"),
          clientId: text(out.webClientId, "webClientId"),
          clientSecret: text(out.webClientSecret, "webClientSecret"),
          authMethod: "CLIENT_SECRET_BASIC",
        },
        firstRedirect(out.webRedirectUris),
      );
      await spaSignsIn(text(out.spaClientId, "spaClientId"), firstRedirect(out.spaRedirectUris));

      const worker = await clientCredentials({
        issuer,
        clientId: text(out.workerClientId, "workerClientId"),
        clientSecret: text(out.workerClientSecret, "workerClientSecret"),
        authMethod: "CLIENT_SECRET_BASIC",
      });
      assert.equal(worker.claims.client_id, out.workerClientId);
      assert.equal(worker.claims.sub, undefined, "a client credentials token is no user's");
      assert.equal(worker.claims.env, e2e.emulator.environmentId);
    });

    it("web-app-auth-code-refresh (seed 001): code flow with S256 and Basic, then a refresh", async () => {
      const { out } = await deploy(join(EXAMPLES, "web-app-auth-code-refresh"), "web-signin", { redirectUri: "http://127.0.0.1:3000/callback" });
      const rp: RelyingParty = {
        issuer: text(out.issuer, "issuer"),
        clientId: text(out.clientId, "clientId"),
        clientSecret: text(out.clientSecret, "clientSecret"),
        authMethod: "CLIENT_SECRET_BASIC",
      };
      await webAppSignsInAndRefreshes(rp, "http://127.0.0.1:3000/callback");

      // The READMEs' own script (examples/signin.mjs), with this test as the person at the browser.
      const claims = await readmeSignIn(rp, "http://127.0.0.1:3000/callback");
      assert.equal(claims.preferred_username, "ada");
      assert.equal(claims.aud, rp.clientId);
    });

    it("spa-pkce (seed 002): code flow with S256 and no secret", async () => {
      const { out } = await deploy(join(EXAMPLES, "spa-pkce"), "spa-signin", { redirectUri: "http://127.0.0.1:3000/spa" });
      assert.equal(out.issuer, issuer);
      await spaSignsIn(text(out.clientId, "clientId"), firstRedirect(out.redirectUris));
    });
  });

  it("shared-web-app, seeds 000 → 003 → 004 on one app: each up changes how the token request must authenticate", async () => {
    const cwd = join(EXAMPLES, "shared-web-app");
    const { stack } = await deploy(cwd, "shared-signin", { stage: "000" });
    let out = await stackOutputs(e2e, cwd, stack);
    const rp = (authMethod: ClientAuthMethod): RelyingParty => ({
      issuer,
      clientId: text(out.clientId, "clientId"),
      clientSecret: text(out.clientSecret, "clientSecret"),
      authMethod,
    });
    const redirectUri = firstRedirect(out.redirectUris);
    /** A sign-in up to the code, exchanged with `authMethod`. */
    const exchangeWith = async (authMethod: ClientAuthMethod): Promise<unknown> => {
      const config = await discover(rp(authMethod));
      const request = await authorizationRequest(config, { redirectUri, scope: "openid profile email" });
      return exchangeCode(config, await signInAsBrowser(config, request.url, ada, redirectUri), request.checks);
    };
    const up = async (stage: string): Promise<void> => {
      await e2e.ok(["config", "set", "stage", stage, "--stack", stack], cwd);
      await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
      out = await stackOutputs(e2e, cwd, stack);
      assert.equal(out.tokenEndpointAuthMethod, { "003": "CLIENT_SECRET_POST", "004": "CLIENT_SECRET_BASIC" }[stage]);
    };

    // Seed 000: code + refresh with Basic.
    await webAppSignsInAndRefreshes(rp("CLIENT_SECRET_BASIC"), redirectUri);

    await up("003");
    const post003 = (await exchangeWith("CLIENT_SECRET_POST")) as { id_token?: string };
    assert.equal(typeof post003.id_token, "string", "003: credentials in the POST body are accepted");
    assert.equal((await failureOf(exchangeWith("CLIENT_SECRET_BASIC"))).error, "invalid_client", "003: HTTP Basic is refused");

    await up("004");
    const basic004 = (await exchangeWith("CLIENT_SECRET_BASIC")) as { id_token?: string };
    assert.equal(typeof basic004.id_token, "string", "004: HTTP Basic is accepted");
    assert.equal((await failureOf(exchangeWith("CLIENT_SECRET_POST"))).error, "invalid_client", "004: credentials in the POST body are refused");
  });

  describe("misconfigurations fail at sign-in with PingOne's error", () => {
    const cwd = FIXTURE_PROJECT;
    const REDIRECT = "http://127.0.0.1:3000/callback";
    /** Signed in through PingOne's users API (not the emulator's shortcut), as the workflow pages do. */
    const grace: TestUserCredentials = { username: "grace", password: `pw-${randomBytes(12).toString("hex")}` };
    let strict: RelyingParty;
    let disabledClientId: string;

    before(async () => {
      const webApp = {
        type: "WEB_APP",
        protocol: "OPENID_CONNECT",
        grantTypes: ["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
        responseTypes: ["CODE"],
        redirectUris: [REDIRECT],
        tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
      };
      const stack = await e2e.newStack(cwd, "signin-negative");
      const set = (key: string, value: unknown): Promise<unknown> => e2e.ok(["config", "set", key, JSON.stringify(value), "--stack", stack], cwd);
      await set("apps", {
        strict: { ...webApp, enabled: true, pkceEnforcement: "S256_REQUIRED", additionalRefreshTokenReplayProtectionEnabled: true },
        disabled: { ...webApp, enabled: false },
      });
      await set("grants", {
        "strict-openid": { app: "strict", resourceName: "openid", scopes: ["profile", "email"] },
        "disabled-openid": { app: "disabled", resourceName: "openid", scopes: ["profile", "email"] },
      });
      await e2e.ok(["up", "--yes", "--skip-preview", "--stack", stack], cwd);
      const out = (await stackOutputs(e2e, cwd, stack)) as Record<string, Record<string, unknown>>;
      strict = {
        issuer,
        clientId: text(out.strict.clientId, "strict.clientId"),
        clientSecret: text(out.strict.clientSecret, "strict.clientSecret"),
        authMethod: "CLIENT_SECRET_BASIC",
      };
      disabledClientId = text(out.disabled.clientId, "disabled.clientId");

      // The worker the provider uses creates the user: POST /users, then PUT its password.
      // (The emulator's own worker token is opaque, not a JWT, so it is used, not verified.)
      const workerConfig = await discover({
        issuer,
        clientId: e2e.emulator.clientId,
        clientSecret: e2e.emulator.clientSecret,
        authMethod: "CLIENT_SECRET_BASIC",
      });
      const worker = await oidc.clientCredentialsGrant(workerConfig);
      await createUserThroughApi(e2e.emulator.apiUrl, e2e.emulator.environmentId, worker.access_token, { ...grace, email: "grace@example.com" });
    });

    /** The strict app's authorization request with `params`, played through the browser to the callback. */
    async function attempt(params: { pkce?: "S256" | "plain" | "none"; scope?: string; redirectUri?: string; clientId?: string } = {}) {
      const config = await discover({ ...strict, clientId: params.clientId ?? strict.clientId });
      const redirectUri = params.redirectUri ?? REDIRECT;
      const request = await authorizationRequest(config, { redirectUri, scope: params.scope ?? "openid profile", pkce: params.pkce ?? "S256" });
      return { config, request, exchange: async () => exchangeCode(config, await signInAsBrowser(config, request.url, grace, redirectUri), request.checks) };
    }

    it("signs in when nothing is wrong (the user created through PingOne's users API)", async () => {
      const { config, exchange } = await attempt();
      const tokens = await exchange();
      assert.equal((await verifyJwt(config, tokens.id_token!, strict.clientId)).preferred_username, "grace");
    });

    it("a redirect URI not registered: authorize answers 400 INVALID_REQUEST itself and redirects nowhere", async () => {
      for (const redirectUri of [`${REDIRECT}/`, "http://127.0.0.1:3001/callback", "https://evil.example/callback"]) {
        const failure = await failureOf((await attempt({ redirectUri })).exchange());
        assert.deepEqual([failure.status, failure.code], [400, "INVALID_REQUEST"], redirectUri);
        assert.match(failure.message ?? "", /^invalid_request: Redirect URI mismatch/, redirectUri);
      }
    });

    it("S256_REQUIRED: a code flow without PKCE, and one with plain, are invalid_request", async () => {
      for (const pkce of ["none", "plain"] as const) {
        const failure = await failureOf((await attempt({ pkce })).exchange());
        assert.equal(failure.error, "invalid_request", pkce);
      }
    });

    it("a scope not granted is invalid_scope", async () => {
      const failure = await failureOf((await attempt({ scope: "openid phone" })).exchange());
      assert.equal(failure.error, "invalid_scope");
      assert.match(failure.description ?? "", /phone/);
    });

    it("a disabled app cannot sign in: authorize answers 400 INVALID_REQUEST (unauthorized_client)", async () => {
      const failure = await failureOf((await attempt({ clientId: disabledClientId })).exchange());
      assert.deepEqual([failure.status, failure.code], [400, "INVALID_REQUEST"]);
      assert.match(failure.message ?? "", /^unauthorized_client: .*disabled/);
    });

    it("a reused authorization code is invalid_grant", async () => {
      const { config, request } = await attempt();
      const callback = await signInAsBrowser(config, request.url, grace, REDIRECT);
      await exchangeCode(config, callback, request.checks);
      assert.equal((await failureOf(exchangeCode(config, callback, request.checks))).error, "invalid_grant");
    });

    it("with additionalRefreshTokenReplayProtectionEnabled, a replayed refresh token is invalid_grant and ends the family", async () => {
      const { config, exchange } = await attempt();
      const first = await exchange();
      const second = await refresh(config, first.refresh_token!);
      assert.equal((await failureOf(refresh(config, first.refresh_token!))).error, "invalid_grant", "the replay");
      assert.equal((await failureOf(refresh(config, second.refresh_token!))).error, "invalid_grant", "its successor is revoked too");
    });
  });
});
