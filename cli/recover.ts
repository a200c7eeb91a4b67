/**
 * `pulumi-pingone recover`: after a `pulumi up` died mid-create, deletes the applications it left
 * in PingOne but in no state, then drops the pending operations from the checkpoint, so that the
 * next `pulumi up` starts clean.
 *
 * Order: checkpoint (normal export) → refuse if an update may be running → refuse (or, with
 * --wait, wait) while a pending create may still reach PingOne (cli/inflight.ts) → list each
 * recorded environment once → classify → print → with --yes: delete, each within its own
 * deadline, then import the same export minus its pending operations, if the checkpoint did not
 * change meanwhile and no create is left undecided. A decrypted export is read only when a pending
 * create's inputs hold a secret, used in memory for matching, and never printed or imported.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { resolveSettings } from "../provider/kernel/config";
import {
  containsSecret,
  idsInState,
  pendingApplicationCreates,
  pendingOperations,
  stackOfCheckpoint,
  withoutPendingOperations,
  type StackExport,
} from "./checkpoint";
import { describeDeadline, inFlightDeadline, timeoutSource } from "./inflight";
import { fileBackendDir, fileBackendLocks } from "./lock";
import { invalidDecisions, isResolved, type CreateFinding } from "./orphans";
import { deleteCandidates, findCandidates, perOperationClient, type RecoveryClient } from "./plan";
import { PulumiStack } from "./pulumi-cli";
import { appLabel, candidateLine, emptyFindingLine, otherOperationLine, progressLine, summaryLine, title, type CandidateState, type Totals } from "./report";

/** Pending operation types whose resource is in no state yet: dropping one may lose the only record of it. */
const RECORDS_UNTRACKED_RESOURCE = ["creating", "importing"];

export interface RecoverOptions {
  /** The stack; undefined = the project's selected stack. */
  stack: string | undefined;
  /** The project directory. */
  cwd: string;
  /** The `pulumi` executable. */
  pulumiPath: string;
  /** Act; otherwise only print what would be done. */
  yes: boolean;
  /** Skipped candidates the user declares this stack's, to delete as well. */
  deleteIds: string[];
  /** Skipped candidates the user declares not this stack's (or keeps): decided, left alone. */
  keepIds: string[];
  /** Wait until no pending create can still reach PingOne, instead of refusing to act before then. */
  wait: boolean;
  /** Deadline of each PingOne operation (one listing, one delete), retries included, in seconds; undefined = the provider's operation timeout. */
  timeoutSeconds: number | undefined;
}

export interface RecoverIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

export interface RecoverResult extends Totals {
  /** 0: nothing left to do; 1: something failed or is left for the user to decide; 2: bad usage. */
  exitCode: number;
}

