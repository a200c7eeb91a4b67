import { endpointPath, type PingOneResource, type PingOneScope, type PingOneSignOnPolicy } from "../../pingone";
import type { Operation } from "../kernel/errors";
import { isRecord } from "./answers";
import type { Caller } from "./caller";
import type { PingOneClient } from "./client";
import { listAll } from "./listing";
import type { RequestSpec, Transport } from "./transport";

/**
 * The lists a look-up reads: an environment's resources, a resource's scopes, an environment's
 * sign-on policies, each item checked to have an id and a name.
 *
 * @see https://apidocs.pingidentity.com/pingone/platform/v1/api/ (Resources, Resource Scopes, Sign-On Policies)
 */
export class LookupLists {
  constructor(private readonly http: Transport) {}

  /** The environment's resources (`GET …/resources`). */
  resources(environmentId: string, caller: Caller): Promise<PingOneResource[]> {
    return this.named<PingOneResource>(endpointPath("resources", { envId: environmentId }), "resources", "list resources", environmentId, caller);
  }

  /** A resource's scopes (`GET …/resources/{resourceId}/scopes`). */
  resourceScopes(environmentId: string, resourceId: string, caller: Caller): Promise<PingOneScope[]> {
    return this.named<PingOneScope>(
      endpointPath("resourceScopes", { envId: environmentId, resourceId }),
      "scopes",
      "list resource scopes",
      environmentId,
      caller,
    );
  }

  /** The environment's sign-on policies (`GET …/signOnPolicies`). */
  signOnPolicies(environmentId: string, caller: Caller): Promise<PingOneSignOnPolicy[]> {
    return this.named<PingOneSignOnPolicy>(
      endpointPath("signOnPolicies", { envId: environmentId }),
      "signOnPolicies",
      "list sign-on policies",
      environmentId,
      caller,
    );
  }

  /** A list of `{id, name}` objects under `_embedded[key]`, every page, every item checked. */
  private named<T extends { id: string; name: string }>(path: string, key: string, operation: Operation, environmentId: string, caller: Caller): Promise<T[]> {
    const spec: RequestSpec = { method: "GET", path, ...caller, operation, environmentId, expect: [200] };
    return listAll<T>(this.http, spec, key, (item) =>
      !isRecord(item) || typeof item.id !== "string" || item.id === "" || typeof item.name !== "string"
        ? `the list holds an item without an id or a name: ${this.http.failures.scrubbedExcerpt(JSON.stringify(item) ?? "")}`
        : undefined,
    );
  }
}

const lists = new Map<string, Promise<unknown[]>>();

/** Forgets every cached list (tests use it to start from a cold process). */
export function clearLookupCache(): void {
  lists.clear();
}

async function cachedList<T>(key: string, load: () => Promise<T[]>, fresh: boolean): Promise<{ items: T[]; wasCached: boolean }> {
  const existing = fresh ? undefined : (lists.get(key) as Promise<T[]> | undefined);
  if (existing) return { items: await existing, wasCached: true };
  const loading = load();
  lists.set(key, loading);
  loading.catch(() => lists.delete(key));
  return { items: await loading, wasCached: false };
}

/** Finds by id in the cached list. */
async function findById<T extends { id: string }>(key: string, load: () => Promise<T[]>, id: string): Promise<T | undefined> {
  return (await cachedList(key, load, false)).items.find((item) => item.id === id);
}

/** Finds by name in the cached list, reloading once when the name is missing from a cached copy. */
async function findByName<T extends { name: string }>(key: string, load: () => Promise<T[]>, name: string): Promise<{ found: T | undefined; items: T[] }> {
  const first = await cachedList(key, load, false);
  const found = first.items.find((item) => item.name === name);
  if (found || !first.wasCached) return { found, items: first.items };
  const second = await cachedList(key, load, true);
  return { found: second.items.find((item) => item.name === name), items: second.items };
}

/**
 * Resources, scopes and sign-on policies by name or id, cached per provider process and
 * environment: a run that creates ten grants of the openid resource reads the resource list and
 * its scopes once. A name missing from a cached list is looked up once more (it may have been
 * created since), so the cache never hides a new object; a failed look-up is not cached.
 */
export class AccessLookup {
  constructor(
    private readonly client: PingOneClient,
    private readonly apiUrl: string,
    private readonly environmentId: string,
    private readonly caller: Caller,
  ) {}

  private key(what: string): string {
    return `${this.apiUrl} ${this.environmentId} ${what}`;
  }

  private readonly resources = (): Promise<PingOneResource[]> => this.client.listResources(this.environmentId, this.caller);
  private readonly signOnPolicies = (): Promise<PingOneSignOnPolicy[]> => this.client.listSignOnPolicies(this.environmentId, this.caller);

  /** The resource named `name`, and the list it was looked for in (for an error that lists the names). */
  resourceByName(name: string): Promise<{ found: PingOneResource | undefined; items: PingOneResource[] }> {
    return findByName(this.key("resources"), this.resources, name);
  }

  /** Every resource of the environment, from the cached list. */
  async resourceList(): Promise<PingOneResource[]> {
    return (await cachedList(this.key("resources"), this.resources, false)).items;
  }

  /** Every sign-on policy of the environment, from the cached list. */
  async signOnPolicyList(): Promise<PingOneSignOnPolicy[]> {
    return (await cachedList(this.key("signOnPolicies"), this.signOnPolicies, false)).items;
  }

  /** The resource with id `id`, from the cached list. */
  resourceById(id: string): Promise<PingOneResource | undefined> {
    return findById(this.key("resources"), this.resources, id);
  }

  /** A resource's scopes, from the cached list. */
  async scopes(resourceId: string): Promise<PingOneScope[]> {
    return (await cachedList(this.key(`scopes ${resourceId}`), () => this.client.listResourceScopes(this.environmentId, resourceId, this.caller), false)).items;
  }

  /** Scope ids for names, reloading the cached scope list once if a name is missing; `missing` lists unknown names. */
  async scopeIds(resourceId: string, names: readonly string[]): Promise<{ ids: string[]; missing: string[]; known: string[] }> {
    const key = this.key(`scopes ${resourceId}`);
    const load = (): Promise<PingOneScope[]> => this.client.listResourceScopes(this.environmentId, resourceId, this.caller);
    const first = await cachedList(key, load, false);
    let items = first.items;
    if (first.wasCached && names.some((n) => !items.some((s) => s.name === n))) items = (await cachedList(key, load, true)).items;
    const ids: string[] = [];
    const missing: string[] = [];
    for (const name of names) {
      const scope = items.find((s) => s.name === name);
      if (scope) ids.push(scope.id);
      else missing.push(name);
    }
    return { ids, missing, known: items.map((s) => s.name) };
  }

  /** The sign-on policy named `name`, and the list it was looked for in. */
  signOnPolicyByName(name: string): Promise<{ found: PingOneSignOnPolicy | undefined; items: PingOneSignOnPolicy[] }> {
    return findByName(this.key("signOnPolicies"), this.signOnPolicies, name);
  }

  /** The sign-on policy with id `id`, from the cached list. */
  signOnPolicyById(id: string): Promise<PingOneSignOnPolicy | undefined> {
    return findById(this.key("signOnPolicies"), this.signOnPolicies, id);
  }
}
