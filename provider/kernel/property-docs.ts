/**
 * The shape of a resource's documented properties and outputs: one row each, rendered into the
 * README's tables by scripts/property-table.ts (and checked there by a unit test), so the tables
 * are written once, next to the resource.
 */
export interface PropertyDoc {
  /** The property's name, or names joined with " / " when exactly one of them is given. */
  readonly name: string;
  /** What a value looks like, and whether it is required. */
  readonly type: string;
  /** What it does, its range or allowed values, and whether a change replaces or updates. */
  readonly rules: string;
}

export interface OutputDoc {
  /** The output's name, or names joined with ", " when they share a meaning. */
  readonly name: string;
  readonly meaning: string;
}

/** A resource's documented surface. */
export interface ResourceDocs {
  readonly properties: readonly PropertyDoc[];
  readonly outputs: readonly OutputDoc[];
}

/** Names as inline code, joined for a sentence: `` `openid`, `profile` ``. */
export function codeList(names: readonly string[]): string {
  return names.map((name) => `\`${name}\``).join(", ");
}

/** A list of strings as a program writes it: `["openid", "profile"]`. */
export function stringArray(values: readonly string[]): string {
  return `[${values.map((value) => JSON.stringify(value)).join(", ")}]`;
}
