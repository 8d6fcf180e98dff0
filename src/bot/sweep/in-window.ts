/**
 * Whether a moment falls inside a repository's sweep window (config `sweep.window`): its weekday and hour
 * read in the window's time zone with `Intl.DateTimeFormat`, so daylight saving time is the zone's own.
 */
import type { SweepWindow } from '../../config/schema.js';

/** True when `now` is inside `window`; no window is always inside. */
export function inWindow(window: SweepWindow | undefined, now: Date): boolean {
  if (!window) return true;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: window.timezone,
    weekday: 'short',
    hour: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(now);
  const weekday = parts
    .find((p) => p.type === 'weekday')
    ?.value.toLowerCase()
    .slice(0, 3);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  const { from, to } = window.hours;
  // `to` before `from` wraps past midnight (22 → 6); the day is the one the hour falls on.
  const inHours = from < to ? hour >= from && hour < to : hour >= from || hour < to;
  return inHours && window.days.some((d) => d === weekday);
}