/** Runs the recovery; never throws for expected failures (they are printed, naming stack, URN and operation). */
export async function recover(options: RecoverOptions, io: RecoverIo): Promise<RecoverResult> {
  const pulumi = new PulumiStack({ pulumiPath: options.pulumiPath, cwd: options.cwd, stack: options.stack, env: io.env });
  const totals: Totals = { found: 0, deleted: 0, skipped: 0, pendingCleared: 0, pendingTotal: 0 };
  let stack = options.stack ?? "(selected stack)";
  const fail = (message: string, exitCode = 1): RecoverResult => {
    io.err(`error: stack ${stack}: ${message}`);
    io.out(summaryLine(totals, !options.yes));
    return { ...totals, exitCode };
  };
  try {
    stack = await pulumi.stackName();
    const checkpoint = await pulumi.exportStack();
    const operations = pendingOperations(checkpoint);
    totals.pendingTotal = operations.length;
    io.out(`stack ${stack}: ${operations.length} pending operation(s)${options.yes ? "" : " (dry run: nothing is changed; add --yes to act)"}`);
    if (operations.length === 0) {
      const named = [...options.deleteIds, ...options.keepIds];
      if (named.length > 0) return fail(`${named.join(", ")}: no pending create has such a candidate; nothing was changed`, 2);
      io.out(summaryLine(totals, !options.yes));
      return { ...totals, exitCode: 0 };
    }

    const lock = await lockHolders(pulumi, checkpoint, stack);
    if (lock.length > 0) {
      const message = `an update may be running: ${lock.join("; ")}. Its creates in flight look exactly like orphans. Make sure no \`pulumi\` process runs on this stack, run \`pulumi cancel --stack ${stack}\`, then run this again`;
      if (options.yes) return fail(message);
      io.err(`warning: stack ${stack}: ${message}`);
    }

    const encrypted = pendingApplicationCreates(checkpoint);
    const decrypted = encrypted.some((c) => containsSecret(c.inputs)) ? await pulumi.exportStack(true) : undefined;
    const creates = pendingApplicationCreates(checkpoint, decrypted);
    const ours = new Set(creates.map((c) => c.index));
    const others = operations.filter((_op, index) => !ours.has(index));

    let findings: CreateFinding[] = [];
    let client: RecoveryClient | undefined;
    let mayStillLand = false;
    if (creates.length > 0) {
      const config = await pulumi.config();
      const settings = resolveSettings(config, io.env);
      client = perOperationClient(settings, options.timeoutSeconds === undefined ? settings.operationTimeoutMs : Math.round(options.timeoutSeconds * 1000));
      // A create in a provider process the crash left running may still land: until its deadline,
      // a listing that does not show its application proves nothing.
      const deadline = inFlightDeadline(checkpoint, settings.operationTimeoutMs, Date.now(), timeoutSource(config, io.env));
      const leftMs = deadline.at - Date.now();
      if (leftMs <= 0) {
        io.out(`creates in flight: none can still reach PingOne (${describeDeadline(deadline)}, which has passed)`);
      } else if (options.wait) {
        io.err(`waiting ${Math.ceil(leftMs / 1000)} s: ${describeDeadline(deadline)}`);
        await sleep(leftMs);
        io.out(`creates in flight: none can still reach PingOne (waited ${Math.ceil(leftMs / 1000)} s, until ${new Date(deadline.at).toISOString()})`);
        // An update started during the wait makes creates in flight of its own: look again.
        const lockedSince = await lockHolders(pulumi, checkpoint, stack);
        if (lockedSince.length > 0 && options.yes)
          return fail(`an update started while this waited: ${lockedSince.join("; ")}; nothing was changed: run this again once it is over`);
      } else if (options.yes) {
        return fail(
          `${creates.length} pending create(s) may still be in flight: ${describeDeadline(deadline)}. Until then an application that is not listed may still be created, so nothing was changed; run this again after ${new Date(deadline.at).toISOString()} (in ${Math.ceil(leftMs / 1000)} s), or add --wait to wait for it`,
        );
      } else {
        mayStillLand = true;
        io.err(`warning: stack ${stack}: ${describeDeadline(deadline)}; until then what is listed below may change, and every pending create would be kept`);
      }
      const decisions = { deleteIds: new Set(options.deleteIds), keepIds: new Set(options.keepIds) };
      const result = await findCandidates(creates, idsInState(checkpoint), client, decisions);
      findings = result.findings;
      for (const [environmentId, count] of result.listed) io.out(`environment ${environmentId}: ${count} application(s) listed`);
      const invalid = invalidDecisions(findings, decisions);
      if (invalid.length > 0) return fail(`${invalid.join("; ")}; nothing was changed`, 2);
    }
    io.out(`pulumi-pingone application creates: ${creates.length}`);

    totals.found = findings.reduce((n, f) => n + f.candidates.length, 0);
    totals.skipped = findings.reduce((n, f) => n + f.candidates.filter((c) => !c.delete).length, 0);
    const states = new Map<string, CandidateState>();
    const failedDeletes = new Set<string>();
    if (options.yes && client) {
      const outcomes = await deleteCandidates(findings, client, (outcome, index, total) => io.err(progressLine(outcome, index, total)));
      for (const outcome of outcomes) {
        states.set(outcome.candidate.app.id, outcome.error === undefined ? "deleted" : "failed");
        if (outcome.error === undefined) totals.deleted++;
        else {
          failedDeletes.add(outcome.candidate.app.id);
          io.err(`error: stack ${stack}: ${outcome.finding.create.urn}: ${outcome.error}`);
        }
      }
      const left = outcomes.filter((o) => o.error !== undefined);
      if (left.length > 0)
        io.err(
          `error: stack ${stack}: ${left.length} application(s) left, not deleted: ${left.map((o) => appLabel(o.finding, o.candidate)).join(", ")}; their pending operations are kept: run this again`,
        );
    } else {
      totals.deleted = findings.reduce((n, f) => n + f.candidates.filter((c) => c.delete).length, 0);
    }

    for (const finding of findings) {
      io.out(title(finding));
      if (finding.candidates.length === 0) io.out(emptyFindingLine(finding));
      for (const candidate of finding.candidates) io.out(candidateLine(candidate, states.get(candidate.app.id) ?? "planned"));
    }
    if (others.length > 0) io.out(`other pending operations: ${others.length}`);
    for (const op of others) io.out(otherOperationLine(op, RECORDS_UNTRACKED_RESOURCE.includes(op.type)));

    // `pulumi stack import` drops every pending operation, so the checkpoint is rewritten only when
    // no pending create is left undecided: until then each is the only record of what it may have made.
    const undecided = new Set([
      ...findings.filter((f) => !isResolved(f, failedDeletes, mayStillLand)).map((f) => f.create.urn),
      ...others.filter((op) => RECORDS_UNTRACKED_RESOURCE.includes(op.type)).map((op) => op.resource.urn),
    ]);
    if (undecided.size > 0) {
      io.out(
        `${options.yes ? "pending operations kept" : "pending operations that would be kept"}: ${[...undecided].join(", ")} (each is the only record of what its create may have made: decide, then run this again)`,
      );
      io.out(summaryLine(totals, !options.yes));
      return { ...totals, exitCode: options.yes ? 1 : 0 };
    }
    totals.pendingCleared = operations.length;
    if (options.yes) {
      const again = await pulumi.exportStack();
      if (JSON.stringify(again) !== JSON.stringify(checkpoint)) {
        totals.pendingCleared = 0;
        return fail("the checkpoint changed while recovering (another pulumi command ran); pending operations kept, run this again");
      }
      await pulumi.importStack(withoutPendingOperations(checkpoint));
    }
    io.out(summaryLine(totals, !options.yes));
    return { ...totals, exitCode: 0 };
  } catch (error) {
    totals.pendingCleared = 0;
    return fail(error instanceof Error ? error.message : String(error));
  }
}

/** Who holds the stack: lock files of a file backend, or an update Pulumi Cloud reports running. */
async function lockHolders(pulumi: PulumiStack, checkpoint: StackExport, stack: string): Promise<string[]> {
  const backend = await pulumi.backendUrl();
  const dir = fileBackendDir(backend);
  const names = stackOfCheckpoint(checkpoint);
  if (dir !== undefined) return names ? fileBackendLocks(dir, names.project, names.stack) : [];
  return (await pulumi.updateInProgress(stack)) ? [`${backend} reports an update in progress`] : [];
}
