/**
 * PingOne's validation of an OIDC application body (POST and PUT). The per-field facts (kinds,
 * enumerations, ranges, patterns, required fields) come from the field table in pingone/, the
 * one home of PingOne's facts. The cross-field rules below are written here independently of the
 * provider's own checks: the emulator stands in for PingOne, so a mistake in the provider must
 * show up as a PingOne error here, not be mirrored.
 *
 * The result is a clean record holding only the fields PingOne knows, with `null` treated as
 * "not sent", plus the list of violations. Unknown fields are dropped (they would not come back
 * on a GET either). Deliberately NOT rejected, because PingOne accepts them: public clients with
 * a secret auth method, `http://` redirect URIs, PKCE `OPTIONAL`, WORKER apps with interactive
 * grants, AUTHORIZATION_CODE without redirect URIs.
 */
import {
  APPLICATION_FIELDS,
  CORS_BEHAVIOR,
  DETAIL_CODES,
  type FieldFact,
  type FieldPath,
  GRANT_TYPE,
  RESPONSE_TYPE,
  TOKEN_ENDPOINT_AUTH_METHOD,
  TOP_LEVEL_FIELDS,
  UUID_PATTERN,
  WEB_URL_HTTP_HOSTS,
} from "../pingone";
import type { ErrorDetail } from "./errors";
import { deepCopy, isJsonObject, valueAt, type JsonObject, type JsonValue } from "./json";

export interface ValidationResult {
  record: JsonObject;
  details: ErrorDetail[];
}

function fact(path: FieldPath): FieldFact {
  return APPLICATION_FIELDS[path];
}

export function validateApplication(body: JsonObject): ValidationResult {
  const r = new Reader(body);
  const allowWildcard = body.allowWildcardInRedirectUris === true;
  for (const field of TOP_LEVEL_FIELDS) readField(r, field, fact(field), allowWildcard);

  const authMethod = typeof r.record.tokenEndpointAuthMethod === "string" ? r.record.tokenEndpointAuthMethod : undefined;
  const type = typeof r.record.type === "string" ? r.record.type : undefined;
  const grants = r.record.grantTypes as string[] | undefined;
  const responseTypes = r.record.responseTypes as string[] | undefined;
  checkKeys(r, authMethod);
  checkRefreshDurations(r);
  if (r.record.requireSignedRequestObject === true && r.record.supportUnsignedRequestObject === true) {
    r.invalid("requireSignedRequestObject", "requireSignedRequestObject and supportUnsignedRequestObject cannot both be true.");
  }
  if (grants?.includes(GRANT_TYPE.IMPLICIT) && !responseTypes?.some((t) => t === RESPONSE_TYPE.TOKEN || t === RESPONSE_TYPE.ID_TOKEN)) {
    r.invalid("responseTypes", "If the IMPLICIT grant type is specified, responseTypes must include TOKEN or ID_TOKEN or both.");
  }
  for (const field of TOP_LEVEL_FIELDS) {
    const allowed = fact(field).appTypes;
    const value = r.body[field];
    // "Only applicable for creating worker applications" is about the labels: an empty list sets none.
    const empty = value === undefined || value === null || (Array.isArray(value) && value.length === 0);
    if (allowed !== undefined && !empty && type !== undefined && !allowed.includes(type as never)) {
      r.invalid(field, `${field} is not supported for ${type} applications; allowed for: ${allowed.join(", ")}.`);
      delete r.record[field];
    }
  }
  return { record: r.record, details: r.details };
}

/** Reads one top-level field by its kind; objects have their own readers. */
function readField(r: Reader, field: FieldPath, f: FieldFact, allowWildcard: boolean): void {
  switch (f.kind) {
    case "string": {
      const value = r.string(field, f.required === true);
      if (value === undefined) return;
      if (f.nonEmpty && value.trim() === "") r.invalid(field, `${field} must not be blank.`);
      if (f.pattern && !f.pattern.regex.test(value)) {
        r.invalid(field, `${field} must be ${f.pattern.description}.`, { allowedPattern: f.pattern.regex.source });
      }
      return;
    }
    case "boolean":
      return r.boolean(field);
    case "integer":
      return r.integer(field, f);
    case "enum":
      r.enumValue(field, f.values ?? [], f.required === true);
      return;
    case "enumSet":
      r.enumSet(field, f.values ?? [], f.required === true);
      return;
    case "redirectUriSet":
      r.stringSet(field, (uri) => redirectUriProblems(uri, allowWildcard));
      return;
    case "uriSet":
      r.stringSet(field, (uri) => uriProblems(field, uri));
      return;
    case "absoluteUri":
    case "schemeAuthorityUri":
    case "webUrl":
    case "httpUrl":
    case "httpsUrl": {
      const value = r.string(field, false);
      if (value !== undefined && !urlOfKind(value, f.kind)) r.invalid(field, `${field} must be ${URL_KIND_WORDS[f.kind]}.`);
      return;
    }
    case "jwksText":
      return void r.string(field, false);
    case "object":
    case "originSet":
    case "idList":
    case "json":
      return OBJECT_READERS[field]?.(r);
  }
}

