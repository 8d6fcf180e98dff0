/**
 * Every command kubemend obeys, with what it needs and where it runs. `help` and unknown commands need
 * only read (they only reply); every command that reads the repository at length or writes needs write
 * (or the allow-list). The check run's buttons map to `fix`, `separate-pr` and `ignore-findings`.
 */
import { escapeMarkdown, inlineCode } from '../../report/escape-markdown.js';
import { runIgnoreFindings, runSeparatePr } from './command-actions.js';
import { runFix } from './command-fix.js';
import { helpResult } from './command-help.js';
import { runIgnore } from './command-ignore.js';
import { runPlan } from './command-plan.js';
import { runRegenerate } from './command-regenerate.js';
import { runSweep } from './command-sweep.js';
import type { CommandSpec } from './command-types.js';

export const COMMANDS: CommandSpec[] = [
  {
    name: 'help',
    need: 'read',
    where: 'anywhere',
    usage: 'help',
    summary: 'This list, your permission, the effective configuration.',
    run: (ctx) => Promise.resolve(helpResult(COMMANDS, ctx)),
  },
  {
    name: 'plan',
    need: 'write',
    where: 'anywhere',
    usage: 'plan [ids…]',
    summary: 'What kubemend would change: on a pull request, the manifests it changes; elsewhere, the repository.',
    run: runPlan,
  },
  {
    name: 'fix',
    need: 'write',
    where: 'pull-request',
    usage: 'fix [ids…]',
    summary: 'One commit with the fixes on this pull request (from a fork: review suggestions).',
    run: runFix,
  },
  {
    name: 'ignore',
    need: 'write',
    where: 'anywhere',
    usage: 'ignore <remediation> [Kind/name | glob] [-- reason]',
    summary: 'A pull request adding an exemption to `.github/kubemend.yml`.',
    run: (ctx) => runIgnore(ctx, false),
  },
  {
    name: 'unignore',
    need: 'write',
    where: 'anywhere',
    usage: 'unignore <remediation> [Kind/name | glob]',
    summary: 'A pull request removing matching exemptions.',
    run: (ctx) => runIgnore(ctx, true),
  },
  {
    name: 'sweep',
    need: 'write',
    where: 'anywhere',
    usage: 'sweep',
    summary: 'A drift sweep of this repository now.',
    run: runSweep,
  },
  {
    name: 'rebase',
    need: 'write',
    where: 'own-pull-request',
    usage: 'rebase',
    summary:
      "On kubemend's pull requests: make its fixes again on the current default branch (only its own commits on the branch).",
    run: (ctx) => runRegenerate(ctx, 'rebase'),
  },
  {
    name: 'recreate',
    need: 'write',
    where: 'own-pull-request',
    usage: 'recreate',
    summary: "On kubemend's pull requests: the same, even over other people's commits (the reply lists what is lost).",
    run: (ctx) => runRegenerate(ctx, 'recreate'),
  },
];

/** Actions of the check run, not typed in comments (not in help). */
export const ACTIONS: CommandSpec[] = [
  { name: 'fix', need: 'write', where: 'pull-request', usage: 'fix', summary: 'Fix in this PR', run: runFix },
  {
    name: 'separate-pr',
    need: 'write',
    where: 'pull-request',
    usage: 'separate-pr',
    summary: 'Open a separate PR',
    run: runSeparatePr,
  },
  {
    name: 'ignore-findings',
    need: 'write',
    where: 'pull-request',
    usage: 'ignore-findings',
    summary: 'Ignore',
    run: runIgnoreFindings,
  },
];

/** The check run button identifiers and the action each runs. */
export const ACTION_IDS: Record<string, string> = {
  fix: 'fix',
  'separate-pr': 'separate-pr',
  ignore: 'ignore-findings',
};

/** The spec for a typed command, or help with a note for an unknown one. */
export function specFor(name: string, fromAction: boolean): CommandSpec {
  const found = (fromAction ? ACTIONS : COMMANDS).find((s) => s.name === name);
  if (found) return found;
  const note = name === '' ? 'A command word is missing.' : `Unknown command ${inlineCode(name)}.`;
  return {
    name,
    need: 'read',
    where: 'anywhere',
    usage: name,
    summary: escapeMarkdown(name),
    run: (ctx) => Promise.resolve(helpResult(COMMANDS, ctx, note)),
  };
}
