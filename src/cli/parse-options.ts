/**
 * Command-line parsing with `node:util` parseArgs in strict mode: an unknown flag, a missing value or a
 * format a command does not offer is a usage error (exit 2), never silently ignored.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliError } from './cli-error.js';

export const COMMANDS = ['scan', 'fix', 'plan', 'report', 'remediations', 'example'] as const;
export type Command = (typeof COMMANDS)[number];

export type Format = 'text' | 'json' | 'sarif' | 'diff' | 'markdown' | 'csv' | 'html';

export interface CommandOptions {
  command: Command;
  /** Files and directories to read. Default: ['.']. */
  paths: string[];
  /** Scanner reports; when given, only what they name is fixed. Default: []. */
  findings: string[];
  /** Remediation ids to run exclusively. Default: all enabled. */
  only?: string[];
  /** Remediation ids never run. Default: none. */
  skip?: string[];
  /** Leading path to strip from paths in findings (the scanner ran elsewhere). Default: none. */
  pathPrefix?: string;
  /** Config file (the `.github/kubemend.yml` format). Default: none (built-in defaults). */
  config?: string;
  format: Format;
  /** Compute and print, write nothing. Default: false (true for `plan`). */
  dryRun: boolean;
  /** Branch, commit and print the pull request. Default: false. */
  git: boolean;
  /** With --git: write the PR body here and print only the title. Default: body to stdout. */
  prBody?: string;
  /** `report`: write the report to this file. Default: stdout. */
  output?: string;
  help: boolean;
}

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

const SELECTION: OptionSpec = {
  findings: { type: 'string', multiple: true },
  'path-prefix': { type: 'string' },
  only: { type: 'string' },
  skip: { type: 'string' },
  config: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const SPECS: Record<Command, { options: OptionSpec; formats: Format[]; positionals: boolean }> = {
  scan: { options: SELECTION, formats: ['text', 'json', 'sarif'], positionals: true },
  fix: {
    options: { ...SELECTION, 'dry-run': { type: 'boolean' }, git: { type: 'boolean' }, 'pr-body': { type: 'string' } },
    formats: ['text', 'json', 'diff'],
    positionals: true,
  },
  plan: { options: SELECTION, formats: ['diff', 'text', 'json'], positionals: true },
  report: {
    options: { ...SELECTION, output: { type: 'string' } },
    formats: ['markdown', 'json', 'csv', 'html'],
    positionals: true,
  },
  remediations: {
    options: { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    formats: ['text', 'json'],
    positionals: false,
  },
  example: { options: { help: { type: 'boolean', short: 'h' } }, formats: ['text'], positionals: false },
};

/** Parses the arguments after the command name. */
export function parseOptions(command: Command, args: string[]): CommandOptions {
  const spec = SPECS[command];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: spec.options, strict: true, allowPositionals: spec.positionals });
  } catch (err) {
    // parseArgs reports usage problems as TypeErrors with ERR_PARSE_ARGS_* codes; anything else is a bug.
    if ((err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))
      throw new CliError(`kubemend ${command}: ${(err as Error).message}`);
    throw err;
  }
  const v = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const format = (v.format as string | undefined) ?? spec.formats[0] ?? 'text';
  if (!spec.formats.includes(format as Format)) {
    throw new CliError(`kubemend ${command}: --format must be one of ${spec.formats.join(', ')} (got '${format}')`);
  }
  const options: CommandOptions = {
    command,
    paths: parsed.positionals.length ? parsed.positionals : ['.'],
    findings: (v.findings as string[] | undefined) ?? [],
    format: format as Format,
    dryRun: command === 'plan' || v['dry-run'] === true,
    git: v.git === true,
    help: v.help === true,
  };
  if (typeof v.only === 'string') options.only = idList(v.only);
  if (typeof v.skip === 'string') options.skip = idList(v.skip);
  if (typeof v.config === 'string') options.config = v.config;
  if (typeof v['path-prefix'] === 'string') options.pathPrefix = v['path-prefix'];
  if (typeof v['pr-body'] === 'string') options.prBody = v['pr-body'];
  if (typeof v.output === 'string') options.output = v.output;
  checkCombinations(options, v);
  return options;
}

function idList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function checkCombinations(o: CommandOptions, v: Record<string, unknown>): void {
  if (o.git && o.dryRun)
    throw new CliError('kubemend fix: --git commits the fixes; it cannot be combined with --dry-run');
  if (o.git && v.format !== undefined)
    throw new CliError('kubemend fix: --git prints the pull request; --format does not apply');
  if (o.prBody !== undefined && !o.git) throw new CliError('kubemend fix: --pr-body needs --git');
}
