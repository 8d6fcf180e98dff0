/**
 * The layer rule (.dependency-cruiser.cjs) must fail on a wrong import, or `npm run lint:deps` passing proves
 * nothing. Each case is a small tree in a temporary folder, cruised by the real dependency-cruiser CLI with
 * the committed config: a tree that keeps the rules passes, and each deliberately wrong import is reported
 * under the rule that forbids it, naming the importing file.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const BIN = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

const TSCONFIG = JSON.stringify({
  compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true },
});

/** A tree that keeps every rule: each stage imports only below it, fronts through bot/, Probot only in app/. */
const GOOD: Record<string, string> = {
  'src/model.ts': 'export type Finding = { ruleId: string };\n',
  'src/yaml.ts':
    "import { parseDocument } from 'yaml';\nexport const parse = (t: string) => parseDocument(t);\nexport const parseYamlFile = parse;\n",
  'src/config/load-config.ts': "import { parse } from '../yaml.js';\nexport const load = (t: string) => parse(t);\n",
  'src/pipeline/run-pipeline.ts':
    "import type { Finding } from '../model.js';\nexport const run = (f: Finding[]) => f.length;\n",
  'src/report/render-json.ts':
    "import type { Finding } from '../model.js';\nexport const render = (f: Finding[]) => JSON.stringify(f);\n",
  'src/github/client.ts': "import { Octokit } from '@octokit/rest';\nexport const client = () => new Octokit();\n",
  'src/bot/run-job.ts':
    "import { client } from '../github/client.js';\nimport { run } from '../pipeline/run-pipeline.js';\nimport { render } from '../report/render-json.js';\nexport const job = () => [client, run, render];\n",
  'src/app/index.ts':
    "import type { Probot } from 'probot';\nimport { job } from '../bot/run-job.js';\nexport default (app: Probot) => job();\n",
  'src/app/commands/worker.ts': "import { job } from '../../bot/run-job.js';\nexport const worker = job;\n",
  'src/cli/main.ts': "export const worker = () => import('../app/commands/worker.js');\n",
  'src/action/main.ts': "import { job } from '../bot/run-job.js';\njob();\n",
  'src/findings/index.ts': 'export const parse = () => [];\n',
  'src/locate/index.ts': 'export const locate = () => [];\n',
  'src/patch/index.ts': "export const apply = () => '';\n",
  'src/remediations/index.ts': 'export const catalog = () => [];\n',
};

/** The stages lowest first: the rule's name for it, a module in it, and where an importer in it can sit. */
const STAGES: Array<{ rule: string; module: string; dir: string }> = [
  { rule: 'base', module: 'src/model.ts', dir: 'src/yaml-' },
  { rule: 'findings-config', module: 'src/findings/index.ts', dir: 'src/config/' },
  { rule: 'locate-patch', module: 'src/locate/index.ts', dir: 'src/patch/' },
  { rule: 'remediations', module: 'src/remediations/index.ts', dir: 'src/remediations/' },
  { rule: 'pipeline', module: 'src/pipeline/run-pipeline.ts', dir: 'src/pipeline/' },
  { rule: 'report', module: 'src/report/render-json.ts', dir: 'src/report/' },
  { rule: 'github', module: 'src/github/client.ts', dir: 'src/github/' },
  { rule: 'bot', module: 'src/bot/run-job.ts', dir: 'src/bot/' },
  { rule: 'fronts', module: 'src/app/index.ts', dir: 'src/action/' },
];

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Cruises `files` (GOOD plus overrides) with the committed config; returns the violations it reports. */
function cruise(overrides: Record<string, string>): Violation[] {
  const dir = mkdtempSync(join(tmpdir(), 'kubemend-depcruise-'));
  dirs.push(dir);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'tsconfig.json'), TSCONFIG);
  for (const [path, text] of Object.entries({ ...GOOD, ...overrides })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const run = spawnSync(process.execPath, [BIN, 'src', '--config', CONFIG, '--output-type', 'json'], {
    cwd: dir,
    encoding: 'utf8',
  });
  expect(run.stdout, run.stderr).not.toBe('');
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[]; totalCruised: number } };
  expect(result.summary.totalCruised).toBeGreaterThanOrEqual(Object.keys(GOOD).length);
  return result.summary.violations;
}

