/**
 * The TypeScript program `adopt` writes: one statement per declaration, formatted as Prettier
 * formats it with this project's settings (print width 160), so that it compiles, lints and
 * passes `prettier --check` as written, and can be pasted into a stack.
 */
import { PACKAGE_NAME } from "../../provider/resources";
import { ENVIRONMENT_VARIABLE, Reference, type ArgValue, type Declaration } from "./declarations";

/** The print width the program is laid out for (the project's `.prettierrc.json`). */
const PRINT_WIDTH = 160;
const INDENT = "  ";

/** The variable the program imports the package as. */
const PACKAGE_VARIABLE = "pingone";

/** A string literal as Prettier writes it: double quotes unless the text holds more of them than single ones. */
function stringLiteral(text: string): string {
  const doubles = (text.match(/"/g) ?? []).length;
  const singles = (text.match(/'/g) ?? []).length;
  if (doubles > singles) {
    const body = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
    return `'${body}'`;
  }
  return JSON.stringify(text);
}

function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : stringLiteral(name);
}

function isObject(value: ArgValue): value is { [key: string]: ArgValue } {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Reference);
}

/** A value on one line, or undefined when it holds an object (which Prettier keeps broken). */
function inline(value: ArgValue): string | undefined {
  if (value instanceof Reference) return value.code;
  if (typeof value === "string") return stringLiteral(value);
  if (value === null || typeof value === "number" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value.map(inline);
    return items.every((item) => item !== undefined) ? `[${items.join(", ")}]` : undefined;
  }
  return Object.keys(value).length === 0 ? "{}" : undefined;
}

/** A value laid out at `depth`, its first line following `prefix` (what precedes it on that line). */
function render(value: ArgValue, depth: number, prefix: number): string {
  const pad = INDENT.repeat(depth);
  const one = inline(value);
  // The trailing comma after the value counts towards the width.
  if (one !== undefined && prefix + one.length + 1 <= PRINT_WIDTH) return one;
  if (Array.isArray(value)) {
    const inner = INDENT.repeat(depth + 1);
    return `[\n${value.map((item) => `${inner}${render(item, depth + 1, inner.length)},`).join("\n")}\n${pad}]`;
  }
  if (isObject(value)) return renderObject(value, depth);
  return one ?? "";
}

/** An object literal, one property per line (Prettier keeps an object broken once it is written so). */
function renderObject(value: { [key: string]: ArgValue }, depth: number): string {
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const inner = INDENT.repeat(depth + 1);
  const lines = entries.map(([name, item]) => {
    if (item instanceof Reference && item.code === name) return `${inner}${name},`;
    const head = `${inner}${key(name)}: `;
    return `${head}${render(item, depth + 1, head.length)},`;
  });
  return `{\n${lines.join("\n")}\n${INDENT.repeat(depth)}}`;
}

/** The program's constant holding the resource options, with `--retain-on-delete`. */
export const OPTIONS_VARIABLE = "retained";

/** One declaration as a statement. */
function statement(declaration: Declaration, retainOnDelete: boolean): string {
  const constructor = `${PACKAGE_VARIABLE}.${declaration.type}`;
  const name = stringLiteral(declaration.resourceName);
  const assign = declaration.variable === undefined ? "" : `const ${declaration.variable} = `;
  if (!retainOnDelete) return `${assign}new ${constructor}(${name}, ${renderObject(declaration.args, 0)});`;
  // An object that is not the last argument makes Prettier put every argument on its own line.
  return `${assign}new ${constructor}(\n${INDENT}${name},\n${INDENT}${renderObject(declaration.args, 1)},\n${INDENT}${OPTIONS_VARIABLE},\n);`;
}

/** What the program says about where it came from. */
export interface ProgramHeader {
  environmentId: string;
  importFile: string;
}

/** The whole program. */
export function renderProgram(declarations: readonly Declaration[], header: ProgramHeader, options: { retainOnDelete: boolean }): string {
  const applications = declarations.filter((d) => d.type === "Application").length;
  const lines = [
    `// Adopted by \`pulumi-pingone adopt\` from PingOne environment ${header.environmentId}: ${applications} application${applications === 1 ? "" : "s"}.`,
    `// Bring them into a stack with \`pulumi import --file ${header.importFile} --generate-code=false --protect=false\`, then \`pulumi refresh\` (docs/adopt.md).`,
    `import * as ${PACKAGE_VARIABLE} from ${stringLiteral(PACKAGE_NAME)};`,
    "",
    `const ${ENVIRONMENT_VARIABLE} = ${stringLiteral(header.environmentId)};`,
  ];
  if (options.retainOnDelete) lines.push(`const ${OPTIONS_VARIABLE} = { retainOnDelete: true };`);
  for (const declaration of declarations) lines.push("", statement(declaration, options.retainOnDelete));
  return `${lines.join("\n")}\n`;
}
