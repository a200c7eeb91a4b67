import { createdAtOf } from "../../pingone";
import { excerptText } from "../kernel/excerpt";
import { DATE_HEADER_RESOLUTION_MS } from "./server-clock";

/**
 * Whether a parsed answer is a JSON object.
 * @see Exchange.body in ./exchange.ts
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The non-empty `id` of a reference such as `{ id }` (a grant's `resource`, an assignment's
 * `signOnPolicy`), or undefined.
 * @see https://developer.pingidentity.com/pingone-api/platform/applications/application-resource-grants.html
 */
export function idOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.id === "string" && value.id !== "" ? value.id : undefined;
}

/**
 * Why a create's answer does not show that its id is the object it describes: PingOne's answers
 * are HAL, and `_links.self.href` is the object's own URL (`…/environments/{env}/applications/{id}`;
 * PingOne's 201 to a create carries it: docs/pingone-applications-api.md §1, "Example real 201
 * Create response"). An answer whose id was swapped for another object's keeps the link of the
 * object actually made; one with no link does not show which object it is. Only the path is
 * compared: the host is the configured API URL's, which may be a gateway.
 *
 * @param path the object's path, as `endpointPath` writes it
 * @param what how the message names the object
 * @see endpointPath in pingone/endpoints.ts
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/ (each object's `_links`)
 */
export function selfLinkProblem(record: object, path: string, what: string): string | undefined {
  const href = (record as { _links?: { self?: { href?: unknown } } })._links?.self?.href;
  if (typeof href !== "string")
    return `the answer's ${what} has no _links.self, so it does not show that the id is the object this request made; nothing was recorded from it`;
  if (!href.endsWith(path))
    return `the answer names ${what}, but its own link is ${excerptText(href, 160)}: the id is not the object the answer describes; nothing was recorded from it`;
  return undefined;
}

/**
 * Why `record`, a create's answer, cannot be what this POST created judging by its `createdAt`:
 * it has none, PingOne's clock is unknown, or it is plainly before the POST started by PingOne's
 * clock (an object that existed before). "Plainly": a second earlier than the bound, the `Date`
 * header's resolution, so that a server rounding its `Date` up never costs our own object (the
 * reconciliation, which adopts by the strict bound, may still refuse it; see `ServerClock.timeAt`).
 *
 * @param startedBound PingOne's clock when the POST started (`ServerClock.timeAt`), if known
 * @see ServerClock.timeAt in ./server-clock.ts
 * @see createdAtOf
 */
export function createdSinceProblem(record: object, what: string, startedBound: number | undefined): string | undefined {
  const createdAt = createdAtOf(record);
  if (createdAt === undefined) return `the answer's ${what} has no readable createdAt; nothing was recorded from it`;
  // No answer carried a Date header (PingOne sends one, and an HTTP intermediary must add one if it
  // is missing: RFC 7231 §7.1.1.2): nothing shows this object postdates the request, and a
  // same-name object someone else made earlier would pass every other check.
  if (startedBound === undefined)
    return `no answer carried a Date header, so PingOne's clock is unknown and the answer's ${what} cannot be shown to have been created by this request; nothing was recorded from it`;
  const since = startedBound - DATE_HEADER_RESOLUTION_MS;
  if (createdAt < since) {
    return `the answer's ${what} was created at ${new Date(createdAt).toISOString()}, before this request started (${new Date(since).toISOString()} by PingOne's clock), so it is not the object this request created; nothing was recorded from it`;
  }
  return undefined;
}
