import { endpointPath } from "../../pingone";
import type { Operation } from "../kernel/errors";
import { excerptText } from "../kernel/excerpt";
import { Redacted } from "../kernel/redact";
import { isRecord } from "./answers";
import type { Caller } from "./caller";
import { AmbiguousWriteError } from "./retry";
import type { RequestSpec, Transport } from "./transport";

/**
 * An application's secret as PingOne's secret endpoints answer: the current secret and, while
 * it is still valid, the previous one.
 */
export interface ApplicationSecretAnswer {
  secret: Redacted;
  previous?: { secret: Redacted; expiresAt: string };
}

/**
 * An application's client secret: read, rotate, revoke the previous one. No answer's text is ever
 * quoted in an error: it may hold a secret.
 *
 * @see https://developer.pingidentity.com/pingone-api/platform/applications/application-secret/update-application-secret.html
 */
export class ApplicationSecrets {
  constructor(private readonly http: Transport) {}

  /** GET …/secret: the current secret and, while it is valid, the previous one. */
  async read(environmentId: string, id: string, caller: Caller): Promise<ApplicationSecretAnswer> {
    const spec = secretSpec("GET", "read application secret", environmentId, id, caller, [200]);
    const response = await this.http.send(spec);
    const answer = secretAnswer(response.body, id, spec.environmentId, false);
    if (typeof answer === "string") this.http.failures.fail(spec, response.status, answer);
    return answer;
  }

  /**
   * POST …/secret: PingOne replaces the secret and answers 200 with the new one. With
   * `previousExpiresAt`, the replaced secret stays valid as `previous` until then; without it,
   * no previous secret is kept. An answer that cannot be read leaves the outcome unknown
   * (`AmbiguousWriteError`): PingOne may have rotated, so the caller reconciles.
   */
  async rotate(environmentId: string, id: string, previousExpiresAt: string | undefined, caller: Caller): Promise<ApplicationSecretAnswer> {
    const body = previousExpiresAt === undefined ? {} : { previous: { expiresAt: previousExpiresAt } };
    const spec = { ...secretSpec("POST", "rotate application secret", environmentId, id, caller, [200]), body };
    this.http.refuseLateWrite(spec);
    const response = await this.http.send(spec);
    // A rotation's answer must name the application and environment it is for: PingOne's does
    // (`_links.application`, `environment.id`: Update Application Secret, Example Response), and
    // one that does not may be another application's secret.
    const answer = secretAnswer(response.body, id, spec.environmentId, true);
    if (typeof answer === "string") throw new AmbiguousWriteError(answer, response.status);
    return answer;
  }

  /** DELETE …/secret: PingOne revokes the previous secret (204). PingOne's NOT_FOUND counts as nothing left to revoke. */
  async revokePrevious(environmentId: string, id: string, caller: Caller): Promise<void> {
    await this.http.deleteObject(secretSpec("DELETE", "revoke previous application secret", environmentId, id, caller, [204]));
  }
}

function secretSpec(method: RequestSpec["method"], operation: Operation, environmentId: string, id: string, caller: Caller, expect: number[]): RequestSpec {
  return {
    method,
    path: endpointPath("secret", { envId: environmentId, appId: id }),
    operation,
    ...caller,
    environmentId,
    applicationId: id,
    expect,
    secretAnswer: true,
    ...(method === "GET" || method === "DELETE" ? { object: true as const } : {}),
  };
}

/**
 * A secret answer, or why it is not one for application `id` of `environmentId`; with `named`,
 * the answer must say which application and environment it is for. Never quotes the text: it
 * may hold a secret.
 */
function secretAnswer(body: unknown, id: string, environmentId: string, named: boolean): ApplicationSecretAnswer | string {
  if (!isRecord(body) || typeof body.secret !== "string" || body.secret === "") return "the answer has no secret";
  // PingOne links a secret to its application; a link elsewhere means the answer is not this app's.
  const link = (body._links as { application?: { href?: unknown } } | undefined)?.application?.href;
  if (typeof link === "string" && !link.endsWith(endpointPath("application", { envId: environmentId, appId: id })))
    return `the answer is the secret of another application (${excerptText(link)})`;
  if (named && typeof link !== "string")
    return `the answer does not say which application its secret is of (no _links.application), so it is not shown to be ${id}'s; nothing was recorded from it`;
  const environment = (body.environment as { id?: unknown } | undefined)?.id;
  if (environment !== undefined && environment !== environmentId) {
    return `the answer is a secret of environment ${excerptText(JSON.stringify(environment) ?? "", 64)}, not of ${environmentId}; nothing was recorded from it`;
  }
  if (named && environment === undefined)
    return `the answer does not say which environment its secret is of, so it is not shown to be of ${environmentId}; nothing was recorded from it`;
  const previous = body.previous;
  if (previous === undefined || previous === null) return { secret: new Redacted(body.secret) };
  const expiresAt = isRecord(previous) && typeof previous.expiresAt === "string" ? previous.expiresAt : undefined;
  if (!isRecord(previous) || typeof previous.secret !== "string" || previous.secret === "" || expiresAt === undefined || Number.isNaN(Date.parse(expiresAt))) {
    return "the answer's previous secret has no secret or no readable expiresAt";
  }
  return { secret: new Redacted(body.secret), previous: { secret: new Redacted(previous.secret), expiresAt: excerptText(expiresAt, 64) } };
}
