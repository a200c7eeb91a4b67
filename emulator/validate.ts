/**
 * PingOne's validation of an OIDC application body (POST and PUT), written independently of the
 * provider's own checks: the emulator stands in for PingOne, so a mistake in the provider must
 * show up as a PingOne error here, not be mirrored. Only enumerations and numeric ranges (facts
 * about PingOne) are shared with provider/model.ts.
 *
 * The result is a clean record holding only the fields PingOne knows, with `null` treated as
 * "not sent", plus the list of violations. Unknown fields are dropped (they would not come back
 * on a GET either). Deliberately NOT rejected, because PingOne accepts them: public clients with
 * a secret auth method, `http://` redirect URIs, PKCE `OPTIONAL`, WORKER apps with interactive
 * grants, AUTHORIZATION_CODE without redirect URIs.
 */
import {
  ACCESS_CONTROL_GROUP_TYPES,
  ACCESS_CONTROL_ROLE_TYPES,
  APPLICATION_TAGS,
  APPLICATION_TYPES,
  CORS_BEHAVIORS,
  DEVICE_PATH_ID_PATTERN,
  GRANT_TYPES,
  MAX_CORS_ORIGINS,
  NUMERIC_RANGES,
  PAR_REQUIREMENTS,
  PKCE_ENFORCEMENTS,
  PROTOCOLS,
  REFRESH_TOKEN_TYPES,
  RESPONSE_TYPES,
  TOKEN_ENDPOINT_AUTH_METHODS,
  type NumericField,
} from "../provider/model";
import type { ErrorDetail } from "./errors";
import { deepCopy, isJsonObject, type JsonObject, type JsonValue } from "./json";

export interface ValidationResult {
  record: JsonObject;
  details: ErrorDetail[];
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Reference §2b corsSettings: scheme optional, host = localhost, IPv4 or a domain (`*` allowed in labels), optional port, no path. */
const CORS_ORIGIN_PATTERN = /^(https?:\/\/)?(localhost|\d{1,3}(\.\d{1,3}){3}|([*a-zA-Z0-9-]+\.)+[a-zA-Z]{2,})(:\d{1,5})?$/;

const BOOLEAN_FIELDS = [
  "enabled",
  "hiddenFromAppPortal",
  "assignActorRoles",
  "allowWildcardInRedirectUris",
  "additionalRefreshTokenReplayProtectionEnabled",
  "idpSignoff",
  "includeX5t",
  "opSessionCheckEnabled",
  "requestScopesForMultipleResourcesEnabled",
  "supportUnsignedRequestObject",
  "requireSignedRequestObject",
] as const;

/** Free-form URL fields: PingOne wants an absolute URL; http vs https is the provider's business. */
const ABSOLUTE_URL_FIELDS = ["homePageUrl", "loginPageUrl", "initiateLoginUri", "targetLinkUri", "deviceCustomVerificationUri"] as const;

export function validateApplication(body: JsonObject): ValidationResult {
  const r = new Reader(body);

  const name = r.string("name", true);
  if (name !== undefined && name.trim() === "") r.invalid("name", "name must not be blank.");
  r.string("description", false);
  const type = r.enumValue("type", APPLICATION_TYPES, true);
  r.enumValue("protocol", PROTOCOLS, true);
  const authMethod = r.enumValue("tokenEndpointAuthMethod", TOKEN_ENDPOINT_AUTH_METHODS, true);
  const grants = r.enumSet("grantTypes", GRANT_TYPES, true);
  const responseTypes = r.enumSet("responseTypes", RESPONSE_TYPES, false);
  r.enumValue("pkceEnforcement", PKCE_ENFORCEMENTS, false);
  r.enumValue("parRequirement", PAR_REQUIREMENTS, false);
  r.enumValue("refreshTokenType", REFRESH_TOKEN_TYPES, false);
  for (const field of BOOLEAN_FIELDS) r.boolean(field);
  for (const field of Object.keys(NUMERIC_RANGES) as NumericField[]) r.integer(field);

  const allowWildcard = r.record.allowWildcardInRedirectUris === true;
  r.stringSet("redirectUris", (uri) => redirectUriProblems(uri, allowWildcard));
  r.stringSet("postLogoutRedirectUris", postLogoutRedirectUriProblems);
  for (const field of ABSOLUTE_URL_FIELDS) {
    const value = r.string(field, false);
    if (value !== undefined && !parseAbsolute(value)) r.invalid(field, `${field} must be an absolute URL.`);
  }

  const devicePathId = r.string("devicePathId", false);
  if (devicePathId !== undefined && !DEVICE_PATH_ID_PATTERN.test(devicePathId)) {
    r.invalid("devicePathId", "devicePathId must be 1-50 characters of letters, digits, '_' or '-'.", {
      allowedPattern: DEVICE_PATH_ID_PATTERN.source,
    });
  }

  checkKeys(r, authMethod);
  checkRefreshDurations(r);
  if (r.record.requireSignedRequestObject === true && r.record.supportUnsignedRequestObject === true) {
    r.invalid("requireSignedRequestObject", "requireSignedRequestObject and supportUnsignedRequestObject cannot both be true.");
  }
  if (grants?.includes("IMPLICIT") && !responseTypes?.some((t) => t === "TOKEN" || t === "ID_TOKEN")) {
    r.invalid("responseTypes", "If the IMPLICIT grant type is specified, responseTypes must include TOKEN or ID_TOKEN or both.");
  }

  const tags = r.enumSet("tags", APPLICATION_TAGS, false);
  // "Only applicable for creating worker applications" is about the labels: an empty list sets none.
  if (tags !== undefined && tags.length > 0 && type !== undefined && type !== "WORKER") {
    r.invalid("tags", "tags are only applicable to WORKER applications.");
  }
  readCors(r);
  readSigning(r, type);
  readIcon(r);
  readAccessControl(r);
  readKerberos(r, type);
  const mobile = r.object("mobile");
  if (mobile !== undefined) r.record.mobile = deepCopy(mobile);

  return { record: r.record, details: r.details };
}

/** Reads one field at a time from the body into the record, collecting violations. */
class Reader {
  readonly record: JsonObject = {};
  readonly details: ErrorDetail[] = [];

