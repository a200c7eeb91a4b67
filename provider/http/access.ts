import { endpointPath, type PingOneGrant, type PingOneSignOnPolicyAssignment } from "../../pingone";
import type { AccessKindNoun } from "../kernel/errors";
import { excerptText } from "../kernel/excerpt";
import { createdSinceProblem, idOf, isRecord, selfLinkProblem } from "./answers";
import type { Caller } from "./caller";
import type { Exchange } from "./exchange";
import { listAll } from "./listing";
import { AmbiguousWriteError } from "./retry";
import type { RequestSpec, Transport } from "./transport";

/** An application's sub-collections a working sign-in needs; also the list's `_embedded` key. */
export type AccessKind = "grants" | "signOnPolicyAssignments";

const ACCESS_NOUNS = {
  grants: { singular: "resource grant", plural: "resource grants" },
  signOnPolicyAssignments: { singular: "sign-on policy assignment", plural: "sign-on policy assignments" },
} as const satisfies Record<AccessKind, { singular: AccessKindNoun; plural: AccessKindNoun }>;

/** A grant or an assignment, as checked by `ApplicationAccess` (`accessProblem`). */
export type AccessRecord = (PingOneGrant | PingOneSignOnPolicyAssignment) & { createdAt?: string };

/**
 * An application's resource grants and sign-on policy assignments: create, read, update, delete,
 * list, each answer checked to be of the application and environment asked about.
 *
 * @see https://developer.pingidentity.com/pingone-api/platform/applications/application-resource-grants/create-grant.html
 */
export class ApplicationAccess {
  constructor(private readonly http: Transport) {}

  /**
   * POSTs a grant or a sign-on policy assignment of application `applicationId`. An answer that is
   * not a readable object of that application and environment, whose own link does not name its
   * id, or that was created before the POST started by PingOne's clock, leaves the outcome unknown:
   * the caller reconciles (and checks that the settings are the ones sent).
   */
  async create(kind: AccessKind, environmentId: string, applicationId: string, body: Record<string, unknown>, caller: Caller): Promise<AccessRecord> {
    const spec = accessSpec("POST", kind, "create", environmentId, applicationId, undefined, caller, [201], body);
    this.http.refuseLateWrite(spec);
    const startedAt = Date.now();
    const response = await this.http.send(spec);
    const noun = ACCESS_NOUNS[kind].singular;
    const record = response.body as AccessRecord;
    // Each check reads only what the checks before it have proven there (the first, an id).
    const problem =
      this.accessProblem(record, spec, kind, applicationId, undefined) ??
      ownerProblem(record, spec, noun, applicationId) ??
      selfLinkProblem(record, accessPath(kind, environmentId, applicationId, record.id), `${noun} ${excerptText(record.id, 64)}`) ??
      createdSinceProblem(record, `${noun} ${excerptText(record.id, 64)}`, this.http.serverTimeAt(startedAt));
    if (problem !== undefined) throw new AmbiguousWriteError(problem, response.status);
    return response.body as AccessRecord;
  }

  /** GET one grant or assignment, checked to be that one, of that application and environment. */
  async get(kind: AccessKind, environmentId: string, applicationId: string, id: string, caller: Caller): Promise<AccessRecord> {
    const spec = accessSpec("GET", kind, "read", environmentId, applicationId, id, caller, [200]);
    return this.answer(await this.http.send(spec), spec, kind, applicationId, id);
  }

  /** PUT a grant or assignment; the answer is checked as a read's. */
  async update(
    kind: AccessKind,
    environmentId: string,
    applicationId: string,
    id: string,
    body: Record<string, unknown>,
    caller: Caller,
  ): Promise<AccessRecord> {
    const spec = accessSpec("PUT", kind, "update", environmentId, applicationId, id, caller, [200], body);
    return this.answer(await this.http.send(spec), spec, kind, applicationId, id);
  }

  /** Deletes a grant or assignment; PingOne's NOT_FOUND counts as already deleted (the application may be gone too). */
  async delete(kind: AccessKind, environmentId: string, applicationId: string, id: string, caller: Caller): Promise<void> {
    await this.http.deleteObject(accessSpec("DELETE", kind, "delete", environmentId, applicationId, id, caller, [204]));
  }

  /** The application's grants or assignments, following PingOne's paging (`_links.next`). */
  async list(kind: AccessKind, environmentId: string, applicationId: string, caller: Caller): Promise<AccessRecord[]> {
    const spec = accessSpec("GET", kind, "list", environmentId, applicationId, undefined, caller, [200]);
    return listAll<AccessRecord>(this.http, spec, kind, (item) => this.accessProblem(item, spec, kind, applicationId, undefined));
  }

