/**
 * The names `adopt` gives what it declares: a Pulumi resource name (the URN's last part, and the
 * logical name `pulumi import` matches) and a TypeScript variable, both derived from PingOne's
 * application name, unique within one adoption.
 */

/** TypeScript's reserved words and strict-mode names that cannot be a `const` (ECMAScript 2023, §12.7.2). */
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in " +
    "instanceof new null return super switch this throw true try typeof var void while with implements interface let package private " +
    "protected public static yield await arguments eval undefined"
  ).split(" "),
);

/**
 * Names the generated program itself declares, and CommonJS's module-scope names, which a `const`
 * of a program compiled to CommonJS may not take (TypeScript reserves `exports` and `require`).
 */
const TAKEN_BY_PROGRAM = new Set(["pingone", "environmentId", "retained", "exports", "require", "module", "__filename", "__dirname"]);

/** The longest name derived from an application's name: every generated line stays within the print width. */
export const MAX_DERIVED_NAME = 50;

/** Whether `name` can be a `const` of the generated program. */
export function isValidVariable(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name) && !TAKEN_BY_PROGRAM.has(name);
}

/** A Pulumi resource name from an application's name: lower-case words joined by `-` (`"Web Portal"` → `web-portal`). */
export function resourceNameOf(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
  const name = words.join("-").slice(0, MAX_DERIVED_NAME).replace(/-+$/, "");
  return name === "" ? "app" : name;
}

/** The variable for a resource name: camelCase, never starting with a digit, never reserved (`web-portal` → `webPortal`). */
export function variableOf(resourceName: string): string {
  const [first = "app", ...rest] = resourceName.split("-").filter((part) => part !== "");
  let name = first + rest.map((part) => part[0].toUpperCase() + part.slice(1)).join("");
  if (/^[0-9]/.test(name)) name = `app${name[0].toUpperCase()}${name.slice(1)}`;
  return isValidVariable(name) ? name : `${name}App`;
}

/** Hands out names, each once: a second `web-portal` becomes `web-portal-2` (a second `webPortal`, `webPortal2`). */
export class UniqueNames {
  private readonly used = new Set<string>();

  constructor(private readonly separator = "-") {}

  /** Takes `name`, or the first free `name-2`, `name-3`, … */
  take(name: string): string {
    let candidate = name;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${name}${this.separator}${n}`;
    this.used.add(candidate);
    return candidate;
  }

  /** Takes `name` as it is; false when it is taken already. */
  claim(name: string): boolean {
    if (this.used.has(name)) return false;
    this.used.add(name);
    return true;
  }
}
