/**
 * Input validation: what PingOne itself would refuse, found before any request. Each field's own
 * facts (kind, enumeration, range, pattern, required, the application types allowed) come from
 * the field table in pingone/fields.ts; the rules between fields are written out below.
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
  APPLICATION_FIELDS,
  CORS_BEHAVIOR,
  type FieldFact,
  type FieldKind,
  GRANT_TYPE,
  RESPONSE_TYPE,
  TOKEN_ENDPOINT_AUTH_METHOD,
  UUID_PATTERN,
  WEB_URL_HTTP_HOSTS,
} from "../../pingone";
import { APPLICATION_PROPERTY_NAMES } from "./properties";
import { InputChecks, MAX_REPORTED_FAILURES, type CheckFailure } from "../kernel/check";
import { excerpt } from "../kernel/excerpt";
import { containsUnknown, isUnknown, UNKNOWN_SENTINEL, valueAt, walk, type Inputs } from "../kernel/values";

const ABSOLUTE_URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/;
const SCHEME_AUTHORITY_URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S+$/;
const FACTS = Object.entries(APPLICATION_FIELDS) as [string, FieldFact][];

/**
 * The provider's own safety bounds on an input, so that `check` (and everything after it) does
 * bounded work and no request is ever built from a runaway value. PingOne documents no such
 * limits for applications (its only documented list limit, 40 CORS origins, is in the field table),
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
  failures: MAX_REPORTED_FAILURES,
} as const;

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
function checkBounds(f: InputChecks, inputs: Inputs): Set<string> | "all" {
  const { depth: maxDepth, items: maxItems, stringLength: maxLength, totalBytes: maxBytes } = CHECK_BOUNDS;
  const keys = Object.keys(inputs);
  const beyond = new Set<string>();
  let bytes = 2;
  for (const key of keys) {
    bytes += jsonBytes(key) + 2;
    const complete = walk(inputs[key], key, ({ value, path, depth }) => {
      if (depth > maxDepth) {
        f.fail(
          path,
          `is nested deeper than ${maxDepth} levels; allowed: at most ${maxDepth} levels (the provider's own safety bound; PingOne's deepest field, accessControl.group.groups[].id, is 5 levels deep)`,
        );
        beyond.add(key);
        return "skip";
      }
      if (Array.isArray(value) || (typeof value === "object" && value !== null)) {
        const size = Array.isArray(value) ? value.length : Object.keys(value).length;
        const unit = Array.isArray(value) ? "items" : "keys";
        if (size > maxItems) {
          f.fail(path, `has ${size} ${unit}; allowed: at most ${maxItems} ${unit} (the provider's own safety bound)`);
          beyond.add(key);
          return "skip";
        }
        bytes += 2 + size;
        if (!Array.isArray(value)) for (const name of Object.keys(value)) bytes += jsonBytes(name) + 1;
      } else if (typeof value === "string" && value.length > maxLength) {
        f.fail(path, `is ${excerpt(value)}; allowed: at most ${maxLength} characters (the provider's own safety bound)`);
        beyond.add(key);
        return "skip";
      } else {
        bytes += jsonBytes(value);
      }
      return bytes > maxBytes ? "stop" : undefined;
    });
    if (!complete) {
      f.fail(key, `brings the inputs past ${maxBytes} bytes of JSON; allowed: at most ${maxBytes} bytes in all (the provider's own safety bound)`);
      return "all";
    }
  }
  return beyond;
}

function quote(values: readonly (string | number)[]): string {
  return values.join(", ");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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

/** What each URL kind of the field table allows, and the words a failure uses for it. */
const URL_KINDS: Partial<Record<FieldKind, { words: string; accepts: (value: string) => boolean }>> = {
  absoluteUri: { words: "an absolute URI (scheme:...)", accepts: (v) => parseUri(v) !== undefined },
  schemeAuthorityUri: { words: "an absolute URI (scheme://...)", accepts: (v) => parseUri(v, SCHEME_AUTHORITY_URI) !== undefined },
  webUrl: {
    words: `an https:// URL, or http:// on ${WEB_URL_HTTP_HOSTS.join(" or ")}`,
    accepts: (v) => {
      const url = parseUri(v);
      return url !== undefined && (url.protocol === "https:" || (url.protocol === "http:" && WEB_URL_HTTP_HOSTS.includes(url.hostname)));
    },
  },
  httpUrl: { words: "an http:// or https:// URL", accepts: (v) => ["http:", "https:"].includes(parseUri(v)?.protocol ?? "") },
  httpsUrl: { words: "an https:// URL", accepts: (v) => parseUri(v)?.protocol === "https:" },
};

