/**
 * The PingOne side of recovery: list each recorded environment once, classify, delete what this
 * stack provably owns. Requests go through the provider's own client (auth, retries, paging).
 */
import type { PingOneApplication } from "../pingone";
import { createBody } from "../provider/plan";
import type { PingOneClient } from "../provider/client";
import type { PendingCreate } from "./checkpoint";
import { classify, environmentOf, NO_DECISIONS, type Candidate, type CreateFinding, type Decisions } from "./orphans";

/** The client calls recovery makes; `PingOneClient` provides them. */
export type RecoveryClient = Pick<PingOneClient, "listApplications" | "deleteApplication">;

export class RecoveryError extends Error {
  override name = "RecoveryError";
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

export interface DeletionOutcome {
  finding: CreateFinding;
  candidate: Candidate;
  /** Undefined when deleted; otherwise why not. */
  error: string | undefined;
}

/** Deletes every candidate marked for deletion, one at a time; a failure does not stop the others. */
export async function deleteCandidates(findings: readonly CreateFinding[], client: RecoveryClient): Promise<DeletionOutcome[]> {
  const outcomes: DeletionOutcome[] = [];
  for (const finding of findings) {
    for (const candidate of finding.candidates.filter((c) => c.delete)) {
      try {
        // The name only labels an error message; a name recorded as a secret is not printed.
        const name = typeof candidate.app.name === "string" && finding.create.printableName !== undefined ? candidate.app.name : undefined;
        await client.deleteApplication(finding.environmentId, candidate.app.id, name);
        outcomes.push({ finding, candidate, error: undefined });
      } catch (error) {
        outcomes.push({ finding, candidate, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return outcomes;
}
