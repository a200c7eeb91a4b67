/**
 * What PingOne does to a valid body before storing it: fill in server defaults and put
 * set-valued arrays into its own order.
 *
 * Seeds 000 and 001 return `grantTypes` as ["REFRESH_TOKEN","AUTHORIZATION_CODE"] for a request of
 * ["AUTHORIZATION_CODE","REFRESH_TOKEN"]: the response order is PingOne's, not the caller's. The
 * emulator reproduces that with a fixed order (enum sets) or sorting (URI sets), so a client that
 * compares arrays positionally sees a spurious diff here just as it would against PingOne.
 */
import { APPLICATION_FIELDS, pathsWhere, type ApplicationTag, type FieldFact, type GrantType, type ResponseType } from "../pingone";
import { isJsonObject, type JsonObject, type JsonValue } from "./json";

/** Defaults PingOne's answers carry for fields not sent (the field table's `createDefault` with `answered`). */
const ANSWERED_DEFAULTS: readonly [string, JsonValue, FieldFact["answered"]][] = pathsWhere(
  (f) => f.answered !== undefined && f.createDefault !== undefined,
).map((path) => {
  const fact: FieldFact = (APPLICATION_FIELDS as Record<string, FieldFact>)[path];
  return [path, fact.createDefault as JsonValue, fact.answered];
});

/** REFRESH_TOKEN before AUTHORIZATION_CODE, as in seeds 000/001; the rest in a fixed order of the emulator's choosing. */
const GRANT_TYPE_ORDER: readonly GrantType[] = [
  "REFRESH_TOKEN",
  "AUTHORIZATION_CODE",
  "IMPLICIT",
  "DEVICE_CODE",
  "CLIENT_CREDENTIALS",
  "TOKEN_EXCHANGE",
  "CIBA",
];
const RESPONSE_TYPE_ORDER: readonly ResponseType[] = ["ID_TOKEN", "TOKEN", "CODE"];
const TAG_ORDER: readonly ApplicationTag[] = ["PING_FED_CONNECTION_INTEGRATION"];

/**
 * Applies defaults for fields not sent. `record` is a validated body; returns a new object. Some
 * defaults come on create only: the PUT answers of seeds 000, 003 and 004 lack them.
 */
export function withDefaults(record: JsonObject, operation: "create" | "replace"): JsonObject {
  const out: JsonObject = { ...record };
  for (const [key, value, answered] of ANSWERED_DEFAULTS) {
    if (operation === "replace" && answered === "create") continue;
    if (out[key] === undefined) out[key] = value;
  }
  return out;
}

/** Whether PingOne assigns the environment's default key rotation policy to this type (seeds 001/002). */
export function usesSigning(type: JsonValue | undefined): boolean {
  const allowed: readonly string[] = APPLICATION_FIELDS.signing.appTypes;
  return typeof type === "string" && allowed.includes(type);
}

/** Puts every set-valued array into PingOne's order, in place, and returns the record. */
export function canonicalize(record: JsonObject): JsonObject {
  orderBy(record, "grantTypes", GRANT_TYPE_ORDER);
  orderBy(record, "responseTypes", RESPONSE_TYPE_ORDER);
  orderBy(record, "tags", TAG_ORDER);
  sortStrings(record, "redirectUris");
  sortStrings(record, "postLogoutRedirectUris");
  const cors = record.corsSettings;
  if (isJsonObject(cors)) sortStrings(cors, "origins");
  return record;
}

function orderBy(record: JsonObject, field: string, order: readonly string[]): void {
  const value = record[field];
  if (!Array.isArray(value)) return;
  const rank = (v: JsonValue): number => {
    const i = typeof v === "string" ? order.indexOf(v) : -1;
    return i < 0 ? order.length : i;
  };
  record[field] = dedupe(value).sort((a, b) => rank(a) - rank(b));
}

function sortStrings(record: JsonObject, field: string): void {
  const value = record[field];
  if (!Array.isArray(value)) return;
  const text = (v: JsonValue): string => (typeof v === "string" ? v : JSON.stringify(v));
  record[field] = dedupe(value).sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}

function dedupe(values: JsonValue[]): JsonValue[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
