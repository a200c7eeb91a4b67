/** The scopes an application's resource access grants give it, by name. */
import { OPENID_RESOURCE_TYPE } from "../../pingone";
import { isJsonObject } from "../json";
import type { StoredApplication } from "../store";
import type { SignInContext } from "./context";

export interface GrantedScope {
  name: string;
  /** Whether the scope belongs to the built-in `openid` resource (user claims) or another resource. */
  openid: boolean;
}

export function grantedScopes(ctx: SignInContext, environmentId: string, app: StoredApplication): GrantedScope[] {
  const resources = ctx.store.environment(environmentId)?.resources ?? [];
  const out: GrantedScope[] = [];
  for (const grant of app.grants.values()) {
    const resourceId = isJsonObject(grant.resource) ? grant.resource.id : undefined;
    const resource = resources.find((r) => r.id === resourceId);
    if (!resource || !Array.isArray(grant.scopes)) continue;
    for (const scope of grant.scopes) {
      const scopeId = isJsonObject(scope) ? scope.id : undefined;
      const name = resource.scopes.find((s) => s.id === scopeId)?.name;
      if (name !== undefined && !out.some((s) => s.name === name)) out.push({ name, openid: resource.type === OPENID_RESOURCE_TYPE });
    }
  }
  return out;
}

/** A space-separated `scope` parameter as a list (RFC 6749 §3.3); empty when absent. */
export function scopeList(value: string | null): string[] {
  return value === null ? [] : [...new Set(value.split(" ").filter((scope) => scope !== ""))];
}
