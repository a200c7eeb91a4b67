/**
 * "Gone" needs PingOne to say it (issue #17, item 4). A 404 drops a resource from state (read) or
 * counts as already deleted (delete) only when the answer is PingOne's own NOT_FOUND error and the
 * environment still answers. A gateway's HTML 404, a JSON 404 without PingOne's code, or a wrong
 * base URL (apiUrl without `/v1`) keep the resource, and the error names the URL that failed.
 * Every case goes over real HTTP, through the mangling proxy in front of the emulator, for every
 * resource: Application, ApplicationSecret, ApplicationResourceGrant, ApplicationSignOnPolicyAssignment.
 */
import { strict as assert } from "node:assert";
import { pingOneEnvironment } from "../../emulator";
import { clearLookupCache } from "../../provider/http/lookups";
import { ApplicationSignOnPolicyAssignmentLifecycle } from "../../provider/sign-on-policy-assignment/lifecycle";
import { clearTokenCache, PingOneClient } from "../../provider/http/client";
import { resolveSettings } from "../../provider/kernel/config";
import { ApplicationResourceGrantLifecycle } from "../../provider/resource-grant/lifecycle";
import { ApplicationLifecycle } from "../../provider/application/lifecycle";
import { clearRequestPacing } from "../../provider/http/pacing";
import { ApplicationSecretLifecycle } from "../../provider/application-secret/lifecycle";
import { SEED_001 } from "../fixtures/seeds";
import { RecordedSleeps, useProxiedEmulator } from "../helpers/emulator";
import type { HostileAction } from "../helpers/hostile-proxy";
import { assertCoded } from "../helpers/errors";

type Inputs = Record<string, unknown>;

const APPS = /\/applications$/;
const ONE_APP = /\/applications\/[^/]+$/;
const SECRET = /\/applications\/[^/]+\/secret$/;
const GRANT = /\/applications\/[^/]+\/grants\/[^/]+$/;
const ASSIGNMENT = /\/applications\/[^/]+\/signOnPolicyAssignments\/[^/]+$/;
const FOREIGN_404S: HostileAction[] = ["html-404", "json-404"];

