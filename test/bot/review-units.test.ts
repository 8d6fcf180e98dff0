import { describe, expect, it } from 'vitest';
import { batches } from '../../src/bot/review/annotations.js';
import { diffRanges, insideOne } from '../../src/bot/review/diff-ranges.js';
import { lineEdits } from '../../src/bot/review/line-edits.js';
import { possibleManifests } from '../../src/bot/review/manifest-files.js';
import { reviewActions } from '../../src/bot/review/review-check.js';
import { parseCommandReply, renderCommandReply, replyKey } from '../../src/report/command-reply.js';
import { renderSuggestion } from '../../src/report/review-suggestion.js';
import { renderReviewSummary } from '../../src/report/review-summary.js';
import { codeTexts, prose, renderHtml } from '../report/github-markdown.js';

/** Applies line edits bottom up, as committing every suggestion would. */
function apply(text: string, edits: ReturnType<typeof lineEdits>): string {
  const lines = text.split('\n');
  for (const e of [...edits].reverse()) lines.splice(e.start - 1, e.end - e.start + 1, ...e.lines);
  return lines.join('\n');
}

describe('line edits (what suggestions can say)', () => {
  const before = 'a: 1\nb:\n  c: 2\nd: 3\n';

  it('anchors an insertion on the line above it and repeats that line', () => {
    const after = 'a: 1\nb:\n  c: 2\n  e: 4\n  f: 5\nd: 3\n';
    expect(lineEdits(before, after)).toEqual([{ start: 3, end: 3, lines: ['  c: 2', '  e: 4', '  f: 5'] }]);
  });

  it('replaces changed lines in place, over several lines when several change, and at the top anchors below', () => {
    expect(lineEdits(before, 'a: 1\nb:\n  c: 9\nd: 9\n')).toEqual([{ start: 3, end: 4, lines: ['  c: 9', 'd: 9'] }]);
    expect(lineEdits(before, `# top\n${before}`)).toEqual([{ start: 1, end: 1, lines: ['# top', 'a: 1'] }]);
    expect(lineEdits(before, before)).toEqual([]);
  });

  it('gives back the new text when every edit is applied, for several separate edits', () => {
    const after = 'a: 2\nb:\n  c: 2\n  x: 1\nd: 3\ne: 5\n';
    expect(apply(before, lineEdits(before, after))).toBe(after);
  });
});

describe('diff ranges', () => {
  it('reads the head-side range of every hunk, and a range must sit inside one', () => {
    const patch = '@@ -1,3 +1,4 @@\n a\n+b\n c\n d\n@@ -10 +11,2 @@\n-x\n+y\n+z\n@@ -20,2 +22,0 @@\n-p\n-q';
    const ranges = diffRanges(patch);
    expect(ranges).toEqual([
      { start: 1, end: 4 },
      { start: 11, end: 12 },
    ]);
    expect(insideOne({ start: 2, end: 4 }, ranges)).toBe(true);
    expect(insideOne({ start: 4, end: 11 }, ranges)).toBe(false);
    expect(diffRanges(undefined)).toEqual([]);
  });
});

describe('check run pieces', () => {
  it('batches annotations 50 a request, at least one request', () => {
    expect(
      batches(
        Array.from({ length: 120 }, (_, i) => i),
        50,
      ).map((b) => b.length),
    ).toEqual([50, 50, 20]);
    expect(batches([], 50)).toEqual([[]]);
  });

  it('offers three buttons within GitHub’s limits, only Ignore on a fork', () => {
    for (const a of reviewActions(false)) {
      expect(a.label.length).toBeLessThanOrEqual(20);
      expect(a.description.length).toBeLessThanOrEqual(40);
      expect(a.identifier.length).toBeLessThanOrEqual(20);
    }
    expect(reviewActions(false)).toHaveLength(3);
    expect(reviewActions(true).map((a) => a.identifier)).toEqual(['ignore']);
  });

  it('reviews only added or changed YAML and JSON files', () => {
    const f = (path: string, status: 'added' | 'removed' | 'modified') => ({ path, status, sha: 'a'.repeat(40) });
    expect(
      possibleManifests([
        f('a.yaml', 'added'),
        f('b.yml', 'removed'),
        f('c.json', 'modified'),
        f('README.md', 'modified'),
      ]).map((x) => x.path),
    ).toEqual(['a.yaml', 'c.json']);
  });
});

describe('rendering', () => {
  const hostile = {
    remediation: 'run-as-non-root',
    resource: { kind: 'Deployment', name: '@admin [x](https://evil.example) <b>#2</b>' },
    container: { type: 'containers' as const, index: 0, name: '`app`' },
  };

  it('a suggestion keeps the file’s bytes in a fence they cannot close, and escapes the names above it', () => {
    const body = renderSuggestion([hostile], ['  image: a', '  note: "```"'], undefined);
    expect(body).toContain('````suggestion\n  image: a\n  note: "```"\n````');
    const html = renderHtml(body);
    expect(html).not.toMatch(/<a |<b>/);
    expect(prose(html)).not.toMatch(/@admin|#2/);
  });

  it('a summary names the fixes by place and escapes them', () => {
    const summary = renderReviewSummary({
      fixes: [{ ...hostile, path: 'k8s/@x.yaml', line: 4, suggested: false }],
      held: [],
      files: 1,
      fromFork: false,
    });
    expect(summary).toContain('**Fixes outside the diff**');
    const html = renderHtml(summary);
    expect(html).not.toMatch(/<a |<b>/);
    expect(prose(html)).not.toMatch(/@admin|@x|#2/);
    expect(codeTexts(html)).toContain('k8s/@x.yaml');
  });

  it('a reply quotes the command as code, carries its key, and parses back; a body that is not a reply has none', () => {
    const key = replyKey('42', '/kubemend fix <img src=x> -->');
    const body = renderCommandReply({ key, status: 'done', line: '/kubemend fix <img src=x> -->', body: ['done'] });
    expect(parseCommandReply(body)).toEqual({ key, status: 'done' });
    expect(renderHtml(body)).not.toMatch(/<img/);
    expect(parseCommandReply('just a comment <!-- kubemend:reply {"key":1} -->')).toBeUndefined();
  });

  it('a reply longer than a comment is cut and keeps its key outside any code block', () => {
    const body = renderCommandReply({
      key: 'k',
      status: 'done',
      line: '/kubemend plan',
      body: ['```diff', 'x\n'.repeat(40_000)],
    });
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(parseCommandReply(body)).toEqual({ key: 'k', status: 'done' });
    expect((body.match(/^```/gm) ?? []).length % 2).toBe(0);
  });
});
