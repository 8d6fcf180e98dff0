/**
 * What the dashboard issue remembers between sweeps, hidden in its own body: the marker it is found by and
 * the score history its trend chart draws. Kept in the body (not in a store) so the issue is the whole
 * truth and any worker, with or without Redis, reads the same thing. Trusted only in an issue the App
 * itself opened (src/bot/dashboard checks the author).
 */
import { z } from 'zod';
import { parseHiddenComment, renderHiddenComment } from '../hidden-comment.js';

/** Starts the hidden comment that holds the state; finding the issue looks for it. */
export const DASHBOARD_MARKER = '<!-- kubemend:dashboard ';

/** Sweeps kept in the history (the chart's points). Default: 20. */
export const HISTORY_LENGTH = 20;

const PointSchema = z.object({
  /** ISO 8601 time of the sweep. */
  at: z.string().max(40),
  passed: z.number().int().min(0),
  failed: z.number().int().min(0),
});

export const DashboardStateSchema = z.object({
  v: z.literal(1),
  history: z.array(PointSchema).max(HISTORY_LENGTH * 2),
});

export type ScorePoint = z.output<typeof PointSchema>;
export type DashboardState = z.output<typeof DashboardStateSchema>;

/** The hidden comment holding `state`. */
export function renderDashboardState(state: DashboardState): string {
  return renderHiddenComment(DASHBOARD_MARKER, state);
}

/** The state in `body`, or undefined (no marker, edited beyond recognition). */
export function parseDashboardState(body: string): DashboardState | undefined {
  return parseHiddenComment(body, DASHBOARD_MARKER, DashboardStateSchema);
}

/** Whether `body` is a dashboard's (holds the marker). */
export function isDashboardBody(body: string | null | undefined): boolean {
  return typeof body === 'string' && body.includes(DASHBOARD_MARKER);
}

/** The history after a sweep scored `point`: appended, the oldest dropped beyond HISTORY_LENGTH. */
export function nextHistory(previous: DashboardState | undefined, point: ScorePoint): ScorePoint[] {
  return [...(previous?.history ?? []), point].slice(-HISTORY_LENGTH);
}
