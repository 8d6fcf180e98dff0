/**
 * The posture dashboard issue's body (issue 13): the score and its trend, pass rates per framework and the
 * failing controls, a prioritised list of fixes with a checkbox each, kubemend's open pull requests, the
 * exemptions in force, what could not be fixed and why, errors, a "sweep now" checkbox, and hidden state.
 * GitHub refuses bodies over 65,536 characters: lists are shortened step by step until the body fits,
 * counted in UTF-8 bytes (never fewer than characters); the "sweep now" checkbox and the state are always kept.
 */
import type { Posture } from '../compliance/posture.js';
import { percent } from '../compliance/posture.js';
import type { RemediationInfo } from '../remediation-info.js';
import { renderCheckbox } from './actions.js';
import { type DashboardState, nextHistory, renderDashboardState } from './dashboard-state.js';
import { prioritise } from './prioritise.js';
import {
  errors,
  exemptions,
  failingControls,
  fixFirst,
  frameworkTable,
  notFixed,
  openPullRequests,
} from './sections.js';
import { renderTrendChart } from './trend-chart.js';

/** GitHub's limit on an issue body. */
export const MAX_BODY = 65_536;

/** Most items per list at each level of detail, tried in order. */
const DETAIL = [Number.POSITIVE_INFINITY, 500, 100, 25, 5, 0];

export interface DashboardInput {
  posture: Posture;
  /** The remediations that ran (titles, severities). */
  remediations: readonly RemediationInfo[];
  /** The state read from the issue before this write; undefined for a new dashboard. */
  previous?: DashboardState;
  /** When the sweep ran, ISO 8601. */
  now: string;
  /** kubemend's open pull requests in the repository. Default: []. */
  openPullRequests?: ReadonlyArray<{ number: number; title: string }>;
  /** Errors of the sweep beyond the files the posture could not evaluate. Default: []. */
  errors?: readonly string[];
  /** Action ids whose boxes stay ticked (ticked by someone, not acted on yet). Default: none. */
  ticked?: ReadonlySet<string>;
}

export interface RenderedDashboard {
  body: string;
  state: DashboardState;
  /** The list limit the body was rendered with (Infinity: complete). */
  detail: number;
}

/** The body, within MAX_BODY. */
export function renderDashboard(input: DashboardInput, max = MAX_BODY): RenderedDashboard {
  const { posture } = input;
  const state: DashboardState = {
    v: 1,
    history: nextHistory(input.previous, { at: input.now, passed: posture.score.passed, failed: posture.score.failed }),
  };
  const ticked = input.ticked ?? new Set<string>();
  const tail = tailOf(state, ticked, input.now);
  const priorities = prioritise(posture, input.remediations);
  for (const limit of DETAIL) {
    const head = [
      ...header(posture, state),
      '',
      ...frameworkTable(posture),
      '',
      ...failingControls(posture, limit),
      '',
      ...fixFirst(priorities, ticked, limit),
      '',
      ...openPullRequests(input.openPullRequests ?? [], limit),
      '',
      ...exemptions(posture, limit),
      '',
      ...notFixed(posture, limit),
      '',
      ...errors(posture, input.errors ?? [], limit),
    ].join('\n');
    const body = `${head}\n\n${tail}`;
    if (Buffer.byteLength(body, 'utf8') <= max) return { body, state, detail: limit };
  }
  // At detail 0 every repository string is clipped and lists are counts, but "fix first" keeps one line per
  // remediation: only hundreds of a repository's own remediations get here. The score, "sweep now" and the
  // state then, nothing else.
  return { body: `${header(posture, state)[0]}\n\n${tail}`, state, detail: 0 };
}

function header(posture: Posture, state: DashboardState): string[] {
  const checks = posture.score.passed + posture.score.failed;
  const prior = state.history.at(-2);
  const delta =
    prior && prior.passed + prior.failed > 0 && checks > 0
      ? (100 * posture.score.passed) / checks - (100 * prior.passed) / (prior.passed + prior.failed)
      : undefined;
  const trend =
    delta === undefined
      ? ''
      : ` (${delta >= 0 ? '+' : '−'}${Math.abs(delta).toFixed(1)} points since the previous sweep)`;
  const lines = [
    `**Posture score: ${percent(posture.score)}**${trend}: ${posture.score.passed} of ${checks} (workload × control) checks pass across ${posture.workloads} workloads${posture.score.exempted ? `; ${posture.score.exempted} exempted checks are not counted` : ''}.`,
  ];
  const chart = renderTrendChart(state.history);
  return chart ? [...lines, '', chart] : lines;
}

function tailOf(state: DashboardState, ticked: ReadonlySet<string>, now: string): string {
  return [
    '## Sweep',
    '',
    renderCheckbox({ kind: 'sweep' }, 'Sweep this repository now', ticked.has('sweep')),
    '',
    `<sub>Updated by kubemend at ${now.replace(/[^0-9A-Za-z:.+-]/g, '')}. Edit only the checkboxes: the rest is rewritten on every sweep. Full evidence per control: \`npx kubemend report\`.</sub>`,
    '',
    renderDashboardState(state),
  ].join('\n');
}
