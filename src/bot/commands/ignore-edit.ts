/**
 * The edit `ignore` and `unignore` make to `.github/kubemend.yml`: one entry added to (or the matching
 * entries removed from) the `ignore` list, through the minimal edit engine (src/patch): comments, order and
 * every other byte of the file stay as they were, and the new file must parse and pass the config schema
 * with the entry there (or gone), or nothing is proposed.
 */
import { stringify } from 'yaml';
import { loadConfigText } from '../../config/load-config.js';
import type { IgnoreRule } from '../../config/schema.js';
import { applyChanges } from '../../patch/index.js';
import { parseYamlFile } from '../../yaml.js';

/** The entry a command asks for (absent fields are not written). */
export interface IgnoreEntry {
  remediation: string;
  resource?: string;
  path?: string;
  reason?: string;
}

export type IgnoreEdit =
  | { ok: true; text: string; changed: number }
  | { ok: false; problem: 'unchanged' | 'invalid' | 'refused'; message: string };

function entryObject(e: IgnoreEntry): Record<string, string> {
  return {
    remediation: e.remediation,
    ...(e.resource ? { resource: e.resource } : {}),
    ...(e.path ? { path: e.path } : {}),
    ...(e.reason ? { reason: e.reason } : {}),
  };
}

/** Same remediation and target: the entry `unignore` removes and `ignore` does not add twice. */
function sameTarget(rule: Partial<IgnoreRule>, e: IgnoreEntry, anyTarget: boolean): boolean {
  if ((rule.remediation ?? 'all') !== e.remediation) return false;
  if (anyTarget) return true;
  return (
    (rule.resource ?? '') === (e.resource ?? '') && (rule.path ?? '') === (e.path ?? '') && rule.namespace === undefined
  );
}

function rawIgnore(
  text: string,
): { docValue: Record<string, unknown> | undefined; list: Array<Partial<IgnoreRule>> | undefined } | undefined {
  const doc = parseYamlFile(text, { file: '.github/kubemend.yml' }).docs[0];
  if (!doc || doc.error) return undefined;
  const value = (doc.value ?? {}) as Record<string, unknown>;
  const list = value.ignore;
  return { docValue: value, list: Array.isArray(list) ? (list as Array<Partial<IgnoreRule>>) : undefined };
}

function verified(text: string): IgnoreEdit | undefined {
  const checked = loadConfigText(text);
  return checked.ok
    ? undefined
    : { ok: false, problem: 'invalid', message: checked.diagnostics.map((d) => d.message).join('; ') };
}

/** Adds `entry` to the file's `ignore` list (`text` undefined: the file does not exist yet). */
export function addIgnore(text: string | undefined, entry: IgnoreEntry): IgnoreEdit {
  if (text === undefined || text.trim() === '') {
    const created = `${text ?? ''}${stringify({ ignore: [entryObject(entry)] })}`;
    return verified(created) ?? { ok: true, text: created, changed: 1 };
  }
  const raw = rawIgnore(text);
  if (!raw) return { ok: false, problem: 'invalid', message: 'the file does not parse as YAML' };
  if (raw.list?.some((r) => sameTarget(r, entry, false)))
    return { ok: false, problem: 'unchanged', message: 'an entry for this is already there' };
  const op = raw.list
    ? { op: 'add' as const, path: '/ignore/-', value: entryObject(entry) }
    : { op: 'add' as const, path: '/ignore', value: [entryObject(entry)] };
  const result = applyChanges(text, [{ id: 'ignore', doc: 0, ops: [op] }]);
  if (result.applied.length === 0)
    return { ok: false, problem: 'refused', message: result.refused[0]?.message ?? 'the edit was refused' };
  return verified(result.text) ?? { ok: true, text: result.text, changed: 1 };
}

/** Removes the entries for `entry`'s remediation (and its target, when it names one), one at a time from the end. */
export function removeIgnore(text: string | undefined, entry: IgnoreEntry): IgnoreEdit {
  const raw = text === undefined ? undefined : rawIgnore(text);
  const anyTarget = !entry.resource && !entry.path;
  const indices = (raw?.list ?? []).flatMap((r, i) => (sameTarget(r, entry, anyTarget) ? [i] : [])).reverse();
  if (text === undefined || indices.length === 0)
    return { ok: false, problem: 'unchanged', message: 'no ignore entry matches' };
  let out = text;
  for (const i of indices) {
    const result = applyChanges(out, [{ id: 'unignore', doc: 0, ops: [{ op: 'remove', path: `/ignore/${i}` }] }]);
    if (result.applied.length === 0)
      return { ok: false, problem: 'refused', message: result.refused[0]?.message ?? 'the edit was refused' };
    out = result.text;
  }
  return verified(out) ?? { ok: true, text: out, changed: indices.length };
}
