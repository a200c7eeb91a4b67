/**
 * What PingOne does to a valid body before storing it: fill in server defaults and put
 * set-valued arrays into its own order.
 *
 * Seeds 000 and 001 return `grantTypes` as ["REFRESH_TOKEN","AUTHORIZATION_CODE"] for a request of
 * ["AUTHORIZATION_CODE","REFRESH_TOKEN"]: the response order is PingOne's, not the caller's. The
 * emulator reproduces that with a fixed order (enum sets) or sorting (URI sets), so a client that
 * compares arrays positionally sees a spurious diff here just as it would against PingOne.
 */
import { SIGNING_APPLICATION_TYPES } from "../provider/model";
import { isJsonObject, type JsonObject, type JsonValue } from "./json";

/** Server defaults seen in the seeds' responses (001, 000) and the reference §1 sample. */
export const EMULATOR_DEFAULTS: Readonly<JsonObject> = {
  enabled: false,
  hiddenFromAppPortal: false,
  pkceEnforcement: "OPTIONAL",
  parRequirement: "OPTIONAL",
  parTimeout: 60,
  deviceTimeout: 600,
  devicePollingInterval: 5,
  additionalRefreshTokenReplayProtectionEnabled: true,
  requestScopesForMultipleResourcesEnabled: false,
};

/** REFRESH_TOKEN before AUTHORIZATION_CODE, as in seeds 000/001; the rest in a fixed order of the emulator's choosing. */
const GRANT_TYPE_ORDER = ["REFRESH_TOKEN", "AUTHORIZATION_CODE", "IMPLICIT", "DEVICE_CODE", "CLIENT_CREDENTIALS", "TOKEN_EXCHANGE", "CIBA"];
const RESPONSE_TYPE_ORDER = ["ID_TOKEN", "TOKEN", "CODE"];
const TAG_ORDER = ["PING_FED_CONNECTION_INTEGRATION"];

/**
 * Defaults PingOne fills in on create only: the PUT responses of seeds 000, 003 and 004 carry
 * neither of these when the body did not send them, while the create responses (001, 002) do.
 */
const CREATE_ONLY_DEFAULTS = new Set(["hiddenFromAppPortal", "additionalRefreshTokenReplayProtectionEnabled"]);

/** Applies defaults for fields not sent. `record` is a validated body; returns a new object. */
export function withDefaults(record: JsonObject, operation: "create" | "replace"): JsonObject {
  const out: JsonObject = { ...record };
  for (const [key, value] of Object.entries(EMULATOR_DEFAULTS)) {
    if (operation === "replace" && CREATE_ONLY_DEFAULTS.has(key)) continue;
    if (out[key] === undefined) out[key] = value;
  }
  return out;
}

/** Whether PingOne assigns the environment's default key rotation policy to this type (seeds 001/002). */
export function usesSigning(type: JsonValue | undefined): boolean {
  return typeof type === "string" && (SIGNING_APPLICATION_TYPES as readonly string[]).includes(type);
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
