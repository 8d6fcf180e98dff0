/**
 * `indexManifests` on several cores. Parsing YAML is ~1 ms of CPU per typical manifest, so a 10,000-file
 * repo takes ~10 s on one core; worker threads split the files in chunks. The result is the same index,
 * in the same file order. Where the compiled worker is not available (running from TypeScript sources, as
 * in tests), it indexes on the calling thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { markKustomizePatches } from './kustomize-patches.js';
import {
  type IndexedFile,
  type ManifestIndex,
  type RepoFile,
  addToIndex,
  emptyIndex,
  indexManifests,
} from './index-manifests.js';

export interface ParallelIndexOptions {
  /** Worker threads. Default: the machine's available parallelism. */
  workers?: number;
  /** Files per message to a worker. Default: 200. */
  chunk?: number;
}

const WORKER = new URL('./index-worker.js', import.meta.url);

function indexChunks(worker: Worker, chunks: RepoFile[][], out: IndexedFile[][], next: () => number): Promise<void> {
  return new Promise((resolve, reject) => {
    let current = next();
    const send = () => (current < chunks.length ? worker.postMessage(chunks[current]) : resolve());
    worker.on('message', (indexed: IndexedFile[]) => {
      out[current] = indexed;
      current = next();
      send();
    });
    worker.on('error', reject);
    send();
  });
}

/** Parses every file once on `workers` threads; same result as `indexManifests` (without ASTs). */
export async function indexManifestsParallel(
  files: RepoFile[],
  opts: ParallelIndexOptions = {},
): Promise<ManifestIndex> {
  const count = Math.max(
    1,
    Math.min(opts.workers ?? availableParallelism(), Math.ceil(files.length / (opts.chunk ?? 200))),
  );
  if (count < 2 || !existsSync(fileURLToPath(WORKER))) return indexManifests(files);
  const size = opts.chunk ?? 200;
  const chunks = Array.from({ length: Math.ceil(files.length / size) }, (_, i) =>
    files.slice(i * size, (i + 1) * size),
  );
  const out: IndexedFile[][] = [];
  let taken = 0;
  const workers = Array.from({ length: count }, () => new Worker(WORKER));
  try {
    await Promise.all(workers.map((w) => indexChunks(w, chunks, out, () => taken++)));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const index = emptyIndex();
  for (const chunk of out) for (const file of chunk) addToIndex(index, file);
  markKustomizePatches(index);
  return index;
}