  constructor(private readonly body: JsonObject) {}

  /** `null` counts as not sent, as PingOne does for optional attributes. */
  value(field: string): JsonValue | undefined {
    const value = this.body[field];
    return value === null ? undefined : value;
  }

  invalid(target: string, message: string, innerError?: ErrorDetail["innerError"], headline = false): void {
    const detail: ErrorDetail = { code: "INVALID_VALUE", target, message };
    if (innerError) detail.innerError = innerError;
    if (headline) detail.headline = true;
    this.details.push(detail);
  }

  required(target: string): void {
    this.details.push({ code: "REQUIRED_VALUE", target, message: `${target} is required.` });
  }

  string(field: string, required: boolean): string | undefined {
    const value = this.value(field);
    if (value === undefined) {
      if (required) this.required(field);
      return undefined;
    }
    if (typeof value !== "string") {
      this.invalid(field, `${field} must be a string.`);
      return undefined;
    }
    this.record[field] = value;
    return value;
  }

  enumValue<T extends string>(field: string, allowed: readonly T[], required: boolean): T | undefined {
    const value = this.value(field);
    if (value === undefined) {
      if (required) this.required(field);
      return undefined;
    }
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
      this.invalid(field, `${field} must be one of ${allowed.join(", ")}.`, { allowedValues: [...allowed] });
      return undefined;
    }
    this.record[field] = value;
    return value as T;
  }

  boolean(field: string): void {
    const value = this.value(field);
    if (value === undefined) return;
    if (typeof value !== "boolean") {
      this.invalid(field, `${field} must be a boolean.`);
      return;
    }
    this.record[field] = value;
  }

