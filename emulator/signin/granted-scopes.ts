/**
 * Scopes: which ones an application's resource access grants give it (by name), the `openid`
 * scope that needs no grant, and the `scope` parameter as a list. Authorize, PAR and the token
 * endpoint all decide what may be issued from here.
 */
import { OPENID_RESOURCE_TYPE, OPENID_SCOPE } from "../../pingone";
import { isJsonObject } from "../json";
import type { Environment, StoredApplication } from "../store";

export interface GrantedScope {
  name: string;
  /** Whether the scope belongs to the built-in `openid` resource (user claims) or another resource. */
  openid: boolean;
}

/** Every scope the application's grants give it, once each, with its resource's kind. */
export function grantedScopes(env: Environment, app: StoredApplication): GrantedScope[] {
  const out: GrantedScope[] = [];
  for (const grant of app.grants.values()) {
    const resourceId = isJsonObject(grant.resource) ? grant.resource.id : undefined;
    const resource = env.resources.find((r) => r.id === resourceId);
    if (!resource || !Array.isArray(grant.scopes)) continue;
    for (const scope of grant.scopes) {
      const scopeId = isJsonObject(scope) ? scope.id : undefined;
      const name = resource.scopes.find((s) => s.id === scopeId)?.name;
      if (name !== undefined && !out.some((s) => s.name === name)) out.push({ name, openid: resource.type === OPENID_RESOURCE_TYPE });
    }
  }
  return out;
}

/** The requested scopes that are neither `openid` nor granted to the application. */
export function scopesNotGranted(env: Environment, app: StoredApplication, requested: readonly string[]): string[] {
  const granted = new Set(grantedScopes(env, app).map((scope) => scope.name));
  return requested.filter((scope) => scope !== OPENID_SCOPE && !granted.has(scope));
}

/** A space-separated `scope` parameter as a list without repeats (RFC 6749 §3.3); empty when absent. */
export function scopeList(value: string | null): string[] {
  return value === null ? [] : [...new Set(value.split(" ").filter((scope) => scope !== ""))];
}
