/**
 * Benchmark of the locate stage: a synthetic repo of 10,000 manifest files built from the real corpus
 * (../shared/corpus/files, cycled under numbered directories), indexed in memory; then 10,000 findings
 * mapped (a third each by file + line, file + document index, identity). Prints wall time and memory,
 * for the parallel index (worker threads) and, for comparison, the single-thread one.
 * Goal (issue 5): indexing under 10 s and 500 MB on 2 cores. Run: `npm run bench` (node --expose-gc).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ManifestIndex,
  type RepoFile,
  indexManifests,
  indexManifestsParallel,
  mapFindings,
} from '../src/locate/index.js';
import type { Finding } from '../src/model.js';

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
  const corpus = walk(CORPUS).map((p) => ({
    path: relative(CORPUS, p).split('\\').join('/'),
    text: readFileSync(p, 'utf8'),
  }));
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
    const base: Finding = {
      tool: 'bench',
      ruleId: 'R',
      remediation: i % 2 ? 'run-as-non-root' : 'drop-all-capabilities',
      message: 'm',
    };
    if (i % 3 === 0) return { ...base, location: { path: w.file, startLine: w.lines?.start ?? 1 } };
    if (i % 3 === 1)
      return { ...base, location: { path: w.file, doc: w.doc }, resource: { kind: w.id.kind, name: w.id.name } };
    return { ...base, resource: { kind: w.id.kind, name: w.id.name, namespace: w.id.namespace ?? 'default' } };
  });
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** The same workloads at the same places: the parallel index must equal the sequential one. */
function sameIndex(a: ManifestIndex, b: ManifestIndex): boolean {
  const key = (i: ManifestIndex) =>
    i.workloads
      .map((w) => `${w.file}#${w.doc}${w.pointer}:${w.lines?.start}-${w.lines?.end}:${w.id.kind}/${w.id.name}`)
      .join('\n');
  return a.files.size === b.files.size && key(a) === key(b);
}

export async function run(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const files = syntheticRepo();
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const index = await indexManifestsParallel(files);
  const t1 = performance.now();
  gc?.();
  const retained = process.memoryUsage().heapUsed - before.heapUsed;
  // maxRSS is the true peak of the process (kB, worker threads included); a sampling timer could not run during a synchronous index.
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const cpu0 = process.cpuUsage();
  const t2 = performance.now();
  const sequential = indexManifests(files);
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const findings = syntheticFindings(index);
  const t4 = performance.now();
  const { mapped, unmapped } = mapFindings(findings, index);
  const t5 = performance.now();
  const reasons = new Map<string, number>();
  for (const u of unmapped) reasons.set(u.code, (reasons.get(u.code) ?? 0) + 1);
  const lines = [
    `index: ${files.length} files (${mb(bytes)} of YAML), ${index.workloads.length} workloads in ${seconds(t1 - t0)} on ${availableParallelism()} threads`,
    `index memory: heap +${mb(retained)} retained (${gc ? 'after gc' : 'no gc: run with --expose-gc'}), peak RSS ${mb(peakRss)}`,
    `index on one thread: ${seconds(t3 - t2)} wall, ${seconds((cpu.user + cpu.system) / 1000)} CPU; same index: ${sameIndex(index, sequential)}`,
    `map: ${findings.length} findings in ${seconds(t5 - t4)} → ${mapped.length} fixes from ${mapped.reduce((n, m) => n + m.findings.length, 0)} findings, ${unmapped.length} unmapped (${[...reasons].map(([c, n]) => `${c} ${n}`).join(', ')})`,
  ];
  process.stdout.write(`${lines.map((l) => `locate ${l}`).join('\n')}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run();
