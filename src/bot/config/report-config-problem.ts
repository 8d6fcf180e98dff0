/**
 * An invalid `.github/kubemend.yml`, or remediation file of its `remediations.directory`, gets one failing
 * check run on the default branch's head commit, and nothing else happens in the repository. The problem's
 * hash is the check run's `external_id`, so the same problem on the same commit is reported once however
 * many events arrive.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../model.js';
import { escapeMarkdown } from '../../report/escape-markdown.js';
import { type GitHub, type RepoRef, createCheckRun, listCheckRunIds } from '../../github/index.js';
import { CONFIG_PATH } from './load-repo-config.js';

export const CONFIG_CHECK_NAME = 'kubemend / configuration';

/** Creates the check run unless one with the same problems exists on `headSha`. Returns whether it wrote. */
export async function reportConfigProblem(
  gh: GitHub,
  repo: RepoRef,
  headSha: string,
  diagnostics: Diagnostic[],
): Promise<boolean> {
  const lines = diagnostics.map((d) => d.message);
  const externalId = `kubemend-config:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  const existing = await listCheckRunIds(gh, repo, headSha, CONFIG_CHECK_NAME);
  if (existing.includes(externalId)) return false;
  // A problem without a file is the config's; remediation files (`remediations.directory`) name their own.
  const files = [...new Set(diagnostics.map((d) => d.file ?? CONFIG_PATH))];
  const schemas = files.some((f) => f !== CONFIG_PATH)
    ? ' and `schemas/remediation.schema.json` (remediation files)'
    : '';
  const summary = [
    'kubemend did nothing in this repository because its configuration is invalid. Fix these and push:',
    '',
    ...lines.map((line) => `- ${escapeMarkdown(line)}`),
    '',
    `The schema: \`schemas/kubemend-config.schema.json\`${schemas} in the kubemend repository.`,
  ].join('\n');
  const title = `${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} in ${files.join(', ')}`;
  await createCheckRun(gh, repo, {
    name: CONFIG_CHECK_NAME,
    headSha,
    conclusion: 'failure',
    title,
    summary,
    externalId,
  });
  return true;
}