  private answer(response: Exchange, spec: RequestSpec, kind: AccessKind, applicationId: string, id: string): AccessRecord {
    const problem = this.accessProblem(response.body, spec, kind, applicationId, id);
    if (problem !== undefined) this.http.failures.fail(spec, response.status, problem);
    return response.body as AccessRecord;
  }

  /** Why `value` is not a grant/assignment `id` of application `applicationId` in this environment, or undefined. */
  private accessProblem(value: unknown, spec: RequestSpec, kind: AccessKind, applicationId: string, id: string | undefined): string | undefined {
    const noun = ACCESS_NOUNS[kind].singular;
    const quoted = (text: string): string => this.http.failures.scrubbedExcerpt(text);
    if (!isRecord(value) || typeof value.id !== "string" || value.id === "")
      return `the answer is not a ${noun}: ${quoted(JSON.stringify(value) ?? String(value))}`;
    if (id !== undefined && value.id !== id)
      return `the answer is for ${noun} ${excerptText(value.id, 64)}, not for ${id} that was asked for; nothing was recorded from it`;
    const app = (value.application as { id?: unknown } | undefined)?.id;
    if (app !== undefined && app !== applicationId) {
      return `the answer is a ${noun} of application ${excerptText(JSON.stringify(app) ?? "", 64)}, not of ${applicationId}; nothing was recorded from it`;
    }
    const environment = (value.environment as { id?: unknown } | undefined)?.id;
    if (environment !== undefined && environment !== spec.environmentId) {
      return `the answer is for environment ${excerptText(JSON.stringify(environment) ?? "", 64)}, not for ${spec.environmentId}; nothing was recorded from it`;
    }
    const checkedField =
      kind === "grants"
        ? idOf(value.resource) !== undefined && Array.isArray(value.scopes)
        : idOf(value.signOnPolicy) !== undefined && typeof value.priority === "number";
    if (!checkedField)
      return `the answer's ${noun} lacks ${kind === "grants" ? "resource.id or scopes" : "signOnPolicy.id or priority"}: ${quoted(JSON.stringify(value))}`;
    return undefined;
  }
}

/**
 * A create's answer must say which application and environment it belongs to (a read's may
 * leave them out). PingOne's 201 carries both, and `_links.self` (Create Grant, Example Response).
 */
function ownerProblem(record: AccessRecord, spec: RequestSpec, noun: AccessKindNoun, applicationId: string): string | undefined {
  const owner = record as { application?: { id?: unknown }; environment?: { id?: unknown } };
  if (owner.application?.id === undefined)
    return `the answer's ${noun} ${excerptText(record.id, 64)} does not say which application it is of, so it is not shown to be of ${applicationId}; nothing was recorded from it`;
  if (owner.environment?.id === undefined)
    return `the answer's ${noun} ${excerptText(record.id, 64)} does not say which environment it is in, so it is not shown to be in ${spec.environmentId}; nothing was recorded from it`;
  return undefined;
}

function accessSpec(
  method: RequestSpec["method"],
  kind: AccessKind,
  verb: "create" | "read" | "update" | "delete" | "list",
  environmentId: string,
  applicationId: string,
  id: string | undefined,
  caller: Caller,
  expect: number[],
  body?: Record<string, unknown>,
): RequestSpec {
  const noun = verb === "list" ? ACCESS_NOUNS[kind].plural : ACCESS_NOUNS[kind].singular;
  return {
    method,
    path: accessPath(kind, environmentId, applicationId, id),
    body,
    operation: `${verb} ${noun}`,
    ...caller,
    applicationId,
    environmentId,
    expect,
    ...(id !== undefined && (method === "GET" || method === "DELETE") ? { object: true as const } : {}),
  };
}

/** The path of an application's grants or sign-on policy assignments, or of one of them. */
function accessPath(kind: AccessKind, environmentId: string, applicationId: string, id?: string): string {
  const ids = { envId: environmentId, appId: applicationId };
  if (kind === "grants") return id === undefined ? endpointPath("grants", ids) : endpointPath("grant", { ...ids, grantId: id });
  return id === undefined ? endpointPath("signOnPolicyAssignments", ids) : endpointPath("signOnPolicyAssignment", { ...ids, assignmentId: id });
}
