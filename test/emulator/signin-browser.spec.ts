/**
 * The one sign-in browser (scripts/browser.ts) against the emulator: its hooks see every hop in
 * order, the flow URL is found beside the issuer, and a hook that throws stops the sign-in at its
 * hop, before the next request.
 */
import { strict as assert } from "node:assert";
import * as oidc from "openid-client";
import { flowUrlOf, walkSignIn, type Hop } from "../../scripts/browser";
import { authorizationConfig } from "../helpers/browser-signin";
import { minimalApp, withEmulator, type TestClient } from "./helpers";

const REDIRECT = "https://app.example.com/callback";
const ADA = { username: "ada", password: "Ada-pw-1815" };

describe("scripts/browser.ts: one sign-in browser with a hook on each hop", function () {
  this.timeout(30_000);
  let client: TestClient;
  const issuer = (): string => `${client.emu.authUrl}/${client.envId}/as`;

  beforeEach(async () => {
    client = await withEmulator();
    client.emu.createUser(ADA);
  });
  afterEach(() => client.emu.close());

  async function authorizationUrl(): Promise<URL> {
    const appId = await client.createId(minimalApp({ enabled: true, redirectUris: [REDIRECT] }));
    const verifier = oidc.randomPKCECodeVerifier();
    return oidc.buildAuthorizationUrl(authorizationConfig(issuer(), appId), {
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: "openid",
      state: oidc.randomState(),
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
    });
  }

  it("reports authorize, the sign-on page, the flow GET, the check POST, resume and the callback, in that order", async () => {
    const seen: string[] = [];
    const note = (name: string) => (hop: Hop) => void seen.push(`${name} ${hop.method} ${hop.status}`);
    const walk = await walkSignIn(await authorizationUrl(), ADA, {
      issuer: issuer(),
      redirectUri: REDIRECT,
      hooks: {
        authorize: note("authorize"),
        signonPage: (page, flowId) => void seen.push(`signonPage ${page.pathname} ${flowId === page.searchParams.get("flowId") ? "flowId" : "?"}`),
        flow: note("flow"),
        check: note("check"),
        resume: note("resume"),
        callback: (url) => void seen.push(`callback ${url.origin}${url.pathname}`),
      },
    });
    assert.deepEqual(seen, [
      "authorize GET 302",
      `signonPage /${client.envId}/signon/ flowId`,
      "flow GET 200",
      "check POST 200",
      "resume GET 302",
      `callback ${REDIRECT}`,
    ]);
    assert.equal(walk.callback?.searchParams.has("code"), true);
    assert.match(walk.cookie, /^ST=/);
    const flowId = new URL(walk.authorize.location ?? "").searchParams.get("flowId") ?? "";
    assert.equal(walk.flowUrl?.href, `${client.emu.authUrl}/${client.envId}/flows/${flowId}`);
    assert.equal(flowUrlOf(issuer(), flowId).href, walk.flowUrl?.href);
  });

  it("a hook that throws stops the sign-in at its hop: no password is sent after a failed flow check", async () => {
    const url = await authorizationUrl();
    client.emu.resetCounters();
    await assert.rejects(
      walkSignIn(url, ADA, {
        issuer: issuer(),
        hooks: {
          flow() {
            throw new Error("stop at the flow");
          },
        },
      }),
      /stop at the flow/,
    );
    const byRoute = client.emu.counters().byRoute;
    assert.equal(byRoute["GET /{envId}/flows/{flowId}"], 1);
    assert.equal(byRoute["POST /{envId}/flows/{flowId}"], undefined);
  });
});
