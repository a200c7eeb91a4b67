/**
 * Input validation: what PingOne itself would refuse (reference §3), found before any request.
 * Insecure but valid settings (an SPA without PKCE, http://localhost redirects...) pass here:
 * they are the policy pack's job.
 *
 * Values that are unknown during preview (the engine's sentinel) are skipped, never judged.
 *
 * The work per input is bounded: before any rule runs, one iterative pass measures the input
 * against CHECK_BOUNDS, and a property beyond them is reported and then judged no further. Every
 * echoed value goes through `excerpt`, and at most CHECK_BOUNDS.failures failures are reported.
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
  SIGNING_APPLICATION_TYPES,
  TOKEN_ENDPOINT_AUTH_METHODS,
  type NumericField,
} from "./model";
import { APPLICATION_PROPERTY_NAMES } from "./properties";
import { containsUnknown, excerpt, INTERNAL_INPUT_KEYS, isUnknown, UNKNOWN_SENTINEL, walk, type Inputs } from "./values";

export interface CheckFailure {
  property: string;
  reason: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ABSOLUTE_URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/;
const SCHEME_AUTHORITY_URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S+$/;
/** CORS origin pattern (TFP `cors_settings.origins` validator, mirroring PingOne's rule). */
const CORS_ORIGIN = /^(https?:\/\/)?(localhost|\d{1,3}(\.\d{1,3}){3}|([*a-zA-Z0-9-]+\.)+[a-zA-Z]{2,})(:\d{1,5})?$/;
const KNOWN_PROPERTIES = new Set<string>([...APPLICATION_PROPERTY_NAMES, ...INTERNAL_INPUT_KEYS]);

/**
 * The provider's own safety bounds on an input, so that `check` (and everything after it) does
 * bounded work and no request is ever built from a runaway value. PingOne documents no such
 * limits for applications (its only documented list limit, 40 CORS origins, is MAX_CORS_ORIGINS),
 * so each is set far beyond any real application: a typical one is about 2 KB of JSON.
 */
export const CHECK_BOUNDS = {
  /**
   * Path segments from a property down to a value. PingOne's deepest application field,
   * `accessControl.group.groups[].id`, has 5 (accessControl, group, groups, [i], id); 8 leaves a margin.
   */
  depth: 8,
  /** Items in one list, or keys in one object (redirect URIs, groups...). */
  items: 1000,
  /** Characters in one string (the longest real one is `jwks`: about 400 per RSA key, plus about 1,500 per x5c certificate). */
  stringLength: 100_000,
  /** The whole input as JSON, in bytes (some 250 times a typical application). */
  totalBytes: 512 * 1024,
  /** Failures reported per check; the rest are counted in one last failure. */
  failures: 50,
} as const;

/** Longest property path a failure names in full. */
const MAX_PROPERTY_LENGTH = 300;

/** The property a failure of the input as a whole names. */
export const WHOLE_INPUT = "inputs";

/**
 * What must hold before the inputs are even copied: an object of properties, with at most
 * CHECK_BOUNDS.items of them (copying an object of a million keys takes seconds on its own).
 * Returns the failure, or undefined.
 */
export function checkInputShape(news: unknown, resourceLabel: string): CheckFailure | undefined {
  let problem: string | undefined;
  if (typeof news !== "object" || news === null || Array.isArray(news)) {
    problem = `must be an object of properties, got ${Array.isArray(news) ? "a list" : news === null ? "null" : typeof news}`;
  } else {
    const count = Object.keys(news).length;
    if (count > CHECK_BOUNDS.items) {
      problem = `have ${count} properties; allowed: at most ${CHECK_BOUNDS.items} (the provider's own safety bound; pingone:Application has ${APPLICATION_PROPERTY_NAMES.length})`;
    }
  }
  return problem === undefined ? undefined : { property: WHOLE_INPUT, reason: `${resourceLabel}: ${WHOLE_INPUT} ${problem}` };
}

/** Collects failures with the resource's name in every reason, keeping at most CHECK_BOUNDS.failures. */
class Failures {
  private readonly kept: CheckFailure[] = [];
  private omitted = 0;
  private firstOmitted = "";
  constructor(private readonly resource: string) {}

