/**
 * The ApplicationResourceGrant provider: grants an application scopes of one resource
 * (`POST/GET/PUT/DELETE …/applications/{appId}/grants[/{grantId}]`, body
 * `{ resource: { id }, scopes: [{ id }] }`; facts in pingone/grants.ts). The resource is named by
 * `resourceName` or `resourceId`, the scopes by `scopes` (names) or `scopeIds`; names are looked up
 * with `GET …/resources` and `GET …/resources/{id}/scopes`, once per process and environment.
 * Another resource replaces the grant (PingOne's `resource.id` is read-only); other scopes update it
 * with one PUT. Shared behaviour (reconciliation, 404s) is in ../application-access/lifecycle.ts.
 */
import type { PingOneGrant } from "../../pingone";
import { AccessInputError, AccessLifecycle, checkNameList, sameSet, type ResolvedBody } from "../application-access/lifecycle";
import type { InputChecks } from "../kernel/check";
import type { AccessLookup } from "../http/lookups";
import type { AccessRecord } from "../http/client";
import { excerpt } from "../kernel/excerpt";
import type { Inputs } from "../kernel/values";

function grantOf(record: AccessRecord): PingOneGrant {
  return record as PingOneGrant;
}

export class ApplicationResourceGrantLifecycle extends AccessLifecycle {
  protected readonly kind = "grants" as const;
  protected readonly resourceKind = "ApplicationResourceGrant" as const;

  // PingOne's resource.id is read-only: another resource is another grant.
  protected readonly target = ["resourceName", "resourceId"] as const;

  protected validate(checks: InputChecks, inputs: Inputs): void {
    checks.exactlyOne(inputs, "scopes", "scopeIds");
    checkNameList(checks, "scopes", inputs.scopes);
    checkNameList(checks, "scopeIds", inputs.scopeIds);
  }

  protected changed(olds: Inputs, news: Inputs): string[] {
    const scopesSame = news.scopeIds !== undefined ? sameSet(news.scopeIds, olds.scopeIds) : olds.scopes !== undefined && sameSet(news.scopes, olds.scopes);
    return scopesSame ? [] : [news.scopeIds !== undefined ? "scopeIds" : "scopes"];
  }

  protected async resolve(inputs: Inputs, lookup: AccessLookup, label: string): Promise<ResolvedBody> {
    let resourceId = typeof inputs.resourceId === "string" ? inputs.resourceId : undefined;
    let resourceName = typeof inputs.resourceName === "string" ? inputs.resourceName : undefined;
    if (resourceId === undefined) {
      const { found, items } = await lookup.resourceByName(String(resourceName));
      if (!found) {
        throw new AccessInputError(
          `${label}: resourceName ${excerpt(resourceName)} is not a resource of environment ${String(inputs.environmentId)}; its resources: ${items.map((r) => r.name).join(", ")}`,
        );
      }
      resourceId = found.id;
    } else {
      resourceName = undefined;
    }
    let scopeIds: string[];
    if (Array.isArray(inputs.scopeIds)) {
      scopeIds = inputs.scopeIds.map(String);
    } else {
      const names = (inputs.scopes as unknown[]).map(String);
      const { ids, missing, known } = await lookup.scopeIds(resourceId, names);
      if (missing.length > 0) {
        throw new AccessInputError(
          `${label}: scopes ${missing.map((m) => excerpt(m)).join(", ")} ${missing.length === 1 ? "is not a scope" : "are not scopes"} of resource ${excerpt(resourceName ?? resourceId)}; allowed values: ${known.join(", ")}`,
        );
      }
      scopeIds = ids;
    }
    return { body: { resource: { id: resourceId }, scopes: scopeIds.map((id) => ({ id })) }, resolved: { resourceId, scopeIds } };
  }

  protected matches(record: AccessRecord, body: Record<string, unknown>): boolean {
    const grant = grantOf(record);
    const wanted = body as unknown as PingOneGrant;
    return (
      grant.resource.id === wanted.resource.id &&
      sameSet(
        grant.scopes.map((s) => s.id),
        wanted.scopes.map((s) => s.id),
      )
    );
  }

  protected async outputs(previous: Inputs, record: AccessRecord, lookup: AccessLookup): Promise<Inputs> {
    const grant = grantOf(record);
    const scopeIds = grant.scopes.map((s) => s.id);
    const out: Inputs = { resourceId: grant.resource.id, scopeIds };
    // Names in the outputs follow what PingOne holds, so a change made outside shows as drift.
    if (previous.resourceName !== undefined && grant.resource.id !== previous.resourceId) {
      out.resourceName = (await lookup.resourceById(grant.resource.id))?.name ?? grant.resource.id;
    }
    if (previous.scopes !== undefined && !sameSet(scopeIds, previous.scopeIds)) {
      const scopes = await lookup.scopes(grant.resource.id);
      out.scopes = scopeIds.map((id) => scopes.find((s) => s.id === id)?.name ?? id);
    }
    return out;
  }
}
