/**
 * Sweep state in this process, optionally kept in a JSON file between runs (`kubemend sweep --state FILE`,
 * for a Kubernetes CronJob with a volume). The file is read once, written whole by `flush` through a
 * temporary file and a rename, so a run killed mid-write leaves the previous state, never half of one.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { type RepoSweepRecord, type SweepState, toRecord } from './sweep-state.js';

/** The state file is not what `flush` writes (not JSON, not an object). */
export class SweepStateFileError extends Error {
  override name = 'SweepStateFileError';
}

/** State in memory; with `file`, written there by `flush`. Default: no file. */
export function createMemorySweepState(
  options: { file?: string; records?: Iterable<[string, RepoSweepRecord]> } = {},
): SweepState {
  const records = new Map<string, RepoSweepRecord>(options.records ?? []);
  return {
    get: async (key) => records.get(key),
    set: async (key, record) => {
      records.set(key, record);
    },
    flush: async () => {
      if (!options.file) return;
      const tmp = `${options.file}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify({ version: 1, repositories: Object.fromEntries(records) }, null, 1)}\n`);
      await rename(tmp, options.file);
    },
  };
}

/** The state kept in `file` (a missing file is an empty state); `flush` writes it back. Throws SweepStateFileError on a file that is not one. */
export async function loadSweepStateFile(file: string): Promise<SweepState> {
  return createMemorySweepState({ file, records: await load(file) });
}

async function load(file: string): Promise<Array<[string, RepoSweepRecord]>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new SweepStateFileError(`${file}: not a kubemend sweep state file (${(err as Error).message})`);
  }
  const repos = (parsed as { repositories?: unknown } | null)?.repositories;
  if (!repos || typeof repos !== 'object')
    throw new SweepStateFileError(`${file}: not a kubemend sweep state file (no "repositories" object)`);
  // A record in another format is dropped: that repository is swept in full once, and remembered again.
  return Object.entries(repos).flatMap(([key, value]) => {
    const record = toRecord(value);
    return record ? [[key, record] as [string, RepoSweepRecord]] : [];
  });
}