  add(path: string, problem: string): void {
    // An empty key is a name too (`{ "": 1 }`): quoted, so that the failure still names it.
    const property = path === "" ? '""' : path.length > MAX_PROPERTY_LENGTH ? `${path.slice(0, MAX_PROPERTY_LENGTH)}…` : path;
    if (this.kept.length < CHECK_BOUNDS.failures) {
      this.kept.push({ property, reason: `${this.resource}: ${property} ${problem}` });
    } else {
      if (this.omitted === 0) this.firstOmitted = property;
      this.omitted++;
    }
  }

  list(): CheckFailure[] {
    if (this.omitted === 0) return this.kept;
    const more = `and ${this.omitted} more failures, starting with ${this.firstOmitted} (check reports at most ${CHECK_BOUNDS.failures})`;
    return [...this.kept, { property: this.firstOmitted, reason: `${this.resource}: ${more}` }];
  }
}

/** JSON size of a scalar or of one object key, in bytes (UTF-8, escapes included). */
function jsonBytes(value: unknown): number {
  if (typeof value === "string") return Buffer.byteLength(JSON.stringify(value));
  return String(value).length;
}

/**
 * Measures the input against CHECK_BOUNDS in one pass without recursion. Returns the top-level
 * properties that exceed a bound (reported here and to be judged no further), or "all" when the
 * input as a whole is too large to judge at all.
 */
function checkBounds(f: Failures, inputs: Inputs): Set<string> | "all" {
  const { depth: maxDepth, items: maxItems, stringLength: maxLength, totalBytes: maxBytes } = CHECK_BOUNDS;
  const keys = Object.keys(inputs);
  const beyond = new Set<string>();
  let bytes = 2;
  for (const key of keys) {
    bytes += jsonBytes(key) + 2;
    const complete = walk(inputs[key], key, ({ value, path, depth }) => {
      if (depth > maxDepth) {
        f.add(path, `is nested deeper than ${maxDepth} levels; allowed: at most ${maxDepth} levels (the provider's own safety bound; PingOne's deepest field, accessControl.group.groups[].id, is 5 levels deep)`);
        beyond.add(key);
        return "skip";
      }
      if (Array.isArray(value) || (typeof value === "object" && value !== null)) {
        const size = Array.isArray(value) ? value.length : Object.keys(value).length;
        const unit = Array.isArray(value) ? "items" : "keys";
        if (size > maxItems) {
          f.add(path, `has ${size} ${unit}; allowed: at most ${maxItems} ${unit} (the provider's own safety bound)`);
          beyond.add(key);
          return "skip";
        }
        bytes += 2 + size;
        if (!Array.isArray(value)) for (const name of Object.keys(value)) bytes += jsonBytes(name) + 1;
      } else if (typeof value === "string" && value.length > maxLength) {
        f.add(path, `is ${excerpt(value)}; allowed: at most ${maxLength} characters (the provider's own safety bound)`);
        beyond.add(key);
        return "skip";
      } else {
        bytes += jsonBytes(value);
      }
      return bytes > maxBytes ? "stop" : undefined;
    });
    if (!complete) {
      f.add(key, `brings the inputs past ${maxBytes} bytes of JSON; allowed: at most ${maxBytes} bytes in all (the provider's own safety bound)`);
      return "all";
    }
  }
  return beyond;
}

function quote(values: readonly string[]): string {
  return values.join(", ");
}

function checkEnum(f: Failures, property: string, value: unknown, allowed: readonly string[]): void {
  if (value === undefined || isUnknown(value)) return;
  if (typeof value !== "string" || !allowed.includes(value)) {
    f.add(property, `is ${excerpt(value)}; allowed values: ${quote(allowed)}`);
  }
}

