/**
 * Bounded lists (issue #17, item 5). PingOne's applications list has no name filter, so a create
 * whose outcome is unknown looks for its application page by page. That search has a budget of
 * pages and bytes: a list that never ends (a `next` link back to itself, from a broken proxy) or
 * that is too large is refused clearly (the operation, the environment, the budget reached and
 * what to do), never cut short silently, and the POST is never sent again blindly.
 */
import { strict as assert } from "node:assert";
import { pingOneEnvironment } from "../../emulator";
import { clearTokenCache } from "../../provider/http/client";
import { ApplicationLifecycle } from "../../provider/application/lifecycle";
import { clearRequestPacing } from "../../provider/http/pacing";
import { SEED_001 } from "../fixtures/seeds";
import { RecordedSleeps, useProxiedEmulator, withEmulator } from "../helpers/emulator";
import { assertCoded } from "../helpers/errors";

const APPS = /\/applications$/;

describe("bounded lists: reconciliation stops at a budget, and says so", function () {
  this.timeout(120_000);
  const net = useProxiedEmulator(() => withEmulator({ listPageSize: 2 }));
  beforeEach(() => {
    clearTokenCache();
    clearRequestPacing();
  });

  function provider(): ApplicationLifecycle {
    return new ApplicationLifecycle({ env: net.proxy.environment(pingOneEnvironment(net.emulator)), clientOptions: { sleep: new RecordedSleeps().sleep } });
  }

  it("an application list that never ends is refused at the page budget, naming the operation, the environment, the budget and what to do; the POST is not repeated", async () => {
    const p = provider();
    const name = "endless-reconcile";
    const checked = await p.check({}, { ...SEED_001.body, name, __autoname: "endless" });
    // PingOne creates the application, but its answer is unreadable: the create reconciles by listing.
    net.proxy.set({ method: "POST", path: APPS, action: "html" }, { method: "GET", path: APPS, action: "endless-list", times: 100_000 });
    let message = "";
    try {
      await p.create(checked.inputs);
    } catch (error) {
      // The POST was made and the list that would settle it could not be read: an unknown outcome.
      message = assertCoded(error, "ERR_AMBIGUOUS_OUTCOME", `"${name}"`).message;
    }
    assert.notEqual(message, "", "the create fails");
    assert.match(message, /list applications/);
    assert.ok(message.includes(net.emulator.environmentId), `names the environment:\n${message}`);
    assert.match(message, /budget of \d[\d,]* pages/, `names the budget reached:\n${message}`);
    assert.match(message, /adoptId/, "says how to bring the application under management");
    assert.match(message, /PingOne console/, "and where to find it");
    assert.ok(message.includes(`"${name}"`), "by its name");
    assert.ok(message.length <= 2000, `bounded (${message.length} chars)`);
    const posts = net.emulator.requestLog().filter((r) => r.method === "POST" && r.path.endsWith("/applications"));
    assert.equal(posts.length, 1, "the POST was not sent again");
    assert.equal(net.emulator.applications().filter((a) => a.name === name).length, 1, "one application, which the error tells how to adopt");
  });

  it("a list larger than the byte budget is refused the same way, naming the budget in bytes", async () => {
    for (const i of [1, 2, 3, 4])
      net.emulator.importApplications(net.emulator.environmentId, [
        { ...(JSON.parse(JSON.stringify(SEED_001.body)) as Record<string, never>), name: `neighbour-${i}` },
      ]);
    const p = new ApplicationLifecycle({
      env: net.proxy.environment(pingOneEnvironment(net.emulator)),
      clientOptions: { sleep: new RecordedSleeps().sleep, listBudget: { maxBytes: 4096 } },
    });
    const checked = await p.check({}, { ...SEED_001.body, name: "over-bytes", __autoname: "bytes" });
    net.proxy.set({ method: "POST", path: APPS, action: "html" });
    await assert.rejects(p.create(checked.inputs), (error: Error) => {
      assertCoded(error, "ERR_AMBIGUOUS_OUTCOME", '"over-bytes"');
      assert.match(error.message, /list budget of 4 KiB/);
      assert.ok(error.message.includes(net.emulator.environmentId));
      return true;
    });
    assert.equal(net.emulator.applications().filter((a) => a.name === "over-bytes").length, 1, "not posted again");
  });

  it("within the budget, a create whose answer was lost is found page by page, the list asked for in pages of 200", async () => {
    const p = provider();
    const checked = await p.check({}, { ...SEED_001.body, name: "found-on-a-page", __autoname: "found" });
    net.proxy.set({ method: "POST", path: APPS, action: "html" });
    net.proxy.requests.length = 0;
    const { id } = await p.create(checked.inputs);
    assert.equal(net.emulator.applications().find((a) => a.name === "found-on-a-page")?.id, id);
    const lists = net.emulator.requestLog().filter((r) => r.method === "GET" && r.route.endsWith("/environments/{envId}/applications"));
    assert.ok(lists.length > 1, `several pages (the emulator's pages hold 2): ${lists.length}`);
    const first = net.proxy.requests.find((r) => r.method === "GET" && /\/applications(\?|$)/.test(r.url));
    assert.match(first?.url ?? "", /\/applications\?limit=200$/);
  });
});
