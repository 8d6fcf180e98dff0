/**
 * Workflow commands as the runner decodes them: text from a repository can never start a command line, a
 * multi-line output survives the outputs file, and inputs are read as the runner names them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionError } from '../../src/action/action-error.js';
import { toWorkflowLine } from '../../src/action/action-log.js';
import { readInputs, readRunnerEnv } from '../../src/action/inputs.js';
import { annotation, escapeData, verbatim, writeOutput } from '../../src/action/workflow-commands.js';
import { parseOutputs } from './action-process.js';

describe('workflow commands', () => {
  it('encodes %, CR and LF in messages, and : and , in properties', () => {
    expect(escapeData('50%\r\n::add-mask::x')).toBe('50%25%0D%0A::add-mask::x');
    expect(annotation('notice', 'a\nb', { file: 'k8s/a,b:c.yaml', line: 3, title: 'kubemend: x' })).toBe(
      '::notice file=k8s/a%2Cb%3Ac.yaml,line=3,title=kubemend%3A x::a%0Ab\n',
    );
    expect(annotation('error', 'plain')).toBe('::error::plain\n');
  });

  it('wraps verbatim text in stop-commands markers whose token is not in the text', () => {
    const text = 'diff --git a/x b/x\n::set-output name=a::b\n';
    const lines = verbatim(text).split('\n');
    const token = lines[0]?.replace('::stop-commands::', '');
    expect(lines).toEqual([
      `::stop-commands::${token}`,
      'diff --git a/x b/x',
      '::set-output name=a::b',
      `::${token}::`,
      '',
    ]);
    expect(text).not.toContain(token);
  });

  it('writes outputs the runner reads back whole, newlines included', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kubemend-out-')), 'out');
    writeFileSync(file, '');
    writeOutput(file, 'fixes', '3');
    writeOutput(file, 'note', 'line one\nline two');
    expect(parseOutputs(readFileSync(file, 'utf8'))).toEqual({ fixes: '3', note: 'line one\nline two' });
  });

  it('turns the core log into annotations, plain lines and debug lines, fields as JSON', () => {
    expect(toWorkflowLine(JSON.stringify({ level: 40, msg: 'findings dropped', paths: ['a\nb'] }))).toBe(
      '::warning::findings dropped {"paths":["a\\nb"]}\n',
    );
    expect(toWorkflowLine(JSON.stringify({ level: 30, msg: 'job done' }))).toBe('kubemend: job done\n');
    expect(toWorkflowLine(JSON.stringify({ level: 20, msg: 'GET /repos/o/r - 404' }))).toBe(
      '::debug::GET /repos/o/r - 404\n',
    );
  });
});

describe('inputs', () => {
  const runner = { GITHUB_WORKSPACE: '/home/runner/work/infra/infra', GITHUB_REPOSITORY: 'octo-org/infra' };

  it('reads INPUT_* as the runner names them (hyphens kept), lists by line or comma', () => {
    const inputs = readInputs({
      INPUT_MODE: 'sarif',
      INPUT_PATHS: 'deploy\n charts ',
      INPUT_FINDINGS: 'a.json, scans/*.sarif',
      INPUT_TOKEN: 't',
      'INPUT_BOT-LOGIN': '',
    });
    expect(inputs).toEqual({
      mode: 'sarif',
      paths: ['deploy', 'charts'],
      findings: ['a.json', 'scans/*.sarif'],
      token: 't',
      sarifFile: 'kubemend.sarif',
      botLogin: 'github-actions[bot]',
    });
    expect(readInputs({ 'INPUT_SARIF-FILE': 'out/k.sarif' })).toMatchObject({
      mode: 'plan',
      paths: ['.'],
      sarifFile: 'out/k.sarif',
    });
  });

  it('refuses a pull-request run without a token, and a runner environment without a repository', () => {
    expect(() => readInputs({ INPUT_MODE: 'pull-request', INPUT_TOKEN: ' ' })).toThrow(ActionError);
    expect(readRunnerEnv({ ...runner, GITHUB_API_URL: 'https://ghe.example.com/api/v3' })).toMatchObject({
      owner: 'octo-org',
      repo: 'infra',
      apiUrl: 'https://ghe.example.com/api/v3',
      runId: 'local-1',
    });
    expect(() => readRunnerEnv({ ...runner, GITHUB_REPOSITORY: 'infra' })).toThrow(
      /GITHUB_REPOSITORY must be owner\/name/,
    );
    expect(() => readRunnerEnv({ GITHUB_REPOSITORY: 'o/r' })).toThrow(/GITHUB_WORKSPACE is not set/);
  });
});
