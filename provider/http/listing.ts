import { excerptText } from "../kernel/excerpt";
import { isRecord } from "./answers";
import { formatBytes } from "./exchange";
import type { RequestSpec, Transport } from "./transport";

/**
 * What one listing may read before it is refused. Only one page is held at a time (see
 * `eachListed`), so the budget bounds time and traffic, not memory: pages past it mean a `next`
 * chain that never ends (a broken proxy) or a collection too large to search within one
 * operation. At PingOne's pages of LIST_PAGE_LIMIT (200) applications of ~2.5 KB, 1,000 pages is
 * 200,000 applications and 256 MiB about 100,000; an environment of 10,000 reads 50 pages, 25 MB.
 */
export interface ListBudget {
  maxPages: number;
  maxBytes: number;
}

/** The budget of one listing unless the client is given another (`ClientOptions.listBudget`). */
export const DEFAULT_LIST_BUDGET: ListBudget = { maxPages: 1000, maxBytes: 256 * 1024 * 1024 };

/** A list page holds many applications, so it may be this many times larger than one answer. */
const LIST_PAGE_SIZE_FACTOR = 16;

/** Why a listed item is not what the list should hold, or undefined when it is. */
export type ItemProblem = (item: unknown) => string | undefined;

/** Every item of a HAL list (`_embedded[key]`), every page, within the list budget. */
export async function listAll<T>(http: Transport, first: RequestSpec, key: string, problemOf: ItemProblem): Promise<T[]> {
  const out: T[] = [];
  await eachListed<T>(http, first, key, problemOf, (item) => out.push(item));
  return out;
}

/**
 * Visits every item of a HAL list (`_embedded[key]`), page by page, each item checked first.
 * A list that runs past the budget (`ListBudget`), or whose next page cannot be asked of the
 * configured API (`nextPath`), is refused, never cut short silently: a search that stopped early
 * would find nothing and send a create again.
 *
 * @see https://developer.pingidentity.com/pingone-api/platform/applications/applications-1/read-all-applications.html
 */
export async function eachListed<T>(http: Transport, first: RequestSpec, key: string, problemOf: ItemProblem, visit: (item: T) => void): Promise<void> {
  const budget = http.listBudget;
  let path: string | undefined = first.path;
  let pages = 0;
  let bytes = 0;
  while (path !== undefined) {
    if (pages >= budget.maxPages) budgetReached(http, first, key, pages, bytes, `${budget.maxPages.toLocaleString("en-US")} pages`);
    const spec: RequestSpec = { ...first, path, maxBytes: http.maxResponseBytes * LIST_PAGE_SIZE_FACTOR };
    const page = await listPage(http, spec, key);
    pages++;
    bytes += page.bytes;
    if (bytes > budget.maxBytes) budgetReached(http, first, key, pages, bytes, formatBytes(budget.maxBytes));
    for (const item of page.items) {
      const problem = problemOf(item);
      if (problem !== undefined) http.failures.fail(spec, page.status, problem);
      visit(item as T);
    }
    path = page.next;
  }
}

/** One page of a list: its items, its size and the path of the next page. Its text is not kept. */
async function listPage(
  http: Transport,
  spec: RequestSpec,
  key: string,
): Promise<{ items: unknown[]; next: string | undefined; bytes: number; status: number }> {
  const response = await http.send(spec);
  const body = response.body as { _embedded?: Record<string, unknown>; _links?: { next?: { href?: unknown } } } | undefined;
  const items = body?._embedded?.[key];
  if (!isRecord(body) || !Array.isArray(items))
    http.failures.fail(spec, response.status, `the answer is not a list of ${key}: ${http.failures.scrubbedExcerpt(response.text)}`);
  return {
    items,
    next: nextPath(http, body._links?.next, spec),
    bytes: Buffer.byteLength(response.text),
    status: response.status,
  };
}

/**
 * The path, under the configured API URL, of the page a `next` link names; undefined on the last
 * page. The bearer token goes only to the configured API URL: a link into it is followed as is;
 * a link to another host with the API's path (PingOne names its own host, which a proxy or an
 * alias in front of it does not change) asks the configured URL for that path; any other link is
 * refused.
 */
function nextPath(http: Transport, next: unknown, spec: RequestSpec): string | undefined {
  if (next === undefined || next === null) return undefined;
  const href = isRecord(next) ? next.href : undefined;
  const apiUrl = http.settings.apiUrl;
  if (typeof href === "string" && href.startsWith(`${apiUrl}/`)) return href.slice(apiUrl.length);
  let target: URL | undefined;
  try {
    target = typeof href === "string" ? new URL(href) : undefined;
  } catch {
    target = undefined;
  }
  const apiPath = new URL(apiUrl).pathname.replace(/\/$/, "");
  if (target !== undefined && (target.protocol === "https:" || target.protocol === "http:") && target.pathname.startsWith(`${apiPath}/`)) {
    return `${target.pathname.slice(apiPath.length)}${target.search}`;
  }
  const shown = typeof href === "string" ? excerptText(href, 120) : excerptText(JSON.stringify(next) ?? "", 120);
  http.failures.fail(
    spec,
    200,
    `the list's next page (${shown}) is not a path of ${apiUrl}, so it was not asked for (the token goes nowhere else), and the list is refused rather than cut short`,
  );
}

function budgetReached(http: Transport, first: RequestSpec, key: string, pages: number, bytes: number, budget: string): never {
  const advice =
    key === "applications"
      ? ". If this operation may have created an application, find it by its name in the PingOne console, then bring it under management with adoptId, or delete it"
      : "";
  http.failures.fail(
    first,
    200,
    `the ${key} of environment ${first.environmentId} were read up to the list budget of ${budget} (${pages.toLocaleString("en-US")} pages, ${(bytes / (1024 * 1024)).toFixed(1)} MiB) without reaching the end, so the search was refused rather than cut short: ` +
      `PingOne's list has no name filter, and one that does not end within the budget has a \`next\` link that loops or is too large to search in one operation${advice}`,
  );
}
