/**
 * Upgrading the package under a deployed stack (issue #18, "Constraints"). The stacks in
 * test/fixtures/upgrade were deployed by the package at f4f17e2 and at 86d74fd (both say 0.1.0).
 * Their state, stack config and program were all written by that old build's run, and so was
 * what PingOne held at that moment; the fixtures' README.md says how. Here each state is imported
 * into a fresh file backend, the emulator starts with the store as it was, and the current package,
 * packed, runs the same program through the real engine:
 *
 * - `preview` plans only the changes CHANGELOG.md announces, and sends no request; with the
 *   announced opt-out it plans nothing;
 * - `up` makes exactly those changes, and after them an `up` changes nothing and sends nothing;
 * - `refresh` finds nothing to change, and rewrites the state only as CHANGELOG.md says;
 * - a one-property change is one PUT.
 *
 * ALLOWED lists each change with the CHANGELOG.md text that announces it. The first test checks
 * that each text is in the current version's upgrade notes. The others check that nothing else
 * happens, and that each listed change does happen, so that a stale entry fails too.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { pingOneEnvironment, startEmulator, type RunningEmulator } from "../../emulator";
import { ensureEngine, REPO_ROOT, type Engine } from "../../scripts/engine";
import { pulumiCli, removeScratch, scratchDirs, type CliResult, type ScratchDirs } from "../../scripts/workspace";
import { SECRET_SIG_KEY, SECRET_SIG_VALUE, type StateResource } from "./harness";
import {
  FIXTURE_COMMITS,
  FIXTURE_PASSPHRASE,
  FIXTURE_STACK,
  fixtureFiles,
  loadAbout,
  loadState,
  loadStore,
  packInto,
  secretsOf,
  type FixtureCommit,
} from "../fixtures/upgrade/fixture";

const run = promisify(execFile);

const APPLICATION = "pulumi-nodejs:dynamic/pingone:Application";
const GRANT = "pulumi-nodejs:dynamic/pingone:ApplicationResourceGrant";
const OIDC_CLIENT = "pingone:index:OidcClient";

/** Entries of resources' state (`inputs.<key>`, `outputs.<key>`) that may change, for every resource of a type. */
interface StateChange {
  type: string;
  keys: string[];
  changelog: string;
}

/** What an upgrade may change in one fixture's stack, each with the CHANGELOG.md text that announces it. */
interface Allowed {
  /** Steps that `preview` and the first `up` plan besides `same`. */
  steps: { op: "create" | "update" | "replace" | "delete"; type: string; name: string; changelog: string }[];
  /** Stack config that opts out of every step above: with it set, `preview` plans nothing. */
  optOut?: { key: string; value: string; changelog: string };
  /** The requests the first `up` sends to carry the steps out (`METHOD route`; the worker's token aside), in order. */
  upRequests: string[];
  /** What the first `up` changes in the state of resources that were already there. */
  upState: StateChange[];
  /** What `refresh` changes in the state (the engine counts none of it as a change). */
  refreshState: StateChange[];
}

const OIDC_CLIENT_GRANT_NOTE = "**`OidcClient` grants the scopes it requests by default.**";
const LINKS_NOT_KEPT_NOTE = "**An `Application`'s state no longer keeps `_links` and `environment`.**";
const SHORT_PROVIDER_NOTE = "**The serialized provider in each resource's state is the short text.**";

const ALLOWED: Record<FixtureCommit, Allowed> = {
  f4f17e2: {
    // The component's new default: its app (WEB_APP, AUTHORIZATION_CODE) gets an openid grant.
    steps: [{ op: "create", type: GRANT, name: "portal-openid", changelog: OIDC_CLIENT_GRANT_NOTE }],
    optOut: { key: "portalScopes", value: "[]", changelog: "**Opt out** with `scopes: []` on the `OidcClient`" },
    upRequests: [
      "GET /v1/environments/{envId}/resources",
      "GET /v1/environments/{envId}/resources/{resourceId}/scopes",
      "POST /v1/environments/{envId}/applications/{appId}/grants",
    ],
    upState: [
      { type: OIDC_CLIENT, keys: ["outputs.grantId", "outputs.scopes"], changelog: OIDC_CLIENT_GRANT_NOTE },
      // Same steps record the program's inputs, with the serialized provider of this version.
      { type: APPLICATION, keys: ["inputs.__provider"], changelog: SHORT_PROVIDER_NOTE },
    ],
    refreshState: [{ type: APPLICATION, keys: ["outputs._links", "outputs.environment"], changelog: LINKS_NOT_KEPT_NOTE }],
  },
  "86d74fd": { steps: [], upRequests: [], upState: [], refreshState: [] },
};

