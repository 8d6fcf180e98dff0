/**
 * Hostile strings from manifests and findings stay inert in PR bodies, and what a reviewer sees (and
 * copies) is exactly the source text: no HTML entities, no visible backslashes, no invisible characters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeFence, escapeMarkdown, inlineCode } from '../../src/report/escape-markdown.js';
import { codeTexts, prose, renderHtml, visibleText } from './github-markdown.js';

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/;

/** Rendered in the middle of a line, as every caller places it. */
function seen(escaped: string): { html: string; text: string } {
  const html = renderHtml(`x ${escaped} y`);
  return { html, text: visibleText(html).trim().slice(2, -2) };
}

/** Rendered in a table cell. */
function seenInCell(escaped: string): { html: string; text: string } {
  const html = renderHtml(`| a | b |\n|---|---|\n| x ${escaped} y | z |\n`);
  const cell = /<tbody>\s*<tr>\s*<td>([\s\S]*?)<\/td>\s*<td>z<\/td>/.exec(html)?.[1];
  return { html, text: visibleText(cell ?? '<missing cell>').slice(2, -2) };
}

describe('escapeMarkdown', () => {
  it.each([
    ['@octocat please review', '`@octocat` please review'],
    ['fixes #123 and org/repo#7 and GH-42', 'fixes `#123` and `org/repo#7` and `GH-42`'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['</details><script>', '\\</details\\>\\<script\\>'],
    ['a|b', 'a\\|b'],
    ['[click](https://evil.example)', '`[click](https://evil.example)`'],
    ['**bold** _it_ `code` ~~s~~', '\\*\\*bold\\*\\* \\_it\\_ `code` \\~\\~s\\~\\~'],
    ['line\nbreak\r\n| x |', 'line break \\| x \\|'],
    ['www.evil.example', '`www.evil.example`'],
    ['a & "b"', 'a \\& "b"'],
    ['back\\slash', 'back\\\\slash'],
    ['image `nginx@sha256:0123abcd` runs as root', 'image `nginx@sha256:0123abcd` runs as root'],
    ['pinned by nginx@sha256:0123abcd, runs as root', 'pinned by `nginx@sha256:0123abcd,` runs as root'],
    ['set `readOnlyRootFilesystem: false` on purpose', 'set `readOnlyRootFilesystem: false` on purpose'],
    ['a stray ` backtick', 'a stray `` ` `` backtick'],
    ['`a`@b', '`a@b`'],
    ['$x$ math', '\\$x\\$ math'],
    ['drop NET_RAW and DAC_OVERRIDE, not _this_', 'drop NET_RAW and DAC_OVERRIDE, not \\_this\\_'],
  ])('%j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('escapes | inside code spans only in table cells', () => {
    expect(escapeMarkdown('see `a|b` and @x|y')).toBe('see `a|b` and `@x|y`');
    expect(escapeMarkdown('see `a|b` and @x|y', { table: true })).toBe('see `a\\|b` and `@x\\|y`');
  });

  const units = [
    ...'aZ09 .,:;/-@#\\*_[]()<>&"\'|~$!{}=\n\twGH'.split(''),
    'www.',
    'GH-1',
    'https://',
    '&quot;',
    '&#64;',
    '<!--',
    '-->',
  ];
  const check = (input: string, sameText: boolean): void => {
    const escaped = escapeMarkdown(input);
    expect(escaped).not.toMatch(INVISIBLE);
    expect(escaped).not.toMatch(/\n/);
    for (const { html, text } of [seen(escaped), seenInCell(escapeMarkdown(input, { table: true }))]) {
      if (sameText) expect(text.trim()).toBe(input.replace(/[\r\n\t]+/g, ' ').trim());
      expect(html).not.toMatch(/<(?!\/?(?:p|code|table|thead|tbody|tr|th|td)\b)/);
      expect(prose(html)).not.toMatch(/[@#]|:\/\/|www\./i);
    }
  };

  it('renders text without backticks exactly as the source, with no mention, reference, link or tag outside code', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...units), maxLength: 40 }), (input) => check(input, true)),
      { numRuns: 500 },
    );
  });

  it('keeps text with code spans and stray backticks inert', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...units, '`', '``'), maxLength: 40 }), (input) =>
        check(input, false),
      ),
      { numRuns: 500 },
    );
  });
});

describe('inlineCode', () => {
  it('uses a fence longer than any backtick run, pads where CommonMark would strip, keeps | outside tables', () => {
    expect(inlineCode('plain')).toBe('`plain`');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('``x')).toBe('``` ``x ```');
    expect(inlineCode(' x ')).toBe('`  x  `');
    expect(inlineCode('a|b\nc')).toBe('`a|b c`');
    expect(inlineCode('a|b', { table: true })).toBe('`a\\|b`');
  });

  it('renders as exactly its text, in prose and in table cells, with nothing invisible', () => {
    // All-space spans are left out: markdown-it (unlike CommonMark 0.31) renders them as one space.
    const text = fc
      .string({ unit: fc.constantFrom(...'a @#`\\|*_<>&"$'.split('')), minLength: 1, maxLength: 30 })
      .filter((t) => /[^ ]/.test(t));
    fc.assert(
      fc.property(text, (input) => {
        const code = inlineCode(input);
        expect(code).not.toMatch(INVISIBLE);
        expect(codeTexts(seen(code).html)).toEqual([input]);
        expect(codeTexts(seenInCell(inlineCode(input, { table: true })).html)).toEqual([input]);
      }),
      { numRuns: 400 },
    );
  });
});

describe('codeFence', () => {
  it('is longer than any backtick fence in the content, which stays byte for byte', () => {
    expect(codeFence('no fences')).toBe('```');
    expect(codeFence('+```\n+````yaml')).toBe('`````');
    const yaml = 'image: nginx@sha256:0123abcd # @owner see #12 <b>\n+````\n';
    const fence = codeFence(yaml);
    expect(codeTexts(renderHtml(`${fence}yaml\n${yaml}${fence}\n`))).toEqual([yaml]);
  });
});
