/**
 * The code blocks of the README and of `docs/`, as a user copies them. Fenced blocks are simple
 * enough here (``` at a line start, never nested) that a line scanner reads them; no Markdown
 * parser is needed.
 *
 * Two kinds of blocks are read:
 * - **route snippets**: a build guide's section (`## Set up, build and run`, the README's
 *   `### Example: esbuild`) holds the files to write (each non-shell block, named by the last
 *   file name in backticks in the paragraph before it, or by a `// name` first line) and the
 *   commands to run (its shell blocks, in order). A file whose paragraph says "CommonJS project"
 *   or "ES module project" is written only in a project of that kind;
 * - **examples**: every other block, with the heading it is under, for the snippet runner.
 */
import fs from "node:fs";
import path from "node:path";

/** A fenced block and where it is. */
export interface DocBlock {
  /** The Markdown file, relative to the repository root (`docs/build/vite.md`). */
  readonly doc: string;
  /** The language after the fence (`ts`, `sh`, `json`, or empty). */
  readonly lang: string;
  /** The block's text, ending in a newline. */
  readonly text: string;
  /** The paragraph just before the block ("" when another block or a heading comes first). */
  readonly label: string;
  /** The nearest heading above the block, as written (`## Set up, build and run`). */
  readonly heading: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

/** The module system a project uses, as `package.json` says. */
export type ModuleType = "commonjs" | "module";

/** A file a route snippet writes. */
export interface SnippetFile {
  readonly file: string;
  readonly text: string;
  /** Written only in a project of this kind; `undefined`: in both. */
  readonly only?: ModuleType;
}

/** One route's snippet: files to write, then commands to run, in order. */
export interface RouteSnippet {
  readonly files: readonly SnippetFile[];
  /** Every line of the shell blocks, comments and blank lines included. */
  readonly commands: readonly string[];
}

/** Languages of shell blocks. */
export const SHELL = new Set(["sh", "bash", "shell", "console"]);

/** Every fenced block of `markdown` (the text of `doc`), in order, with its label and heading. Throws for an unclosed fence. */
export function docBlocks(markdown: string, doc: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  const lines = markdown.split("\n");
  let heading = "";
  let paragraph: string[] = [];
  let blank = false;
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (open === null) {
      if (/^#{1,6} /.test(lines[i])) {
        heading = lines[i].trim();
        paragraph = [];
      } else if (lines[i].trim() === "") {
        blank = true;
      } else {
        // A line after a blank one starts a new paragraph.
        if (blank) paragraph = [];
        paragraph.push(lines[i]);
        blank = false;
      }
      continue;
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    if (i === lines.length) throw new Error(`${doc}:${start + 1}: a \`\`\`${open[1]} block is never closed`);
    blocks.push({ doc, lang: open[1], text: body.join("\n") + "\n", label: paragraph.join("\n"), heading, line: start + 1 });
    paragraph = [];
    blank = false;
  }
  return blocks;
}

/** The blocks under `heading` (until the next heading of the same or a higher level). Throws when the heading is missing. */
export function sectionBlocks(blocks: readonly DocBlock[], markdown: string, doc: string, heading: string): DocBlock[] {
  const lines = markdown.split("\n");
  const at = lines.findIndex((l) => l.trim() === heading);
  if (at < 0) throw new Error(`${doc}: no "${heading}" heading`);
  const level = /^#+/.exec(heading)![0].length;
  let end = lines.findIndex((l, i) => i > at && /^#{1,6} /.test(l) && /^#+/.exec(l)![0].length <= level);
  if (end < 0) end = lines.length;
  return blocks.filter((b) => b.line > at && b.line <= end);
}

/** The file name a block is for: a `// name` (or `# name`) first line, else the last file name in backticks in its label. */
export function blockFileName(block: Pick<DocBlock, "text" | "label">): string | undefined {
  const fromComment = /^(?:\/\/|#)\s*([\w.-]+\.[\w]+)\b/.exec(block.text)?.[1];
  if (fromComment !== undefined) return fromComment;
  return [...block.label.matchAll(/`([\w.-]*\.[\w-]+)`/g)].map((m) => m[1]).at(-1);
}

/** Which kind of project a label restricts its block to, if any. */
function onlyFor(label: string): ModuleType | undefined {
  if (/\bCommonJS project\b/.test(label)) return "commonjs";
  if (/\bES module project\b/.test(label)) return "module";
  return undefined;
}

/**
 * The route snippet in `blocks` (one section's blocks): its files and commands. Throws with a
 * message naming the document when a file block does not say its name or there is no command.
 */
export function routeSnippet(blocks: readonly DocBlock[]): RouteSnippet {
  const files: SnippetFile[] = [];
  const commands: string[] = [];
  for (const block of blocks) {
    if (SHELL.has(block.lang)) {
      commands.push(...block.text.replace(/\n$/, "").split("\n"));
      continue;
    }
    const file = blockFileName(block);
    if (file === undefined) throw new Error(`${block.doc}:${block.line}: the ${block.lang || "untyped"} block does not say its file name (a "// name" first line or \`name\` in the paragraph before it)`);
    const only = onlyFor(block.label);
    files.push(only === undefined ? { file, text: block.text } : { file, text: block.text, only });
  }
  if (commands.length === 0) throw new Error(`${blocks[0]?.doc ?? "?"}: no sh block with the commands`);
  return { files, commands };
}

/** README.md and every Markdown file under `docs/`, relative to `root`, sorted. */
export function documentationFiles(root: string): string[] {
  const docs = fs.existsSync(path.join(root, "docs"))
    ? (fs.readdirSync(path.join(root, "docs"), { recursive: true }) as string[]).filter((f) => f.endsWith(".md")).map((f) => path.posix.join("docs", f.split(path.sep).join("/")))
    : [];
  return ["README.md", ...docs.sort()];
}
