import { describe, expect, it } from 'vitest';
import { addIgnore, removeIgnore } from '../../src/bot/commands/ignore-edit.js';
import { MAX_COMMANDS, parseCommands } from '../../src/bot/commands/parse-commands.js';
import { loadConfigText } from '../../src/config/load-config.js';
import { dedent } from '../patch/helpers.js';

describe('parseCommands', () => {
  it('reads every /kubemend line anchored at the line start, in order, with args and a reason', () => {
    const body =
      'Thanks!\r\n/kubemend plan run-as-non-root\r\nsome text /kubemend fix\r\n/kubemend ignore drop-capabilities Deployment/web -- needs NET_ADMIN -- really\n/KubeMend Help';
    expect(parseCommands(body)).toEqual([
      { name: 'plan', args: ['run-as-non-root'], line: '/kubemend plan run-as-non-root', lineNumber: 2 },
      {
        name: 'ignore',
        args: ['drop-capabilities', 'Deployment/web'],
        rest: 'needs NET_ADMIN -- really',
        line: '/kubemend ignore drop-capabilities Deployment/web -- needs NET_ADMIN -- really',
        lineNumber: 4,
      },
      { name: 'help', args: [], line: '/KubeMend Help', lineNumber: 5 },
    ]);
  });

  it('ignores quoted lines, indented lines, fenced code blocks, HTML comments and look-alike words', () => {
    const body = [
      '> /kubemend fix',
      '    /kubemend fix',
      ' /kubemend fix',
      '````',
      '/kubemend fix',
      '```',
      '/kubemend fix',
      '````',
      '~~~ yaml',
      '/kubemend fix',
      '~~~',
      '<!--',
      '/kubemend fix',
      '-->',
      '/kubemendfix',
      '/kubemend-fix',
      '/kubemend',
    ].join('\n');
    expect(parseCommands(body)).toEqual([{ name: '', args: [], line: '/kubemend', lineNumber: 17 }]);
  });

  it('runs a repeated line once and at most MAX_COMMANDS lines', () => {
    expect(parseCommands('/kubemend fix\n/kubemend fix\n')).toHaveLength(1);
    const many = Array.from({ length: 25 }, (_, i) => `/kubemend plan id-${i}`).join('\n');
    expect(parseCommands(many)).toHaveLength(MAX_COMMANDS);
  });
});

describe('ignore edits of .github/kubemend.yml', () => {
  const config = dedent(`
    # kubemend for this repo
    paths:
      include: ['k8s/**']   # only k8s
    ignore:
      - remediation: run-as-non-root
        path: legacy/**
  `);

  it('adds one entry with the minimal edit engine: every other byte kept, the file valid', () => {
    const edit = addIgnore(config, {
      remediation: 'drop-capabilities',
      resource: 'Deployment/web',
      reason: 'needs NET_ADMIN: @bob #3',
    });
    if (!edit.ok) throw new Error(edit.message);
    expect(edit.text.startsWith(config)).toBe(true);
    const loaded = loadConfigText(edit.text);
    expect(loaded.ok && loaded.config.ignore).toEqual([
      { remediation: 'run-as-non-root', path: 'legacy/**' },
      { remediation: 'drop-capabilities', resource: 'Deployment/web', reason: 'needs NET_ADMIN: @bob #3' },
    ]);
  });

  it('creates the list, or the file, when there is none; refuses a duplicate', () => {
    const bare = "# only paths\npaths:\n  include: ['k8s/**']\n";
    const added = addIgnore(bare, { remediation: 'seccomp', path: 'a/**' });
    expect(added.ok && added.text.startsWith(bare)).toBe(true);
    const created = addIgnore(undefined, { remediation: 'seccomp' });
    expect(created).toEqual({ ok: true, text: 'ignore:\n  - remediation: seccomp\n', changed: 1 });
    expect(addIgnore(config, { remediation: 'run-as-non-root', path: 'legacy/**' })).toMatchObject({
      ok: false,
      problem: 'unchanged',
    });
  });

  it('removes the matching entries and keeps the rest byte for byte', () => {
    const edit = addIgnore(config, { remediation: 'drop-capabilities', resource: 'Deployment/web' });
    if (!edit.ok) throw new Error(edit.message);
    const removed = removeIgnore(edit.text, { remediation: 'drop-capabilities' });
    expect(removed).toEqual({ ok: true, text: config, changed: 1 });
    expect(removeIgnore(config, { remediation: 'seccomp' })).toMatchObject({ ok: false, problem: 'unchanged' });
  });
});
