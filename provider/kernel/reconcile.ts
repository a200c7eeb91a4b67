/** The one loop for a write whose outcome may be unknown: write, look, and write again only when proven not done. */
import { AmbiguousWriteError, type AttemptOutcome, type PingOneClient } from "../http/client";
import { createdAtOf } from "../../pingone";
import { AmbiguousOutcomeError } from "./errors";
import { excerpt, excerptText } from "./excerpt";

/**
 * How many POSTs a create whose outcome stays unknown may send, each after looking proved the one
 * before it was not committed, with the client's backoff between them: the same for every resource.
 * @see reconcileCreate
 */
export const MAX_CREATE_ATTEMPTS = 5;

/** What an attempt's errors name: the operation and the resource (whatever `PingOneClient.retrying` takes). */
export type WriteSubject = Parameters<PingOneClient["retrying"]>[0];

/** What looking after an unknown outcome found: the write done, proven not done, or no telling. */
export type Settlement<T> =
  | { kind: "done"; value: T }
  | { kind: "not done"; /** Why it is proven not done, when there is more to say than the write's failure. */ cause?: string }
  | { kind: "unsettled"; /** What was found, and what the user can do. */ cause: string };

/**
 * A write PingOne may carry out without its answer reaching us (the connection dropped, a 5xx
 * after the commit, an answer that is not what was asked for).
 * @see reconcileWrite
 */
export interface UncertainWrite<T> {
  subject: WriteSubject;
  maxAttempts: number;
  /** Sends the write once; throws `AmbiguousWriteError` when its outcome is unknown. */
  write(): Promise<T>;
  /** Looks at PingOne after an unknown outcome and says whether the write was done. */
  settle(ambiguity: AmbiguousWriteError): Promise<Settlement<T>>;
}

/**
 * Writes, and when the outcome is unknown looks before anything else: adopts what the write did,
 * writes again (after the client's backoff, within `maxAttempts`) only when looking proved it not
 * done, and otherwise gives up with an `AmbiguousOutcomeError` naming what was found, never an
 * input error. A write is never repeated blindly. Failures that are not an unknown outcome pass
 * through as thrown.
 * @see PingOneClient.retrying, whose backoff and deadline apply
 * @see AmbiguousOutcomeError
 */
export function reconcileWrite<T>(client: PingOneClient, uncertain: UncertainWrite<T>): Promise<T> {
  const { subject } = uncertain;
  return client.retrying(subject, uncertain.maxAttempts, async (): Promise<AttemptOutcome<T>> => {
    let ambiguity: AmbiguousWriteError;
    try {
      return { kind: "done", value: await uncertain.write() };
    } catch (error) {
      if (!(error instanceof AmbiguousWriteError)) throw error;
      ambiguity = error;
    }
    client.allowReconciliation();
    const settlement = await uncertain.settle(ambiguity);
    const status = ambiguity.status;
    switch (settlement.kind) {
      case "done":
        return { kind: "done", value: settlement.value };
      case "not done":
        return { kind: "retry", failure: { status, cause: settlement.cause === undefined ? ambiguity.cause : `${ambiguity.cause}; ${settlement.cause}` } };
      case "unsettled":
        throw new AmbiguousOutcomeError({ ...subject, status, cause: `${ambiguity.cause}; ${settlement.cause}` });
    }
  });
}

/**
 * Splits a create's matches by PingOne's clock: `made` are those PingOne created at or after
 * `since` (the first POST's start by PingOne's clock, from its answers' Date headers), `before` the
 * others, every one of them when `since` is unknown or a match has no readable createdAt. Only a
 * match made since can be this create's.
 * @see PingOneClient.serverTimeAt
 */
export function splitBySince<T extends object>(matches: readonly T[], since: number | undefined): { made: T[]; before: T[] } {
  const made = matches.filter((record) => since !== undefined && (createdAtOf(record) ?? Number.NEGATIVE_INFINITY) >= since);
  return { made, before: matches.filter((record) => !made.includes(record)) };
}