function names(violations: Violation[]): string[] {
  return violations.map((v) => `${v.rule.name}: ${v.from}`).sort();
}

describe('dependency rule', () => {
  it('passes a tree whose imports only go down, fronts apart, packages where they belong', () => {
    expect(cruise({})).toEqual([]);
  });

  it('fails on each deliberately wrong import, under the rule that forbids it', () => {
    const bad = cruise({
      // A stage importing one above it: pipeline → report for one constant.
      'src/pipeline/run-pipeline.ts':
        "import { render } from '../report/render-json.js';\nexport const run = () => render;\n",
      // A type-only cycle inside one stage.
      'src/locate/a.ts': "import type { B } from './b.js';\nexport type A = { b?: B };\n",
      'src/locate/b.ts': "import type { A } from './a.js';\nexport type B = { a?: A };\n",
      // Fronts importing each other: the CLI outside main.ts at all, main.ts beyond app/commands/ or eagerly.
      'src/cli/run-cli.ts': "import { job } from '../action/main.js';\nexport const cli = job;\n",
      'src/cli/main.ts':
        "import { worker } from '../app/commands/worker.js';\nexport const start = () => [worker, import('../app/index.js')];\n",
      'src/action/main.ts': "import app from '../app/index.js';\nexport const a = app;\n",
      // Probot outside the App, Octokit at run time outside github/, the yaml package in config/.
      'src/github/types.ts':
        "import type { ProbotOctokit } from 'probot';\nexport type GitHub = InstanceType<typeof ProbotOctokit>;\n",
      'src/bot/open.ts': "import { Octokit } from '@octokit/rest';\nexport const open = () => new Octokit();\n",
      'src/config/schema.ts': "import { parse } from 'yaml';\nexport const read = (t: string) => parse(t);\n",
      // Dev-only code under src/, in no stage.
      'src/write-schemas.ts': "import { load } from './config/load-config.js';\nload('');\n",
      // github/ parsing YAML; a stage below github/ opening a connection.
      'src/github/read-config.ts': "import { parseYamlFile } from '../yaml.js';\nexport const read = parseYamlFile;\n",
      'src/locate/fetch-chart.ts': "import { request } from 'node:https';\nexport const get = request;\n",
      // An import the rule cannot follow (so could not check).
      'src/report/broken.ts': "import { gone } from './missing.js';\nexport const x = gone;\n",
    });
    expect(names(bad)).toEqual(
      [
        'layer-pipeline: src/pipeline/run-pipeline.ts',
        'no-circular: src/locate/a.ts',
        'front-cli-alone: src/cli/run-cli.ts',
        'front-cli-main: src/cli/main.ts',
        'front-cli-main-lazy: src/cli/main.ts',
        'front-action-alone: src/action/main.ts',
        'only-app-uses-probot: src/github/types.ts',
        'only-github-uses-octokit: src/bot/open.ts',
        'config-parses-through-yaml-ts: src/config/schema.ts',
        'in-a-layer: src/write-schemas.ts',
        'resolvable: src/report/broken.ts',
        'github-parses-no-yaml: src/github/read-config.ts',
        'stages-offline: src/locate/fetch-chart.ts',
      ].sort(),
    );
  });

  it('fails on every import from a stage into any stage above it, type-only ones included', () => {
    const files: Record<string, string> = {};
    const expected: string[] = [];
    STAGES.forEach((from, i) => {
      const above = STAGES.slice(i + 1);
      if (!above.length) return;
      const importer = `${from.dir}up.ts`;
      const prefix = from.dir.endsWith('/') ? '../' : './';
      const line = (to: (typeof STAGES)[number], j: number) =>
        `import ${j % 2 ? 'type ' : ''}* as m${j} from '${prefix}${to.module.slice('src/'.length).replace(/\.ts$/, '.js')}';\nexport { m${j} };\n`;
      files[importer] = above.map(line).join('');
      for (const to of above) expected.push(`layer-${from.rule}: ${importer} → ${to.module}`);
    });
    const found = cruise(files).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(found.sort()).toEqual(expected.sort());
    expect(expected).toHaveLength((STAGES.length * (STAGES.length - 1)) / 2);
  });
});
