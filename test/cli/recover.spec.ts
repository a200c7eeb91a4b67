/**
 * The recovery's matching and safety rules against the emulator over HTTP: applications made by
 * the provider's own create, pending operations shaped as the engine records them (inputs after
 * check, no id), and the provider's client listing and deleting.
 */
import { strict as assert } from "node:assert";
import type { RunningEmulator } from "../../emulator";
import { clearTokenCache, PingOneClient } from "../../provider/http/client";
import { resolveSettings } from "../../provider/kernel/config";
import type { ApplicationLifecycle } from "../../provider/application/lifecycle";
import { pingOneEnvironment } from "../../emulator";
import { idsInState, pendingApplicationCreates, type PendingOperation, type StackExport, type StateResource } from "../../cli/checkpoint";
import { invalidDecisions, isResolved } from "../../cli/orphans";
import { deleteCandidates, findCandidates, perOperationClient } from "../../cli/plan";
import { candidateLine, emptyFindingLine, progressLine } from "../../cli/report";
import { SEED_001 } from "../fixtures/seeds";
import { checked, lifecycleFor, RecordedSleeps, withEmulator } from "../helpers/emulator";
import { assertCliCoded } from "../helpers/errors";

type Props = Record<string, unknown>;

const ENV_A = "0a6c5a1e-6f5e-4f43-9d45-3b1c43c2b001";
const ENV_B = "0a6c5a1e-6f5e-4f43-9d45-3b1c43c2b002";
const TYPE = "pulumi-nodejs:dynamic/pingone:Application";
/** The part of a serialized provider that identifies this package (see provider/kernel/shim.ts). */
const SERIALIZED_PROVIDER = 'exports.handler = __f0;\nfunction __f4(__0) { return (n) => require("pulumi-pingone/provider").create(n); }\n';
const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

const web = { ...SEED_001.body, name: undefined };

function urn(name: string, type = TYPE): string {
  return `urn:pulumi:dev::proj::${type}::${name}`;
}

function pendingCreate(resourceName: string, inputs: Props, type = TYPE): PendingOperation {
  return { type: "creating", resource: { urn: urn(resourceName, type), custom: true, type, inputs } };
}

function checkpoint(resources: StateResource[], pending: PendingOperation[]): StackExport {
  return { version: 3, deployment: { manifest: {}, resources, pending_operations: pending } };
}

function inState(resourceName: string, id: string, outputs: Props = {}): StateResource {
  return { urn: urn(resourceName), type: TYPE, id, custom: true, outputs };
}

