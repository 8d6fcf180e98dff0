/**
 * Benchmark of the locate stage: a synthetic repo of 10,000 manifest files built from the real corpus
 * (../shared/corpus/files, cycled under numbered directories), indexed in memory; then 10,000 findings
 * mapped (a third each by file + line, file + document index, identity). Prints wall time and memory.
 * Goal (issue 5): indexing under 10 s and 500 MB on 2 cores. Run: `npm run bench` (node --expose-gc).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ManifestIndex, type RepoFile, indexManifests, mapFindings } from '../locate/index.js';
import type { Finding } from '../model.js';

const FILES = 10_000;
const FINDINGS = 10_000;
const CORPUS = process.env.KUBEMEND_CORPUS ?? fileURLToPath(new URL('../../../shared/corpus/files', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

/** 10,000 files: the corpus cycled, each copy under its own directory so every path is distinct. */
export function syntheticRepo(count = FILES): RepoFile[] {
  const corpus = walk(CORPUS).map((p) => ({ path: relative(CORPUS, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }));
  return Array.from({ length: count }, (_, i) => {
    const f = corpus[i % corpus.length] as RepoFile;
    return { path: `apps/${String(Math.floor(i / corpus.length)).padStart(3, '0')}/${f.path}`, text: f.text };
  });
}

/** Findings shaped like the three mapping paths, pointing at real workloads of the index. */
export function syntheticFindings(index: ManifestIndex, count = FINDINGS): Finding[] {
  const ws = index.workloads;
  return Array.from({ length: count }, (_, i) => {
    const w = ws[(i * 7919) % ws.length];
    if (!w) throw new Error('the synthetic repo has no workloads');
    const base: Finding = { tool: 'bench', ruleId: 'R', remediation: i % 2 ? 'run-as-non-root' : 'drop-all-capabilities', message: 'm' };
    if (i % 3 === 0) return { ...base, location: { path: w.file, startLine: w.lines?.start ?? 1 } };
    if (i % 3 === 1) return { ...base, location: { path: w.file, doc: w.doc }, resource: { kind: w.id.kind, name: w.id.name } };
    return { ...base, resource: { kind: w.id.kind, name: w.id.name, namespace: w.id.namespace ?? 'default' } };
  });
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

export async function run(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const files = syntheticRepo();
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  gc?.();
  const before = process.memoryUsage();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const index = indexManifests(files);
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  gc?.();
  const heapAfterIndex = process.memoryUsage().heapUsed;
  const findings = syntheticFindings(index);
  const t2 = performance.now();
  const { mapped, unmapped } = mapFindings(findings, index);
  const t3 = performance.now();
  // maxRSS is the true peak of the process (kB), including the corpus read; a sampling timer could not run during the synchronous index.
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const reasons = new Map<string, number>();
  for (const u of unmapped) reasons.set(u.code, (reasons.get(u.code) ?? 0) + 1);
  const lines = [
    `index: ${files.length} files (${mb(bytes)} of YAML), ${index.workloads.length} workloads in ${((t1 - t0) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`,
    `index memory: heap +${mb(heapAfterIndex - before.heapUsed)} retained (${gc ? 'after gc' : 'no gc: run with --expose-gc'}), peak RSS ${mb(peakRss)}`,
    `map: ${findings.length} findings in ${((t3 - t2) / 1000).toFixed(2)} s → ${mapped.length} fixes from ${mapped.reduce((n, m) => n + m.findings.length, 0)} findings, ${unmapped.length} unmapped (${[...reasons].map(([c, n]) => `${c} ${n}`).join(', ')})`,
  ];
  process.stdout.write(`${lines.map((l) => `locate ${l}`).join('\n')}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run();
