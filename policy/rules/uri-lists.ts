/**
 * Walking an app's URI lists (`redirectUris`, `postLogoutRedirectUris`) for the per-URI rules.
 */
import { domainToASCII } from "node:url";
import { type ParsedUri, parseUri } from "../uri";
import { type ApplicationInput, forEachKnown, listOf } from "./predicates";

export type UriField = "redirectUris" | "postLogoutRedirectUris";

/** A URI entry of a list, parsed, with the name of its field for messages. */
export interface UriEntry {
  readonly field: UriField;
  readonly uri: ParsedUri;
  /** `redirectUris entry "https://…"`: how messages name the URI. */
  readonly label: string;
}

/**
 * Calls `visit` for every known string entry of the field. Marks the rule not applicable when
 * the list is absent or empty. Non-string entries are skipped (R00-style shape errors are the
 * provider check's concern; R15 reports them for redirect URIs through `onNonString`).
 * Unknown entries are deferred, see {@link forEachKnown}.
 */
export function eachUri(
  app: ApplicationInput,
  field: UriField,
  notApplicable: (reason: string) => never,
  visit: (entry: UriEntry) => void,
  onNonString?: (value: unknown) => void,
): void {
  const list = listOf(app, field);
  if (list.length === 0) {
    notApplicable(`${field} is empty or absent`);
  }
  forEachKnown(list, (value) => {
    if (typeof value !== "string") {
      onNonString?.(value);
      return;
    }
    visit({ field, uri: parseUri(value), label: `${field} entry ${JSON.stringify(value)}` });
  });
}

/** The URI with its scheme replaced (for "use https instead" fixes). */
export function withScheme(uri: ParsedUri, scheme: string): string {
  return uri.scheme === undefined ? uri.raw : `${scheme}${uri.raw.slice(uri.scheme.length)}`;
}

/** The URI with a lowercase scheme, and a lowercase ASCII (punycode) host: its normal form. */
export function normalisedUri(uri: ParsedUri): string {
  let out = uri.schemeLower !== undefined ? `${uri.schemeLower}:` : "";
  if (uri.authority !== undefined) {
    const host = uri.host ?? "";
    const ascii = domainToASCII(host.toLowerCase()) || host.toLowerCase();
    const hostPart = ascii.includes(":") ? `[${ascii}]` : ascii;
    out += `//${uri.userinfo !== undefined ? `${uri.userinfo}@` : ""}${hostPart}${uri.port !== undefined ? `:${uri.port}` : ""}`;
  }
  out += uri.path;
  if (uri.query !== undefined) {
    out += `?${uri.query}`;
  }
  if (uri.fragment !== undefined) {
    out += `#${uri.fragment}`;
  }
  return out;
}