describe("pulumi-pingone recover: matching and safety against the emulator", () => {
  let emulator: RunningEmulator;
  let provider: ApplicationLifecycle;
  let client: PingOneClient;

  before(async () => {
    emulator = await withEmulator({ environmentIds: [ENV_A, ENV_B], listPageSize: 3 });
    provider = lifecycleFor(emulator);
    clearTokenCache();
    client = new PingOneClient(resolveSettings(undefined, pingOneEnvironment(emulator)), { sleep: new RecordedSleeps().sleep });
  });
  after(() => emulator.close());

  /** What the engine records before a create: the checked inputs (generated name included). */
  async function inputsFor(resourceName: string, args: Props): Promise<Props> {
    return checked(provider, { ...args, __autoname: resourceName, __provider: SERIALIZED_PROVIDER });
  }

  /** A create that reached PingOne: the app exists, the engine recorded nothing but the pending op. */
  async function crashedCreate(resourceName: string, args: Props): Promise<{ op: PendingOperation; id: string; inputs: Props }> {
    const inputs = await inputsFor(resourceName, args);
    const { id } = await provider.create(inputs);
    return { op: pendingCreate(resourceName, inputs), id, inputs };
  }

  function exists(id: string): boolean {
    return emulator.applications().some((app) => app.id === id);
  }

  it("finds only the stack's orphans: generated name, matching fields, not in state; everything else is left alone", async () => {
    const orphan = await crashedCreate("web", web);
    const explicit = await crashedCreate("shared", { ...web, name: "Shared-Name" });
    // Another stack's application with the same explicit name (two stacks may deploy the same name).
    const otherStacks = await crashedCreate("shared", { ...web, name: "Shared-Name" });
    const edited = await crashedCreate("edited", web);
    emulator.mutateApplication(ENV_A, edited.id, { tokenEndpointAuthMethod: "CLIENT_SECRET_POST" });
    // A replacement being created: its old application carries the same generated name and is in state.
    const replaced = await crashedCreate("api", web);
    const replacement = await provider.create(replaced.inputs);
    const notReached = await inputsFor("late", web);
    const unrelated = await crashedCreate("unrelated", { ...web, name: "Someone-Else" });
    const state = checkpoint(
      [inState("api", replaced.id), { urn: "urn:pulumi:dev::proj::pulumi:providers:pulumi-nodejs::default", type: "pulumi:providers:pulumi-nodejs", id: "p1" }],
      [orphan.op, explicit.op, edited.op, pendingCreate("api", replaced.inputs), pendingCreate("late", notReached)],
    );
    const before = emulator.applications().length;
    emulator.resetCounters();

    const { findings } = await findCandidates(pendingApplicationCreates(state), idsInState(state), client);
    const byUrn = new Map(findings.map((f) => [f.create.urn, f]));
    const verdicts = (name: string) => byUrn.get(urn(name))?.candidates.map((c) => [c.app.id, c.verdict, c.delete]);

    assert.deepEqual(verdicts("web"), [[orphan.id, "orphan", true]]);
    assert.deepEqual(
      verdicts("shared")?.sort(),
      [
        [explicit.id, "explicit-name", false],
        [otherStacks.id, "explicit-name", false],
      ].sort(),
      "an explicit name is no proof: both same-named apps are reported, neither is deleted",
    );
    assert.deepEqual(verdicts("edited"), [[edited.id, "fields-differ", false]], "a field PingOne holds differently: skipped");
    assert.deepEqual(byUrn.get(urn("edited"))?.candidates[0].differingFields, ["tokenEndpointAuthMethod"]);
    assert.deepEqual(verdicts("api"), [[replacement.id, "orphan", true]], "the app in state is never a candidate, its same-named replacement is");
    assert.deepEqual(verdicts("late"), [], "a create that never reached PingOne has nothing to delete");
    assert.equal(
      findings.flatMap((f) => f.candidates).some((c) => c.app.id === unrelated.id),
      false,
    );

    // Planning is read-only: only list requests, and nothing changed.
    const methods = emulator
      .requestLog()
      .filter((r) => r.path.includes("/applications"))
      .map((r) => r.method);
    assert.deepEqual([...new Set(methods)], ["GET"]);
    assert.equal(emulator.applications().length, before);

    const outcomes = await deleteCandidates(findings, client);
    assert.deepEqual(
      outcomes.map((o) => [o.candidate.app.id, o.error]).sort(),
      [
        [orphan.id, undefined],
        [replacement.id, undefined],
      ].sort(),
    );
    for (const id of [orphan.id, replacement.id]) assert.equal(exists(id), false, "orphan deleted");
    for (const id of [explicit.id, otherStacks.id, edited.id, replaced.id, unrelated.id]) assert.ok(exists(id), "left alone");
    assert.deepEqual(
      findings.map((f) => [f.create.urn, isResolved(f)]),
      [
        [urn("web"), true],
        [urn("shared"), false],
        [urn("edited"), false],
        [urn("api"), true],
        [urn("late"), true],
      ],
      "a create with a skipped candidate stays undecided",
    );
  });

  it("--delete-id deletes exactly the named skipped candidate, --keep-id settles the other; ids that are not skipped candidates are refused", async () => {
    const mine = await crashedCreate("named", { ...web, name: "Team-App" });
    const theirs = await crashedCreate("named", { ...web, name: "Team-App" });
    const orphan = await crashedCreate("gen", web);
    const state = checkpoint([], [mine.op, orphan.op]);
    const creates = pendingApplicationCreates(state);
    const unknownId = "00000000-0000-0000-0000-000000000000";

    const plain = await findCandidates(creates, idsInState(state), client);
    assert.deepEqual(invalidDecisions(plain.findings, { deleteIds: new Set([orphan.id, unknownId, mine.id]), keepIds: new Set([mine.id]) }), [
      `${orphan.id} is not a skipped candidate of this stack's pending creates`,
      `${unknownId} is not a skipped candidate of this stack's pending creates`,
      `${mine.id} is named by both --delete-id and --keep-id`,
    ]);

    const onlyDelete = await findCandidates(creates, idsInState(state), client, { deleteIds: new Set([mine.id]), keepIds: new Set() });
    assert.equal(isResolved(onlyDelete.findings.find((f) => f.create.urn === urn("named"))!), false, "the other same-named one is still undecided");

    const decisions = { deleteIds: new Set([mine.id]), keepIds: new Set([theirs.id]) };
    const { findings } = await findCandidates(creates, idsInState(state), client, decisions);
    assert.deepEqual(invalidDecisions(findings, decisions), []);
    assert.ok(
      findings.every((f) => isResolved(f)),
      "every candidate decided",
    );
    await deleteCandidates(findings, client);
    assert.equal(exists(mine.id), false);
    assert.equal(exists(orphan.id), false);
    assert.ok(exists(theirs.id), "the kept same-named application is never deleted");
  });

  it("a failed delete is reported naming the application and operation, the other deletions still happen, and its create stays unresolved", async () => {
    const first = await crashedCreate("f1", web);
    const second = await crashedCreate("f2", web);
    const state = checkpoint([], [first.op, second.op]);
    const { findings } = await findCandidates(pendingApplicationCreates(state), idsInState(state), client);
    emulator.setFaults({
      script: [
        { match: { method: "DELETE", path: `/applications/${first.id}$` }, fault: { status: 403, code: "ACCESS_FAILED", message: "no delete permission" } },
      ],
    });
    const outcomes = await deleteCandidates(findings, client);
    emulator.clearFaults();
    const failed = outcomes.find((o) => o.candidate.app.id === first.id);
    assert.match(
      String(failed?.error),
      new RegExp(
        `pingone:Application "${String(first.inputs.name)}" \\(${first.id}\\): delete application failed: HTTP 403 ACCESS_FAILED: no delete permission`,
      ),
    );
    assert.equal(outcomes.find((o) => o.candidate.app.id === second.id)?.error, undefined);
    assert.ok(exists(first.id));
    assert.equal(exists(second.id), false);
    const failedDeletes = new Set([first.id]);
    assert.deepEqual(
      findings.map((f) => isResolved(f, failedDeletes)),
      [false, true],
    );
    await deleteCandidates(
      findings.filter((f) => f.create.urn === urn("f1")),
      client,
    );
  });

  it("each delete has a deadline of its own: a slow one does not take time from the next; one progress line per application, the ones left named", async () => {
    const slow = await crashedCreate("slow", web);
    const refused = await crashedCreate("refused", web);
    const fine = await crashedCreate("fine", web);
    const state = checkpoint([], [slow.op, refused.op, fine.op]);
    const timeoutMs = 2500;
    const perOperation = perOperationClient(resolveSettings(undefined, pingOneEnvironment(emulator)), timeoutMs);
    const { findings } = await findCandidates(pendingApplicationCreates(state), idsInState(state), perOperation);
    // The first delete is refused with 429 until its deadline has passed; the second is refused for good.
    emulator.setFaults({
      script: [
        { match: { method: "DELETE", path: `/applications/${slow.id}$` }, fault: { status: 429, retryAfterSeconds: 1 }, times: 100 },
        { match: { method: "DELETE", path: `/applications/${refused.id}$` }, fault: { status: 403, code: "ACCESS_FAILED", message: "no delete permission" } },
      ],
    });
    const lines: string[] = [];
    const outcomes = await deleteCandidates(findings, perOperation, (outcome, index, total) => lines.push(progressLine(outcome, index, total)));
    emulator.clearFaults();
    assert.deepEqual(
      outcomes.map((o) => [o.candidate.app.id, o.error === undefined]),
      [
        [slow.id, false],
        [refused.id, false],
        [fine.id, true],
      ],
    );
    assert.match(String(outcomes[0].error), /HTTP 429.*deadline of 2\.5 s passed/);
    assert.ok(outcomes[0].elapsedMs < timeoutMs + 1000, `the slow delete gave up at its own deadline (${outcomes[0].elapsedMs} ms)`);
    assert.ok(outcomes[1].elapsedMs < 1000, "a refusal is not retried");
    assert.equal(exists(fine.id), false, "the delete after a slow one still had its whole deadline");
    assert.deepEqual(
      lines.map((line) => line.replace(/[\d.]+ s$/, "N s")),
      [
        `[1/3] "${String(slow.inputs.name)}" (${slow.id}): NOT deleted after N s`,
        `[2/3] "${String(refused.inputs.name)}" (${refused.id}): NOT deleted after N s`,
        `[3/3] "${String(fine.inputs.name)}" (${fine.id}): deleted in N s`,
      ],
    );
    await deleteCandidates(findings.slice(0, 2), client);
  });

  it("lists each environment once, whatever the number of creates in it, following paging", async () => {
    const inA = await Promise.all(["a1", "a2", "a3"].map((n) => crashedCreate(n, web)));
    const inB = await crashedCreate("b1", { ...web, environmentId: ENV_B });
    const state = checkpoint([], [...inA.map((c) => c.op), inB.op]);
    emulator.resetCounters();
    const { findings, listed } = await findCandidates(pendingApplicationCreates(state), idsInState(state), client);
    const pages = emulator.requestLog().filter((r) => r.method === "GET" && r.path.endsWith("/applications"));
    assert.deepEqual([...listed.keys()].sort(), [ENV_A, ENV_B].sort());
    assert.ok((listed.get(ENV_A) ?? 0) > 3, "the listing went past the first page (3 per page)");
    const onePassEach = [ENV_A, ENV_B].reduce((n, env) => n + Math.ceil((listed.get(env) ?? 0) / 3), 0);
    assert.equal(pages.length, onePassEach, "each environment's pages were read exactly once");
    assert.deepEqual(
      findings.map((f) => f.candidates.map((c) => c.app.id)),
      [...inA.map((c) => [c.id]), [inB.id]],
    );
    await deleteCandidates(findings, client);
  });

  it("an adopting create (adoptId) never deletes the adopted application", async () => {
    const existing = await crashedCreate("hand", { ...web, name: "Hand-Made" });
    const inputs = await inputsFor("adopted", { ...web, name: "Hand-Made", adoptId: existing.id });
    const state = checkpoint([], [pendingCreate("adopted", inputs)]);
    const { findings } = await findCandidates(pendingApplicationCreates(state), idsInState(state), client);
    assert.equal(findings[0].adoptedId, existing.id);
    assert.deepEqual(findings[0].candidates, []);
    assert.match(emptyFindingLine(findings[0]), /adopts the existing application/);
    await deleteCandidates(findings, client);
    assert.ok(exists(existing.id));
  });

  it("matches secret inputs only through the decrypted export, and prints none of them", async () => {
    const description = "s3cret-description-value";
    const made = await crashedCreate("sec", { ...web, description });
    const encrypted = { ...made.inputs, description: { ...SECRET_SIG, ciphertext: "v1:abc" } };
    const state = checkpoint([], [pendingCreate("sec", encrypted)]);
    const decrypted = checkpoint([], [made.op]);

    const withoutSecrets = await findCandidates(pendingApplicationCreates(state), idsInState(state), client);
    assert.equal(withoutSecrets.findings[0].candidates[0].verdict, "fields-differ", "a ciphertext does not match the plaintext PingOne holds");
    const { findings } = await findCandidates(pendingApplicationCreates(state, decrypted), idsInState(state), client);
    const candidate = findings[0].candidates[0];
    assert.deepEqual([candidate.app.id, candidate.verdict], [made.id, "orphan"]);
    for (const line of [candidateLine(candidate, "planned"), candidateLine(withoutSecrets.findings[0].candidates[0], "planned")]) {
      assert.equal(line.includes(description), false, line);
    }
    await deleteCandidates(findings, client);
  });
});

