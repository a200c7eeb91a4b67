import { APPLICATION_IDENTITY_FIELDS, endpointPath, LIST_PAGE_LIMIT, type PingOneApplication } from "../../pingone";
import { excerptText } from "../kernel/excerpt";
import { createdSinceProblem, isRecord, selfLinkProblem } from "./answers";
import type { Caller } from "./caller";
import type { Exchange } from "./exchange";
import { eachListed } from "./listing";
import { AmbiguousWriteError } from "./retry";
import type { RequestSpec, Transport } from "./transport";

/**
 * An environment's applications: create, read, list, update, delete, each answer checked to be the
 * application and environment asked about.
 *
 * @see https://developer.pingidentity.com/pingone-api/platform/applications/applications-1.html
 */
export class Applications {
  constructor(private readonly http: Transport) {}

  /**
   * POSTs a new application, and checks that the answer is the application this POST created:
   * it is of this environment, holds the name, type and protocol that were sent, its own link
   * names its id (`selfLinkProblem`), and it was not created before the POST started by PingOne's
   * clock (`createdSinceProblem`). Anything else leaves the outcome unknown (`AmbiguousWriteError`):
   * PingOne may have created the application, and the caller finds it by listing, never through
   * the answer's id, which may be another application's.
   */
  async create(environmentId: string, body: Record<string, unknown>, caller: Caller): Promise<PingOneApplication> {
    const spec: RequestSpec = {
      method: "POST",
      path: endpointPath("applications", { envId: environmentId }),
      body,
      ...caller,
      operation: "create application",
      environmentId,
      expect: [201],
    };
    this.http.refuseLateWrite(spec);
    const startedAt = Date.now();
    const response = await this.http.send(spec);
    const problem = this.answerProblem(response, spec) ?? this.createdProblem(response.body as PingOneApplication, body, environmentId, startedAt);
    if (problem !== undefined) throw new AmbiguousWriteError(problem, response.status);
    return response.body as PingOneApplication;
  }

  /** GET one application, checked to be that application of that environment. */
  async get(environmentId: string, id: string, caller: Caller): Promise<PingOneApplication> {
    const spec: RequestSpec = {
      method: "GET",
      path: endpointPath("application", { envId: environmentId, appId: id }),
      ...caller,
      operation: "read application",
      environmentId,
      applicationId: id,
      expect: [200],
      object: true,
    };
    return this.answer(await this.http.send(spec), spec);
  }

  /**
   * The environment's applications that `keep` accepts (every one by default), following PingOne's
   * paging (`_links.next`). Only those are held: each page is read, checked and dropped before
   * the next, so a search among 10,000 applications holds one page and its matches. PingOne has
   * no name filter for this list (pingone/wire.ts), so a search reads it to the end, within the
   * list budget.
   *
   * @see https://developer.pingidentity.com/pingone-api/platform/applications/applications-1/read-all-applications.html
   */
  async list(environmentId: string, keep: (app: PingOneApplication) => boolean = () => true): Promise<PingOneApplication[]> {
    const path = `${endpointPath("applications", { envId: environmentId })}?limit=${LIST_PAGE_LIMIT}`;
    const spec: RequestSpec = { method: "GET", path, operation: "list applications", environmentId, expect: [200] };
    const kept: PingOneApplication[] = [];
    await eachListed<PingOneApplication>(
      this.http,
      spec,
      "applications",
      (item) => this.recordProblem(item, spec),
      (app) => {
        if (keep(app)) kept.push(app);
      },
    );
    return kept;
  }

  /** PUT the whole application; the answer is checked as a read's. */
  async update(environmentId: string, id: string, body: Record<string, unknown>, caller: Caller): Promise<PingOneApplication> {
    const spec: RequestSpec = {
      method: "PUT",
      path: endpointPath("application", { envId: environmentId, appId: id }),
      body,
      ...caller,
      operation: "update application",
      environmentId,
      applicationId: id,
      expect: [200],
    };
    return this.answer(await this.http.send(spec), spec);
  }

  /** Deletes the application; PingOne's NOT_FOUND counts as already deleted (see `notFound`). */
  async delete(environmentId: string, id: string, caller: Caller): Promise<void> {
    await this.http.deleteObject({
      method: "DELETE",
      path: endpointPath("application", { envId: environmentId, appId: id }),
      ...caller,
      operation: "delete application",
      environmentId,
      applicationId: id,
      expect: [204],
      object: true,
    });
  }

  /** Why a create's answer is not the application `body` asked for, or undefined when it is. */
  private createdProblem(app: PingOneApplication, body: Record<string, unknown>, environmentId: string, startedAt: number): string | undefined {
    if ((app.environment as { id?: unknown } | undefined)?.id === undefined)
      return `the answer does not say which environment application ${excerptText(app.id, 64)} is in; nothing was recorded from it`;
    for (const field of APPLICATION_IDENTITY_FIELDS) {
      if (app[field] !== body[field]) {
        return `the answer is application ${excerptText(app.id, 64)} with ${field} ${excerptText(JSON.stringify(app[field]) ?? "(none)", 80)}, but ${field} ${excerptText(JSON.stringify(body[field]) ?? "(none)", 80)} was sent; nothing was recorded from it`;
      }
    }
    const what = `application ${excerptText(app.id, 64)}`;
    return (
      selfLinkProblem(app, endpointPath("application", { envId: environmentId, appId: app.id }), what) ??
      createdSinceProblem(app, what, this.http.serverTimeAt(startedAt))
    );
  }

  /** An application answer, checked to be the one asked about. */
  private answer(response: Exchange, spec: RequestSpec): PingOneApplication {
    const problem = this.answerProblem(response, spec);
    if (problem !== undefined) this.http.failures.fail(spec, response.status, problem);
    return response.body as PingOneApplication;
  }

  /** Why an answer is not the application `spec` asked about, or undefined when it is. */
  private answerProblem(response: Exchange, spec: RequestSpec): string | undefined {
    if (!isRecord(response.body)) return `the answer is not an application: ${this.http.failures.scrubbedExcerpt(response.text)}`;
    return this.recordProblem(response.body, spec);
  }

  /** Why `value` is not an application of the environment (and the id) `spec` asked about. */
  private recordProblem(value: unknown, spec: RequestSpec): string | undefined {
    if (!isRecord(value) || typeof value.id !== "string" || value.id === "") {
      return `the answer holds an application without an id: ${this.http.failures.scrubbedExcerpt(JSON.stringify(value) ?? String(value))}`;
    }
    if (spec.applicationId !== undefined && value.id !== spec.applicationId) {
      return `the answer is for application ${excerptText(value.id, 64)}, not for ${spec.applicationId} that was asked for; nothing was recorded from it`;
    }
    const environment = (value.environment as { id?: unknown } | undefined)?.id;
    if (environment !== undefined && environment !== spec.environmentId) {
      return `the answer is for environment ${excerptText(typeof environment === "string" ? environment : (JSON.stringify(environment) ?? ""), 64)}, not for ${spec.environmentId} that was asked for; nothing was recorded from it`;
    }
    return undefined;
  }
}
