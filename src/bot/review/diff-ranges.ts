/**
 * The head-side line ranges of a pull request file's diff: GitHub anchors review comments (and so
 * suggestions) only on lines inside a hunk, and a comment over several lines must stay inside one hunk,
 * else it answers 422. https://docs.github.com/rest/pulls/comments#create-a-review-comment-for-a-pull-request
 */

/** Inclusive 1-based line range on the head side. */
export interface LineRange {
  start: number;
  end: number;
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm;

/** The head-side range of every hunk of a unified diff (GitHub's `patch` field); [] for none. */
export function diffRanges(patch: string | undefined): LineRange[] {
  if (!patch) return [];
  const out: LineRange[] = [];
  for (const m of patch.matchAll(HUNK)) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (count > 0) out.push({ start, end: start + count - 1 });
  }
  return out;
}

/** Whether `range` lies inside one of `ranges`. */
export function insideOne(range: LineRange, ranges: LineRange[]): boolean {
  return ranges.some((r) => r.start <= range.start && range.end <= r.end);
}