describe("a 404 is 'gone' only when PingOne says so, and the environment still answers", function () {
  this.timeout(60_000);
  const net = useProxiedEmulator();

  /** PINGONE_* through the net.proxy; `wrongBase` sets the API URL without its `/v1`, as in the report. */
  function settingsEnv(wrongBase = false): Record<string, string> {
    clearTokenCache();
    clearRequestPacing();
    clearLookupCache();
    const env = net.proxy.environment(pingOneEnvironment(net.emulator));
    return wrongBase ? { ...env, PINGONE_API_URL: net.proxy.baseUrl } : env;
  }
  function options(wrongBase = false): { env: Record<string, string>; clientOptions: { sleep: RecordedSleeps["sleep"] } } {
    return { env: settingsEnv(wrongBase), clientOptions: { sleep: new RecordedSleeps().sleep } };
  }

  async function newApp(name: string): Promise<{ id: string; outs: Inputs }> {
    const apps = new ApplicationLifecycle(options());
    const checked = await apps.check({}, { ...SEED_001.body, __autoname: name });
    assert.deepEqual(checked.failures, []);
    return apps.create(checked.inputs);
  }

  /** The operation fails; the message names the URL that failed and holds no credential. */
  async function failsNaming(action: () => Promise<unknown>, url: string): Promise<string> {
    let message: string | undefined;
    try {
      await action();
    } catch (error) {
      // A 404 that proves nothing is an answer not to be trusted, never "gone".
      message = assertCoded(error, "ERR_UNEXPECTED_ANSWER", url).message;
    }
    assert.ok(message !== undefined, "the operation failed instead of treating the 404 as gone");
    assert.ok(message.includes(url), `the error names the URL ${url}:\n${message}`);
    assert.match(message, /404/);
    for (const credential of [...net.proxy.credentialsSeen, net.emulator.clientSecret])
      assert.equal(message.includes(credential), false, "no credential in the message");
    assert.ok(message.length <= 2000, `bounded message (${message.length} chars)`);
    return message;
  }

  function exists(id: string): boolean {
    return net.emulator.applications().some((a) => a.id === id);
  }

  describe("Application", () => {
    for (const action of FOREIGN_404S) {
      it(`refresh: a ${action} on the GET keeps the application in state, naming the URL`, async () => {
        const { id, outs } = await newApp(`read-${action}`);
        net.proxy.set({ method: "GET", path: ONE_APP, action });
        await failsNaming(
          () => new ApplicationLifecycle(options()).read(id, outs),
          `${net.proxy.baseUrl}/v1/environments/${net.emulator.environmentId}/applications/${id}`,
        );
        assert.ok(exists(id));
      });

      it(`destroy: a ${action} on the DELETE fails rather than dropping the application, naming the URL`, async () => {
        const { id, outs } = await newApp(`delete-${action}`);
        net.proxy.set({ method: "DELETE", path: ONE_APP, action });
        await failsNaming(
          () => new ApplicationLifecycle(options()).delete(id, outs),
          `${net.proxy.baseUrl}/v1/environments/${net.emulator.environmentId}/applications/${id}`,
        );
        assert.ok(exists(id), "the application is still there, and the engine keeps it in state");
      });
    }

    it("a wrong base URL (apiUrl without /v1): refresh and destroy fail naming the URL; the application stays", async () => {
      const { id, outs } = await newApp("wrong-base");
      const wrong = new ApplicationLifecycle(options(true));
      const url = `${net.proxy.baseUrl}/environments/${net.emulator.environmentId}/applications/${id}`;
      const message = await failsNaming(() => wrong.read(id, outs), url);
      assert.match(message, /apiUrl|PINGONE_API_URL/, "the error says which setting to check");
      await failsNaming(() => wrong.delete(id, outs), url);
      assert.ok(exists(id));
    });

    it("PingOne's NOT_FOUND while the environment does not answer (a proxy's 404 on the probe) keeps the application", async () => {
      const { id, outs } = await newApp("probe-fails");
      net.proxy.set({ method: "GET", path: ONE_APP, action: "pingone-404" }, { method: "GET", path: APPS, action: "html-404" });
      await failsNaming(
        () => new ApplicationLifecycle(options()).read(id, outs),
        `${net.proxy.baseUrl}/v1/environments/${net.emulator.environmentId}/applications`,
      );
      assert.ok(exists(id));
    });

    it("PingOne's NOT_FOUND while the environment answers: read drops the application and delete counts it done, with one probe each", async () => {
      const { id, outs } = await newApp("really-gone");
      assert.ok(net.emulator.deleteApplicationOutOfBand(net.emulator.environmentId, id));
      const apps = new ApplicationLifecycle(options());
      net.emulator.resetCounters();
      net.proxy.requests.length = 0;
      assert.deepEqual(await apps.read(id, outs), { id: "", props: {} });
      await apps.delete(id, outs);
      const { byRoute } = net.emulator.counters();
      assert.equal(byRoute["GET /v1/environments/{envId}/applications/{appId}"], 1);
      assert.equal(byRoute["DELETE /v1/environments/{envId}/applications/{appId}"], 1);
      assert.equal(byRoute["GET /v1/environments/{envId}/applications"], 2, "one environment probe per 404");
      const probes = net.proxy.requests.filter((r) => r.method === "GET" && /\/applications(\?|$)/.test(r.url));
      assert.equal(probes.length, 2);
      for (const probe of probes) assert.match(probe.url, /\/applications\?limit=1$/, "the probe asks for one application, not the whole list");
    });
  });

  describe("ApplicationSecret", () => {
    for (const action of FOREIGN_404S) {
      it(`refresh: a ${action} on the secret GET keeps the resource, naming the URL`, async () => {
        const { id } = await newApp(`secret-${action}`);
        const secrets = new ApplicationSecretLifecycle(options());
        const checked = await secrets.check({}, { applicationId: id, __autoname: "rotated" });
        const created = await secrets.create(checked.inputs);
        net.proxy.set({ method: "GET", path: SECRET, action });
        await failsNaming(
          () => secrets.read(created.id, created.outs),
          `${net.proxy.baseUrl}/v1/environments/${net.emulator.environmentId}/applications/${id}/secret`,
        );
      });
    }

    it("a wrong base URL keeps the resource; revoking the previous secret behind a gateway 404 fails", async () => {
      const { id } = await newApp("secret-wrong-base");
      const secrets = new ApplicationSecretLifecycle(options());
      const created = await secrets.create((await secrets.check({}, { applicationId: id, __autoname: "s" })).inputs);
      const url = `${net.proxy.baseUrl}/environments/${net.emulator.environmentId}/applications/${id}/secret`;
      await failsNaming(() => new ApplicationSecretLifecycle(options(true)).read(created.id, created.outs), url);
      const client = new PingOneClient(resolveSettings(undefined, settingsEnv()), { sleep: new RecordedSleeps().sleep });
      net.proxy.set({ method: "DELETE", path: SECRET, action: "html-404" });
      await failsNaming(
        () => client.revokePreviousApplicationSecret(net.emulator.environmentId, id),
        `${net.proxy.baseUrl}/v1/environments/${net.emulator.environmentId}/applications/${id}/secret`,
      );
    });
  });

  describe("ApplicationResourceGrant and ApplicationSignOnPolicyAssignment", () => {
    const cases = [
      {
        kind: "grant",
        path: GRANT,
        segment: "grants",
        make: () => new ApplicationResourceGrantLifecycle(options()),
        makeWrong: () => new ApplicationResourceGrantLifecycle(options(true)),
        inputs: (appId: string) => ({ applicationId: appId, resourceName: "openid", scopes: ["openid"], __autoname: "g" }),
      },
      {
        kind: "assignment",
        path: ASSIGNMENT,
        segment: "signOnPolicyAssignments",
        make: () => new ApplicationSignOnPolicyAssignmentLifecycle(options()),
        makeWrong: () => new ApplicationSignOnPolicyAssignmentLifecycle(options(true)),
        inputs: (appId: string) => ({ applicationId: appId, signOnPolicyName: "Single_Factor", priority: 1, __autoname: "a" }),
      },
    ] as const;
    for (const c of cases) {
      it(`${c.kind}: an HTML 404 on read or delete, and a wrong base URL, keep it, naming the URL`, async () => {
        const { id: appId } = await newApp(`${c.kind}-app`);
        const lifecycle = c.make();
        const checked = await lifecycle.check({}, c.inputs(appId));
        assert.deepEqual(checked.failures, []);
        const { id, outs } = await lifecycle.create(checked.inputs);
        const url = `${net.proxy.baseUrl}/v1/environments/${net.emulator.environmentId}/applications/${appId}/${c.segment}/${id}`;
        net.proxy.set({ method: "GET", path: c.path, action: "html-404" });
        await failsNaming(() => lifecycle.read(id, outs), url);
        net.proxy.set({ method: "DELETE", path: c.path, action: "json-404" });
        await failsNaming(() => lifecycle.delete(id, outs), url);
        net.proxy.set();
        const wrongUrl = `${net.proxy.baseUrl}/environments/${net.emulator.environmentId}/applications/${appId}/${c.segment}/${id}`;
        await failsNaming(() => c.makeWrong().read(id, outs), wrongUrl);
        await failsNaming(() => c.makeWrong().delete(id, outs), wrongUrl);
        assert.equal((await lifecycle.read(id, outs)).id, id, "still there, and still readable through the right URL");
      });
    }
  });
});