function allowedPattern(fact: FieldFact): string {
  return fact.pattern === UUID_PATTERN ? "a PingOne resource id (UUID)" : (fact.pattern?.description ?? "");
}

/** A list entry's path: `redirectUris[2]`, `accessControl.group.groups[0].id`. */
function item(path: string, index: number, key?: string): string {
  return `${path}[${index}]${key ? `.${key}` : ""}`;
}

/**
 * Judges one value by its field's facts. `undefined` is judged only for `required`; an unknown
 * value (during preview) is never judged.
 */
function checkValue(f: InputChecks, path: string, value: unknown, fact: FieldFact, context: { parent?: string; wildcardAllowed: unknown }): void {
  if (isUnknown(value)) return;
  if (value === undefined) {
    if (fact.required) {
      const values = fact.values ? `; allowed values: ${quote(fact.values)}` : "";
      f.fail(path, `${context.parent ? `is required when ${context.parent} is set` : "is required"}${values}`);
    }
    return;
  }
  switch (fact.kind) {
    case "string":
      if (!f.string(path, value)) return;
      if (fact.nonEmpty && value.trim() === "") return f.fail(path, "must not be empty");
      if (fact.pattern && !fact.pattern.regex.test(value)) f.fail(path, `is ${excerpt(value)}; allowed: ${allowedPattern(fact)}`);
      return;
    case "boolean":
      return f.boolean(path, value);
    case "integer": {
      const range = fact.range;
      if (typeof value !== "number" || !Number.isInteger(value) || (range !== undefined && (value < range.min || value > range.max))) {
        f.fail(path, `is ${excerpt(value)}; allowed range: an integer${range ? ` from ${range.min} to ${range.max} ${range.unit}` : ""}`);
      }
      return;
    }
    case "enum":
      if (typeof value !== "string" || !(fact.values ?? []).includes(value)) f.fail(path, `is ${excerpt(value)}; allowed values: ${quote(fact.values ?? [])}`);
      return;
    case "enumSet":
      if (!Array.isArray(value)) return f.fail(path, `must be a list; allowed values: ${quote(fact.values ?? [])}`);
      if (fact.required && value.length === 0) f.fail(path, `must name at least one value; allowed values: ${quote(fact.values ?? [])}`);
      value.forEach((entry, index) => {
        if (!isUnknown(entry) && (typeof entry !== "string" || !(fact.values ?? []).includes(entry))) {
          f.fail(item(path, index), `is ${excerpt(entry)}; allowed values: ${quote(fact.values ?? [])}`);
        }
      });
      return;
    case "redirectUriSet":
    case "uriSet":
      return checkUriList(
        f,
        path,
        value,
        fact.kind === "redirectUriSet" ? ABSOLUTE_URI : SCHEME_AUTHORITY_URI,
        fact.kind === "redirectUriSet" ? context.wildcardAllowed : undefined,
      );
    case "absoluteUri":
    case "schemeAuthorityUri":
    case "webUrl":
    case "httpUrl":
    case "httpsUrl": {
      const kind = URL_KINDS[fact.kind];
      if (!f.string(path, value)) return;
      if (kind && !kind.accepts(value)) f.fail(path, `is ${excerpt(value)}; allowed: ${kind.words}`);
      return;
    }
    case "jwksText": {
      if (!f.string(path, value)) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        parsed = undefined;
      }
      if (!isRecord(parsed) || !Array.isArray(parsed.keys)) f.fail(path, `must be a JWKS document: JSON text of the form {"keys": [...]}`);
      return;
    }
    case "originSet":
      if (!Array.isArray(value)) return f.fail(path, "must be a list of origins");
      if (fact.maxItems !== undefined && value.length > fact.maxItems) f.fail(path, `has ${value.length} origins; allowed: at most ${fact.maxItems}`);
      value.forEach((origin, index) => {
        if (!isUnknown(origin) && (typeof origin !== "string" || (fact.pattern !== undefined && !fact.pattern.regex.test(origin)))) {
          f.fail(item(path, index), `is ${excerpt(origin)}; allowed: ${fact.pattern?.description ?? "an origin"}`);
        }
      });
      return;
    case "idList":
      if (!Array.isArray(value) || value.length === 0) return f.fail(path, "must list at least one as { id }");
      value.forEach((entry, index) => {
        if (isUnknown(entry)) return;
        if (!isRecord(entry)) return f.fail(item(path, index), "must be an object");
        const id = entry.id;
        if (isUnknown(id)) return;
        if (id === undefined) f.fail(item(path, index, "id"), `is required when ${path} lists an entry`);
        else if (typeof id !== "string" || !UUID_PATTERN.regex.test(id))
          f.fail(item(path, index, "id"), `is ${excerpt(id)}; allowed: a PingOne resource id (UUID)`);
      });
      return;
    case "object":
      if (!isRecord(value)) f.fail(path, "must be an object");
      return;
    case "json":
      return;
  }
}