/** `pulumi preview --json`, the parts read here. */
interface PreviewJson {
  steps?: { op: string; urn: string }[];
  changeSummary?: Record<string, number>;
}

/** `pulumi stack export`, the parts read here. */
interface Exported {
  deployment: { resources?: StateResource[] };
}

function urnName(urn: string): string {
  return urn.split("::").pop() ?? "";
}

/** The URN's resource type (the last of its `parent$child` types). */
function urnType(urn: string): string {
  return (urn.split("::")[2] ?? "").split("$").pop() ?? "";
}

/** Inputs and outputs that differ between two exports, as `name inputs.key` or `name outputs.key`, for resources in both. */
function stateDifferences(before: Exported, after: Exported): string[] {
  const found: string[] = [];
  for (const old of before.deployment.resources ?? []) {
    const now = after.deployment.resources?.find((r) => r.urn === old.urn);
    if (!now) continue;
    for (const section of ["inputs", "outputs"] as const) {
      const was = old[section] ?? {};
      const is = now[section] ?? {};
      for (const key of new Set([...Object.keys(was), ...Object.keys(is)])) {
        if (JSON.stringify(was[key]) !== JSON.stringify(is[key])) found.push(`${urnName(old.urn)} ${section}.${key}`);
      }
    }
  }
  return found.sort();
}

/** The differences `changes` announce for the resources of `state`, in `stateDifferences`' form. */
function announced(state: Exported, changes: StateChange[]): string[] {
  return (state.deployment.resources ?? [])
    .flatMap((r) => changes.filter((c) => c.type === r.type).flatMap((c) => c.keys.map((key) => `${urnName(r.urn)} ${key}`)))
    .sort();
}

/**
 * The current package as a user gets it, in a node_modules that the fixtures' projects share: the
 * `npm pack` tarball unpacked as `pulumi-pingone`, next to links to this checkout's installed
 * dependencies. Installing those again would take half a minute, and package.spec.ts already tests
 * the packed package's own install. The state's `__provider` text requires
 * `pulumi-pingone/provider…` from the project directory, so it reaches the packed files and
 * nothing else of this checkout.
 */
async function installPacked(scratch: string): Promise<string> {
  const tarball = await packInto(REPO_ROOT, scratch);
  const modules = join(scratch, "node_modules");
  mkdirSync(modules);
  for (const entry of readdirSync(join(REPO_ROOT, "node_modules"))) {
    // This checkout links itself as pulumi-pingone (scripts/link-self.js); `.bin` and `.package-lock.json` are npm's.
    if (entry === "pulumi-pingone" || entry.startsWith(".")) continue;
    symlinkSync(join(REPO_ROOT, "node_modules", entry), join(modules, entry), "dir");
  }
  await run("tar", ["-x", "-f", tarball, "-C", scratch]);
  renameSync(join(scratch, "package"), join(modules, "pulumi-pingone"));
  return modules;
}

