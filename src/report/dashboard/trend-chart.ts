/**
 * The posture score over recent sweeps as a Mermaid XY chart, which GitHub renders in issues
 * (https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/creating-diagrams,
 * https://mermaid.js.org/syntax/xyChart.html). Only numbers and dates kubemend writes go into it.
 */
import type { ScorePoint } from './dashboard-state.js';

/** Percent with one decimal, or null for a sweep that counted nothing. */
function scoreOf(p: ScorePoint): number | null {
  return p.passed + p.failed === 0 ? null : Math.floor((1000 * p.passed) / (p.passed + p.failed)) / 10;
}

/** `MM-DD HH:mm` in UTC from an ISO time; `?` for anything else (the history is hidden but editable). */
function label(at: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(at);
  return m ? `${m[1]}-${m[2]} ${m[3]}:${m[4]}` : '?';
}

/** The fenced chart, or undefined with fewer than two scored sweeps (a single point is no trend). */
export function renderTrendChart(history: readonly ScorePoint[]): string | undefined {
  const points = history.flatMap((p) => {
    const score = scoreOf(p);
    return score === null ? [] : [{ label: label(p.at), score }];
  });
  if (points.length < 2) return undefined;
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Posture score (% of workload × control checks passing)"',
    `  x-axis [${points.map((p) => `"${p.label}"`).join(', ')}]`,
    '  y-axis "score %" 0 --> 100',
    `  line [${points.map((p) => p.score.toFixed(1)).join(', ')}]`,
    '```',
  ].join('\n');
}
