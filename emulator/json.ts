/**
 * JSON value types and helpers.
 *
 * The emulator stores and returns plain JSON, so every stored application and every body it
 * parses is typed as `JsonValue` instead of `any`: callers must narrow before they read.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Deep copy through JSON. Everything handed out of the emulator (stored apps, logs, counters)
 * is copied so a test mutating what it received cannot change the emulator's state.
 */
export function deepCopy<T extends JsonValue>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Converts a plain typed object (settings, counters, log entries) into a JSON value by round-trip. */
export function toJson(value: object): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/** The value at a dotted path, or undefined when a step on the way is not an object. */
export function valueAt(value: JsonValue | undefined, path: string): JsonValue | undefined {
  let current = value;
  for (const key of path.split(".")) current = isJsonObject(current) ? current[key] : undefined;
  return current;
}

/** The strings of a JSON array (an application's `redirectUris`, `grantTypes`, …); empty for anything else. */
export function stringsIn(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
