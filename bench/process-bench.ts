/**
 * `kubemend fix` as users run it (a process, in CI, on every push) against the naive peer (naive-fix.ts: parse
 * with `yaml`, set the fields, re-stringify), both over a fresh copy of the shared corpus (the figure issue 11
 * sets its goal on: manifests, Kustomize layouts, Helm charts and values, which kubemend renders and fixes
 * through values while the peer only re-stringifies), over its plain manifests alone (`files/`), and on an
 * empty folder (start-up alone). Prints median wall and CPU seconds of BENCH_ROUNDS rounds (default 5; the two
 * take turns within a round so that load from other processes weighs on both alike) and kubemend's speed as a
 * fraction of the peer's (naive seconds / kubemend seconds: 1.0x is as fast; the goal of issue 11 is 0.5x).
 * CPU time (user + system of the child, from /proc/self/stat) is the steadier figure on a shared machine; wall
 * time is what a CI job waits for.
 * Run alone: `npm run bench process`. KUBEMEND_SHARED overrides ../shared, as in the tests.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR } from './bundle.js';

const KUBEMEND = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const NAIVE = fileURLToPath(new URL('./naive-fix.js', import.meta.url));

interface Time {
  wall: number;
  cpu: number;
}

/** CPU seconds of this process's waited-for children (cutime + cstime, fields 16 and 17 of /proc/self/stat). */
function childrenCpu(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8')
    .replace(/^.*\) /s, '')
    .split(' ');
  // After the command name, field 3 is at index 0: cutime is field 16, cstime field 17 (proc(5)), in ticks of 1/100 s.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Wall and CPU seconds of `node <script> <args>` in a child process; throws when it crashes (exit 2 or a signal). */
function timeProcess(script: string, args: string[]): Time {
  const cpu0 = childrenCpu();
  const t0 = performance.now();
  const child = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = (performance.now() - t0) / 1000;
  // `fix` exits 1 when some file could not be processed (the corpus holds invalid YAML on purpose).
  if (child.status !== 0 && child.status !== 1)
    throw new Error(`${script} ${args.join(' ')}: exit ${child.status ?? child.signal}\n${child.stderr}`);
  return { wall, cpu: childrenCpu() - cpu0 };
}

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** One round over a fresh copy of `source` (each fixer rewrites its copy in place). */
function round(source: string | undefined, work: string): { kubemend: Time; naive: Time } {
  const copy = (name: string) => {
    const dir = join(work, name);
    rmSync(dir, { recursive: true, force: true });
    if (source) cpSync(source, dir, { recursive: true });
    else mkdirSync(dir);
    return dir;
  };
  const kubemend = timeProcess(KUBEMEND, ['fix', copy('kubemend'), '--format', 'json']);
  const naive = timeProcess(NAIVE, [copy('naive')]);
  return { kubemend, naive };
}

function row(label: string, rounds: Array<{ kubemend: Time; naive: Time }>): string {
  const cells = (['wall', 'cpu'] as const).flatMap((m) => {
    const k = median(rounds.map((r) => r.kubemend[m]));
    const n = median(rounds.map((r) => r.naive[m]));
    return [k.toFixed(2), n.toFixed(2), `${(n / k).toFixed(2)}x`];
  });
  return `| ${[label, ...cells].join(' | ')} |`;
}

export async function run(): Promise<void> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const work = mkdtempSync(join(tmpdir(), 'kubemend-process-'));
  try {
    const empty = Array.from({ length: rounds }, () => round(undefined, work));
    const corpus = Array.from({ length: rounds }, () => round(CORPUS_DIR, work));
    const plain = Array.from({ length: rounds }, () => round(join(CORPUS_DIR, 'files'), work));
    console.log(
      `kubemend fix vs the naive fixer, each as a process; median seconds of ${rounds} rounds; speed = naive s / kubemend s`,
    );
    console.log(
      '| folder | kubemend wall s | naive wall s | speed (wall) | kubemend CPU s | naive CPU s | speed (CPU) |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    console.log(row('empty (start-up)', empty));
    console.log(row('shared corpus', corpus));
    console.log(row('corpus files/ (plain manifests)', plain));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run();
