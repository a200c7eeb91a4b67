/**
 * `// @ts-expect-error` passes on any error in the line below it, also one for another reason (a
 * misspelt helper, a wrong base). This spec compiles types.spec.ts with its directives removed and
 * holds each refusal to its description: the line below every directive has an error, no other
 * line has one, and an error of each line names the property in the description's backticks, or
 * is inside that property's value (the property itself, an item of its list, a field of it).
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../../..");
const TYPES_SPEC = path.join(ROOT, "test", "provider", "types.spec.ts");
const DIRECTIVE = /^\s*\/\/ @ts-expect-error -- `([^`]+)`/;

interface Refusal {
  /** 0-based line of the refused assignment (the line after its directive). */
  line: number;
  property: string;
}

function refusals(text: string): Refusal[] {
  const found: Refusal[] = [];
  text.split("\n").forEach((line, index) => {
    if (/^\s*\/\/ @ts-expect-error/.test(line)) {
      const match = DIRECTIVE.exec(line);
      assert.ok(match, `line ${index + 1}: a directive without a backticked property: ${line.trim()}`);
      found.push({ line: index + 1, property: match[1] });
    }
  });
  return found;
}

/** The names of the object properties whose text holds `position`, outermost first. */
function enclosingProperties(source: ts.SourceFile, position: number): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (position < node.getStart(source) || position >= node.getEnd()) return;
    if (ts.isPropertyAssignment(node)) names.push(node.name.getText(source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** The semantic diagnostics of types.spec.ts compiled with `text` in its place and the project's options. */
function diagnostics(text: string): ts.Diagnostic[] {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), (file) => ts.sys.readFile(file));
  const options = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options;
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, create) =>
    path.resolve(file) === TYPES_SPEC ? ts.createSourceFile(file, text, language, true) : getSourceFile(file, language, onError, create);
  const program = ts.createProgram({ rootNames: [TYPES_SPEC], options: { ...options, noEmit: true }, host });
  const source = program.getSourceFile(TYPES_SPEC);
  assert.ok(source, "types.spec.ts is in the program");
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
}

describe("public argument types: each refusal in types.spec.ts", function () {
  this.timeout(120_000);
  const text = readFileSync(TYPES_SPEC, "utf8");
  const expected = refusals(text);
  let errors: ts.Diagnostic[];

  before(() => {
    errors = diagnostics(text.replace(/\/\/ @ts-expect-error -- /g, "// refused: "));
  });

  it("covers every public argument type with refusals", () => {
    assert.ok(expected.length >= 30, `${expected.length} refusals`);
    for (const call of ["application(", "secret(", "grant(", "assignment(", "oidcClient("]) {
      assert.ok(
        expected.some((r) => text.split("\n")[r.line].trim().startsWith(call)),
        `no refusal through ${call}`,
      );
    }
  });

  it("fails to compile on exactly the lines under a directive, each for the property it names", () => {
    const byLine = new Map<number, { within: string[]; message: string }[]>();
    for (const error of errors) {
      assert.ok(error.file && error.start !== undefined, ts.flattenDiagnosticMessageText(error.messageText, "\n"));
      const { line } = error.file.getLineAndCharacterOfPosition(error.start);
      const entry = { within: enclosingProperties(error.file, error.start), message: ts.flattenDiagnosticMessageText(error.messageText, "\n") };
      byLine.set(line, [...(byLine.get(line) ?? []), entry]);
    }
    const unexpected = [...byLine.keys()].filter((line) => !expected.some((r) => r.line === line));
    assert.deepEqual(
      unexpected.map((line) => `${line + 1}: ${byLine.get(line)?.[0].message}`),
      [],
      "errors outside the refused lines",
    );
    for (const { line, property } of expected) {
      const found = byLine.get(line) ?? [];
      assert.ok(found.length > 0, `line ${line + 1} (${property}) compiles without its directive: the types accept it`);
      assert.ok(
        found.some((e) => e.within.includes(property) || e.message.includes(`'${property}'`)),
        `line ${line + 1}: refused, but not for \`${property}\`:\n${found.map((e) => `in ${e.within.join(".") || "(no property)"}: ${e.message}`).join("\n")}`,
      );
    }
  });
});