/**
 * URI lists: each absolute, no whitespace, no fragment; in redirect URIs a `*` only when allowed,
 * at most one, and only in the path or query (PingOne "Redirect URIs").
 */
function checkUriList(f: InputChecks, path: string, value: unknown, pattern: RegExp, wildcardAllowed?: unknown): void {
  if (!Array.isArray(value)) return f.fail(path, "must be a list of absolute URIs");
  const redirect = pattern === ABSOLUTE_URI;
  value.forEach((uri, index) => {
    const property = item(path, index);
    if (isUnknown(uri)) return;
    if (!f.string(property, uri)) return;
    if (parseUri(uri.replace(/\*/g, "x"), pattern) === undefined)
      f.fail(property, `is ${excerpt(uri)}; allowed: an absolute URI (${redirect ? "scheme:..." : "scheme://..."})`);
    if (uri.includes("#")) f.fail(property, `is ${excerpt(uri)}; redirect and post-logout redirect URIs can't contain a fragment (#)`);
    const stars = uri.split("*").length - 1;
    if (!redirect || stars === 0) return;
    if (wildcardAllowed !== true && !isUnknown(wildcardAllowed)) {
      f.fail(property, `is ${excerpt(uri)}; wildcards are not allowed in redirect URIs unless allowWildcardInRedirectUris is true`);
      return;
    }
    if (stars > 1) f.fail(property, `is ${excerpt(uri)}; only one * wildcard is allowed per redirect URI`);
    const authority = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(uri)?.[1] ?? "";
    if (authority.includes("*") || /^[^:]*\*/.test(uri)) {
      f.fail(property, `is ${excerpt(uri)}; a * wildcard is allowed only in the path or query, not in the scheme, host or port`);
    }
  });
}

/** The object holding a dotted path's last key, or `undefined` when it is absent, unknown or not an object. */
function parentOf(inputs: Inputs, path: string): Record<string, unknown> | undefined {
  const parent = path.includes(".") ? valueAt(inputs, path.slice(0, path.lastIndexOf("."))) : inputs;
  return isRecord(parent) ? parent : undefined;
}

/**
 * Judges every field of the table that the inputs reach: top-level fields always, nested ones
 * when their parent object is there. `name` is the provider's to fill (auto-naming, or the
 * adopted application's own), so its absence is never PingOne's business here.
 */
function checkFieldFacts(f: InputChecks, inputs: Inputs): void {
  const type = inputs.type;
  for (const [path, fact] of FACTS) {
    const parent = parentOf(inputs, path);
    if (parent === undefined) continue;
    const key = path.slice(path.lastIndexOf(".") + 1);
    const value = parent[key];
    if (path === "name" && value === undefined) continue;
    const parentPath = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : undefined;
    checkValue(f, path, value, fact, { parent: parentPath, wildcardAllowed: inputs.allowWildcardInRedirectUris });
    // An empty list sets nothing, so it is not "for" any type (tags: [] on a web app).
    const empty = value === undefined || (Array.isArray(value) && value.length === 0);
    if (fact.appTypes && !empty && typeof type === "string" && !isUnknown(value) && !fact.appTypes.includes(type as never)) {
      f.fail(path, `is allowed only for type ${quote(fact.appTypes)}, not ${excerpt(type)}`);
    }
  }
}

/**
 * Validates checked inputs (defaults already applied). Returns failures; empty means PingOne
 * would accept the application as far as its documented rules go.
 */