  integer(field: NumericField): void {
    const value = this.value(field);
    if (value === undefined) return;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.invalid(field, `${field} must be an integer.`);
      return;
    }
    const range = NUMERIC_RANGES[field];
    if (value < range.min || value > range.max) {
      this.details.push({
        code: "OUT_OF_RANGE",
        target: field,
        message: `${field} must be between ${range.min} and ${range.max} ${range.unit}.`,
        innerError: { rangeMinimumValue: range.min, rangeMaximumValue: range.max },
      });
      return;
    }
    this.record[field] = value;
  }

  /** An array of enum values; duplicates collapse (the order is PingOne's, applied later). */
  enumSet<T extends string>(field: string, allowed: readonly T[], required: boolean): T[] | undefined {
    const items = this.array(field, required);
    if (items === undefined) return undefined;
    const bad = items.filter((item) => typeof item !== "string" || !(allowed as readonly string[]).includes(item));
    if (bad.length > 0) {
      this.invalid(field, `${field} values must be among ${allowed.join(", ")}.`, { allowedValues: [...allowed] });
      return undefined;
    }
    const values = [...new Set(items as T[])];
    this.record[field] = values;
    return values;
  }

  /** An array of strings, each checked by `check` (which returns its violations). */
  stringSet(field: string, check: (item: string) => ErrorDetail[]): string[] | undefined {
    const items = this.array(field, false);
    if (items === undefined) return undefined;
    if (items.some((item) => typeof item !== "string")) {
      this.invalid(field, `${field} must be an array of strings.`);
      return undefined;
    }
    const values = [...new Set(items as string[])];
    const problems = values.flatMap(check);
    if (problems.length > 0) {
      this.details.push(...problems);
      return undefined;
    }
    this.record[field] = values;
    return values;
  }

  object(field: string): JsonObject | undefined {
    const value = this.value(field);
    if (value === undefined) return undefined;
    if (!isJsonObject(value)) {
      this.invalid(field, `${field} must be an object.`);
      return undefined;
    }
    return value;
  }

  private array(field: string, required: boolean): JsonValue[] | undefined {
    const value = this.value(field);
    if (value === undefined || (required && Array.isArray(value) && value.length === 0)) {
      if (required) this.required(field);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.invalid(field, `${field} must be an array.`);
      return undefined;
    }
    return value;
  }
}

