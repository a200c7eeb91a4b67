import { endpointPath, isPingOneNotFound } from "../../pingone";
import { PingOneApiError } from "../kernel/errors";
import { excerptText } from "../kernel/excerpt";
import { isRecord } from "./answers";
import { errorSubject } from "./caller";
import type { Exchange } from "./exchange";
import { SECRET_TEXT_WITHHELD } from "./failures";
import type { RequestSpec, Transport } from "./transport";

/**
 * Judges a 404 to a GET or DELETE of one object, and always throws. It counts as "gone" (a
 * `PingOneApiError` with `gone` set) only when the answer is PingOne's own NOT_FOUND error and the
 * environment still answers: a gateway's page, JSON without PingOne's code, or a base URL that is
 * wrong (`https://api.pingone.com` without `/v1` answers every path with 404) says nothing about
 * the object, and treating it as gone would drop every resource from state at the next refresh and
 * orphan them at the next `up`. Those fail instead, naming the URL, and the engine keeps the state.
 * The environment is asked only on a 404, so a refresh of objects that exist costs no extra request.
 *
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/#pingone-api-error-codes
 */
export async function notFound(http: Transport, spec: RequestSpec, response: Exchange): Promise<never> {
  const url = shownUrl(http, spec.path);
  // Only PingOne's proof makes a 404 "gone"; any other is an answer not to be trusted.
  const subject = { ...errorSubject(spec), status: 404, errorCode: "ERR_UNEXPECTED_ANSWER" as const };
  const keeps = `nothing is dropped from state. Check pingone:apiUrl or PINGONE_API_URL (PingOne's is https://api.pingone.<region>/v1) and any proxy in between`;
  if (!isPingOneNotFound(response.body)) {
    const answer = spec.secretAnswer ? SECRET_TEXT_WITHHELD : http.failures.scrubbedExcerpt(response.text);
    throw new PingOneApiError({
      ...subject,
      cause: `${spec.method} ${url} answered 404 without PingOne's NOT_FOUND error (${answer}), so it says nothing about the object; ${keeps}`,
    });
  }
  const problem = await environmentProblem(http, spec);
  if (problem !== undefined) {
    throw new PingOneApiError({
      ...subject,
      ...http.failures.scrubbedErrorBody(response.body),
      cause: `${spec.method} ${url} answered NOT_FOUND, but the environment ${spec.environmentId} does not answer either (${problem}): the URL or the environment is wrong, not the object gone; ${keeps}`,
    });
  }
  throw new PingOneApiError({ ...subject, ...http.failures.scrubbedErrorBody(response.body), errorCode: "ERR_NOT_FOUND", gone: true });
}

/**
 * Why the environment does not answer, or undefined when it does. The request is the cheapest
 * one every worker of this provider may make: the first application of the environment's list
 * (`GET …/applications?limit=1`, paged as pingone/wire.ts LIST_PAGE_LIMIT describes). It needs the
 * same permission as reading an application; reading the environment itself
 * (`GET /environments/{id}`) needs a role over the environment that an application developer's
 * worker may lack.
 *
 * @see https://developer.pingidentity.com/pingone-api/platform/applications/applications-1/read-all-applications.html
 */
async function environmentProblem(http: Transport, spec: RequestSpec): Promise<string | undefined> {
  const probe: RequestSpec = {
    method: "GET",
    path: `${endpointPath("applications", { envId: spec.environmentId })}?limit=1`,
    ...errorSubject(spec),
    environmentId: spec.environmentId,
    expect: [200],
  };
  let response: Exchange;
  try {
    response = await http.exchangeRetrying(probe);
  } catch (error) {
    // The probe's own error repeats the resource and operation; only what happened is worth quoting.
    const fields = error instanceof PingOneApiError ? error.fields : undefined;
    const what =
      fields === undefined
        ? excerptText(String(error))
        : fields.status === undefined
          ? `no answer (${fields.cause ?? "unknown"})`
          : `HTTP ${fields.status}${fields.code ? ` ${fields.code}` : ""}${fields.pingOneMessage ? `: ${excerptText(fields.pingOneMessage, 100)}` : ""}`;
    return `GET ${shownUrl(http, probe.path)} failed: ${what}`;
  }
  const body = response.body as { _embedded?: { applications?: unknown } } | undefined;
  if (response.status === 200 && isRecord(body) && Array.isArray(body._embedded?.applications)) return undefined;
  return `GET ${shownUrl(http, probe.path)} answered HTTP ${response.status}: ${http.failures.scrubbedExcerpt(response.text)}`;
}

/** A request's URL as an error shows it: never with credentials, should the configured URL hold any. */
function shownUrl(http: Transport, path: string): string {
  const url = `${http.settings.apiUrl}${path}`;
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return excerptText(parsed.toString(), 300);
  } catch {
    return excerptText(url, 300);
  }
}