function checkEnumSet(f: Failures, property: string, value: unknown, allowed: readonly string[], required: boolean): void {
  if (isUnknown(value)) return;
  if (value === undefined) {
    if (required) f.add(property, `is required; allowed values: ${quote(allowed)}`);
    return;
  }
  if (!Array.isArray(value)) {
    f.add(property, `must be a list; allowed values: ${quote(allowed)}`);
    return;
  }
  if (required && value.length === 0) f.add(property, `must name at least one value; allowed values: ${quote(allowed)}`);
  value.forEach((item, index) => checkEnum(f, `${property}[${index}]`, item, allowed));
}

function checkBoolean(f: Failures, property: string, value: unknown): void {
  if (value === undefined || isUnknown(value)) return;
  if (typeof value !== "boolean") f.add(property, `is ${excerpt(value)}; allowed values: true, false`);
}

function checkString(f: Failures, property: string, value: unknown, options: { nonEmpty?: boolean } = {}): value is string {
  if (value === undefined || isUnknown(value)) return false;
  if (typeof value !== "string") {
    f.add(property, `must be a string, got ${excerpt(value)}`);
    return false;
  }
  if (options.nonEmpty && value.trim() === "") {
    f.add(property, "must not be empty");
    return false;
  }
  return true;
}

function checkRange(f: Failures, property: NumericField, value: unknown): void {
  if (value === undefined || isUnknown(value)) return;
  const { min, max, unit } = NUMERIC_RANGES[property];
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    f.add(property, `is ${excerpt(value)}; allowed range: an integer from ${min} to ${max} ${unit}`);
  }
}

/**
 * A URI PingOne can store: of the given form, no whitespace, and one a URL parser accepts
 * (`https://` alone, or `https://[`, has the form but names no host). Returns it parsed, or undefined.
 */
