/**
 * A stack's checkpoint as `pulumi stack export` prints it, reduced to what recovery reads: the
 * ids in state and the pending operations the engine recorded before a step finished.
 *
 * When a `pulumi up` dies mid-create, the engine has already written the create into the
 * checkpoint's `pending_operations` (type "creating", the resource's checked inputs, no id): the
 * only record of an application PingOne may have made.
 */
import { isAutoName } from "../provider/application/lifecycle";
import { APPLICATION_TYPE_TOKEN, PROVIDER_MODULE } from "../provider/resources";
import type { Inputs } from "../provider/kernel/values";
import { CliError } from "./errors";

/** The untyped deployment `pulumi stack export` prints; every other field is kept as it is. */
export interface StackExport {
  version: number;
  deployment: Deployment;
}

export interface Deployment {
  resources?: StateResource[];
  pending_operations?: PendingOperation[];
  [key: string]: unknown;
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Inputs;
  [key: string]: unknown;
}

export interface PendingOperation {
  resource: StateResource;
  /** "creating", "updating", "deleting", "reading", "importing". */
  type: string;
  [key: string]: unknown;
}

/**
 * Pulumi's marker for a secret value in a checkpoint (`sig.Secret`,
 * https://github.com/pulumi/pulumi/blob/master/sdk/go/common/resource/sig/sig.go).
 */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A pending create of one of this package's Applications. */
export interface PendingCreate {
  /** Index in `pending_operations`, to find the same operation in another export of the checkpoint. */
  index: number;
  urn: string;
  /** The checked inputs as recorded (secrets decrypted when the caller asked for that). */
  inputs: Inputs;
  /** The recorded name, or undefined when it is a secret and must not be printed. */
  printableName: string | undefined;
  /** Whether the recorded name is the `<resource name>-<7 hex>` one the provider generated. */
  generatedName: boolean;
}

export class CheckpointError extends CliError {
  override name = "CheckpointError";
  constructor(message: string) {
    super("ERR_CHECKPOINT", message);
  }
}

/** Parses `pulumi stack export` output, checking the few fields recovery relies on. */
export function parseStackExport(text: string): StackExport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CheckpointError(`stack export is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const record = parsed as Partial<StackExport> | null;
  if (typeof record !== "object" || record === null || typeof record.deployment !== "object" || record.deployment === null) {
    throw new CheckpointError("stack export has no deployment");
  }
  if (record.version !== 3) throw new CheckpointError(`stack export has deployment version ${String(record.version)}; this command reads version 3`);
  const { resources, pending_operations: pending } = record.deployment;
  if (resources !== undefined && !Array.isArray(resources)) throw new CheckpointError("stack export: resources is not a list");
  if (pending !== undefined && pending !== null && !Array.isArray(pending)) throw new CheckpointError("stack export: pending_operations is not a list");
  return record as StackExport;
}

export function pendingOperations(checkpoint: StackExport): PendingOperation[] {
  return checkpoint.deployment.pending_operations ?? [];
}

/** Every resource id in the stack's state, whatever its type: none of them is ever touched. */
export function idsInState(checkpoint: StackExport): Set<string> {
  return new Set((checkpoint.deployment.resources ?? []).map((r) => r.id).filter((id): id is string => typeof id === "string" && id !== ""));
}

/** The project and stack named by the checkpoint's URNs (`urn:pulumi:<stack>::<project>::...`). */
export function stackOfCheckpoint(checkpoint: StackExport): { stack: string; project: string } | undefined {
  const urn = [...(checkpoint.deployment.resources ?? []), ...pendingOperations(checkpoint).map((op) => op.resource)][0]?.urn;
  const match = typeof urn === "string" ? /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn) : null;
  return match ? { stack: match[1], project: match[2] } : undefined;
}

/** Whether a recorded resource is one of this package's Applications (type token and serialized provider). */
export function isApplication(resource: StateResource): boolean {
  const provider = resource.inputs?.__provider;
  return resource.type === APPLICATION_TYPE_TOKEN && typeof provider === "string" && provider.includes(`require("${PROVIDER_MODULE}")`);
}

export function isSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/** Whether the value or anything inside it is a Pulumi secret. */
export function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecret);
  return false;
}

/**
 * The pending creates of this package's Applications. `decrypted`, when given, is an export of
 * the same checkpoint with `--show-secrets`: inputs are taken from it (for matching, in memory),
 * while what may be printed is decided on the encrypted one.
 */
export function pendingApplicationCreates(checkpoint: StackExport, decrypted?: StackExport): PendingCreate[] {
  const creates: PendingCreate[] = [];
  pendingOperations(checkpoint).forEach((op, index) => {
    if (op.type !== "creating" || !isApplication(op.resource)) return;
    const recorded = op.resource.inputs ?? {};
    const plain = decrypted === undefined ? undefined : pendingOperations(decrypted)[index];
    if (plain !== undefined && plain.resource.urn !== op.resource.urn) {
      throw new CheckpointError(
        `the checkpoint changed between two exports (pending operation ${index} is ${plain.resource.urn}, was ${op.resource.urn}); run the command again`,
      );
    }
    const inputs = plain?.resource.inputs ?? recorded;
    const name = inputs.name;
    const base = inputs.__autoname;
    creates.push({
      index,
      urn: op.resource.urn,
      inputs,
      printableName: typeof recorded.name === "string" ? recorded.name : undefined,
      generatedName: typeof name === "string" && typeof base === "string" && typeof recorded.name === "string" && isAutoName(base, name),
    });
  });
  return creates;
}

/** The export with no pending operations: what `pulumi stack import` is given once they are handled. */
export function withoutPendingOperations(checkpoint: StackExport): StackExport {
  return { ...checkpoint, deployment: { ...checkpoint.deployment, pending_operations: [] } };
}
