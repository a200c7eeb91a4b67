/**
 * Client secrets, worker credentials and access tokens never appear in plaintext in errors,
 * logs or dumps of the provider's objects.
 */
import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import type { RunningEmulator } from "../../emulator";
import { resolveSettings } from "../../provider/kernel/config";
import { ApplicationLifecycle } from "../../provider/application/lifecycle";
import { PingOneClient, clearTokenCache } from "../../provider/http/client";
import { Redacted, scrub } from "../../provider/kernel/redact";
import { SEED_001 } from "../fixtures/seeds";
import { pingOneEnvironment } from "../../emulator";
import { checked, RecordedSleeps, withEmulator } from "../helpers/emulator";
import { assertCoded, rejectionOf } from "../helpers/errors";

describe("secrets stay secret", () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await withEmulator();
  });
  after(() => emulator.close());

  it("settings print and serialize without the client secret or access token", () => {
    const settings = resolveSettings(undefined, { ...pingOneEnvironment(emulator), PINGONE_API_ACCESS_TOKEN: "tok-1234567890" });
    for (const text of [JSON.stringify(settings), inspect(settings, { depth: 5 }), `${String(settings.clientSecret)}`]) {
      assert.equal(text.includes(emulator.clientSecret), false, text);
      assert.equal(text.includes("tok-1234567890"), false, text);
    }
    assert.equal(settings.clientSecret?.reveal(), emulator.clientSecret, "the value itself is intact");
  });

  it("a dump of a configured provider and client shows no credential", async () => {
    clearTokenCache();
    const provider = new ApplicationLifecycle({ env: pingOneEnvironment(emulator), clientOptions: { sleep: new RecordedSleeps().sleep } });
    await provider.create(await checked(provider, { ...SEED_001.body, __autoname: "dump" }));
    const client = new PingOneClient(resolveSettings(undefined, pingOneEnvironment(emulator)));
    for (const text of [inspect(provider, { depth: 10, showHidden: true }), inspect(client, { depth: 10, showHidden: true }), JSON.stringify(client)]) {
      assert.equal(text.includes(emulator.clientSecret), false);
    }
  });

  it("a provider configured from stack config does not expose the worker secret in a dump or JSON", async () => {
    const provider = new ApplicationLifecycle({ env: {} });
    const raw: Record<string, string> = { "pingone:clientSecret": "stack-config-secret-123", "pingone:clientId": "worker" };
    // Shaped like the dynamic-provider host's Config: the raw stack config is a plain field.
    const engineConfig = {
      rawConfig: raw,
      get(key: string): string | undefined {
        return this.rawConfig[key];
      },
    };
    await provider.configure({ config: engineConfig });
    await provider.check({}, { ...SEED_001.body, environmentId: emulator.environmentId, __autoname: "cfg" });
    for (const text of [JSON.stringify(provider), inspect(provider, { depth: 10, showHidden: true })]) {
      assert.equal(text.includes("stack-config-secret-123"), false, text);
    }
  });

  it("a failed token request reports the failure without the secret, even if the server echoes it", async () => {
    clearTokenCache();
    const env = { ...pingOneEnvironment(emulator), PINGONE_CLIENT_SECRET: "wrong-secret-value-123" };
    const provider = new ApplicationLifecycle({ env, clientOptions: { sleep: new RecordedSleeps().sleep } });
    const error = assertCoded(
      await rejectionOf(provider.create(await checked(provider, { ...SEED_001.body, __autoname: "badcreds" }))),
      "ERR_PINGONE_ACCESS_DENIED",
      "request access token failed",
    );
    assert.match(error.message, /request access token failed: HTTP 401 invalid_client/);
    assert.equal(error.message.includes("wrong-secret-value-123"), false);
    assert.equal(inspect(error, { depth: 10 }).includes("wrong-secret-value-123"), false);
  });

  it("scrub removes secrets from texts that come from outside", () => {
    const secret = new Redacted("s3cr3t-value");
    assert.equal(scrub("server said: s3cr3t-value is bad", [secret]), "server said: [secret] is bad");
  });
});