const URL_KIND_WORDS = {
  absoluteUri: "an absolute URI",
  schemeAuthorityUri: "an absolute URI of the form scheme://…",
  webUrl: `an https URL (http only on ${WEB_URL_HTTP_HOSTS.join(" or ")})`,
  httpUrl: "an http or https URL",
  httpsUrl: "an https URL",
} as const;

/** Whether a text is a URL of the given kind. */
function urlOfKind(value: string, kind: keyof typeof URL_KIND_WORDS): boolean {
  const url = parseAbsolute(value);
  if (!url) return false;
  switch (kind) {
    case "absoluteUri":
      return true;
    case "schemeAuthorityUri":
      return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(value);
    case "webUrl":
      return url.protocol === "https:" || (url.protocol === "http:" && WEB_URL_HTTP_HOSTS.includes(url.hostname));
    case "httpUrl":
      return url.protocol === "https:" || url.protocol === "http:";
    case "httpsUrl":
      return url.protocol === "https:";
  }
}

/** Readers of the object-valued fields, which hold nested facts and rules. */
const OBJECT_READERS: Partial<Record<FieldPath, (r: Reader) => void>> = {
  corsSettings: readCors,
  signing: readSigning,
  icon: readIcon,
  accessControl: readAccessControl,
  kerberos: readKerberos,
  mobile: readMobile,
};

/** Reads one field at a time from the body into the record, collecting violations. */
class Reader {
  readonly record: JsonObject = {};
  readonly details: ErrorDetail[] = [];

  constructor(readonly body: JsonObject) {}

  /** `null` counts as not sent, as PingOne does for optional attributes. */
  value(field: string): JsonValue | undefined {
    const value = this.body[field];
    return value === null ? undefined : value;
  }

  invalid(target: string, message: string, innerError?: ErrorDetail["innerError"], headline = false): void {
    const detail: ErrorDetail = { code: DETAIL_CODES.invalidValue, target, message };
    if (innerError) detail.innerError = innerError;
    if (headline) detail.headline = true;
    this.details.push(detail);
  }

