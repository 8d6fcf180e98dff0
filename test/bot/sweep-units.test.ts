/**
 * The parts of a sweep that need no GitHub: the schedule window read in a time zone (weekday and hour,
 * wrapping past midnight), the state file (round trip, a missing file, a file that is not one, a record
 * in another format dropped), and the summary's counting of pull request outcomes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SweepWindowSchema } from '../../src/config/schema.js';
import {
  type RepoSweepRecord,
  SweepStateFileError,
  addOutcome,
  emptySummary,
  formatSummary,
  inWindow,
  loadSweepStateFile,
} from '../../src/bot/sweep/index.js';

const window = (input: unknown) => SweepWindowSchema.parse(input);

describe('the sweep window', () => {
  it('is open any time without one', () => {
    expect(inWindow(undefined, new Date('2026-11-29T03:00:00Z'))).toBe(true);
  });

  it('reads the weekday and hour in its time zone', () => {
    const weekdays = window({
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      hours: { from: 6, to: 18 },
      timezone: 'Europe/Paris',
    });
    // Monday 30 November 2026, 05:30 UTC is 06:30 in Paris (UTC+1 in winter).
    expect(inWindow(weekdays, new Date('2026-11-30T05:30:00Z'))).toBe(true);
    expect(inWindow(weekdays, new Date('2026-11-30T04:30:00Z'))).toBe(false);
    expect(inWindow(weekdays, new Date('2026-11-30T17:00:00Z'))).toBe(false);
    // Sunday.
    expect(inWindow(weekdays, new Date('2026-11-29T10:00:00Z'))).toBe(false);
  });

  it("wraps past midnight when `to` is before `from`, the day being the hour's own", () => {
    const nights = window({ days: ['sat'], hours: { from: 22, to: 6 } });
    expect(inWindow(nights, new Date('2026-11-28T23:00:00Z'))).toBe(true);
    expect(inWindow(nights, new Date('2026-11-28T05:00:00Z'))).toBe(true);
    expect(inWindow(nights, new Date('2026-11-28T12:00:00Z'))).toBe(false);
    expect(inWindow(nights, new Date('2026-11-29T01:00:00Z'))).toBe(false);
  });

  it('rejects a time zone that is not one', () => {
    expect(SweepWindowSchema.safeParse({ timezone: 'Mars/Olympus' }).error?.issues[0]?.message).toBe(
      'timezone must be an IANA time zone such as Europe/Paris or UTC',
    );
  });
});

const record: RepoSweepRecord = {
  headSha: 'a'.repeat(40),
  headEtag: 'W/"x"',
  configHash: 'c',
  catalogVersion: 'v',
  result: 'done',
  sweptAt: '2026-11-30T03:00:00.000Z',
  dashboardNumber: 4,
};

describe('the sweep state file', () => {
  it('starts empty without a file, and keeps what flush wrote', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kubemend-state-')), 'state.json');
    const first = await loadSweepStateFile(file);
    expect(await first.get('o/r')).toBeUndefined();
    await first.set('o/r', record);
    await first.flush?.();
    const second = await loadSweepStateFile(file);
    expect(await second.get('o/r')).toEqual(record);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, repositories: { 'o/r': record } });
  });

  it('names a file that is not a state file, and drops a record in another format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubemend-state-'));
    writeFileSync(join(dir, 'bad.json'), 'not json');
    await expect(loadSweepStateFile(join(dir, 'bad.json'))).rejects.toThrow(SweepStateFileError);
    await expect(loadSweepStateFile(join(dir, 'bad.json'))).rejects.toThrow(
      /bad\.json: not a kubemend sweep state file/,
    );
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ repositories: { 'o/old': { headSha: 1 }, 'o/r': record } }));
    const state = await loadSweepStateFile(join(dir, 'old.json'));
    expect(await state.get('o/old')).toBeUndefined();
    expect(await state.get('o/r')).toEqual(record);
  });
});

describe('the sweep summary', () => {
  it('counts pull requests opened, updated and closed, and lists errors', () => {
    const summary = emptySummary();
    addOutcome(summary, {
      outcome: 'done',
      pullRequests: [
        { key: 'a', branch: 'b', outcome: 'created' },
        { key: 'c', branch: 'd', outcome: 'regenerated' },
        { key: 'e', branch: 'f', outcome: 'closed' },
        { key: 'g', branch: 'h', outcome: 'limit' },
      ],
      sweep: { status: 'swept', dashboard: 'created' },
    });
    addOutcome(summary, { outcome: 'done', pullRequests: [], sweep: { status: 'unchanged' } });
    summary.errors.push('o/r: boom');
    expect(summary).toMatchObject({
      swept: 1,
      unchanged: 1,
      dashboards: 1,
      pullRequests: { opened: 1, updated: 1, closed: 1 },
    });
    expect(formatSummary(summary)).toContain(
      '  pull requests:     1 opened, 1 updated, 1 closed\n  dashboards written: 1\n  errors:            1\n    - o/r: boom\n',
    );
  });
});
