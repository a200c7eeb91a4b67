/**
 * What recovery prints: one block per pending create, then one summary line. Names, ids, URNs,
 * creation times and field names only: never a field's value, a secret, or a decrypted input.
 */
import type { PendingOperation } from "./checkpoint";
import type { Candidate, CreateFinding } from "./orphans";
import type { DeletionOutcome } from "./plan";

export interface Totals {
  /** Applications matching a pending create of this stack and in no resource of its state. */
  found: number;
  /** Deleted (with --yes), or to be deleted (dry run). */
  deleted: number;
  /** Left alone: ownership not proven (kept with --keep-id included). */
  skipped: number;
  /** Pending operations removed from the checkpoint (with --yes), or to be removed (dry run). */
  pendingCleared: number;
  pendingTotal: number;
}

export function title(finding: CreateFinding): string {
  return `  ${finding.create.urn}  ${finding.create.printableName === undefined ? "[secret name]" : JSON.stringify(finding.create.printableName)}`;
}

function created(candidate: Candidate): string {
  return typeof candidate.app.createdAt === "string" ? `  created ${candidate.app.createdAt}` : "";
}

/** What happened to a candidate: only planned (dry run, or left alone), deleted, or the delete failed. */
export type CandidateState = "planned" | "deleted" | "failed";

/** The line for one candidate. */
export function candidateLine(candidate: Candidate, state: CandidateState): string {
  const id = candidate.app.id;
  if (candidate.delete) {
    const why = candidate.verdict === "orphan" ? "generated name, every sent field matches, not in state" : "named with --delete-id";
    const verb = state === "deleted" ? "deleted" : state === "failed" ? "NOT deleted (see the error)" : "would delete";
    return `    ${verb}  ${id}${created(candidate)}  (${why})`;
  }
  if (candidate.keep) return `    kept  ${id}${created(candidate)}  (named with --keep-id)`;
  const why =
    candidate.verdict === "explicit-name"
      ? "the name is set in the program, so another stack may own this application"
      : `PingOne holds these fields differently from what the create sent: ${candidate.differingFields.join(", ")}`;
  return `    skipped  ${id}${created(candidate)}  (${why}; rerun with --delete-id ${id} if it is this stack's, with --keep-id ${id} if not)`;
}

export function emptyFindingLine(finding: CreateFinding): string {
  if (finding.adoptedId !== undefined)
    return `    nothing to do: the create adopts the existing application ${finding.adoptedId}, which is left alone (the next \`pulumi up\` adopts it again)`;
  return `    nothing to do: PingOne holds no such application outside the state (the create did not reach PingOne)`;
}

/** A pending operation that is not a create of this package's Applications; `untracked`: its resource is in no state. */
export function otherOperationLine(op: PendingOperation, untracked: boolean): string {
  const what = untracked
    ? "not a pulumi-pingone application: check what it made with its provider's tools; the pending operations are kept"
    : "its resource is known to the state, or it makes nothing, so it is dropped with the others; the next `pulumi up` or `pulumi refresh` settles it";
  return `  ${op.resource.urn}  (${op.type}: ${what})`;
}

export function summaryLine(totals: Totals, dryRun: boolean): string {
  const { found, deleted, skipped, pendingCleared, pendingTotal } = totals;
  return dryRun
    ? `summary (dry run, nothing changed): found ${found}, would delete ${deleted}, skipped ${skipped}, would clear ${pendingCleared} of ${pendingTotal} pending operations`
    : `summary: found ${found}, deleted ${deleted}, skipped ${skipped}, pending operations cleared ${pendingCleared} of ${pendingTotal}`;
}

/** An application by name and id; a name recorded as a secret is not printed. */
export function appLabel(finding: CreateFinding, candidate: Candidate): string {
  const name = finding.create.printableName === undefined ? "[secret name]" : JSON.stringify(candidate.app.name);
  return `${name} (${candidate.app.id})`;
}

/** One line per application as its delete ends: deleted, or given up at its deadline (the error follows). */
export function progressLine(outcome: DeletionOutcome, index: number, total: number): string {
  const seconds = `${(outcome.elapsedMs / 1000).toFixed(1)} s`;
  const what = outcome.error === undefined ? `deleted in ${seconds}` : `NOT deleted after ${seconds}`;
  return `[${index + 1}/${total}] ${appLabel(outcome.finding, outcome.candidate)}: ${what}`;
}
