/**
 * The cheap part of a sweep: has anything that decides what kubemend proposes changed since the last full
 * sweep? The default branch head (one conditional request: 304 when it has not moved, not counted against
 * the rate limit), the effective configuration (the repository's `.github/kubemend.yml`, else the
 * organisation's, with `_extends`: one or two requests, since the organisation's file can change without
 * the repository's head moving), and the catalog version. Remediation files in the repository are covered
 * by the head. At most 3 requests for a repository whose configuration is its own or its organisation's.
 */
import type { Config } from '../../config/schema.js';
import { type GitHub, type RepoRef, getBranchHeadIfChanged } from '../../github/index.js';
import type { Diagnostic } from '../../model.js';
import { loadRepoConfig } from '../config/load-repo-config.js';
import { configHash } from '../config-hash.js';
import type { RepoSweepRecord } from './sweep-state.js';

/** Why a repository is swept in full. */
export type ChangeReason = 'first-sweep' | 'catalog-changed' | 'head-moved' | 'config-changed' | 'config-invalid';

export interface RepositoryLook {
  /** The head now (the remembered one when GitHub answered 304); undefined when the branch does not exist. */
  head?: { sha: string; etag?: string };
  config: { ok: true; config: Config; hash: string } | { ok: false; diagnostics: Diagnostic[] };
  /** Undefined: nothing changed. */
  change?: ChangeReason;
}

export interface CheckUnchangedInput {
  branch: string;
  record?: RepoSweepRecord;
  catalogVersion: string;
}

export async function checkUnchanged(gh: GitHub, repo: RepoRef, input: CheckUnchangedInput): Promise<RepositoryLook> {
  const { record } = input;
  const answer = await getBranchHeadIfChanged(gh, repo, input.branch, record?.headEtag);
  const loaded = await loadRepoConfig(gh, repo);
  const config: RepositoryLook['config'] = loaded.ok
    ? { ok: true, config: loaded.config, hash: configHash(loaded.config) }
    : loaded;
  const head =
    answer.state === 'head'
      ? { sha: answer.sha, ...(answer.etag ? { etag: answer.etag } : {}) }
      : answer.state === 'not-modified' && record
        ? { sha: record.headSha, ...(record.headEtag ? { etag: record.headEtag } : {}) }
        : undefined;
  return { ...(head ? { head } : {}), config, ...changeOf(record, input.catalogVersion, head?.sha, config) };
}

function changeOf(
  record: RepoSweepRecord | undefined,
  catalog: string,
  head: string | undefined,
  config: RepositoryLook['config'],
): { change?: ChangeReason } {
  if (!record) return { change: 'first-sweep' };
  if (record.catalogVersion !== catalog) return { change: 'catalog-changed' };
  if (head !== record.headSha) return { change: 'head-moved' };
  if (!config.ok) return { change: 'config-invalid' };
  if (config.hash !== record.configHash) return { change: 'config-changed' };
  return {};
}