  required(target: string): void {
    this.details.push({ code: DETAIL_CODES.requiredValue, target, message: `${target} is required.` });
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

  integer(field: string, f: FieldFact): void {
    const value = this.value(field);
    if (value === undefined) return;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.invalid(field, `${field} must be an integer.`);
      return;
    }
    const range = f.range;
    if (range && (value < range.min || value > range.max)) {
      this.details.push({
        code: DETAIL_CODES.outOfRange,
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
  return { code: DETAIL_CODES.invalidValue, target, message: `'${uri}' is not a valid absolute URI.` };
}

/** A URI list entry other than a redirect URI (`uriSet`): `scheme://…`, no fragment. */
function uriProblems(target: string, uri: string): ErrorDetail[] {
  if (!urlOfKind(uri, "schemeAuthorityUri"))
    return [{ code: DETAIL_CODES.invalidValue, target, message: `'${uri}' is not ${URL_KIND_WORDS.schemeAuthorityUri}.` }];
  if (uri.includes("#")) return [{ code: DETAIL_CODES.invalidValue, target, message: `${target} must not contain a fragment ('${uri}').` }];
  return [];
}

/**
 * PingOne's redirect URI rules (docs "Redirect URIs", docs/pingone-applications-api.md §3b): absolute, no fragment;
 * a `*` only with `allowWildcardInRedirectUris`, at most one, and only in the path or query.
 */
function redirectUriProblems(uri: string, allowWildcard: boolean): ErrorDetail[] {
  const target = "redirectUris";
  const problems: ErrorDetail[] = [];
  const stars = uri.split("*").length - 1;
  if (stars > 0) {
    if (!allowWildcard) {
      problems.push({
        code: DETAIL_CODES.invalidValue,
        target,
        message: `Wildcards are not allowed in redirect URIs. Set allowWildcardInRedirectUris to true to use '${uri}'.`,
        headline: true,
      });
    } else if (stars > 1) {
      problems.push({ code: DETAIL_CODES.invalidValue, target, message: `Only one wildcard is allowed in a redirect URI ('${uri}').` });
    } else if (uri.indexOf("*") < pathStart(uri)) {
      problems.push({ code: DETAIL_CODES.invalidValue, target, message: `A wildcard is only allowed in the path or query of a redirect URI ('${uri}').` });
    }
  }
  // Parse with the wildcard replaced so that a `*` alone does not make the URI unparseable.
  if (!parseAbsolute(uri.replace(/\*/g, "x"))) problems.push(invalidUri(target, uri));
  else if (uri.includes("#")) {
    problems.push({ code: DETAIL_CODES.invalidValue, target, message: `Redirect URIs must not contain a fragment ('${uri}').` });
  }
  return problems;
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
  const jwks = typeof r.record.jwks === "string" ? r.record.jwks : undefined;
  const jwksUrl = typeof r.record.jwksUrl === "string" ? r.record.jwksUrl : undefined;
  if (jwks !== undefined && !isJwks(jwks)) r.invalid("jwks", 'jwks must be a JSON Web Key Set document ({"keys": [...]}).');
  if (jwks !== undefined && jwksUrl !== undefined) r.invalid("jwksUrl", "jwks and jwksUrl cannot both be set.");
  if (authMethod === TOKEN_ENDPOINT_AUTH_METHOD.PRIVATE_KEY_JWT && jwks === undefined && jwksUrl === undefined) {
    r.details.push({
      code: DETAIL_CODES.requiredValue,
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

/** A nested enum value: valid, or a violation naming the allowed values (from the field table). */
function nestedEnum(r: Reader, path: FieldPath, value: JsonValue | undefined): string | undefined {
  const allowed = fact(path).values ?? [];
  if (value === undefined || value === null) {
    if (fact(path).required) r.required(path);
    return undefined;
  }
  if (typeof value !== "string" || !allowed.includes(value)) {
    r.invalid(path, `${path} must be one of ${allowed.join(", ")}.`, { allowedValues: [...allowed] });
    return undefined;
  }
  return value;
}

/** A nested string with the table's pattern (ids are UUIDs). */
function nestedString(r: Reader, path: FieldPath, value: JsonValue | undefined): string | undefined {
  const f = fact(path);
  if (value === undefined || value === null) {
    if (f.required) r.required(path);
    return undefined;
  }
  if (typeof value !== "string" || (f.pattern !== undefined && !f.pattern.regex.test(value))) {
    r.invalid(path, `${path} must be ${f.pattern?.description ?? "a string"}.`, f.pattern ? { allowedPattern: f.pattern.regex.source } : undefined);
    return undefined;
  }
  return value;
}

function readCors(r: Reader): void {
  const cors = r.object("corsSettings");
  if (cors === undefined) return;
  const origins = cors.origins ?? undefined;
  const before = r.details.length;
  const behavior = nestedEnum(r, "corsSettings.behavior", cors.behavior);
  const originsFact = fact("corsSettings.origins");
  let list: string[] = [];
  if (origins !== undefined && origins !== null) {
    if (!Array.isArray(origins) || origins.some((o) => typeof o !== "string")) {
      r.invalid("corsSettings.origins", "corsSettings.origins must be an array of strings.");
    } else {
      list = [...new Set(origins as string[])];
    }
  }
  if (behavior === CORS_BEHAVIOR.ALLOW_SPECIFIC_ORIGINS) {
    if (list.length === 0) r.required("corsSettings.origins");
    const max = originsFact.maxItems ?? Number.POSITIVE_INFINITY;
    if (list.length > max) {
      r.invalid("corsSettings.origins", `corsSettings.origins can have at most ${max} entries.`, { maximumValue: max });
    }
    for (const origin of list) {
      if (originsFact.pattern && !originsFact.pattern.regex.test(origin)) {
        r.invalid("corsSettings.origins", `'${origin}' is not a valid origin (scheme, host and optional port, no path).`, {
          allowedPattern: originsFact.pattern.regex.source,
        });
      }
    }
  } else if (behavior === CORS_BEHAVIOR.ALLOW_NO_ORIGINS && list.length > 0) {
    r.invalid("corsSettings.origins", "corsSettings.origins must be empty when behavior is ALLOW_NO_ORIGINS.");
  }
  if (r.details.length > before || behavior === undefined) return;
  r.record.corsSettings = list.length > 0 ? { behavior, origins: list } : { behavior };
}

function readSigning(r: Reader): void {
  const signing = r.object("signing");
  if (signing === undefined) return;
  const policy = signing.keyRotationPolicy;
  const id = nestedString(r, "signing.keyRotationPolicy.id", isJsonObject(policy) ? policy.id : undefined);
  if (id !== undefined) r.record.signing = { keyRotationPolicy: { id } };
}

function readIcon(r: Reader): void {
  const icon = r.object("icon");
  if (icon === undefined) return;
  const before = r.details.length;
  const id = nestedString(r, "icon.id", icon.id);
  const href = icon.href;
  if (typeof href !== "string" || !urlOfKind(href, "httpUrl")) r.invalid("icon.href", `icon.href must be ${URL_KIND_WORDS.httpUrl}.`);
  if (r.details.length === before && id !== undefined) r.record.icon = { id, href: href as string };
}

function readAccessControl(r: Reader): void {
  const access = r.object("accessControl");
  if (access === undefined) return;
  const before = r.details.length;
  const out: JsonObject = {};
  const role = access.role;
  if (role !== undefined && role !== null) {
    const roleType = nestedEnum(r, "accessControl.role.type", isJsonObject(role) ? role.type : undefined);
    if (roleType !== undefined) out.role = { type: roleType };
  }
  const group = access.group;
  if (group !== undefined && group !== null) {
    const groupType = nestedEnum(r, "accessControl.group.type", isJsonObject(group) ? group.type : undefined);
    const groups = isJsonObject(group) ? group.groups : undefined;
    const ids = Array.isArray(groups) ? groups.map((g) => (isJsonObject(g) ? g.id : undefined)) : [];
    if (ids.length === 0 || ids.some((id) => typeof id !== "string" || !UUID_PATTERN.regex.test(id))) {
      r.invalid("accessControl.group.groups", "accessControl.group.groups must be a non-empty array of {id} with UUIDs.");
    } else if (r.details.length === before && groupType !== undefined) {
      out.group = { type: groupType, groups: [...new Set(ids as string[])].map((id) => ({ id })) };
    }
  }
  if (r.details.length === before && Object.keys(out).length > 0) r.record.accessControl = out;
}

function readKerberos(r: Reader): void {
  const kerberos = r.object("kerberos");
  if (kerberos === undefined) return;
  const key = kerberos.key;
  const id = nestedString(r, "kerberos.key.id", isJsonObject(key) ? key.id : undefined);
  if (id !== undefined) r.record.kerberos = { key: { id } };
}

/** The mobile settings' nested fields, from the field table. */
const MOBILE_PATHS = (Object.keys(APPLICATION_FIELDS) as FieldPath[]).filter((path) => path.startsWith("mobile."));

/** Judges each of mobile's nested fields by its kind, range and values in the field table. */
function readMobile(r: Reader): void {
  const mobile = r.object("mobile");
  if (mobile === undefined) return;
  const before = r.details.length;
  for (const path of MOBILE_PATHS) {
    const f = fact(path);
    // A field inside a nested object is judged only when that object is there.
    const below = path.slice("mobile.".length);
    const parentPath = below.includes(".") ? below.slice(0, below.lastIndexOf(".")) : undefined;
    if (parentPath !== undefined && !isJsonObject(valueAt(mobile, parentPath))) continue;
    const found = valueAt(mobile, below);
    const value = found === null ? undefined : found;
    if (value === undefined) {
      if (f.required) r.required(path);
      continue;
    }
    if (f.kind === "string" && typeof value !== "string") r.invalid(path, `${path} must be a string.`);
    if (f.kind === "object" && !isJsonObject(value)) r.invalid(path, `${path} must be an object.`);
    if (f.kind === "enum") nestedEnum(r, path, value);
    if (f.kind === "integer") {
      const range = f.range;
      if (typeof value !== "number" || !Number.isInteger(value)) r.invalid(path, `${path} must be an integer.`);
      else if (range && (value < range.min || value > range.max)) {
        r.details.push({
          code: DETAIL_CODES.outOfRange,
          target: path,
          message: `${path} must be between ${range.min} and ${range.max} ${range.unit}.`,
          innerError: { rangeMinimumValue: range.min, rangeMaximumValue: range.max },
        });
      }
    }
  }
  if (r.details.length === before) r.record.mobile = deepCopy(mobile);
}
