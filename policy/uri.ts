/**
 * URI classification for redirect and post-logout URIs.
 *
 * Deliberately not WHATWG `URL`: that parser normalises (lowercases, strips, percent-decodes) and
 * rejects some forms, which would hide exactly what the rules must see, such as an uppercase
 * scheme, a relative reference or a userinfo trick. This is a small RFC 3986 (§3) splitter
 * instead: scheme, authority (userinfo, host, port), path, query, fragment, kept as written,
 * plus lowercased copies of scheme and host because every security check compares those
 * (RFC 3986 §3.1 and §3.2.2 make them case-insensitive). See the docs/oauth-client-rules.md §3 "URI parsing".
 */

/** RFC 3986 §3.1: `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`, followed by ":". */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * Hosts that count as loopback, matched exactly after lowercasing and stripping IPv6 brackets.
 * Conservative on purpose (docs/oauth-client-rules.md §3): `127.0.0.2`, `localhost.` and `*.localhost` are not in
 * the set, so an `http://` URI on them fails the cleartext rule. Teams can add hosts through the
 * rules' `extraLoopbackHosts` parameter.
 */
export const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "::1", "localhost"];

/** The loopback IP literals RFC 8252 §7.3 names; the alternative to the name `localhost`. */
export const LOOPBACK_IP_LITERALS: readonly string[] = ["127.0.0.1", "::1"];

/** Schemes that run code or read local data in a user agent; never a redirect target (R24). */
export const DANGEROUS_SCHEMES: readonly string[] = ["javascript", "data", "vbscript", "file", "blob"];

/** A URI split into its RFC 3986 components, as written. */
export interface ParsedUri {
  /** The URI exactly as registered. */
  readonly raw: string;
  /** The scheme as written, or `undefined` for a relative reference (no valid scheme). */
  readonly scheme?: string;
  /** The scheme lowercased: what every security check compares. */
  readonly schemeLower?: string;
  /** The authority (after `//`), or `undefined` when the URI has none (`com.example.app:/cb`). */
  readonly authority?: string;
  /** The userinfo before the last `@` of the authority, if any. */
  readonly userinfo?: string;
  /** The host as written, IPv6 brackets stripped; `""` when the authority has no host. */
  readonly host?: string;
  /** The host lowercased. */
  readonly hostLower?: string;
  /** The port text after the host's `:`, if any (may be `*` or non-numeric: it is not validated). */
  readonly port?: string;
  /** The path (may be empty). */
  readonly path: string;
  /** The query without `?`, if a `?` is present. */
  readonly query?: string;
  /** The fragment without `#`, if a `#` is present (even an empty one). */
  readonly fragment?: string;
}

/** Splits a URI into components (RFC 3986 §3 generic syntax), without normalising anything. */
export function parseUri(raw: string): ParsedUri {
  const hashAt = raw.indexOf("#");
  const fragment = hashAt >= 0 ? raw.slice(hashAt + 1) : undefined;
  const beforeFragment = hashAt >= 0 ? raw.slice(0, hashAt) : raw;
  const queryAt = beforeFragment.indexOf("?");
  const query = queryAt >= 0 ? beforeFragment.slice(queryAt + 1) : undefined;
  const hierPart = queryAt >= 0 ? beforeFragment.slice(0, queryAt) : beforeFragment;

  const schemeMatch = SCHEME.exec(hierPart);
  const scheme = schemeMatch?.[1];
  const afterScheme = scheme === undefined ? hierPart : hierPart.slice(scheme.length + 1);

  if (!afterScheme.startsWith("//")) {
    return { raw, scheme, schemeLower: scheme?.toLowerCase(), path: afterScheme, query, fragment };
  }
  const rest = afterScheme.slice(2);
  const slashAt = rest.indexOf("/");
  const authority = slashAt >= 0 ? rest.slice(0, slashAt) : rest;
  const path = slashAt >= 0 ? rest.slice(slashAt) : "";

  // RFC 3986 §3.2.1: userinfo ends at "@". The last "@" is used, as browsers do, so that
  // `https://rp.example.com@evil.example/cb` yields the host the browser would contact.
  const atAt = authority.lastIndexOf("@");
  const userinfo = atAt >= 0 ? authority.slice(0, atAt) : undefined;
  const hostPort = atAt >= 0 ? authority.slice(atAt + 1) : authority;

  let host: string;
  let port: string | undefined;
  if (hostPort.startsWith("[")) {
    // RFC 3986 §3.2.2 IP-literal: the brackets delimit the IPv6 address, they are not part of it.
    const close = hostPort.indexOf("]");
    if (close < 0) {
      host = hostPort;
    } else {
      host = hostPort.slice(1, close);
      const after = hostPort.slice(close + 1);
      port = after.startsWith(":") ? after.slice(1) : undefined;
    }
  } else {
    const colonAt = hostPort.indexOf(":");
    host = colonAt >= 0 ? hostPort.slice(0, colonAt) : hostPort;
    port = colonAt >= 0 ? hostPort.slice(colonAt + 1) : undefined;
  }
  return {
    raw,
    scheme,
    schemeLower: scheme?.toLowerCase(),
    authority,
    userinfo,
    host,
    hostLower: host.toLowerCase(),
    port,
    path,
    query,
    fragment,
  };
}