describe("pulumi-pingone recover: reading the checkpoint", () => {
  const ours = pendingCreate("web", { __autoname: "web", __provider: SERIALIZED_PROVIDER, name: "web-1a2b3c4", environmentId: ENV_A });

  it("takes only pending creates of this package's Applications", () => {
    const state = checkpoint(
      [],
      [
        ours,
        { ...pendingCreate("upd", ours.resource.inputs ?? {}), type: "updating" },
        pendingCreate("foreign", { ...ours.resource.inputs, __provider: 'exports.handler = () => require("other-provider")' }),
        pendingCreate("bucket", { name: "web-1a2b3c4" }, "aws:s3/bucket:Bucket"),
      ],
    );
    assert.deepEqual(
      pendingApplicationCreates(state).map((c) => [c.urn, c.generatedName, c.printableName]),
      [[urn("web"), true, "web-1a2b3c4"]],
    );
  });

  it("a name is generated only in the <resource name>-<7 hex> form of this resource's name", () => {
    const names = ["web-1a2b3c4", "web-1A2B3C4", "web-1a2b3c", "web2-1a2b3c4", "other-1a2b3c4", "web-1a2b3c4d"];
    const generated = names.map(
      (name) => pendingApplicationCreates(checkpoint([], [pendingCreate("web", { ...ours.resource.inputs, name })]))[0].generatedName,
    );
    assert.deepEqual(generated, [true, false, false, false, false, false]);
  });

  it("a secret name is neither printable nor treated as generated", () => {
    const secretName = { ...SECRET_SIG, ciphertext: "v1:x" };
    const [create] = pendingApplicationCreates(checkpoint([], [pendingCreate("web", { ...ours.resource.inputs, name: secretName })]));
    assert.equal(create.printableName, undefined);
    assert.equal(create.generatedName, false);
  });

  it("refuses a decrypted export whose pending operations do not line up", () => {
    const other = pendingCreate("web2", { ...ours.resource.inputs, __autoname: "web2", name: "web2-1a2b3c4" });
    assert.throws(
      () => pendingApplicationCreates(checkpoint([], [ours]), checkpoint([], [other])),
      (error: unknown) => assertCliCoded(error, "ERR_CHECKPOINT", "checkpoint changed between two exports") !== undefined,
    );
  });
});
