/**
 * All-in-one install bundles (argo-cd's install.yaml, cert-manager.yaml, kube-prometheus) are 1–4 MB: one
 * 1 MB and one 3.5 MB bundle built from the real corpus (bundle.ts), fixed three ways, each run in a fresh
 * process so that its peak memory is its own:
 * - naive: `yaml`'s parseAllDocuments + toString of every document (what a re-stringifying fixer costs);
 * - engine: plan (parseYamlFile + the corpus planner) + applyChanges (patch + verify), one call;
 * - pipeline: runPipeline with the built-in catalog and the default config (index, detect every
 *   remediation, patch rounds, verify), as `kubemend fix` runs it.
 * Prints median wall and CPU seconds, peak RSS, and CPU time against the naive fixer's. Run: `npm run bench bundle`; BUNDLE_RUNS sets the runs
 * per method (default 3).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { ConfigSchema } from '../src/config/schema.js';
import { applyChanges } from '../src/patch/index.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { loadCatalog } from '../src/remediations/index.js';
import { createParseMemory, parseYamlFile } from '../src/yaml.js';
import { buildBundle } from './bundle.js';
import { planHardening } from './corpus-plan.js';

const METHODS = {
  naive: 'yaml parse + stringify (naive)',
  engine: 'kubemend plan + patch + verify',
  pipeline: 'kubemend pipeline (index, detect, rounds)',
} as const;
type Method = keyof typeof METHODS;

const SIZES = [1, 3.5];

/** What one run in a child process measured. */
interface Sample {
  wall: number;
  cpu: number;
  peakRss: number;
  result: string;
}

/** The work of one method on one bundle; returns a one-line summary of what it did. */
function work(method: Method, text: string): string {
  if (method === 'naive') {
    const docs = parseAllDocuments(text);
    const out = (Array.isArray(docs) ? docs : []).map((d) => d.toString()).join('---\n');
    return `${out.length} bytes written`;
  }
  if (method === 'engine') {
    const memory = createParseMemory();
    const changes = parseYamlFile(text, { file: 'bundle.yaml', memory }).docs.flatMap((d) =>
      d.error ? [] : planHardening(d.value, 'bundle.yaml', d.index),
    );
    const out = applyChanges(text, changes, { memory, file: 'bundle.yaml' });
    return `${out.applied.length} changes applied, ${out.refused.length} refused`;
  }
  const result = runPipeline([{ path: 'bundle.yaml', text }], {
    catalog: loadCatalog(),
    config: ConfigSchema.parse({}),
  });
  return `${result.summary.fixes} fixes, ${result.summary.skipped} skipped`;
}

/** Child mode: one method on one bundle file, measured, printed as JSON. */
function child(method: Method, path: string): void {
  const text = readFileSync(path, 'utf8');
  (globalThis as { gc?: () => void }).gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = work(method, text);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // maxRSS is the process's true peak (kB); the process did nothing else but read the file.
  const sample: Sample = {
    wall,
    cpu: (cpu.user + cpu.system) / 1e6,
    peakRss: process.resourceUsage().maxRSS * 1024,
    result,
  };
  process.stdout.write(JSON.stringify(sample));
}

function measure(method: Method, path: string): Sample {
  const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), 'child', method, path], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as Sample;
}

function median(list: number[]): number {
  return [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] as number;
}

/** CPU time is the comparison: wall time on a shared machine mostly measures the other processes. */
function row(label: string, samples: Sample[], naive: number): string[] {
  const cpu = median(samples.map((s) => s.cpu));
  const cells = [
    label,
    median(samples.map((s) => s.wall)).toFixed(2),
    cpu.toFixed(2),
    `${(median(samples.map((s) => s.peakRss)) / 1024 / 1024).toFixed(0)} MB`,
  ];
  return [...cells, `${(cpu / naive).toFixed(1)}x`, (samples[0] as Sample).result];
}

export async function run(): Promise<void> {
  const runs = Number(process.env.BUNDLE_RUNS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'kubemend-bundle-'));
  try {
    for (const mb of SIZES) {
      const text = buildBundle(mb * 1024 * 1024);
      const path = join(dir, `bundle-${mb}.yaml`);
      writeFileSync(path, text);
      const samples = new Map<Method, Sample[]>(Object.keys(METHODS).map((m) => [m as Method, []]));
      // Methods take turns within a run, so that load from other processes weighs on all of them alike.
      for (let r = 0; r < runs; r++) for (const m of samples.keys()) samples.get(m)?.push(measure(m, path));
      const naive = median((samples.get('naive') as Sample[]).map((s) => s.cpu));
      // Every document of a bundle starts with a `---` line (bundle.ts).
      const docs = (text.match(/^---(?=[ \t\r\n]|$)/gm) ?? []).length;
      console.log(
        `bundle ${mb} MB: ${Buffer.byteLength(text)} bytes, ${docs} documents from the corpus; median of ${runs} runs, each in a fresh process`,
      );
      const header = ['method', 'wall s', 'CPU s', 'peak RSS', 'CPU vs naive', 'result'];
      const table = [...samples].map(([m, s]) => row(METHODS[m], s, naive));
      const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => (t[i] as string).length)));
      const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
      console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)].join('\n'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv[2] === 'child') child(process.argv[3] as Method, process.argv[4] as string);
  else await run();
}
