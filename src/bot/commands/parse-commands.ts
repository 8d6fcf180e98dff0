/**
 * Finds `/kubemend <command>` lines in a comment, Prow style: a command is a line that starts with
 * `/kubemend` (no indentation: an indented line is code in markdown), and every such line is one command,
 * run in order. Lines in fenced code blocks and quoted (`>`) lines are someone showing or quoting a
 * command, not giving one; lines inside an HTML comment are invisible to readers, so they are not obeyed
 * either. The same line twice in one comment runs once (its reply is keyed on the comment and the line). https://docs.prow.k8s.io/docs/components/plugins/ (command syntax)
 */

/** One command line of a comment. */
export interface CommandLine {
  /** The command word, lower-cased (`fix`), or '' for a bare `/kubemend`. */
  name: string;
  /** The words after it; `--` and everything after it are kept as they were written, in `rest`. */
  args: string[];
  /** The text after ` -- `, trimmed (`ignore … -- reason`); absent when the line has none. */
  rest?: string;
  /** The line as written (trimmed, at most `MAX_LINE` characters). */
  line: string;
  /** 1-based line of the comment it is on: with the comment id, it keys the reply. */
  lineNumber: number;
}

/** Commands run from one comment; later lines are ignored (a comment is not a script). */
export const MAX_COMMANDS = 10;
/** Characters of a command line kept; a longer line is cut (and then fails its own argument checks). */
export const MAX_LINE = 300;

const COMMAND = /^\/kubemend(?:[ \t]+(.*))?$/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The command lines of `body`, in order, at most MAX_COMMANDS. */
export function parseCommands(body: string): CommandLine[] {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const out: CommandLine[] = [];
  let fence: string | undefined;
  let hidden = false;
  for (const [i, raw] of lines.entries()) {
    if (hidden) {
      hidden = !raw.includes('-->');
      continue;
    }
    const opener = FENCE.exec(raw)?.[1];
    if (fence !== undefined) {
      // A fence closes on a run of the same character at least as long (CommonMark 4.5).
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && raw.trim() === opener) fence = undefined;
      continue;
    }
    if (opener) {
      fence = opener;
      continue;
    }
    if (/<!--(?![\s\S]*-->)/.test(raw)) {
      hidden = true;
      continue;
    }
    const m = COMMAND.exec(raw.trimEnd());
    const line = raw.trimEnd().slice(0, MAX_LINE);
    if (!m || out.some((c) => c.line === line)) continue;
    out.push(toCommand(line, (m[1] ?? '').slice(0, MAX_LINE), i + 1));
    if (out.length === MAX_COMMANDS) break;
  }
  return out;
}

function toCommand(line: string, text: string, lineNumber: number): CommandLine {
  const cut = /(?:^|\s)--(?:\s|$)/.exec(text);
  const head = cut ? text.slice(0, cut.index) : text;
  const words = head.split(/\s+/).filter((w) => w !== '');
  const [name = '', ...args] = words;
  const rest = cut ? text.slice(cut.index + cut[0].length).trim() : undefined;
  return { name: name.toLowerCase(), args, ...(rest !== undefined ? { rest } : {}), line, lineNumber };
}