export function validateInputs(news: Inputs, resourceLabel: string, olds: Inputs = {}): CheckFailure[] {
  const shape = checkInputShape(news, resourceLabel);
  if (shape) return [shape];
  const f = new InputChecks(resourceLabel);
  const beyond = checkBounds(f, news);
  if (beyond === "all") return f.list();
  // A property beyond the bounds is judged no further: the rules below skip it as they skip an unknown.
  const inputs: Inputs = { ...news };
  for (const key of beyond) inputs[key] = UNKNOWN_SENTINEL;

  f.knownProperties(inputs, "pingone:Application", APPLICATION_PROPERTY_NAMES);
  checkProviderProperties(f, inputs);
  checkFieldFacts(f, inputs);
  checkCrossFieldRules(f, inputs, olds);
  return f.list();
}

/** The provider's own properties: the environment, adoption, and whether the secret is exposed. */
function checkProviderProperties(f: InputChecks, inputs: Inputs): void {
  f.environmentId(inputs.environmentId);
  f.uuid("adoptId", inputs.adoptId, "the id (UUID) of an existing application");
  f.boolean("exposeSecret", inputs.exposeSecret);
}

/** PingOne's rules between fields. */
function checkCrossFieldRules(f: InputChecks, inputs: Inputs, olds: Inputs): void {
  // PingOne cannot clear these, so an update keeps the previous value of one the program dropped:
  // compare what the PUT will carry.
  const duration = inputs.refreshTokenDuration ?? olds.refreshTokenDuration;
  const rolling = inputs.refreshTokenRollingDuration ?? olds.refreshTokenRollingDuration;
  if (typeof duration === "number" && typeof rolling === "number" && duration > rolling) {
    const kept = inputs.refreshTokenRollingDuration === undefined ? " (kept from the previous deployment: PingOne cannot clear it)" : "";
    f.fail(
      "refreshTokenDuration",
      `is ${duration}, greater than refreshTokenRollingDuration (${rolling}${kept}); it must be at most refreshTokenRollingDuration`,
    );
  }
  if (inputs.requireSignedRequestObject === true && inputs.supportUnsignedRequestObject === true) {
    f.fail("requireSignedRequestObject", "and supportUnsignedRequestObject cannot both be true");
  }
  const grants = inputs.grantTypes;
  const responses = inputs.responseTypes;
  if (Array.isArray(grants) && grants.includes(GRANT_TYPE.IMPLICIT) && !containsUnknown(responses)) {
    const list = Array.isArray(responses) ? responses : [];
    if (!list.includes(RESPONSE_TYPE.TOKEN) && !list.includes(RESPONSE_TYPE.ID_TOKEN)) {
      f.fail("responseTypes", "must include TOKEN or ID_TOKEN (or both) when grantTypes includes IMPLICIT");
    }
  }
  const { jwks, jwksUrl } = inputs;
  if (jwks !== undefined && jwksUrl !== undefined && !isUnknown(jwks) && !isUnknown(jwksUrl)) f.fail("jwks", "and jwksUrl cannot both be set; set only one");
  if (inputs.tokenEndpointAuthMethod === TOKEN_ENDPOINT_AUTH_METHOD.PRIVATE_KEY_JWT && jwks === undefined && jwksUrl === undefined) {
    f.fail("tokenEndpointAuthMethod", "is PRIVATE_KEY_JWT, which needs the client's keys: set jwks or jwksUrl");
  }
  const cors = inputs.corsSettings;
  if (isRecord(cors) && !isUnknown(cors.origins) && !isUnknown(cors.behavior)) {
    const { behavior, origins } = cors;
    if (behavior === CORS_BEHAVIOR.ALLOW_SPECIFIC_ORIGINS && (!Array.isArray(origins) || origins.length === 0)) {
      f.fail("corsSettings.origins", "is required (at least one origin) when behavior is ALLOW_SPECIFIC_ORIGINS");
    }
    if (behavior === CORS_BEHAVIOR.ALLOW_NO_ORIGINS && Array.isArray(origins) && origins.length > 0) {
      f.fail("corsSettings.origins", "must be empty when behavior is ALLOW_NO_ORIGINS");
    }
  }
  const mobile = inputs.mobile;
  if (
    isRecord(mobile) &&
    !isUnknown(mobile.huaweiAppId) &&
    !isUnknown(mobile.huaweiPackageName) &&
    (mobile.huaweiAppId === undefined) !== (mobile.huaweiPackageName === undefined)
  ) {
    f.fail("mobile.huaweiAppId", "and mobile.huaweiPackageName must be set together");
  }
}
