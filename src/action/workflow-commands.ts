/**
 * How a JavaScript action talks to the runner without @actions/core: workflow commands on stdout
 * (annotations, debug lines, a stretch of log the runner must not interpret), outputs appended to the file
 * named by `GITHUB_OUTPUT`, the job summary appended to `GITHUB_STEP_SUMMARY`. Escaping as the runner
 * decodes it. https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface AnnotationPlace {
  /** Repository-relative path. */
  file?: string;
  line?: number;
  title?: string;
}

/** A command's message: `%`, CR and LF encoded, so text from a repository can never start a line of its own. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command property's value: also `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::level file=…,line=…,title=…::message`, one line. */
export function annotation(level: AnnotationLevel, message: string, place: AnnotationPlace = {}): string {
  const props = Object.entries(place)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${level}${props.length ? ` ${props.join(',')}` : ''}::${escapeData(message)}\n`;
}

export function debugLine(message: string): string {
  return `::debug::${escapeData(message)}\n`;
}

/**
 * `text` shown verbatim in the log: between `::stop-commands::TOKEN` and `::TOKEN::` the runner treats no
 * line as a command, so a manifest line such as `::add-mask::…` in a diff stays text.
 */
export function verbatim(text: string): string {
  const token = `kubemend-${randomUUID()}`;
  return `::stop-commands::${token}\n${text.endsWith('\n') ? text : `${text}\n`}::${token}::\n`;
}

/** Appends `name` = `value` to the outputs file, with a delimiter that cannot occur in the value. */
export function writeOutput(file: string, name: string, value: string): void {
  let delimiter = `ghadelimiter_${randomUUID()}`;
  while (value.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`, 'utf8');
}

/** Appends markdown to the job summary. */
export function appendSummary(file: string, markdown: string): void {
  appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
}