/** The loopback set, extended by a rule's `extraLoopbackHosts` (lowercased, brackets stripped). */
export function loopbackHosts(extra: readonly string[] = []): ReadonlySet<string> {
  const normalised = extra
    .map((h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/^\[(.*)\]$/, "$1"),
    )
    .filter((h) => h !== "");
  return new Set([...LOOPBACK_HOSTS, ...normalised]);
}

/**
 * Whether the URI's host is a loopback host. A backslash in the authority makes the host
 * ambiguous (WHATWG parsers treat `\` as `/` for http(s), RFC 3986 does not), so such a URI never
 * counts as loopback: that keeps `http://evil.example\@localhost/cb` failing the cleartext rule.
 */
export function isLoopback(uri: ParsedUri, hosts: ReadonlySet<string>): boolean {
  if (uri.hostLower === undefined || uri.authority === undefined || uri.authority.includes("\\")) {
    return false;
  }
  return hosts.has(uri.hostLower);
}

/** Whether the host is one of the loopback IP literals RFC 8252 §7.3 recommends. */
export function isLoopbackIpLiteral(uri: ParsedUri): boolean {
  return uri.hostLower !== undefined && LOOPBACK_IP_LITERALS.includes(uri.hostLower);
}

/** Whether the URI is absolute in the sense of OAuth 2.1 §2.3: it has a scheme, and http(s) has a host. */
export function isAbsolute(uri: ParsedUri): boolean {
  if (uri.schemeLower === undefined) {
    return false;
  }
  if (uri.schemeLower === "http" || uri.schemeLower === "https") {
    return uri.host !== undefined && uri.host !== "";
  }
  return true;
}

/** Whether the scheme is one of {@link DANGEROUS_SCHEMES}. */
export function isDangerousScheme(uri: ParsedUri): boolean {
  return uri.schemeLower !== undefined && DANGEROUS_SCHEMES.includes(uri.schemeLower);
}

/** A private-use scheme (RFC 8252 §7.1): any scheme that is not http(s) and not dangerous. */
export function isPrivateUseScheme(uri: ParsedUri): boolean {
  return uri.schemeLower !== undefined && uri.schemeLower !== "http" && uri.schemeLower !== "https" && !isDangerousScheme(uri);
}

/** Whether the URI contains a `*` anywhere (scheme, host, port, path or query). */
export function hasWildcard(raw: string): boolean {
  return raw.includes("*");
}

/** Whether the URI has a fragment; a trailing empty `#` counts, `%23` does not. */
export function hasFragment(uri: ParsedUri): boolean {
  return uri.fragment !== undefined;
}

/** Whether the host contains non-ASCII characters (an IDN U-label, possibly a homograph). */
export function hasNonAsciiHost(uri: ParsedUri): boolean {
  return uri.host !== undefined && [...uri.host].some((c) => c.charCodeAt(0) > 0x7f);
}

/** Structural oddities that make a redirect URI mean something other than it appears to (R25). */
export function suspiciousStructure(uri: ParsedUri): string[] {
  const problems: string[] = [];
  if (uri.userinfo !== undefined) {
    problems.push(`it has userinfo "${uri.userinfo}@", so the real host is "${uri.host ?? ""}"`);
  }
  if (uri.raw.includes("\\")) {
    problems.push("it contains a backslash, which browsers treat as '/' but RFC 3986 does not");
  }
  const segments = uri.path.split("/");
  if (segments.some((s) => s.toLowerCase().replace(/%2e/g, ".") === "..") || /%2e%2e/i.test(uri.path)) {
    problems.push("its path contains a '..' (dot-dot) segment, plain or percent-encoded");
  }
  for (const name of queryParameterNames(uri.query)) {
    if (name === "code" || name === "state") {
      problems.push(`its query fixes the "${name}" parameter, which the authorization response sets`);
    }
  }
  return problems;
}

/** The names of a query's parameters, percent-decoded where valid. */
function queryParameterNames(query: string | undefined): string[] {
  if (query === undefined || query === "") {
    return [];
  }
  return query.split("&").map((pair) => {
    const name = pair.split("=", 1)[0] ?? "";
    try {
      return decodeURIComponent(name.replace(/\+/g, " "));
    } catch {
      // A malformed escape is not a parameter name we could match; keep it as written.
      return name;
    }
  });
}