function parseAbsolute(value: string): URL | undefined {
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:.+/.test(value) || /\s/.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function invalidUri(target: string, uri: string): ErrorDetail {
  return { code: "INVALID_VALUE", target, message: `'${uri}' is not a valid absolute URI.` };
}

/**
 * PingOne's redirect URI rules (docs "Redirect URIs", reference §3b): absolute, no fragment;
 * a `*` only with `allowWildcardInRedirectUris`, at most one, and only in the path or query.
 */
function redirectUriProblems(uri: string, allowWildcard: boolean): ErrorDetail[] {
  const target = "redirectUris";
  const problems: ErrorDetail[] = [];
  const stars = uri.split("*").length - 1;
  if (stars > 0) {
    if (!allowWildcard) {
      problems.push({
        code: "INVALID_VALUE",
        target,
        message: `Wildcards are not allowed in redirect URIs. Set allowWildcardInRedirectUris to true to use '${uri}'.`,
        headline: true,
      });
    } else if (stars > 1) {
      problems.push({ code: "INVALID_VALUE", target, message: `Only one wildcard is allowed in a redirect URI ('${uri}').` });
    } else if (uri.indexOf("*") < pathStart(uri)) {
      problems.push({ code: "INVALID_VALUE", target, message: `A wildcard is only allowed in the path or query of a redirect URI ('${uri}').` });
    }
  }
  // Parse with the wildcard replaced so that a `*` alone does not make the URI unparseable.
  if (!parseAbsolute(uri.replace(/\*/g, "x"))) problems.push(invalidUri(target, uri));
  else if (uri.includes("#")) {
    problems.push({ code: "INVALID_VALUE", target, message: `Redirect URIs must not contain a fragment ('${uri}').` });
  }
  return problems;
}

/** Post-logout redirect URIs: absolute and, like redirect URIs, without a fragment. */
function postLogoutRedirectUriProblems(uri: string): ErrorDetail[] {
  const target = "postLogoutRedirectUris";
  if (!parseAbsolute(uri)) return [invalidUri(target, uri)];
  if (uri.includes("#")) return [{ code: "INVALID_VALUE", target, message: `Post-logout redirect URIs must not contain a fragment ('${uri}').` }];
  return [];
}

/** Index where the path starts: after `scheme://authority`, or right after `scheme:`. */
function pathStart(uri: string): number {
  const hier = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.exec(uri);
  if (!hier) return uri.indexOf(":") + 1;
  const rest = uri.slice(hier[0].length);
  const end = rest.search(/[/?#]/);
  return hier[0].length + (end < 0 ? rest.length : end);
}

function checkKeys(r: Reader, authMethod: string | undefined): void {
  const jwks = r.string("jwks", false);
  const jwksUrl = r.string("jwksUrl", false);
  if (jwks !== undefined && !isJwks(jwks)) r.invalid("jwks", "jwks must be a JSON Web Key Set document ({\"keys\": [...]}).");
  if (jwksUrl !== undefined && parseAbsolute(jwksUrl)?.protocol !== "https:") r.invalid("jwksUrl", "jwksUrl must be an https URL.");
  if (jwks !== undefined && jwksUrl !== undefined) r.invalid("jwksUrl", "jwks and jwksUrl cannot both be set.");
  if (authMethod === "PRIVATE_KEY_JWT" && jwks === undefined && jwksUrl === undefined) {
    r.details.push({
      code: "REQUIRED_VALUE",
      target: "jwks",
      message: "jwks or jwksUrl is required when tokenEndpointAuthMethod is PRIVATE_KEY_JWT.",
    });
  }
}

function isJwks(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) && Array.isArray(parsed.keys);
  } catch {
    return false;
  }
}

function checkRefreshDurations(r: Reader): void {
  const duration = r.record.refreshTokenDuration;
  const rolling = r.record.refreshTokenRollingDuration;
  if (typeof duration === "number" && typeof rolling === "number" && duration > rolling) {
    r.invalid("refreshTokenDuration", "refreshTokenDuration must be less than or equal to refreshTokenRollingDuration.", {
      maximumValue: rolling,
    });
  }
}

function readCors(r: Reader): void {
  const cors = r.object("corsSettings");
  if (cors === undefined) return;
  const behavior = cors.behavior;
  const origins = cors.origins ?? undefined;
  const before = r.details.length;
  if (behavior === undefined || behavior === null) {
    r.required("corsSettings.behavior");
  } else if (typeof behavior !== "string" || !(CORS_BEHAVIORS as readonly string[]).includes(behavior)) {
    r.invalid("corsSettings.behavior", `corsSettings.behavior must be one of ${CORS_BEHAVIORS.join(", ")}.`, {
      allowedValues: [...CORS_BEHAVIORS],
    });
  }
  let list: string[] = [];
  if (origins !== undefined && origins !== null) {
    if (!Array.isArray(origins) || origins.some((o) => typeof o !== "string")) {
      r.invalid("corsSettings.origins", "corsSettings.origins must be an array of strings.");
    } else {
      list = [...new Set(origins as string[])];
    }
  }
  if (behavior === "ALLOW_SPECIFIC_ORIGINS") {
    if (list.length === 0) r.required("corsSettings.origins");
    if (list.length > MAX_CORS_ORIGINS) {
      r.invalid("corsSettings.origins", `corsSettings.origins can have at most ${MAX_CORS_ORIGINS} entries.`, {
        maximumValue: MAX_CORS_ORIGINS,
      });
    }
    for (const origin of list) {
      if (!CORS_ORIGIN_PATTERN.test(origin)) {
        r.invalid("corsSettings.origins", `'${origin}' is not a valid origin (scheme, host and optional port, no path).`, {
          allowedPattern: CORS_ORIGIN_PATTERN.source,
        });
      }
    }
  } else if (behavior === "ALLOW_NO_ORIGINS" && list.length > 0) {
    r.invalid("corsSettings.origins", "corsSettings.origins must be empty when behavior is ALLOW_NO_ORIGINS.");
  }
  if (r.details.length > before) return;
  r.record.corsSettings = list.length > 0 ? { behavior: behavior as string, origins: list } : { behavior: behavior as string };
}

function readSigning(r: Reader, type: string | undefined): void {
  const signing = r.object("signing");
  if (signing === undefined) return;
  if (type === "SERVICE") {
    r.invalid("signing", "signing is not supported for SERVICE applications.");
    return;
  }
  const policy = signing.keyRotationPolicy;
  const id = isJsonObject(policy) ? policy.id : undefined;
  if (id === undefined || id === null) {
    r.required("signing.keyRotationPolicy.id");
  } else if (typeof id !== "string" || !UUID_PATTERN.test(id)) {
    r.invalid("signing.keyRotationPolicy.id", "signing.keyRotationPolicy.id must be a UUID.");
  } else {
    r.record.signing = { keyRotationPolicy: { id } };
  }
}

function readIcon(r: Reader): void {
  const icon = r.object("icon");
  if (icon === undefined) return;
  const { id, href } = icon;
  const before = r.details.length;
  if (typeof id !== "string" || !UUID_PATTERN.test(id)) r.invalid("icon.id", "icon.id must be a UUID.");
  if (typeof href !== "string" || !parseAbsolute(href)) r.invalid("icon.href", "icon.href must be an absolute URL.");
  if (r.details.length === before) r.record.icon = { id: id as string, href: href as string };
}

function readAccessControl(r: Reader): void {
  const access = r.object("accessControl");
  if (access === undefined) return;
  const before = r.details.length;
  const out: JsonObject = {};
  const role = access.role;
  if (role !== undefined && role !== null) {
    const roleType = isJsonObject(role) ? role.type : undefined;
    if (typeof roleType !== "string" || !(ACCESS_CONTROL_ROLE_TYPES as readonly string[]).includes(roleType)) {
      r.invalid("accessControl.role.type", "accessControl.role.type must be ADMIN_USERS_ONLY.", {
        allowedValues: [...ACCESS_CONTROL_ROLE_TYPES],
      });
    } else {
      out.role = { type: roleType };
    }
  }
  const group = access.group;
  if (group !== undefined && group !== null) {
    const groupType = isJsonObject(group) ? group.type : undefined;
    const groups = isJsonObject(group) ? group.groups : undefined;
    if (typeof groupType !== "string" || !(ACCESS_CONTROL_GROUP_TYPES as readonly string[]).includes(groupType)) {
      r.invalid("accessControl.group.type", `accessControl.group.type must be one of ${ACCESS_CONTROL_GROUP_TYPES.join(", ")}.`, {
        allowedValues: [...ACCESS_CONTROL_GROUP_TYPES],
      });
    }
    const ids = Array.isArray(groups) ? groups.map((g) => (isJsonObject(g) ? g.id : undefined)) : [];
    if (ids.length === 0 || ids.some((id) => typeof id !== "string" || !UUID_PATTERN.test(id))) {
      r.invalid("accessControl.group.groups", "accessControl.group.groups must be a non-empty array of {id} with UUIDs.");
    } else if (r.details.length === before) {
      out.group = { type: groupType as string, groups: [...new Set(ids as string[])].map((id) => ({ id })) };
    }
  }
  if (r.details.length === before && Object.keys(out).length > 0) r.record.accessControl = out;
}

function readKerberos(r: Reader, type: string | undefined): void {
  const kerberos = r.object("kerberos");
  if (kerberos === undefined) return;
  if (type !== undefined && type !== "NATIVE_APP") {
    r.invalid("kerberos", "kerberos (certificate-based authentication) is only supported for NATIVE_APP applications.");
    return;
  }
  const key = kerberos.key;
  const id = isJsonObject(key) ? key.id : undefined;
  if (typeof id !== "string" || !UUID_PATTERN.test(id)) {
    r.invalid("kerberos.key.id", "kerberos.key.id must be a UUID.");
    return;
  }
  r.record.kerberos = { key: { id } };
}
