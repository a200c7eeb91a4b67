/**
 * Which applications a crashed `pulumi up` left behind, and which of them this stack provably owns.
 *
 * A candidate is an application in the recorded environment whose name is the recorded name and
 * whose id is in no resource of the stack's state. It is this stack's orphan only when the name is
 * the one the provider generated for this stack (`<resource name>-<7 random hex>`, written into
 * this stack's pending operation before the POST) and every field the create sent matches. An
 * explicitly set name proves nothing: another stack may deploy an application of the same name.
 */
import { createBody, unmatchedFields } from "../provider/application/plan";
import type { PingOneApplication } from "../pingone";
import type { PendingCreate } from "./checkpoint";

export type Verdict =
  /** Generated name, every sent field matches: this stack's, deleted with --yes. */
  | "orphan"
  /** The name was set in the program: another stack may own it. */
  | "explicit-name"
  /** The name matches but fields differ from what the create sent: changed since, or not this create's. */
  | "fields-differ";

export interface Candidate {
  app: PingOneApplication;
  verdict: Verdict;
  /** For "fields-differ": the sent fields PingOne holds differently (names only, never values). */
  differingFields: string[];
  /** Whether recovery deletes it: an orphan, or a candidate the user named with --delete-id. */
  delete: boolean;
  /** The user named it with --keep-id: not this stack's, or kept on purpose; decided, never deleted. */
  keep: boolean;
}

/** The user's decisions on skipped candidates, by application id. */
export interface Decisions {
  deleteIds: ReadonlySet<string>;
  keepIds: ReadonlySet<string>;
}

export const NO_DECISIONS: Decisions = { deleteIds: new Set(), keepIds: new Set() };

export interface CreateFinding {
  create: PendingCreate;
  environmentId: string;
  /** The create adopted an existing application (`adoptId`): nothing was made, nothing is deleted. */
  adoptedId: string | undefined;
  candidates: Candidate[];
}

/** The environment an Application's checked inputs name (check always fills it in). */
export function environmentOf(create: PendingCreate): string | undefined {
  const id = create.inputs.environmentId;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/**
 * Classifies the applications of the recorded environment against one pending create.
 * `apps` is the environment's full list; `idsInState` every id the stack's state holds.
 */
export function classify(
  create: PendingCreate,
  apps: readonly PingOneApplication[],
  idsInState: ReadonlySet<string>,
  decisions: Decisions = NO_DECISIONS,
): CreateFinding {
  const environmentId = environmentOf(create) ?? "";
  const adoptId = create.inputs.adoptId;
  if (typeof adoptId === "string") return { create, environmentId, adoptedId: adoptId, candidates: [] };
  const body = createBody(create.inputs);
  const candidates = apps
    .filter((app) => typeof body.name === "string" && app.name === body.name && !idsInState.has(app.id))
    .map((app): Candidate => {
      const differingFields = unmatchedFields(app, body);
      const verdict: Verdict = differingFields.length > 0 ? "fields-differ" : create.generatedName ? "orphan" : "explicit-name";
      const orphan = verdict === "orphan";
      return { app, verdict, differingFields, delete: orphan || decisions.deleteIds.has(app.id), keep: !orphan && decisions.keepIds.has(app.id) };
    });
  return { create, environmentId, adoptedId: undefined, candidates };
}

/**
 * Whether nothing of the create is left undecided or undone, so its pending operation may be
 * dropped: every candidate is kept by decision, or deleted (and its deletion did not fail).
 * While the create may still be in flight (`mayStillLand`, see cli/inflight.ts) nothing resolves
 * it: an empty candidate list then only means that its POST has not landed yet.
 */
export function isResolved(finding: CreateFinding, failedDeletes: ReadonlySet<string> = new Set(), mayStillLand = false): boolean {
  if (mayStillLand && finding.adoptedId === undefined) return false;
  return finding.candidates.every((candidate) => candidate.keep || (candidate.delete && !failedDeletes.has(candidate.app.id)));
}

/**
 * Decisions that name no skipped candidate, or one candidate both ways: refused, so that a typo
 * deletes nothing. (An orphan needs no decision; naming one is a mistake too.)
 */
export function invalidDecisions(findings: readonly CreateFinding[], decisions: Decisions): string[] {
  const skipped = new Set(findings.flatMap((f) => f.candidates.filter((c) => c.verdict !== "orphan").map((c) => c.app.id)));
  const problems = [...decisions.deleteIds, ...decisions.keepIds]
    .filter((id) => !skipped.has(id))
    .map((id) => `${id} is not a skipped candidate of this stack's pending creates`);
  for (const id of decisions.deleteIds) if (decisions.keepIds.has(id)) problems.push(`${id} is named by both --delete-id and --keep-id`);
  return problems;
}
