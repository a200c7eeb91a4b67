/**
 * The README stays a doorway: at most 400 lines, every relative link in the project's Markdown
 * resolves to a file (and, with a `#fragment`, to a heading of that file), and every chapter under
 * docs/ and every resource page under provider/ can be reached from the README by following links.
 */
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

// Compiled to dist/test/scripts, so the repository root is three levels up.
const root = resolve(__dirname, "../../..");
const README_MAX_LINES = 400;

/** README.md files under a folder, at any depth (node_modules and dist excluded). */
function readmesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...readmesUnder(path));
    else if (entry.name === "README.md") found.push(path);
  }
  return found;
}

/** Every Markdown file the project documents itself in. */
function markdownFiles(): string[] {
  const docs = readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(root, "docs", name));
  return [
    join(root, "README.md"),
    join(root, "CHANGELOG.md"),
    ...docs,
    join(root, "policy", "README.md"),
    ...readmesUnder(join(root, "provider")),
    ...readmesUnder(join(root, "examples")),
  ].filter((path) => existsSync(path));
}

/** The lines outside fenced code blocks, with inline code spans removed. */
function proseLines(text: string): string[] {
  const lines: string[] = [];
  let fenced = false;
  for (const line of text.split("\n")) {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (!fenced) lines.push(line);
  }
  return lines;
}

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const plain = heading[1].replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[`*]/g, "");
    const slug = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

interface Link {
  from: string;
  target: string;
}

/** The relative links of a Markdown file (not http(s), mailto or other schemes). */
function relativeLinks(path: string): Link[] {
  const links: Link[] = [];
  for (const line of proseLines(readFileSync(path, "utf8"))) {
    const prose = line.replace(/`[^`]*`/g, "``");
    for (const match of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      links.push({ from: path, target });
    }
  }
  return links;
}

/** The file a link points to and its fragment, or a reason it points nowhere. */
function resolveLink(link: Link): { file: string; fragment: string | undefined } | string {
  const [pathPart, fragment] = link.target.split("#", 2);
  const file = pathPart === "" ? link.from : resolve(dirname(link.from), decodeURIComponent(pathPart));
  if (!existsSync(file)) return `${relative(root, file)} does not exist`;
  if (fragment !== undefined && statSync(file).isFile() && file.endsWith(".md") && !anchorsOf(readFileSync(file, "utf8")).has(fragment)) {
    return `${relative(root, file)} has no heading #${fragment}`;
  }
  return { file, fragment };
}

describe("documentation", () => {
  it(`keeps README.md at ${README_MAX_LINES} lines or fewer`, () => {
    const lines = readFileSync(join(root, "README.md"), "utf8").replace(/\n$/, "").split("\n").length;
    assert.ok(lines <= README_MAX_LINES, `README.md has ${lines} lines; move detail to docs/ or to a resource's README`);
  });

  it("has every relative Markdown link resolve to an existing file and heading", () => {
    const broken: string[] = [];
    for (const path of markdownFiles()) {
      for (const link of relativeLinks(path)) {
        const resolved = resolveLink(link);
        if (typeof resolved === "string") broken.push(`${relative(root, path)}: (${link.target}): ${resolved}`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it("reaches every chapter in docs/ and every resource page from README.md by links", () => {
    const reached = new Set<string>();
    const queue = [join(root, "README.md")];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (reached.has(path)) continue;
      reached.add(path);
      for (const link of relativeLinks(path)) {
        const resolved = resolveLink(link);
        if (typeof resolved !== "string" && resolved.file.endsWith(".md") && !reached.has(resolved.file)) queue.push(resolved.file);
      }
    }
    const expected = markdownFiles().filter(
      (path) => path.startsWith(join(root, "docs")) || path.startsWith(join(root, "provider")) || path === join(root, "policy", "README.md"),
    );
    const unreached = expected.filter((path) => !reached.has(path)).map((path) => relative(root, path));
    assert.deepEqual(unreached, []);
  });

  it("names every folder of the repository in docs/architecture.md's layout map", () => {
    const architecture = readFileSync(join(root, "docs", "architecture.md"), "utf8");
    const map = architecture.slice(
      architecture.indexOf("## Layout"),
      architecture.indexOf("```", architecture.indexOf("```", architecture.indexOf("## Layout")) + 3),
    );
    // Each line of the map names a folder at its indentation under the folder above it.
    const named = new Set<string>();
    const stack: string[] = [];
    for (const line of map.split("\n")) {
      const match = /^( *)([.\w-]+\/)(?:, ([.\w-]+\/))?/.exec(line);
      if (!match) continue;
      const depth = match[1].length / 2;
      stack.length = depth;
      for (const folder of [match[2], match[3]].filter((f): f is string => f !== undefined)) named.add([...stack, folder.slice(0, -1)].join("/"));
      stack.push(match[2].slice(0, -1));
    }
    const folders = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
        if (!entry.isDirectory() || ["node_modules", "dist", ".git"].includes(entry.name) || (entry.name.startsWith(".") && entry.name !== ".ci")) continue;
        const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
        if (readdirSync(join(root, path)).length === 0) continue;
        folders.add(path);
        walk(path);
      }
    };
    walk("");
    // A folder is named when it or a folder above it that the map describes as a whole is named;
    // the map names every folder down to the second level, and the ones below it in its text.
    const unnamed = [...folders].filter(
      (folder) => folder.split("/").length <= 2 && !named.has(folder) && !architecture.includes(`${folder.split("/").pop()}/`),
    );
    assert.deepEqual(unnamed, []);
  });

  it("computes GitHub's anchors for headings with code, punctuation and repeats", () => {
    const anchors = anchorsOf("# `npm start` and `npm test`\n## Sign-in, proven\n## Notes\n## Notes\n```sh\n# not a heading\n```\n");
    assert.deepEqual([...anchors], ["npm-start-and-npm-test", "sign-in-proven", "notes", "notes-1"]);
  });
});
