/**
 * Bounded echoes of outside text (a server's answer, a value a user typed) for error messages.
 * An error must say what was wrong without repeating a whole input or body: a proxy's HTML page
 * or a 50 MB answer would otherwise end up in the engine's log and in the terminal.
 */

/** How many characters of an echoed text an error message keeps. */
export const EXCERPT_CHARS = 200;

/** The start of a text, flattened to one line, with a marker and the full length when cut. */
export function excerpt(text: string, max: number = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  return `${flat.slice(0, max)}… (${text.length} characters in all)`;
}
