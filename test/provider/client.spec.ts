/**
 * HTTP edge cases the emulator cannot produce: an answer whose body stalls or breaks off after
 * the headers. The timeout covers the whole exchange, and a POST cut off mid-answer is treated
 * as "maybe committed" (so the lifecycle reconciles) rather than as a plain failure.
 */
import { strict as assert } from "node:assert";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AmbiguousWriteError, PingOneClient } from "../../provider/http/client";
import { resolveSettings } from "../../provider/kernel/config";
import { PingOneApiError } from "../../provider/kernel/errors";
import { RecordedSleeps } from "../helpers/emulator";
import { assertCoded } from "../helpers/errors";

const ENV_ID = "0a6c5a1e-6f5e-4f43-9d45-3b1c43c2a001";

describe("HTTP client: answers that break off", () => {
  let server: Server;
  let apiUrl: string;
  const openResponses = new Set<import("node:http").ServerResponse>();

  before(async () => {
    server = createServer((request, response) => {
      openResponses.add(response);
      response.writeHead(request.method === "POST" ? 201 : 200, { "Content-Type": "application/json" });
      response.write('{"id": "partial');
      // POST: the connection drops mid-body; GET: the body never finishes.
      if (request.method === "POST") setTimeout(() => response.destroy(), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  after(async () => {
    for (const response of openResponses) response.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  function client(): PingOneClient {
    const settings = resolveSettings(undefined, { PINGONE_API_URL: apiUrl, PINGONE_API_ACCESS_TOKEN: "token-for-test", PINGONE_ENVIRONMENT_ID: ENV_ID });
    return new PingOneClient(settings, { timeoutMs: 200, retry: { maxAttempts: 2 }, sleep: new RecordedSleeps().sleep });
  }

  it("a GET whose body stalls times out and fails with the operation named, instead of hanging", async () => {
    const error = await client()
      .getApplication(ENV_ID, "x", { applicationName: "stalled" })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(error instanceof PingOneApiError, String(error));
    assertCoded(error, "ERR_PINGONE_UNREACHABLE", 'pingone:Application "stalled"');
    assert.match(error.message, /pingone:Application "stalled".*read application failed: no response from PingOne \(timed out after 200 ms\)/);
    assert.equal(error.message.includes("token-for-test"), false);
  });

  it("a POST answered 201 whose body breaks off is reported as a write of unknown outcome", async () => {
    const error = await client()
      .createApplication(ENV_ID, { name: "x" }, { applicationName: "cut" })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(error instanceof AmbiguousWriteError, String(error));
  });
});
