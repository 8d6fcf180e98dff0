/**
 * Worker-thread entry of `indexManifestsParallel`: indexes the chunk of files it is given and posts the
 * IndexedFiles back (structured clone keeps a workload's `object` and `podSpec` shared with its document).
 */
import { parentPort } from 'node:worker_threads';
import { type RepoFile, indexFile } from './index-manifests.js';

parentPort?.on('message', (files: RepoFile[]) => {
  parentPort?.postMessage(files.map((f) => indexFile(f)));
});
