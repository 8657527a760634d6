/**
 * The README's build-step snippets as a user copies them: for one tool, the config file (its
 * name and text, verbatim) and the shell lines that build and run the app. A tool's part of the
 * README starts at its heading (`### TypeScript plugin`) or bold label (`**Vite**`) and ends at
 * the next heading or label. Fenced blocks are simple enough here (``` at a line start, never
 * nested) that a line scanner reads them; no Markdown parser is needed.
 */

/** One tool's snippet. */
export interface ToolSnippet {
  /** The config file: its name (from a `// name` first line, or the first file name in backticks in the label) and its text, verbatim. */
  readonly config?: { readonly file: string; readonly text: string };
  /** The lines of the first `sh` block after the config block, comments and blank lines included. */
  readonly commands: readonly string[];
}

/** A paragraph of prose or a fenced block, in README order. */
type Part = { readonly kind: "text"; readonly text: string } | { readonly kind: "fence"; readonly lang: string; readonly text: string };

const FIRST_HEADING = "### Which route?";
const END_HEADING = "### Transformer options";

/** The build-step part of the README, from `### Which route?` to just before `### Transformer options`. Throws when either heading is missing. */
export function buildStepRegion(readme: string): string {
  const start = readme.indexOf(`\n${FIRST_HEADING}\n`);
  const end = readme.indexOf(`\n${END_HEADING}\n`);
  if (start < 0 || end < start) throw new Error(`README: no build-step section between "${FIRST_HEADING}" and "${END_HEADING}"`);
  return readme.slice(start + 1, end + 1);
}

/** Paragraphs and fenced blocks of `markdown`, in order. */
function parts(markdown: string): Part[] {
  const out: Part[] = [];
  const lines = markdown.split("\n");
  let paragraph: string[] = [];
  const endParagraph = (): void => {
    if (paragraph.length > 0) out.push({ kind: "text", text: paragraph.join("\n") });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (open === null) {
      if (lines[i].trim() === "") endParagraph();
      else paragraph.push(lines[i]);
      continue;
    }
    endParagraph();
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    if (i === lines.length) throw new Error(`README: a \`\`\`${open[1]} block is never closed`);
    out.push({ kind: "fence", lang: open[1], text: body.join("\n") + "\n" });
  }
  endParagraph();
  return out;
}

/** A heading or a bold label: where one tool's part starts and the previous one's ends. */
const isAnchor = (p: Part): boolean => p.kind === "text" && (p.text.startsWith("#") || p.text.startsWith("**"));

const SHELL = new Set(["sh", "bash", "shell", "console"]);

/**
 * The snippet under `anchor` (a heading's or bold label's opening text) in `region`. Throws with
 * a message naming the anchor when it is missing or has no `sh` block, or when `withConfig` and it
 * has no config block or the block's file is not named.
 */
export function toolSnippet(region: string, anchor: string, withConfig: boolean): ToolSnippet {
  const all = parts(region);
  const at = all.findIndex((p) => isAnchor(p) && p.text.startsWith(anchor));
  if (at < 0) throw new Error(`README: no "${anchor}" in the build-step section`);
  const nextAnchor = all.findIndex((p, i) => i > at && isAnchor(p));
  const scope = all.slice(at + 1, nextAnchor < 0 ? all.length : nextAnchor);
  const label = all[at].text;

  let config: ToolSnippet["config"];
  let from = -1;
  if (withConfig) {
    from = scope.findIndex((p) => p.kind === "fence" && !SHELL.has(p.lang));
    if (from < 0) throw new Error(`README: no config block under "${anchor}"`);
    const text = scope[from].text;
    const file = /^(?:\/\/|#)\s*([\w.-]+)\s*\n/.exec(text)?.[1] ?? /`((?:[\w-]*\.)+[\w-]+)`/.exec(label)?.[1];
    if (file === undefined) throw new Error(`README: the config block under "${anchor}" does not say its file name (a "// name" first line or \`name\` in the label)`);
    config = { file, text };
  }
  const sh = scope.find((p, i) => i > from && p.kind === "fence" && SHELL.has(p.lang));
  if (sh === undefined) throw new Error(`README: no sh block with the commands under "${anchor}"`);
  return { config, commands: sh.text.split("\n") };
}