/** The `## <version>` section of CHANGELOG.md, or undefined. */
function changelogSection(changelog: string, version: string): string | undefined {
  return changelog.split(/^## /m).find((part) => part.startsWith(`${version} `) || part.startsWith(`${version}\n`));
}

describe("upgrading a stack deployed by an earlier build to this package", function () {
  this.timeout(600_000);
  let engine: Engine;
  let scratch: string;
  let installed: string;

  before(async () => {
    engine = await ensureEngine((line) => console.log(`    ${line}`));
    scratch = mkdtempSync(join(tmpdir(), "pingone-upgrade-"));
    installed = await installPacked(scratch);
  });
  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("CHANGELOG.md's upgrade notes for this version announce every allowed change, and its 0.1.0 section names each fixture's build", () => {
    const changelog = readFileSync(join(REPO_ROOT, "CHANGELOG.md"), "utf8");
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
    const section = changelogSection(changelog, version);
    assert.ok(section, `CHANGELOG.md has a section for ${version}, package.json's version`);
    const notes = section.split(/^### /m).find((part) => part.startsWith("Upgrade notes"));
    assert.ok(notes, `the ${version} section has "### Upgrade notes"`);
    for (const allowed of Object.values(ALLOWED)) {
      const texts = [...allowed.steps, ...allowed.upState, ...allowed.refreshState, ...(allowed.optOut ? [allowed.optOut] : [])].map((c) => c.changelog);
      for (const text of texts) assert.ok(notes.includes(text), `the ${version} upgrade notes announce ${text}`);
    }
    for (const commit of FIXTURE_COMMITS) {
      const { packageVersion } = loadAbout(commit);
      assert.ok(notes.includes(commit), `the ${version} upgrade notes say what an upgrade from ${commit} does`);
      assert.ok(
        changelogSection(changelog, packageVersion)?.includes(commit),
        `CHANGELOG.md's ${packageVersion} section names ${commit}, whose package.json says ${packageVersion}`,
      );
    }
  });

  for (const commit of FIXTURE_COMMITS) {
    describe(`from the package at ${commit}`, () => {
      const files = fixtureFiles(commit);
      const allowed = ALLOWED[commit];
      let emulator: RunningEmulator;
      let dirs: ScratchDirs;
      let project: string;
      let env: Record<string, string>;
      /** The state as the old build left it. */
      let imported: Exported;
      /** The state after the upgrade's first `up`. */
      let upgraded: Exported;

      async function ok(args: string[]): Promise<CliResult> {
        const result = await pulumiCli(engine, dirs, [...args, "--stack", FIXTURE_STACK], { cwd: project, env });
        assert.equal(result.code, 0, `pulumi ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
        return result;
      }
      async function exported(): Promise<Exported> {
        return JSON.parse((await ok(["stack", "export", "--show-secrets"])).stdout) as Exported;
      }
      /** `preview --json`: the steps other than `same` as `op type name`, and the change summary. */
      async function preview(flags: string[] = []): Promise<{ planned: string[]; summary: Record<string, number> | undefined }> {
        const json = JSON.parse((await ok(["preview", "--json", ...flags])).stdout) as PreviewJson;
        const planned = (json.steps ?? []).filter((step) => step.op !== "same").map((step) => `${step.op} ${urnType(step.urn)} ${urnName(step.urn)}`);
        return { planned, summary: json.changeSummary };
      }
      /** Requests the emulator answered since the last reset, as `METHOD route`, without the worker's token requests. */
      function apiRequests(): string[] {
        return emulator
          .requestLog()
          .map((r) => `${r.method} ${r.route}`)
          .filter((r) => r !== "POST /{envId}/as/token");
      }

      before(async () => {
        // The store before the emulator listens; the state once its origin is known.
        emulator = await startEmulator({ store: loadStore(commit) });
        dirs = scratchDirs(`pingone-upgrade-${commit}`);
        project = join(dirs.root, "project");
        mkdirSync(project);
        for (const file of [files.project, files.program, files.config]) copyFileSync(file, join(project, file.slice(files.dir.length + 1)));
        symlinkSync(installed, join(project, "node_modules"), "dir");
        // NODE_PATH off: the project's node_modules and nothing of this checkout.
        env = { ...pingOneEnvironment(emulator), PULUMI_CONFIG_PASSPHRASE: FIXTURE_PASSPHRASE, NODE_PATH: "" };
        const state = join(dirs.root, "state.json");
        writeFileSync(state, loadState(commit, emulator.baseUrl));
        const init = await pulumiCli(engine, dirs, ["stack", "init", FIXTURE_STACK], { cwd: project, env });
        assert.equal(init.code, 0, init.stderr);
        await ok(["stack", "import", "--file", state]);
        // Read back with secrets shown, as every later export is, so that outputs compare as values.
        imported = await exported();
        emulator.resetCounters();
      });
      after(async () => {
        await emulator?.close();
        if (dirs) removeScratch(dirs);
      });

      it("the fixture files hold no client secret in plain text; the state holds PingOne's as Pulumi secrets", () => {
        const secrets = secretsOf(loadStore(commit));
        assert.ok(secrets.length > 0);
        for (const name of readdirSync(files.dir)) {
          const text = readFileSync(join(files.dir, name), "utf8");
          for (const secret of secrets) assert.equal(text.includes(secret), false, `${commit}/${name} holds a client secret in plain text`);
        }
        const raw = JSON.parse(readFileSync(files.state, "utf8")) as Exported;
        const withSecret = (imported.deployment.resources ?? []).filter((r) => r.type === APPLICATION && r.outputs?.clientSecret !== undefined);
        assert.ok(withSecret.length > 0, "some application's state holds its client secret");
        for (const r of withSecret) {
          // `stack export --show-secrets` shows a secret as the signature and its value's JSON under `plaintext`.
          const shown = r.outputs?.clientSecret as { plaintext?: string } | undefined;
          assert.ok(
            typeof shown?.plaintext === "string" && secrets.includes(JSON.parse(shown.plaintext) as string),
            `${r.urn}: the state's client secret is the one PingOne holds`,
          );
          const stored = raw.deployment.resources?.find((s) => s.urn === r.urn)?.outputs?.clientSecret as Record<string, unknown> | undefined;
          assert.equal(stored?.[SECRET_SIG_KEY], SECRET_SIG_VALUE, `${r.urn}: the client secret is a Pulumi secret in the fixture`);
          assert.equal(typeof stored?.ciphertext, "string", `${r.urn}: encrypted with the stack's passphrase`);
        }
      });

      it(`preview plans ${allowed.steps.length === 0 ? "no change" : "only the changes CHANGELOG.md announces"} and sends no request`, async () => {
        // --expect-no-changes as a CI job runs it, where the upgrade announces no change.
        const { planned, summary } = await preview(allowed.steps.length === 0 ? ["--expect-no-changes"] : []);
        assert.deepEqual(
          planned,
          allowed.steps.map((s) => `${s.op} ${s.type} ${s.name}`),
        );
        // The JSON lists `same` steps only in part; the summary counts every resource the program declares.
        const expected: Record<string, number> = { same: (imported.deployment.resources ?? []).filter((r) => !r.type.startsWith("pulumi:providers:")).length };
        for (const step of allowed.steps) expected[step.op] = (expected[step.op] ?? 0) + 1;
        assert.deepEqual(summary, expected);
        assert.equal(emulator.counters().total, 0, "preview sent no request, not even for a token");
      });

      if (allowed.optOut) {
        const optOut = allowed.optOut;
        it(`with the opt-out CHANGELOG.md gives (config ${optOut.key} = ${optOut.value}), preview plans no change`, async () => {
          await ok(["config", "set", optOut.key, optOut.value]);
          try {
            await preview(["--expect-no-changes"]);
          } finally {
            await ok(["config", "rm", optOut.key]);
          }
          assert.equal(emulator.counters().total, 0);
        });
      }

      it(`up ${allowed.steps.length === 0 ? "changes nothing and sends no request" : "makes exactly those changes; the next up changes nothing and sends no request"}`, async () => {
        await ok(["up", "--yes", "--skip-preview", ...(allowed.steps.length === 0 ? ["--expect-no-changes"] : [])]);
        assert.deepEqual(apiRequests(), allowed.upRequests);
        upgraded = await exported();
        for (const old of imported.deployment.resources ?? []) {
          const now = upgraded.deployment.resources?.find((r) => r.urn === old.urn);
          assert.ok(now, `${old.urn} is still in state`);
          assert.equal(now.id, old.id, `${old.urn} keeps its id`);
        }
        const added = (upgraded.deployment.resources ?? []).filter((r) => !imported.deployment.resources?.some((old) => old.urn === r.urn));
        assert.deepEqual(
          added.map((r) => `create ${r.type} ${urnName(r.urn)}`),
          allowed.steps.filter((s) => s.op === "create").map((s) => `create ${s.type} ${s.name}`),
        );
        // Inputs as well as outputs: a plain upgrade must not change what the state says the program set.
        assert.deepEqual(stateDifferences(imported, upgraded), announced(imported, allowed.upState));
        if (allowed.steps.length > 0) {
          emulator.resetCounters();
          await ok(["up", "--yes", "--skip-preview", "--expect-no-changes"]);
          assert.equal(emulator.counters().total, 0, "the second up sent no request");
        }
      });

      if (allowed.steps.some((s) => s.type === GRANT)) {
        it("the grant the upgrade made is the one CHANGELOG.md describes: profile and email of PingOne's openid resource", () => {
          const env = emulator.exportStore().environments[0];
          const portal = upgraded.deployment.resources?.find((r) => r.type === APPLICATION && urnName(r.urn) === "portal");
          const app = env.applications.find((a) => a.record.id === portal?.id);
          const openid = env.resources.find((r) => r.name === "openid");
          assert.ok(app && openid);
          assert.equal(app.grants.length, 1);
          assert.deepEqual(app.grants[0].resource, { id: openid.id });
          const granted = (app.grants[0].scopes as { id: string }[]).map((s) => openid.scopes.find((scope) => scope.id === s.id)?.name).sort();
          assert.deepEqual(granted, ["email", "profile"]);
        });
      }

      it(`refresh finds nothing to change${allowed.refreshState.length > 0 ? " and rewrites only what CHANGELOG.md announces" : " and rewrites nothing"}`, async () => {
        await ok(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
        assert.deepEqual(stateDifferences(upgraded, await exported()), announced(upgraded, allowed.refreshState));
      });

      it("a one-property change (the web app's description) is one PUT", async () => {
        const web = upgraded.deployment.resources?.find((r) => r.type === APPLICATION && ["web", "seed-001"].includes(urnName(r.urn)));
        assert.ok(web?.id);
        await ok(["config", "set", "webDescription", "Changed after the upgrade"]);
        emulator.resetCounters();
        await ok(["up", "--yes", "--skip-preview"]);
        assert.deepEqual(apiRequests(), ["PUT /v1/environments/{envId}/applications/{appId}"]);
        assert.equal(emulator.requestLog().at(-1)?.path, `/v1/environments/${emulator.environmentId}/applications/${web.id}`);
        assert.equal(emulator.applications().find((a) => a.id === web.id)?.description, "Changed after the upgrade");
      });
    });
  }
});
