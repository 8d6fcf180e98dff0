/**
 * What a sweep remembers of each repository, so the next one can tell "nothing changed" with a conditional
 * request or two: the default branch head (and the ETag GitHub gave for it), the configuration's hash, the
 * catalog's version, how the last sweep ended and the dashboard it wrote. A port: in this process or a
 * file (memory-sweep-state.ts, `kubemend sweep --state FILE`), or a hash per repository in Redis
 * (redis-sweep-state.ts) so every worker shares it.
 */

export interface RepoSweepRecord {
  headSha: string;
  /** The ETag of the head's answer: the next check sends it as If-None-Match. Default: none. */
  headEtag?: string;
  /** configHash of the effective configuration (src/bot/config-hash.ts). */
  configHash: string;
  catalogVersion: string;
  /** How the last full sweep ended (a sweep that failed is not recorded: the next one runs in full). */
  result: 'done' | 'config-invalid' | 'no-branch' | 'no-files';
  /** ISO 8601. */
  sweptAt: string;
  /** The dashboard issue the last sweep wrote. Default: none. */
  dashboardNumber?: number;
}

export interface SweepState {
  get(key: string): Promise<RepoSweepRecord | undefined>;
  set(key: string, record: RepoSweepRecord): Promise<void>;
  /** Writes what is held to durable storage (the file). Default: nothing to write. */
  flush?(): Promise<void>;
}

/** The record from stored fields, or undefined when they are missing or not a record (a newer or older format). */
export function toRecord(value: unknown): RepoSweepRecord | undefined {
  const v = value as Partial<Record<keyof RepoSweepRecord, unknown>> | null;
  if (
    !v ||
    typeof v.headSha !== 'string' ||
    typeof v.configHash !== 'string' ||
    typeof v.catalogVersion !== 'string' ||
    typeof v.sweptAt !== 'string'
  )
    return undefined;
  if (v.result !== 'done' && v.result !== 'config-invalid' && v.result !== 'no-branch' && v.result !== 'no-files')
    return undefined;
  const dashboard = Number(v.dashboardNumber);
  return {
    headSha: v.headSha,
    ...(typeof v.headEtag === 'string' && v.headEtag ? { headEtag: v.headEtag } : {}),
    configHash: v.configHash,
    catalogVersion: v.catalogVersion,
    result: v.result,
    sweptAt: v.sweptAt,
    ...(Number.isInteger(dashboard) && dashboard > 0 ? { dashboardNumber: dashboard } : {}),
  };
}