/** Matches a create found, split by whether they can only be its own. */
export interface Claim<T> {
  /** Those this create made, as far as PingOne's answers can tell. */
  ours: T[];
  /** Those someone else may have made, left alone and named in the error. */
  twins: T[];
}

/**
 * A POST of a new object in a collection that can be listed. Each text it gives is the part of
 * the error after the write's own failure; each names what was found and what to do.
 * @see reconcileCreate
 */
export interface UncertainCreate<T extends object> {
  subject: WriteSubject;
  /** POSTs once; throws `AmbiguousWriteError` when the outcome is unknown or the answer is not the object asked for. */
  post(): Promise<T>;
  /** The collection's objects that hold everything the POST sent. */
  listMatches(): Promise<T[]>;
  /** Which matches are this create's; by default those made since its first POST (`splitBySince`), the others twins. */
  claim?(matches: T[], since: number | undefined): Claim<T>;
  /** Why the create failed when listing failed (`problem` is the list's error). */
  listFailed(problem: string): string;
  /** Why it failed when several matches were made since it started. */
  several(ours: T[]): string;
  /** Why it failed when only matches that are not provably its own exist. */
  unproven(twins: T[], since: number | undefined): string;
}

/**
 * Creates an object whose POST may be committed unseen: on an unknown outcome, lists the
 * collection and adopts the one match made since the first POST started by PingOne's clock; POSTs
 * again (at most MAX_CREATE_ATTEMPTS in all) only when nothing matches; gives up with an
 * `AmbiguousOutcomeError` when several match, when a match may be someone else's, or when the
 * list fails.
 * @see reconcileWrite
 * @see splitBySince, PingOne's-clock rule
 */
export function reconcileCreate<T extends object>(client: PingOneClient, create: UncertainCreate<T>): Promise<T> {
  // Whatever any attempt of this create made, PingOne made after this moment.
  const startedAt = Date.now();
  return reconcileWrite(client, {
    subject: create.subject,
    maxAttempts: MAX_CREATE_ATTEMPTS,
    write: () => create.post(),
    settle: async (): Promise<Settlement<T>> => {
      let matches: T[];
      try {
        matches = await create.listMatches();
      } catch (error) {
        // Without the list nobody can tell whether PingOne created the object: say so.
        return { kind: "unsettled", cause: create.listFailed(error instanceof Error ? error.message : String(error)) };
      }
      // Judged after the list: its answers' Date headers tighten the bound on PingOne's clock.
      const since = client.serverTimeAt(startedAt);
      const { ours, twins } = create.claim?.(matches, since) ?? claimBySince(matches, since);
      if (ours.length === 1) return { kind: "done", value: ours[0] };
      if (ours.length > 1) return { kind: "unsettled", cause: create.several(ours) };
      if (twins.length > 0) return { kind: "unsettled", cause: create.unproven(twins, since) };
      return { kind: "not done" };
    },
  });
}

function claimBySince<T extends object>(matches: T[], since: number | undefined): Claim<T> {
  const { made, before } = splitBySince(matches, since);
  return { ours: made, twins: before };
}

/** How many matches an error lists by id. */
const MAX_MATCHES_LISTED = 5;

/**
 * Matches for an error, bounded: `"name" (id …, created …)`, or `id (created …)` for an object
 * with no name, and how many more there are.
 * @see reconcileCreate
 */
export function describeMatches(records: readonly object[]): string {
  const shown = records.slice(0, MAX_MATCHES_LISTED).map((record) => {
    const { id, name, createdAt } = record as { id?: unknown; name?: unknown; createdAt?: unknown };
    const identity = excerptText(String(id), 64);
    const created = `created ${typeof createdAt === "string" ? excerptText(createdAt, 64) : "at an unknown time"}`;
    return name === undefined ? `${identity} (${created})` : `${excerpt(name)} (id ${identity}, ${created})`;
  });
  return records.length > shown.length ? `${shown.join(", ")} and ${records.length - shown.length} more` : shown.join(", ");
}
