/** Bounded echoes of outside text (a server's answer, a value a user typed) for error messages. */

/**
 * How many characters of an echoed text an error message keeps. An error must say what was wrong
 * without repeating a whole input or body: a proxy's HTML page or a 50 MB answer would otherwise
 * end up in the engine's log and in the terminal.
 * @see excerpt
 * @see excerptText
 */
export const EXCERPT_CHARS = 200;

/** The start of an outside text (a server's answer), flattened to one line, with a marker and the full length when cut. */
export function excerptText(text: string, max: number = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  return `${flat.slice(0, max)}… (${text.length} characters in all)`;
}

/** How deep an excerpt looks into nested lists and objects before it writes `[…]` / `{…}`. */
const EXCERPT_DEPTH = 4;

/**
 * A value as a message quotes it: JSON, at most `max` characters, with a marker when it was cut
 * (and, for a string, its full length). It reads no more of the value than it shows, so a 10 MB
 * string or a list of 100,000 items costs no more than a short one. Every message that echoes a
 * value the user gave goes through here.
 */
export function excerpt(value: unknown, max = EXCERPT_CHARS): string {
  if (typeof value === "string") {
    const shown = JSON.stringify(value.slice(0, max));
    if (value.length <= max && shown.length <= max + 2) return shown;
    return `${shown.slice(0, max + 1)}…(${value.length} characters, cut)`;
  }
  const text = jsonPrefix(value, max + 1, 0);
  return text.length > max ? `${text.slice(0, max)}…(cut)` : text;
}

/** JSON text of `value`, stopping once it is longer than `room` characters. Recursion is bounded by EXCERPT_DEPTH. */
function jsonPrefix(value: unknown, room: number, depth: number): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, Math.max(0, room)));
  if (typeof value === "function") return "function";
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" || value === undefined || value === null) return String(value);
  const isList = Array.isArray(value);
  if (depth >= EXCERPT_DEPTH) return isList ? "[…]" : "{…}";
  let text = isList ? "[" : "{";
  const add = (part: string): boolean => {
    text += `${text.length > 1 ? "," : ""}${part}`;
    return text.length <= room;
  };
  if (isList) {
    for (const item of value as unknown[]) if (!add(jsonPrefix(item, room - text.length, depth + 1))) break;
  } else {
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const item = (value as Record<string, unknown>)[key];
      if (!add(`${JSON.stringify(key.slice(0, Math.max(0, room)))}:${jsonPrefix(item, room - text.length, depth + 1)}`)) break;
    }
  }
  return `${text}${isList ? "]" : "}"}`;
}