function parseUri(value: string, pattern: RegExp = ABSOLUTE_URI): URL | undefined {
  if (!pattern.test(value) || /\s/.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** `https://`, or `http://` only on localhost / 127.0.0.1 (reference §3a, home/login/initiate URLs). */
function checkWebUrl(f: Failures, property: string, value: unknown): void {
  if (!checkString(f, property, value)) return;
  const url = parseUri(value);
  const ok = url !== undefined && (url.protocol === "https:" || (url.protocol === "http:" && ["localhost", "127.0.0.1"].includes(url.hostname)));
  if (!ok) f.add(property, `is ${excerpt(value)}; allowed: an https:// URL, or http:// on localhost or 127.0.0.1`);
}

function checkAbsoluteUri(f: Failures, property: string, value: unknown, pattern: RegExp = ABSOLUTE_URI): void {
  if (!checkString(f, property, value)) return;
  if (parseUri(value, pattern) === undefined) {
    f.add(property, `is ${excerpt(value)}; allowed: an absolute URI (${pattern === ABSOLUTE_URI ? "scheme:..." : "scheme://..."})`);
  }
}

/** Redirect URIs: absolute, no fragment, at most one `*` and only in path or query, and only when allowed (PingOne "Redirect URIs"). */
function checkRedirectUris(f: Failures, value: unknown, wildcardAllowed: unknown): void {
  if (value === undefined || isUnknown(value)) return;
  if (!Array.isArray(value)) {
    f.add("redirectUris", "must be a list of absolute URIs");
    return;
  }
  value.forEach((uri, index) => {
    const property = `redirectUris[${index}]`;
    if (isUnknown(uri)) return;
    checkAbsoluteUri(f, property, uri);
    if (typeof uri !== "string") return;
    checkNoFragment(f, property, uri);
    const stars = uri.split("*").length - 1;
    if (stars === 0) return;
    if (wildcardAllowed !== true && !isUnknown(wildcardAllowed)) {
      f.add(property, `is ${excerpt(uri)}; wildcards are not allowed in redirect URIs unless allowWildcardInRedirectUris is true`);
      return;
    }
    if (stars > 1) f.add(property, `is ${excerpt(uri)}; only one * wildcard is allowed per redirect URI`);
    const authority = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(uri)?.[1] ?? "";
    if (authority.includes("*") || /^[^:]*\*/.test(uri)) {
      f.add(property, `is ${excerpt(uri)}; a * wildcard is allowed only in the path or query, not in the scheme, host or port`);
    }
  });
}

/** PingOne refuses a fragment (`#`) in redirect and post-logout redirect URIs alike. */
function checkNoFragment(f: Failures, property: string, uri: string): void {
  if (uri.includes("#")) f.add(property, `is ${excerpt(uri)}; redirect and post-logout redirect URIs can't contain a fragment (#)`);
}

/** Post-logout redirect URIs: `scheme://...`, no fragment. */
function checkPostLogoutRedirectUris(f: Failures, value: unknown): void {
  const property = "postLogoutRedirectUris";
  if (value === undefined || isUnknown(value)) return;
  if (!Array.isArray(value)) {
    f.add(property, "must be a list of absolute URIs");
    return;
  }
  value.forEach((uri, index) => {
    checkAbsoluteUri(f, `${property}[${index}]`, uri, SCHEME_AUTHORITY_URI);
    if (typeof uri === "string") checkNoFragment(f, `${property}[${index}]`, uri);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkObject(f: Failures, property: string, value: unknown): value is Record<string, unknown> {
  if (value === undefined || isUnknown(value)) return false;
  if (!isRecord(value)) {
    f.add(property, "must be an object");
    return false;
  }
  return true;
}

function checkCors(f: Failures, value: unknown): void {
  if (!checkObject(f, "corsSettings", value)) return;
  const { behavior, origins } = value;
  if (behavior === undefined) f.add("corsSettings.behavior", `is required; allowed values: ${quote(CORS_BEHAVIORS)}`);
  checkEnum(f, "corsSettings.behavior", behavior, CORS_BEHAVIORS);
  if (isUnknown(origins) || isUnknown(behavior)) return;
  if (behavior === "ALLOW_SPECIFIC_ORIGINS" && (!Array.isArray(origins) || origins.length === 0)) {
    f.add("corsSettings.origins", "is required (at least one origin) when behavior is ALLOW_SPECIFIC_ORIGINS");
  }
  if (behavior === "ALLOW_NO_ORIGINS" && Array.isArray(origins) && origins.length > 0) {
    f.add("corsSettings.origins", "must be empty when behavior is ALLOW_NO_ORIGINS");
  }
  if (origins === undefined) return;
  if (!Array.isArray(origins)) {
    f.add("corsSettings.origins", "must be a list of origins");
    return;
  }
  if (origins.length > MAX_CORS_ORIGINS) f.add("corsSettings.origins", `has ${origins.length} origins; allowed: at most ${MAX_CORS_ORIGINS}`);
  origins.forEach((origin, index) => {
    if (isUnknown(origin)) return;
    if (typeof origin !== "string" || !CORS_ORIGIN.test(origin)) {
      f.add(`corsSettings.origins[${index}]`, `is ${excerpt(origin)}; allowed: http(s)://host[:port] with no path (host: a domain, localhost or an IPv4 address; * allowed in subdomains)`);
    }
  });
}

function checkJwks(f: Failures, inputs: Inputs): void {
  const { jwks, jwksUrl, tokenEndpointAuthMethod: method } = inputs;
  if (checkString(f, "jwks", jwks)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(jwks);
    } catch {
      parsed = undefined;
    }
    if (!isRecord(parsed) || !Array.isArray(parsed.keys)) f.add("jwks", `must be a JWKS document: JSON text of the form {"keys": [...]}`);
  }
  if (checkString(f, "jwksUrl", jwksUrl) && parseUri(jwksUrl)?.protocol !== "https:") {
    f.add("jwksUrl", `is ${excerpt(jwksUrl)}; allowed: an https:// URL`);
  }
  if (jwks !== undefined && jwksUrl !== undefined && !isUnknown(jwks) && !isUnknown(jwksUrl)) f.add("jwks", "and jwksUrl cannot both be set; set only one");
  if (method === "PRIVATE_KEY_JWT" && jwks === undefined && jwksUrl === undefined) {
    f.add("tokenEndpointAuthMethod", "is PRIVATE_KEY_JWT, which needs the client's keys: set jwks or jwksUrl");
  }
}

/**
 * The id of another PingOne resource (key rotation policy, image, key, group): required where
 * noted, and a UUID, as every PingOne resource id is, so anything else names nothing PingOne holds.
 * The Terraform provider requires each to be "a valid PingOne Resource ID"
 * (https://registry.terraform.io/providers/pingidentity/pingone/latest/docs/resources/application).
 */
function checkResourceId(f: Failures, property: string, value: unknown, requiredWhen: string): void {
  if (isUnknown(value)) return;
  if (value === undefined) f.add(property, `is required when ${requiredWhen}`);
  else if (typeof value !== "string" || !UUID.test(value)) f.add(property, `is ${excerpt(value)}; allowed: a PingOne resource id (UUID)`);
}

function checkNestedObjects(f: Failures, inputs: Inputs): void {
  const type = inputs.type;
  const known = (t: unknown): boolean => !isUnknown(t) && t !== undefined;
  if (checkObject(f, "signing", inputs.signing)) {
    if (known(type) && !(SIGNING_APPLICATION_TYPES as readonly unknown[]).includes(type)) {
      f.add("signing", `is not allowed for type ${excerpt(type)}; allowed for: ${quote(SIGNING_APPLICATION_TYPES)}`);
    }
    // PingOne's API says of keyRotationPolicy and its id: "This property is required if `signing` is set"
    // (https://github.com/patrickcping/pingone-go-sdk-v2/blob/main/management/model_application_oidc_all_of_signing_key_rotation_policy.go).
    const policy = inputs.signing.keyRotationPolicy;
    if (policy === undefined) f.add("signing.keyRotationPolicy", "is required when signing is set: { id: <key rotation policy id> }");
    if (checkObject(f, "signing.keyRotationPolicy", policy)) checkResourceId(f, "signing.keyRotationPolicy.id", policy.id, "signing is set");
  }
  if (checkObject(f, "icon", inputs.icon)) {
    checkResourceId(f, "icon.id", inputs.icon.id, "icon is set");
    if (inputs.icon.href === undefined) f.add("icon.href", "is required when icon is set");
    checkWebUrlOrHttp(f, "icon.href", inputs.icon.href);
  }
  if (checkObject(f, "accessControl", inputs.accessControl)) {
    const { role, group } = inputs.accessControl;
    // PingOne's API schema requires `type` in `role`, and `type` and `groups` in `group`
    // (https://github.com/patrickcping/pingone-go-sdk-v2/blob/main/management/generate/pingone-management.yml, `Application.accessControl`).
    if (checkObject(f, "accessControl.role", role)) {
      if (role.type === undefined) f.add("accessControl.role.type", `is required when accessControl.role is set; allowed values: ${quote(ACCESS_CONTROL_ROLE_TYPES)}`);
      checkEnum(f, "accessControl.role.type", role.type, ACCESS_CONTROL_ROLE_TYPES);
    }
    if (checkObject(f, "accessControl.group", group)) {
      checkEnum(f, "accessControl.group.type", group.type, ACCESS_CONTROL_GROUP_TYPES);
      if (group.type === undefined) f.add("accessControl.group.type", `is required; allowed values: ${quote(ACCESS_CONTROL_GROUP_TYPES)}`);
      if (!isUnknown(group.groups) && (!Array.isArray(group.groups) || group.groups.length === 0)) {
        f.add("accessControl.group.groups", "must list at least one group as { id }");
      } else if (Array.isArray(group.groups)) {
        group.groups.forEach((item, index) => {
          const property = `accessControl.group.groups[${index}]`;
          if (checkObject(f, property, item)) checkResourceId(f, `${property}.id`, item.id, "a group is listed");
        });
      }
    }
  }
  if (checkObject(f, "kerberos", inputs.kerberos)) {
    if (known(type) && type !== "NATIVE_APP") f.add("kerberos", `is allowed only for type NATIVE_APP, not ${excerpt(type)}`);
    const key = inputs.kerberos.key;
    if (checkObject(f, "kerberos.key", key)) checkResourceId(f, "kerberos.key.id", key.id, "kerberos is set");
    else if (key === undefined) f.add("kerberos.key", "is required when kerberos is set");
  }
  if (checkObject(f, "mobile", inputs.mobile)) {
    const mobile = inputs.mobile;
    if (known(type) && type !== "NATIVE_APP") f.add("mobile", `is allowed only for type NATIVE_APP, not ${excerpt(type)}`);
    for (const key of ["bundleId", "packageName", "huaweiAppId", "huaweiPackageName", "uriPrefix"]) checkString(f, `mobile.${key}`, mobile[key]);
    if (!isUnknown(mobile.huaweiAppId) && !isUnknown(mobile.huaweiPackageName) && (mobile.huaweiAppId === undefined) !== (mobile.huaweiPackageName === undefined)) {
      f.add("mobile.huaweiAppId", "and mobile.huaweiPackageName must be set together");
    }
    const refresh = mobile.passcodeRefreshDuration;
    if (checkObject(f, "mobile.passcodeRefreshDuration", refresh)) {
      const d = refresh.duration;
      if (!isUnknown(d) && (typeof d !== "number" || !Number.isInteger(d) || d < 30 || d > 60)) {
        f.add("mobile.passcodeRefreshDuration.duration", `is ${excerpt(d)}; allowed range: an integer from 30 to 60 seconds`);
      }
      checkEnum(f, "mobile.passcodeRefreshDuration.timeUnit", refresh.timeUnit ?? "SECONDS", ["SECONDS"]);
    }
  }
}

function checkWebUrlOrHttp(f: Failures, property: string, value: unknown): void {
  if (!checkString(f, property, value)) return;
  if (!["http:", "https:"].includes(parseUri(value)?.protocol ?? "")) f.add(property, `is ${excerpt(value)}; allowed: an http:// or https:// URL`);
}

/**
 * Validates checked inputs (defaults already applied). Returns failures; empty means PingOne
 * would accept the application as far as its documented rules go.
 */
export function validateInputs(news: Inputs, resourceLabel: string, olds: Inputs = {}): CheckFailure[] {
  const shape = checkInputShape(news, resourceLabel);
  if (shape) return [shape];
  const f = new Failures(resourceLabel);
  const beyond = checkBounds(f, news);
  if (beyond === "all") return f.list();
  // A property beyond the bounds is judged no further: the rules below skip it as they skip an unknown.
  const inputs: Inputs = { ...news };
  for (const key of beyond) inputs[key] = UNKNOWN_SENTINEL;

  for (const key of Object.keys(inputs)) {
    if (!KNOWN_PROPERTIES.has(key)) f.add(key, `is not a property of pingone:Application; allowed properties: ${quote(APPLICATION_PROPERTY_NAMES)}`);
  }

  if (inputs.environmentId === undefined) {
    f.add("environmentId", "is required: set the environmentId argument, stack config pingone:environmentId, or PINGONE_ENVIRONMENT_ID");
  } else if (checkString(f, "environmentId", inputs.environmentId) && !UUID.test(inputs.environmentId)) {
    f.add("environmentId", `is ${excerpt(inputs.environmentId)}; allowed: a PingOne environment id (UUID)`);
  }
  checkString(f, "name", inputs.name, { nonEmpty: true });
  if (checkString(f, "adoptId", inputs.adoptId) && !UUID.test(inputs.adoptId)) {
    f.add("adoptId", `is ${excerpt(inputs.adoptId)}; allowed: the id (UUID) of an existing application`);
  }
  checkString(f, "description", inputs.description);
  if (inputs.type === undefined) f.add("type", `is required; allowed values: ${quote(APPLICATION_TYPES)}`);
  checkEnum(f, "type", inputs.type, APPLICATION_TYPES);
  checkEnum(f, "protocol", inputs.protocol, PROTOCOLS);
  checkEnumSet(f, "grantTypes", inputs.grantTypes, GRANT_TYPES, true);
  checkEnumSet(f, "responseTypes", inputs.responseTypes, RESPONSE_TYPES, false);
  if (inputs.tokenEndpointAuthMethod === undefined) {
    f.add("tokenEndpointAuthMethod", `is required; allowed values: ${quote(TOKEN_ENDPOINT_AUTH_METHODS)}`);
  }
  checkEnum(f, "tokenEndpointAuthMethod", inputs.tokenEndpointAuthMethod, TOKEN_ENDPOINT_AUTH_METHODS);
  checkEnum(f, "pkceEnforcement", inputs.pkceEnforcement, PKCE_ENFORCEMENTS);
  checkEnum(f, "parRequirement", inputs.parRequirement, PAR_REQUIREMENTS);
  checkEnum(f, "refreshTokenType", inputs.refreshTokenType, REFRESH_TOKEN_TYPES);
  checkEnumSet(f, "tags", inputs.tags, APPLICATION_TAGS, false);
  if (Array.isArray(inputs.tags) && inputs.tags.length > 0 && inputs.type !== undefined && !isUnknown(inputs.type) && inputs.type !== "WORKER") {
    f.add("tags", `are only applicable to WORKER applications, not ${excerpt(inputs.type)}`);
  }
  for (const property of Object.keys(NUMERIC_RANGES) as NumericField[]) checkRange(f, property, inputs[property]);
  for (const property of [
    "enabled",
    "allowWildcardInRedirectUris",
    "additionalRefreshTokenReplayProtectionEnabled",
    "hiddenFromAppPortal",
    "requireSignedRequestObject",
    "supportUnsignedRequestObject",
    "idpSignoff",
    "includeX5t",
    "opSessionCheckEnabled",
    "requestScopesForMultipleResourcesEnabled",
    "assignActorRoles",
    "exposeSecret",
  ]) {
    checkBoolean(f, property, inputs[property]);
  }

  // PingOne cannot clear these, so an update keeps the previous value of one the program dropped:
  // compare what the PUT will carry.
  const duration = inputs.refreshTokenDuration ?? olds.refreshTokenDuration;
  const rolling = inputs.refreshTokenRollingDuration ?? olds.refreshTokenRollingDuration;
  if (typeof duration === "number" && typeof rolling === "number" && duration > rolling) {
    const kept = inputs.refreshTokenRollingDuration === undefined ? " (kept from the previous deployment: PingOne cannot clear it)" : "";
    f.add("refreshTokenDuration", `is ${duration}, greater than refreshTokenRollingDuration (${rolling}${kept}); it must be at most refreshTokenRollingDuration`);
  }
  if (inputs.requireSignedRequestObject === true && inputs.supportUnsignedRequestObject === true) {
    f.add("requireSignedRequestObject", "and supportUnsignedRequestObject cannot both be true");
  }
  const grants = inputs.grantTypes;
  const responses = inputs.responseTypes;
  if (Array.isArray(grants) && grants.includes("IMPLICIT") && !containsUnknown(responses)) {
    const list = Array.isArray(responses) ? responses : [];
    if (!list.includes("TOKEN") && !list.includes("ID_TOKEN")) {
      f.add("responseTypes", "must include TOKEN or ID_TOKEN (or both) when grantTypes includes IMPLICIT");
    }
  }

  checkRedirectUris(f, inputs.redirectUris, inputs.allowWildcardInRedirectUris);
  checkPostLogoutRedirectUris(f, inputs.postLogoutRedirectUris);
  checkWebUrl(f, "homePageUrl", inputs.homePageUrl);
  checkWebUrl(f, "loginPageUrl", inputs.loginPageUrl);
  checkWebUrl(f, "initiateLoginUri", inputs.initiateLoginUri);
  checkAbsoluteUri(f, "targetLinkUri", inputs.targetLinkUri, SCHEME_AUTHORITY_URI);
  checkAbsoluteUri(f, "deviceCustomVerificationUri", inputs.deviceCustomVerificationUri, SCHEME_AUTHORITY_URI);
  if (checkString(f, "devicePathId", inputs.devicePathId) && !DEVICE_PATH_ID_PATTERN.test(inputs.devicePathId)) {
    f.add("devicePathId", `is ${excerpt(inputs.devicePathId)}; allowed: 1 to 50 characters of a-z, A-Z, 0-9, _ and -`);
  }
  checkJwks(f, inputs);
  checkCors(f, inputs.corsSettings);
  checkNestedObjects(f, inputs);
  return f.list();
}
