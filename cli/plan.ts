/**
 * The PingOne side of recovery: list each recorded environment once, classify, delete what this
 * stack provably owns. Requests go through the provider's own client (auth, retries, paging).
 */
import type { PingOneApplication } from "../pingone";
import { createBody } from "../provider/application/plan";
import { PingOneClient } from "../provider/http/client";
import type { ProviderSettings } from "../provider/kernel/config";
import type { PendingCreate } from "./checkpoint";
import { classify, environmentOf, NO_DECISIONS, type Candidate, type CreateFinding, type Decisions } from "./orphans";
import { CliError } from "./errors";

/** The client calls recovery makes; `PingOneClient` provides them. */
export type RecoveryClient = Pick<PingOneClient, "listApplications" | "deleteApplication">;

export class RecoveryError extends CliError {
  override name = "RecoveryError";
  constructor(message: string) {
    super("ERR_RECOVERY", message);
  }
}

/** Lists every environment the creates name, once each, and classifies each create's candidates. */
export async function findCandidates(
  creates: readonly PendingCreate[],
  idsInState: ReadonlySet<string>,
  client: RecoveryClient,
  decisions: Decisions = NO_DECISIONS,
): Promise<{ findings: CreateFinding[]; listed: Map<string, number> }> {
  // A candidate has the name a create sent (orphans.ts), so only applications of those names are
  // kept while listing: an environment of 10,000 applications is read a page at a time, not held.
  const names = new Map<string, Set<unknown>>();
  for (const create of creates) {
    const environmentId = environmentOf(create);
    if (environmentId === undefined) throw new RecoveryError(`${create.urn}: the pending create records no environmentId`);
    const sent = names.get(environmentId) ?? new Set<unknown>();
    sent.add(createBody(create.inputs).name);
    names.set(environmentId, sent);
  }
  const listings = new Map<string, PingOneApplication[]>();
  const listed = new Map<string, number>();
  for (const [environmentId, sent] of names) {
    let count = 0;
    const kept = await client.listApplications(environmentId, (app) => {
      count++;
      return sent.has(app.name);
    });
    listings.set(environmentId, kept);
    listed.set(environmentId, count);
  }
  const findings = creates.map((create) => classify(create, listings.get(environmentOf(create) ?? "") ?? [], idsInState, decisions));
  return { findings, listed };
}

/**
 * Attempts one operation may make. The operation's deadline is what bounds it: the client waits
 * out each 429's Retry-After (or backs off, up to 30 s) before the next attempt, and stops when the
 * next wait would pass the deadline.
 */
const ATTEMPTS_WITHIN_DEADLINE = 1000;

/**
 * A client whose every call is one operation with a deadline of its own (`timeoutMs`), retrying
 * what PingOne answers as busy (429, 5xx, no answer) until then: a slow delete never takes time
 * from the next one. (One client for the whole command gave all deletes one deadline together.)
 */
export function perOperationClient(settings: ProviderSettings, timeoutMs: number): RecoveryClient {
  const fresh = () => new PingOneClient(settings, { operationTimeoutMs: timeoutMs, retry: { maxAttempts: ATTEMPTS_WITHIN_DEADLINE } });
  return {
    listApplications: (environmentId, keep) => fresh().listApplications(environmentId, keep),
    deleteApplication: (environmentId, id, caller) => fresh().deleteApplication(environmentId, id, caller),
  };
}

export interface DeletionOutcome {
  finding: CreateFinding;
  candidate: Candidate;
  /** Undefined when deleted; otherwise why not. */
  error: string | undefined;
  /** How long its delete took, retries included (ms). */
  elapsedMs: number;
}

/**
 * Deletes every candidate marked for deletion, one at a time; a failure does not stop the others.
 * `progress` hears of each application as soon as its delete succeeded or was given up.
 */
export async function deleteCandidates(
  findings: readonly CreateFinding[],
  client: RecoveryClient,
  progress?: (outcome: DeletionOutcome, index: number, total: number) => void,
): Promise<DeletionOutcome[]> {
  const todo = findings.flatMap((finding) => finding.candidates.filter((c) => c.delete).map((candidate) => ({ finding, candidate })));
  const outcomes: DeletionOutcome[] = [];
  for (const [index, { finding, candidate }] of todo.entries()) {
    // The name only labels an error message; a name recorded as a secret is not printed.
    const name = typeof candidate.app.name === "string" && finding.create.printableName !== undefined ? candidate.app.name : undefined;
    const started = Date.now();
    let error: string | undefined;
    try {
      await client.deleteApplication(finding.environmentId, candidate.app.id, { applicationName: name });
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const outcome = { finding, candidate, error, elapsedMs: Date.now() - started };
    outcomes.push(outcome);
    progress?.(outcome, index, todo.length);
  }
  return outcomes;
}
