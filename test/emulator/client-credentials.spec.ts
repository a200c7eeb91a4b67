/**
 * The token endpoint serves applications too: client credentials with the current secret, or the
 * previous one until `previous.expiresAt` (refused after), by the method the application is
 * configured for. The emulator's clock is injected, so expiry is tested without waiting.
 */
import { strict as assert } from "node:assert";
import { details, minimalApp, str, withEmulator, type TestClient } from "./helpers";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const START = Date.parse("2031-03-01T00:00:00.000Z");

describe("emulator: application client credentials and secret rotation", () => {
  let client: TestClient;
  let now = START;

  beforeEach(async () => {
    now = START;
    client = await withEmulator({ clock: () => now });
  });
  afterEach(() => client.emu.close());

  const service = (method = "CLIENT_SECRET_BASIC") =>
    minimalApp({ enabled: true, type: "WORKER", grantTypes: ["CLIENT_CREDENTIALS"], responseTypes: null, redirectUris: null, tokenEndpointAuthMethod: method });

  async function token(id: string, secret: string, how: "basic" | "post" = "basic"): Promise<{ status: number; body: Record<string, unknown> }> {
    const res =
      how === "basic"
        ? await fetch(client.tokenUrl(), {
            method: "POST",
            headers: { ...FORM, authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` },
            body: "grant_type=client_credentials",
          })
        : await fetch(client.tokenUrl(), {
            method: "POST",
            headers: FORM,
            body: new URLSearchParams({ grant_type: "client_credentials", client_id: id, client_secret: secret }).toString(),
          });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it("issues a token to an application with CLIENT_CREDENTIALS and its current secret, by its own auth method only", async () => {
    const basicId = await client.createId(service("CLIENT_SECRET_BASIC"));
    const postId = await client.createId(service("CLIENT_SECRET_POST"));
    const basicSecret = str((await client.call("GET", `${client.appsUrl()}/${basicId}/secret`)).body?.secret);
    const postSecret = str((await client.call("GET", `${client.appsUrl()}/${postId}/secret`)).body?.secret);
    const ok = await token(basicId, basicSecret, "basic");
    assert.equal(ok.status, 200);
    assert.equal(ok.body.token_type, "Bearer");
    assert.equal((await token(postId, postSecret, "post")).status, 200);

    const wrongMethod = await token(basicId, basicSecret, "post");
    assert.equal(wrongMethod.status, 401);
    assert.equal(wrongMethod.body.error, "invalid_client");
    assert.match(String(wrongMethod.body.error_description), /Unsupported authentication method/);
    assert.equal((await token(postId, postSecret, "basic")).status, 401);
    assert.equal((await token(basicId, "not-the-secret")).body.error, "invalid_client");
  });

  it("an application's token is not a management token (403), and an app without CLIENT_CREDENTIALS gets unauthorized_client", async () => {
    const id = await client.createId(service());
    const secret = str((await client.call("GET", `${client.appsUrl()}/${id}/secret`)).body?.secret);
    const issued = await token(id, secret);
    const api = await fetch(client.appsUrl(), { headers: { authorization: `Bearer ${String(issued.body.access_token)}` } });
    assert.equal(api.status, 403);

    const web = await client.createId(minimalApp({ enabled: true }));
    const webSecret = str((await client.call("GET", `${client.appsUrl()}/${web}/secret`)).body?.secret);
    const refused = await token(web, webSecret);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error, "unauthorized_client");
  });

  it("after a rotation with previous.expiresAt, both secrets work until then; after it, only the new one, and GET omits previous", async () => {
    const id = await client.createId(service());
    const secretUrl = `${client.appsUrl()}/${id}/secret`;
    const old = str((await client.call("GET", secretUrl)).body?.secret);
    const expiresAt = new Date(now + 24 * 3600_000).toISOString();
    const rotated = await client.call("POST", secretUrl, { previous: { expiresAt } });
    assert.equal(rotated.status, 200);
    const fresh = str(rotated.body?.secret);

    assert.equal((await token(id, old)).status, 200, "the old secret works during the overlap");
    assert.equal((await token(id, fresh)).status, 200, "the new secret works");
    const during = await client.call("GET", secretUrl);
    assert.equal((during.body?.previous as Record<string, unknown>).lastUsed, new Date(now).toISOString(), "the previous secret's use is recorded");

    now += 24 * 3600_000; // exactly expiresAt: no longer valid
    const late = await token(id, old);
    assert.equal(late.status, 401);
    assert.equal(late.body.error, "invalid_client");
    assert.equal((await token(id, fresh)).status, 200);
    await client.fetchToken(); // the worker's token expired with the clock too
    const after = await client.call("GET", secretUrl);
    assert.equal(after.body?.secret, fresh);
    assert.equal(after.body?.previous, undefined, "an expired previous secret is not returned");
  });

  it("without previous.expiresAt the old secret stops at once; DELETE revokes a previous secret early (204)", async () => {
    const id = await client.createId(service());
    const secretUrl = `${client.appsUrl()}/${id}/secret`;
    const first = str((await client.call("GET", secretUrl)).body?.secret);
    const second = str((await client.call("POST", secretUrl)).body?.secret);
    assert.equal((await token(id, first)).status, 401, "no overlap asked, none given");

    await client.call("POST", secretUrl, { previous: { expiresAt: new Date(now + 3600_000).toISOString() } });
    assert.equal((await token(id, second)).status, 200);
    const revoked = await client.call("DELETE", secretUrl);
    assert.equal(revoked.status, 204);
    assert.equal((await token(id, second)).status, 401, "the revoked previous secret no longer works");
    assert.equal((await client.call("GET", secretUrl)).body?.previous, undefined);
  });

  it("refuses previous.expiresAt outside 1 minute to 30 days from the emulator's clock", async () => {
    const id = await client.createId(service());
    const secretUrl = `${client.appsUrl()}/${id}/secret`;
    for (const offset of [59_000, 30 * 86_400_000 + 1000, -1000]) {
      const res = await client.call("POST", secretUrl, { previous: { expiresAt: new Date(now + offset).toISOString() } });
      assert.equal(res.status, 400, `offset ${offset}`);
      assert.equal(details(res.body)[0].code, "OUT_OF_RANGE");
      assert.match(details(res.body)[0].message, /between 1 minute and 30 days/);
    }
    for (const offset of [60_000, 30 * 86_400_000]) {
      assert.equal((await client.call("POST", secretUrl, { previous: { expiresAt: new Date(now + offset).toISOString() } })).status, 200, `offset ${offset}`);
    }
  });
});
