/**
 * A group's pull request as every front renders it: the title and escaped body from the engine, fitted to
 * GitHub's limit, with the App metadata (key, fingerprints, targets, commit, config and files hashes) that
 * later runs plan the lifecycle from. The App, `kubemend fix --git`, `kubemend example` and the Action all
 * call this, so the same fixes give the same branch, title and body wherever they were made.
 */
import type { AppliedFix } from '../../model.js';
import type { Engine } from '../engine.js';
import { fingerprintSetHash } from './fingerprint-set-hash.js';
import { fitBody } from './fit-body.js';
import type { FixGroup } from './group-results.js';
import { type AppMeta, BODY_LIMIT, type FixTarget, filesHash, fittedAppMeta, withAppMeta } from './meta.js';
import type { DesiredPullRequest } from './plan-pull-request.js';

/** What the group's pull request should be: its fixes' fingerprints, the config hash, and the base blob of each file. */
export function desiredFor(
  engine: Engine,
  group: FixGroup,
  config: string,
  blobShas: ReadonlyMap<string, string>,
): DesiredPullRequest {
  const fingerprints = group.result.files.flatMap((f) => f.fixes.map((fix) => engine.fingerprintFix(fix, f.path)));
  const files = Object.fromEntries(group.result.files.map((f) => [f.path, blobShas.get(f.path) ?? '']));
  return { fingerprints: [...new Set(fingerprints)].sort(), config, files };
}

export function metaFor(group: FixGroup, desired: DesiredPullRequest, commit: string): AppMeta {
  const remediations = [...new Set(group.result.files.flatMap((f) => f.fixes.map((x) => x.remediation)))].sort();
  const targets = group.result.files.flatMap((f) => f.fixes.map((fix) => targetOf(f.path, fix)));
  const { fingerprints, config, files } = desired;
  return {
    v: 2,
    key: group.key,
    set: fingerprintSetHash(fingerprints),
    fingerprints,
    remediations,
    targets,
    commit,
    config,
    filesHash: filesHash(files),
    files,
  };
}

function targetOf(path: string, fix: AppliedFix): FixTarget {
  const { kind, name, namespace } = fix.resource;
  return {
    path,
    remediation: fix.remediation,
    kind,
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(fix.container ? { container: { type: fix.container.type, name: fix.container.name } } : {}),
    sources: fix.sources.map((src) => ({ tool: src.tool, ruleId: src.ruleId })),
  };
}

/** Title and body (metadata included) of the group's pull request whose branch head is `commit` ('' before it exists). */
export function renderGroup(
  engine: Engine,
  group: FixGroup,
  desired: DesiredPullRequest,
  commit: string,
): { title: string; body: string } {
  const meta = metaFor(group, desired, commit);
  const room = BODY_LIMIT - fittedAppMeta(meta).length - 4;
  const { title, body } = engine.renderPullRequest(group.result.files, room);
  return { title, body: withAppMeta(fitBody(body, room), meta) };
}
